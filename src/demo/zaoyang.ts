// Public facts about 枣阳市 (see shared/zaoyang-regions.md); villages beyond these are generated.
export const CITY = { code: '420683000000', name: '枣阳市', population: 888800 };

export interface TownFact {
  code9: string;
  name: string;
  /** Short pinyin used in the town account's username, e.g. zhen_juwan. */
  slug: string;
  urban: boolean;
  population: number | null;
}

export const TOWNS: TownFact[] = [
  { code9: '420683001', name: '北城街道', slug: 'beicheng', urban: true, population: 77400 },
  { code9: '420683002', name: '南城街道', slug: 'nancheng', urban: true, population: 163600 },
  { code9: '420683003', name: '环城街道', slug: 'huancheng', urban: true, population: 51900 },
  { code9: '420683100', name: '琚湾镇', slug: 'juwan', urban: false, population: 48800 },
  { code9: '420683101', name: '七方镇', slug: 'qifang', urban: false, population: 66300 },
  { code9: '420683102', name: '杨垱镇', slug: 'yangdang', urban: false, population: 48600 },
  { code9: '420683103', name: '太平镇', slug: 'taiping', urban: false, population: 62200 },
  { code9: '420683104', name: '新市镇', slug: 'xinshi', urban: false, population: 39200 },
  { code9: '420683105', name: '鹿头镇', slug: 'lutou', urban: false, population: null },
  { code9: '420683106', name: '刘升镇', slug: 'liusheng', urban: false, population: null },
  { code9: '420683107', name: '兴隆镇', slug: 'xinglong', urban: false, population: null },
  { code9: '420683108', name: '王城镇', slug: 'wangcheng', urban: false, population: null },
  { code9: '420683109', name: '吴店镇', slug: 'wudian', urban: false, population: null },
  { code9: '420683110', name: '熊集镇', slug: 'xiongji', urban: false, population: null },
  { code9: '420683111', name: '平林镇', slug: 'pinglin', urban: false, population: null },
  // The two management districts have no published code; 4xx is outside the published ranges.
  { code9: '420683400', name: '车河管理区', slug: 'chehe', urban: false, population: null },
  { code9: '420683401', name: '随阳管理区', slug: 'suiyang', urban: false, population: null },
];

/** Named in the public facts; used first for their towns. */
export const KNOWN_VILLAGES: Record<string, string> = {
  '420683001001': '东园社区',
  '420683002001': '史岗社区',
  '420683003200': '土铺村',
  '420683003201': '柿子园村',
};

/** Common Hubei village names: repeated across towns, as in real life (新集村 is in several). */
export const VILLAGE_STEMS = [
  '新集', '王庄', '李湾', '张湾', '刘庄', '陈岗', '杨湾', '周寨', '赵庄', '黄岗', '吴集', '孙庄', '马湾', '朱庄', '胡岗',
  '郭湾', '何庄', '高岗', '罗湾', '梁集', '宋庄', '郑湾', '谢岗', '韩庄', '唐湾', '冯集', '于庄', '董湾', '萧岗', '程庄',
  '曹湾', '袁集', '邓庄', '许岗', '傅湾', '沈庄', '曾集', '彭湾', '吕岗', '苏庄', '卢湾', '蒋集', '蔡庄', '贾岗', '丁湾',
  '魏庄', '叶湾', '阎岗', '余庄', '潘湾', '杜集', '戴庄', '夏岗', '钟湾', '汪庄', '田集', '任湾', '姜岗', '范庄',
  '方湾', '石集', '石桥', '松林', '姚庄', '谭岗', '廖湾', '邹庄', '金湾', '陆岗', '郝庄', '孔湾', '白集', '崔庄', '康岗', '毛湾',
  '邱庄', '秦集', '江湾', '史岗', '顾庄', '侯湾', '邵集', '孟庄', '龙岗', '万湾', '段庄', '雷集', '钱湾', '汤岗', '尹庄',
  '黎湾', '易集', '常庄', '武岗', '乔湾', '贺庄', '赖集', '龚湾', '文岗', '太平', '兴隆', '前进', '红星', '东风', '团结',
  '和平', '光明', '胜利', '建设', '幸福', '先锋', '卫东', '向阳', '双河', '三合', '五星', '七里', '九龙', '大桥', '小河',
];
export const COMMUNITY_STEMS = [
  '东园', '西园', '南关', '北关', '中山', '人民', '光武', '书院', '民主', '车站', '沙河', '滚河', '前进', '建设', '复兴',
  '新华', '凤凰', '朝阳', '文化', '工农', '团山', '白水', '梨园', '桃园', '花园', '清潭', '霍庄', '三里', '八里', '十里',
];

export const DEPARTMENT_NAMES = [
  '市委办公室', '市政府办公室', '市纪委监委', '市委组织部', '市委宣传部', '市委统战部', '市委政法委', '市委社会工作部',
  '市委网信办', '市委编办', '市委老干部局', '市发展和改革局', '市教育局', '市科学技术和经济信息化局', '市公安局', '市民政局',
  '市司法局', '市财政局', '市人力资源和社会保障局', '市自然资源和规划局', '市生态环境局', '市住房和城乡建设局', '市交通运输局',
  '市水利和湖泊局', '市农业农村局', '市商务局', '市文化和旅游局', '市卫生健康局', '市退役军人事务局', '市应急管理局',
  '市审计局', '市市场监督管理局', '市统计局', '市医疗保障局', '市林业局', '市城市管理执法局', '市乡村振兴局', '市信访局',
  '市数据局', '市政务服务和大数据管理局', '市粮食和物资储备局', '市机关事务服务中心', '市住房公积金中心', '市档案馆',
  '市融媒体中心', '市疾病预防控制中心', '市招商服务中心', '市经济开发区管委会', '市残疾人联合会', '市妇女联合会', '市总工会',
  '团市委', '市科学技术协会', '市红十字会', '市供销合作社', '市工商业联合会', '市文学艺术界联合会', '市气象局', '市消防救援大队',
  '市人民武装部', '市税务局', '市烟草专卖局', '市供电公司', '市人民法院', '市人民检察院', '市邮政分公司',
];
