import { ROLE_LABELS } from '../common/auth-user.js';

/** What each key of an event's detail means, in Chinese (the audit page and its export show these, never the keys). */
const DETAIL_LABELS: Record<string, string> = {
  people: '涉及人数',
  idNumbers: '查询的身份证号数',
  known: '本村已登记人数',
  idMasked: '身份证号（脱敏）',
  full: '含完整身份证号',
  units: '填报单位数',
  residentRows: '居民明细行数',
  rows: '行数',
  submissions: '填报数',
  submissionIds: '填报编号',
  assignmentId: '填报任务编号',
  assignmentIds: '填报任务编号',
  assignments: '下发单位数',
  role: '角色',
  operation: '请求的操作',
  reason: '原因',
  filter: '筛选条件',
  shown: '本页条数',
  total: '符合条件的总条数',
  action: '动作',
  userId: '用户编号',
  username: '用户名',
  objectType: '对象类型',
  objectId: '对象编号',
  from: '起',
  to: '止',
  name: '名称',
  code: '代码',
  title: '标题',
  fields: '字段数',
  before: '修改前',
  after: '修改后',
  formId: '表单编号',
  versionId: '版本编号',
  versionNo: '版本号',
  newVersion: '新版本',
  changed: '修改的项目',
  version: '版本',
  period: '期次',
  autoAccept: '提交即通过',
  comment: '意见',
  counts: '统计',
  writeBack: '回写',
  list: '清单',
  groupName: '分组',
  departmentId: '部门编号',
  reminded: '催报单位数',
  urged: '催办单位数',
  skipped: '跳过单位数',
  day: '日期',
  town: '镇(街道)',
  elements: '查看的数据项',
  users: '用户数',
  search: '搜索',
  session: '会话',
  otherSessions: '结束的其他会话数',
  count: '数量',
  lastSeenAt: '最近活动时间',
  kind: '类型',
  days: '有效天数',
  readOnly: '只读',
  type: '类型',
  complaintKind: '投诉类别',
  fileName: '文件名',
  imported: '导入行数',
  category: '挂牌类别',
  basis: '依据',
  alternative: '替代方式',
  note: '说明',
  listItemId: '清单事项编号',
  subjectId: '派单编号',
  orderId: '派单编号',
  villageIds: '村(社区)编号',
  deadline: '期限',
};

const OBJECT_TYPE_LABELS: Record<string, string> = {
  user: '用户',
  graphql: '接口（GraphQL）',
  http: '下载或上传地址',
  submission: '填报',
  task: '任务',
  region: '区划',
  village: '村(社区)',
  resident: '居民',
  form: '表单',
  data_element: '数据元',
  duty_item: '职责事项',
  public_list_item: '公开清单事项',
  feedback: '反馈',
  import_batch: '导入批次',
  audit_event: '审计日志',
  admission_request: '准入申请',
  work_order: '派单',
  session: '会话',
  service_token: '服务令牌',
};

export const OUTCOME_LABELS: Record<string, string> = { SUCCESS: '成功', FAILURE: '失败', DENIED: '拒绝' };

export const objectTypeLabel = (type: string | null): string => (type ? (OBJECT_TYPE_LABELS[type] ?? '其他') : '');

const valueText = (key: string, value: unknown): string => {
  if (value === null || value === undefined || value === '') return '无';
  if (typeof value === 'boolean') return value ? '是' : '否';
  if (key === 'role' && typeof value === 'string') return (ROLE_LABELS as Record<string, string>)[value] ?? value;
  if (key === 'objectType' && typeof value === 'string') return objectTypeLabel(value);
  if (key === 'action' && typeof value === 'string') return value;
  if (Array.isArray(value)) return value.map((item) => valueText('', item)).join('、');
  if (typeof value === 'object') return `（${detailText(value as Record<string, unknown>)}）`;
  return String(value);
};

/** An event's detail as one Chinese line: `涉及人数：3；角色：村(社区)干部`. Keys without a name read 其他信息. */
export function detailText(detail: string | Record<string, unknown> | null): string {
  if (!detail) return '';
  let parsed: Record<string, unknown>;
  try {
    parsed = typeof detail === 'string' ? (JSON.parse(detail) as Record<string, unknown>) : detail;
  } catch {
    return '';
  }
  if (!parsed || typeof parsed !== 'object') return '';
  return Object.entries(parsed)
    .map(([key, value]) => `${DETAIL_LABELS[key] ?? '其他信息'}：${valueText(key, value)}`)
    .join('；');
}
