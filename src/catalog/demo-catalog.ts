import { Subject, ValueType } from './value-type.js';

export interface ElementDef {
  code: string;
  name: string;
  subject: Subject;
  valueType: ValueType;
  unit?: string;
  options?: string[];
  min?: number;
  max?: number;
  derivedFrom?: string;
  /** Other names of its column in the files towns send (import header matching). */
  aliases?: string[];
}

const village = Subject.VILLAGE;
const resident = Subject.RESIDENT;
const { TEXT, INTEGER, DECIMAL, DATE, BOOLEAN, ENUM, ID_NUMBER, PHONE } = ValueType;

/** What village forms really ask for: the demo catalogue (village 28, resident 18). */
export const DEMO_ELEMENTS: ElementDef[] = [
  {
    code: 'village.registered_population',
    name: '户籍人口',
    subject: village,
    valueType: INTEGER,
    unit: '人',
    min: 0,
    aliases: ['户籍人数', '户籍总人口'],
  },
  {
    code: 'village.resident_population',
    name: '常住人口',
    subject: village,
    valueType: INTEGER,
    unit: '人',
    min: 0,
    aliases: ['常住人数'],
  },
  { code: 'village.households', name: '户数', subject: village, valueType: INTEGER, unit: '户', min: 0, aliases: ['总户数', '户籍户数'] },
  { code: 'village.arable_land', name: '耕地面积', subject: village, valueType: DECIMAL, unit: '亩', min: 0, aliases: ['耕地'] },
  { code: 'village.collective_income', name: '村集体经济收入', subject: village, valueType: DECIMAL, unit: '万元', min: 0 },
  { code: 'village.poverty_relieved_households', name: '脱贫户数', subject: village, valueType: INTEGER, unit: '户', min: 0 },
  { code: 'village.dibao_households', name: '低保户数', subject: village, valueType: INTEGER, unit: '户', min: 0 },
  { code: 'village.elderly_60_plus', name: '60岁以上老人数', subject: village, valueType: INTEGER, unit: '人', min: 0 },
  { code: 'village.party_members', name: '党员人数', subject: village, valueType: INTEGER, unit: '人', min: 0, aliases: ['党员数'] },
  { code: 'village.grids', name: '网格数', subject: village, valueType: INTEGER, unit: '个', min: 0 },
  { code: 'village.secretary_name', name: '村党组织书记姓名', subject: village, valueType: TEXT, aliases: ['书记姓名', '村支书姓名'] },
  {
    code: 'village.secretary_phone',
    name: '村党组织书记电话',
    subject: village,
    valueType: PHONE,
    aliases: ['书记电话', '书记联系电话', '村支书电话'],
  },
  { code: 'village.committee_members', name: '村两委成员数', subject: village, valueType: INTEGER, unit: '人', min: 0 },
  { code: 'village.groups', name: '村民小组数', subject: village, valueType: INTEGER, unit: '个', min: 0 },
  { code: 'village.area', name: '村域面积', subject: village, valueType: DECIMAL, unit: '平方公里', min: 0 },
  { code: 'village.migrant_workers', name: '外出务工人数', subject: village, valueType: INTEGER, unit: '人', min: 0 },
  { code: 'village.left_behind_children', name: '留守儿童数', subject: village, valueType: INTEGER, unit: '人', min: 0 },
  { code: 'village.disabled_persons', name: '残疾人数', subject: village, valueType: INTEGER, unit: '人', min: 0 },
  { code: 'village.veterans', name: '退役军人数', subject: village, valueType: INTEGER, unit: '人', min: 0 },
  { code: 'village.cooperatives', name: '农民专业合作社数', subject: village, valueType: INTEGER, unit: '个', min: 0 },
  { code: 'village.grain_area', name: '粮食播种面积', subject: village, valueType: DECIMAL, unit: '亩', min: 0 },
  { code: 'village.medical_insurance_rate', name: '城乡居民医保参保率', subject: village, valueType: DECIMAL, unit: '%', min: 0, max: 100 },
  {
    code: 'village.pension_insurance_rate',
    name: '城乡居民养老保险参保率',
    subject: village,
    valueType: DECIMAL,
    unit: '%',
    min: 0,
    max: 100,
  },
  { code: 'village.tap_water', name: '是否通自来水', subject: village, valueType: BOOLEAN },
  { code: 'village.clinic', name: '是否有村卫生室', subject: village, valueType: BOOLEAN },
  { code: 'village.road_hardened_km', name: '硬化道路里程', subject: village, valueType: DECIMAL, unit: '公里', min: 0 },
  {
    code: 'village.type',
    name: '村庄类型',
    subject: village,
    valueType: ENUM,
    options: ['集聚提升类', '城郊融合类', '特色保护类', '搬迁撤并类', '其他'],
  },
  { code: 'village.last_election_date', name: '最近一次换届日期', subject: village, valueType: DATE },
  { code: 'resident.name', name: '姓名', subject: resident, valueType: TEXT, aliases: ['居民姓名'] },
  { code: 'resident.id_number', name: '身份证号', subject: resident, valueType: ID_NUMBER },
  { code: 'resident.gender', name: '性别', subject: resident, valueType: ENUM, options: ['男', '女'], derivedFrom: 'resident.id_number' },
  { code: 'resident.birth_date', name: '出生日期', subject: resident, valueType: DATE, derivedFrom: 'resident.id_number' },
  {
    code: 'resident.ethnicity',
    name: '民族',
    subject: resident,
    valueType: ENUM,
    options: ['汉族', '回族', '满族', '土家族', '苗族', '蒙古族', '壮族', '其他'],
    aliases: ['民族成分'],
  },
  {
    code: 'resident.phone',
    name: '联系电话',
    subject: resident,
    valueType: PHONE,
    aliases: ['手机号码', '手机号', '手机', '电话', '电话号码', '联系方式', '联系电话号码'],
  },
  {
    code: 'resident.household_address',
    name: '户籍地址',
    subject: resident,
    valueType: TEXT,
    aliases: ['户籍所在地', '户口所在地', '户籍地'],
  },
  {
    code: 'resident.relation_to_head',
    name: '与户主关系',
    subject: resident,
    valueType: ENUM,
    options: ['户主', '配偶', '子女', '父母', '孙子女', '兄弟姐妹', '其他'],
    aliases: ['与户主的关系', '家庭关系'],
  },
  {
    code: 'resident.dibao',
    name: '是否低保',
    subject: resident,
    valueType: BOOLEAN,
    aliases: ['是否低保户', '低保户', '是否享受低保', '低保'],
  },
  { code: 'resident.poverty_relieved', name: '是否脱贫户', subject: resident, valueType: BOOLEAN, aliases: ['脱贫户', '是否脱贫'] },
  {
    code: 'resident.disability_category',
    name: '残疾类别',
    subject: resident,
    valueType: ENUM,
    options: ['无', '视力', '听力', '言语', '肢体', '智力', '精神', '多重'],
    aliases: ['残疾类型'],
  },
  {
    code: 'resident.education',
    name: '文化程度',
    subject: resident,
    valueType: ENUM,
    options: ['小学及以下', '初中', '高中/中专', '大专', '本科及以上'],
    aliases: ['学历'],
  },
  {
    code: 'resident.political_status',
    name: '政治面貌',
    subject: resident,
    valueType: ENUM,
    options: ['群众', '共青团员', '中共党员', '民主党派'],
    aliases: ['政治面目'],
  },
  {
    code: 'resident.marital_status',
    name: '婚姻状况',
    subject: resident,
    valueType: ENUM,
    options: ['未婚', '已婚', '离异', '丧偶'],
    aliases: ['婚姻状态'],
  },
  {
    code: 'resident.employment',
    name: '就业状态',
    subject: resident,
    valueType: ENUM,
    options: ['务农', '外出务工', '本地就业', '个体经营', '在校学生', '无业', '退休'],
  },
  {
    code: 'resident.medical_insured',
    name: '是否参加医保',
    subject: resident,
    valueType: BOOLEAN,
    aliases: ['是否参加医疗保险', '是否参加城乡居民医保'],
  },
  {
    code: 'resident.pension_insured',
    name: '是否参加养老保险',
    subject: resident,
    valueType: BOOLEAN,
    aliases: ['是否参加城乡居民养老保险'],
  },
  { code: 'resident.veteran', name: '是否退役军人', subject: resident, valueType: BOOLEAN, aliases: ['退役军人'] },
];
