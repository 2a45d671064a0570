import { NameplateCategory } from './public-list-item.entity.js';

// Modelled on the first national batch (民政部等六部门, 2020: 20 items) and Hubei's own first batch (21 items),
// with items local lists commonly add; the 替代方式 names where the fact is really held.
const NATIONAL = '民政部等六部门《关于改进和规范基层群众性自治组织出具证明工作的指导意见》（民发〔2020〕37号）';
const HUBEI = '《湖北省不应由基层群众性自治组织出具证明事项清单（第一批）》';
const LOCAL = '《枣阳市村(社区)减负清单》：无法律法规依据的证明不由村(社区)出具';

export const DEMO_CERTIFICATES: { name: string; basis: string; alternative: string }[] = [
  { name: '亲属关系证明', basis: NATIONAL, alternative: '凭户口簿、结婚证、出生医学证明等证件办理；需核实的由公安、民政部门核查' },
  { name: '居民身份信息证明', basis: NATIONAL, alternative: '凭居民身份证、户口簿办理；需核实的由户籍所在地公安派出所出具' },
  { name: '户口登记项目内容变更更正证明', basis: HUBEI, alternative: '由公安机关依据档案、原始资料核查办理' },
  { name: '居民养犬证明', basis: NATIONAL, alternative: '向公安机关或养犬管理部门申请养犬登记' },
  { name: '无犯罪记录证明', basis: NATIONAL, alternative: '向户籍地或居住地公安派出所申请开具，可在“湖北公安”政务服务平台办理' },
  { name: '社区戒毒社区康复人员情况证明', basis: NATIONAL, alternative: '由负责社区戒毒、社区康复工作的乡镇(街道)禁毒办出具' },
  { name: '人员失踪证明', basis: NATIONAL, alternative: '向公安机关报案取得报案回执，或向人民法院申请宣告失踪' },
  { name: '婚姻状况证明', basis: NATIONAL, alternative: '凭结婚证、离婚证办理；需核实的由民政部门婚姻登记机关查询' },
  { name: '出生证明', basis: NATIONAL, alternative: '凭医疗机构出具的《出生医学证明》办理' },
  { name: '健在证明（生存证明）', basis: NATIONAL, alternative: '通过社保、民政部门的人脸识别认证或上门核查办理' },
  { name: '死亡证明', basis: NATIONAL, alternative: '由医疗机构、公安机关依职责出具《居民死亡医学证明（推断）书》等' },
  { name: '疾病状况证明', basis: NATIONAL, alternative: '由医疗机构出具诊断证明、病历' },
  { name: '残疾状况证明', basis: NATIONAL, alternative: '凭残疾人证办理；评定由残联指定机构进行' },
  { name: '生育状况证明', basis: HUBEI, alternative: '由卫生健康部门依据生育登记信息查询出具' },
  { name: '居民就业状况证明', basis: NATIONAL, alternative: '凭劳动合同、社保缴费记录办理；失业登记向人社部门申请' },
  { name: '居民个人档案证明', basis: NATIONAL, alternative: '由档案保管单位（人才服务机构、原单位）出具' },
  { name: '居民财产证明', basis: NATIONAL, alternative: '凭不动产权证书、银行存款证明等，由登记或保管机构出具' },
  { name: '遗产继承权证明', basis: NATIONAL, alternative: '通过公证机构办理继承公证，或由人民法院裁判确认' },
  { name: '市场主体住所证明', basis: NATIONAL, alternative: '市场主体登记实行住所申报承诺制，由申请人书面承诺' },
  { name: '证件遗失证明', basis: NATIONAL, alternative: '向发证机关申请挂失补办；需报案的向公安机关报案' },
  { name: '缴费票据遗失证明', basis: HUBEI, alternative: '向收费单位申请补开票据或出具缴费记录' },
  { name: '转学证明', basis: HUBEI, alternative: '由学校和教育行政部门通过学籍管理系统办理' },
  { name: '政审证明', basis: LOCAL, alternative: '由用人单位或征兵、招录部门依规定组织考察，向公安、档案部门核实' },
  { name: '贷款收入证明', basis: LOCAL, alternative: '凭银行流水、纳税记录或用人单位收入证明办理' },
  { name: '家庭经济困难证明', basis: LOCAL, alternative: '学生资助实行个人承诺制；需核实的由民政、乡村振兴部门比对低保、特困等信息' },
  { name: '健康证明', basis: LOCAL, alternative: '由医疗机构体检后出具' },
];

export const DEMO_NAMEPLATES: { name: string; category: NameplateCategory; note: string | null }[] = [
  { name: '中共××村委员会（支部委员会）', category: NameplateCategory.REQUIRED, note: '村党组织，按实际名称' },
  { name: '××村村民委员会', category: NameplateCategory.REQUIRED, note: null },
  { name: '××村村务监督委员会', category: NameplateCategory.REQUIRED, note: null },
  { name: '××村股份经济合作社', category: NameplateCategory.REQUIRED, note: '村集体经济组织，按登记名称' },
  { name: '新时代文明实践站', category: NameplateCategory.OPTIONAL, note: '有固定场所和活动的挂' },
  { name: '综治中心（网格服务站）', category: NameplateCategory.OPTIONAL, note: null },
  { name: '便民服务站', category: NameplateCategory.OPTIONAL, note: '进驻政务服务事项的挂' },
  { name: '退役军人服务站', category: NameplateCategory.OPTIONAL, note: null },
  { name: '妇女之家', category: NameplateCategory.OPTIONAL, note: null },
  { name: '村卫生室', category: NameplateCategory.OPTIONAL, note: '有执业乡村医生的挂' },
  { name: '农家书屋', category: NameplateCategory.OPTIONAL, note: null },
  { name: '老年人日间照料中心', category: NameplateCategory.OPTIONAL, note: '已建成运营的挂' },
  { name: '党群服务中心', category: NameplateCategory.SIGN, note: '统一外观标识，挂在村级组织活动场所正面' },
  { name: '党务村务财务公开栏', category: NameplateCategory.SIGN, note: '统一样式，按时更新' },
];
