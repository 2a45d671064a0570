// The work orders (派单) of Zaoyang's year on the platform (demo data): what departments sent down
// besides forms, and what happened to each — modelled on Jingmen's "部门提交—审核—乡镇派发—村接收".

/** What happened to an order in admission. */
export type OrderFate =
  | 'APPROVE' // approved at once, then dispatched, received and done
  | 'RETURN_APPROVE' // returned (with a category and comment), edited, resubmitted, approved
  | 'RETURN' // returned and not yet resubmitted
  | 'REJECT' // refused by the office
  | 'NEGATIVE' // on the village negative list: refused by the system at once
  | 'PENDING'; // awaiting review now

export interface LifeOrder {
  dept: string;
  kind: 'TASK' | 'INSPECTION' | 'MEETING' | 'CERTIFICATE';
  title: string;
  content: string;
  /** The duty item's name (its list decides: NEGATIVE is refused at once). */
  duty: string;
  departmentDoes: string;
  villageDoes: string;
  legalBasis: string;
  justification: string;
  fundsYuan: number;
  staff: string;
  materials: string;
  /** What evidence the village hands in when done (only where the order needs it; never photos by default). */
  evidence?: string;
  fate: OrderFate;
  /** Calendar months before now the department submitted. */
  monthsAgo: number;
  /** How many towns it goes to (the first of the year's seeded town order), and how many of each town's villages the town picks. */
  towns: number;
  villagesPerTown: number;
  /** How many villages received it more than a day after their town's 派发 (超过一天才接收). */
  lateReceipts: number;
  /** How many villages have not yet received it (recent orders only: the receipt reminder goes out). */
  notReceived?: number;
  /** How many received villages have not yet reported done (recent orders). */
  notDone?: number;
  /** The town's note on 派发, and how many days earlier than the department's its deadline is (the first town only). */
  townNote?: string;
  earlierDays?: number;
  returnCategory?: 'UNCLEAR_REQUIREMENTS' | 'SUPPORT_UNCLEAR' | 'NOT_VILLAGE_DUTY' | 'OTHER';
  comment?: string;
}

export const LIFE_ORDERS: LifeOrder[] = [
  {
    dept: '市自然资源和规划局',
    kind: 'TASK',
    title: '汛前地质灾害隐患点巡查',
    content: '汛期前对本村地质灾害隐患点逐一巡查一次，核对监测责任人和预警信号，发现变形迹象立即上报镇(街道)',
    duty: '地质灾害巡查',
    departmentDoes: '市自然资源和规划局提供隐患点清单和巡查要点，组织技术人员分片指导，汇总巡查结果并安排专业排查',
    villageDoes: '村(社区)安排网格员按清单巡查本村隐患点一次，填写巡查记录，发现异常当天报镇(街道)',
    legalBasis: '《地质灾害防治条例》第十九条',
    justification: '汛前掌握隐患点变化，提前转移受威胁群众',
    fundsYuan: 2000,
    staff: '每镇派 1 名地质技术人员驻镇指导',
    materials: '巡查记录本、警示牌',
    evidence: '巡查记录表（签字）',
    fate: 'APPROVE',
    monthsAgo: 7,
    towns: 2,
    villagesPerTown: 4,
    lateReceipts: 1,
    townNote: '请各村于期限前将巡查记录交镇自然资源所',
    earlierDays: 5,
  },
  {
    dept: '市应急管理局',
    kind: 'TASK',
    title: '主汛期防汛值守安排',
    content: '主汛期每日安排一名村干部值守，遇强降雨时组织巡堤查险，按预案转移低洼地带群众',
    duty: '防汛抗旱值守',
    departmentDoes: '市应急管理局发布预警信息，制定转移预案模板，调配抢险物资，组织镇(街道)培训',
    villageDoes: '村(社区)每日安排一名村干部值守，强降雨时组织巡查，按预案转移低洼地带群众',
    legalBasis: '《中华人民共和国防洪法》第三十八条',
    justification: '主汛期险情多发，村级值守是发现险情的第一道关口',
    fundsYuan: 3000,
    staff: '市应急管理局每镇联系 1 名干部',
    materials: '救生衣 10 件、应急照明灯 2 台',
    fate: 'RETURN_APPROVE',
    returnCategory: 'SUPPORT_UNCLEAR',
    comment: '请写明随单下拨的值守补助金额和发放到村的物资清单，不能只写“给予支持”',
    monthsAgo: 5,
    towns: 3,
    villagesPerTown: 3,
    lateReceipts: 2,
  },
  {
    dept: '市住房和城乡建设局',
    kind: 'INSPECTION',
    title: '村庄清洁行动季度检查',
    content: '检查组到村查看村内主干道、坑塘沟渠和公共区域的清洁情况，村里派一人陪同，对问题点位限期整改',
    duty: '村庄清洁行动',
    departmentDoes: '市住房和城乡建设局组织检查组到村检查，通报结果，对整改提供技术指导',
    villageDoes: '村(社区)派一人陪同检查，对通报的问题点位在期限内整改',
    legalBasis: '《湖北省农村人居环境整治三年行动方案》',
    justification: '季度检查一次，替代各部门分别到村检查',
    fundsYuan: 0,
    staff: '检查组 3 人到村',
    materials: '无',
    evidence: '问题点位整改前后对比照片（仅限通报的点位）',
    fate: 'APPROVE',
    monthsAgo: 4,
    towns: 2,
    villagesPerTown: 3,
    lateReceipts: 1,
  },
  {
    dept: '市农业农村局',
    kind: 'INSPECTION',
    title: '农村改厕管护情况抽查',
    content: '对已改厕农户进行抽查',
    duty: '农村改厕管护',
    departmentDoes: '市农业农村局组织抽查并通报结果',
    villageDoes: '村(社区)配合抽查，整改发现的问题',
    legalBasis: '《农村人居环境整治提升五年行动方案》',
    justification: '掌握改厕管护实效',
    fundsYuan: 0,
    staff: '无',
    materials: '无',
    fate: 'RETURN',
    returnCategory: 'UNCLEAR_REQUIREMENTS',
    comment: '要求不明确：请写明每村抽查多少户、村里需要做哪些准备、整改期限多长',
    monthsAgo: 1,
    towns: 2,
    villagesPerTown: 3,
    lateReceipts: 0,
  },
  {
    dept: '市委宣传部',
    kind: 'MEETING',
    title: '党的创新理论宣讲进村活动',
    content: '宣讲团到村开展一次集中宣讲，村里组织党员和群众代表参加，提供场地',
    duty: '政策宣传',
    departmentDoes: '市委宣传部组建宣讲团，确定宣讲内容和日程，承担宣讲团交通食宿',
    villageDoes: '村(社区)通知党员和群众代表参加一次宣讲，提供会议场地',
    legalBasis: '《中国共产党宣传工作条例》第十二条',
    justification: '把宣讲送到村，减少村干部到镇开会',
    fundsYuan: 1500,
    staff: '宣讲团 2 人到村',
    materials: '宣传册 100 份',
    fate: 'APPROVE',
    monthsAgo: 3,
    towns: 2,
    villagesPerTown: 4,
    lateReceipts: 2,
  },
  {
    dept: '市消防救援大队',
    kind: 'MEETING',
    title: '冬春火灾防控宣传月活动',
    content: '宣传月期间在村内张贴消防宣传海报，组织一次消防安全知识讲座和灭火器使用演示',
    duty: '燃气与消防安全宣传',
    departmentDoes: '市消防救援大队派消防员到村讲座和演示，提供海报和演示器材',
    villageDoes: '村(社区)张贴海报，通知村民参加一次讲座',
    legalBasis: '《中华人民共和国消防法》第六条',
    justification: '冬春季农村火灾多发，宣传到村',
    fundsYuan: 0,
    staff: '每村讲座派 1 名消防员',
    materials: '宣传海报 20 张、演示用灭火器',
    fate: 'APPROVE',
    monthsAgo: 0,
    towns: 2,
    villagesPerTown: 4,
    lateReceipts: 1,
    notReceived: 2,
    notDone: 3,
    townNote: '讲座时间请与镇消防站确认',
  },
  {
    dept: '市招商服务中心',
    kind: 'MEETING',
    title: '招商引资推介会进村动员',
    content: '各村组织外出能人参加招商推介会，并各报一条招商线索',
    duty: '承担招商引资任务',
    departmentDoes: '市招商服务中心举办推介会',
    villageDoes: '村(社区)组织外出能人参会并报送招商线索',
    legalBasis: '市招商引资工作要点',
    justification: '拓宽招商引资渠道',
    fundsYuan: 0,
    staff: '无',
    materials: '无',
    fate: 'NEGATIVE',
    monthsAgo: 6,
    towns: 2,
    villagesPerTown: 0,
    lateReceipts: 0,
  },
  {
    dept: '市公安局',
    kind: 'CERTIFICATE',
    title: '为外出务工人员开具无犯罪记录证明',
    content: '外出务工人员申请时，由村委会开具无犯罪记录证明',
    duty: '开具无犯罪记录证明',
    departmentDoes: '市公安局制定证明样式',
    villageDoes: '村(社区)按样式为申请人开具证明',
    legalBasis: '用工单位要求',
    justification: '方便群众外出务工',
    fundsYuan: 0,
    staff: '无',
    materials: '证明样式',
    fate: 'NEGATIVE',
    monthsAgo: 8,
    towns: 1,
    villagesPerTown: 0,
    lateReceipts: 0,
  },
  {
    dept: '市民政局',
    kind: 'CERTIFICATE',
    title: '低保申请家庭入户核查情况说明',
    content: '对本村新申请低保的家庭入户核查后，出具家庭实际居住和生活情况说明，交镇(街道)民政办',
    duty: '低保对象初审与公示',
    departmentDoes: '市民政局提供情况说明样式，经济状况由部门通过信息核对平台核查，不要求村里证明收入',
    villageDoes: '村(社区)入户核查新申请家庭，出具居住和生活情况说明（不证明收入）',
    legalBasis: '《社会救助暂行办法》第十一条',
    justification: '入户核查是初审的法定环节，其余信息由部门核对',
    fundsYuan: 0,
    staff: '镇(街道)民政办 1 人陪同入户',
    materials: '情况说明样式',
    fate: 'APPROVE',
    monthsAgo: 6,
    towns: 1,
    villagesPerTown: 5,
    lateReceipts: 1,
  },
  {
    dept: '市人力资源和社会保障局',
    kind: 'CERTIFICATE',
    title: '灵活就业人员居住情况证明',
    content: '灵活就业人员参保时，由村委会证明其在本村居住',
    duty: '协助开展就业服务工作',
    departmentDoes: '市人力资源和社会保障局受理参保申请',
    villageDoes: '村(社区)为申请人开具居住情况证明',
    legalBasis: '灵活就业人员参保经办规程',
    justification: '核实参保人员居住地',
    fundsYuan: 0,
    staff: '无',
    materials: '无',
    fate: 'REJECT',
    comment: '居住情况可由公安户籍和居住证信息核验，不应要求村(社区)开具证明',
    monthsAgo: 3,
    towns: 3,
    villagesPerTown: 0,
    lateReceipts: 0,
  },
  {
    dept: '市林业局',
    kind: 'TASK',
    title: '秋冬季森林防火巡护',
    content: '防火期内林区村每周巡护一次，劝阻野外用火，发现火情立即报告',
    duty: '协助开展森林防火工作',
    departmentDoes: '市林业局划定巡护区域，配发巡护装备，组织扑火队伍',
    villageDoes: '林区村(社区)安排护林员每周巡护一次，劝阻野外用火',
    legalBasis: '《森林防火条例》第二十条',
    justification: '秋冬季林区火险等级高',
    fundsYuan: 5000,
    staff: '每镇 1 名林业站干部',
    materials: '巡护记录本、风力灭火机 1 台',
    fate: 'PENDING',
    monthsAgo: 0,
    towns: 2,
    villagesPerTown: 3,
    lateReceipts: 0,
  },
  {
    dept: '市民政局',
    kind: 'TASK',
    title: '冬季特困人员走访',
    content: '入冬前走访本村特困供养人员一次，查看取暖和生活物资，发现困难当天报镇(街道)',
    duty: '特困人员走访',
    departmentDoes: '市民政局提供特困人员名单，安排临时救助资金，汇总走访情况',
    villageDoes: '村(社区)干部入冬前走访名单内的特困人员一次，记录困难并上报',
    legalBasis: '《特困人员认定办法》第二十二条',
    justification: '入冬前掌握特困人员取暖和生活情况',
    fundsYuan: 800,
    staff: '无',
    materials: '棉被、米面油（按名单）',
    fate: 'APPROVE',
    monthsAgo: 1,
    towns: 2,
    villagesPerTown: 3,
    lateReceipts: 1,
    notDone: 2,
  },
];
