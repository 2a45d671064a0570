import { ROLE_NAMES } from './auth.js';
import { COMPLAINT_KINDS, FEEDBACK_STATUS, FEEDBACK_TYPES } from './feedback.js';
import { DUTY_LISTS, FORM_STATUS } from './forms.js';

/** What each key of an audit event's detail means, in the words of the audit page. */
const DETAIL_LABELS: Record<string, string> = {
  code: '编码',
  name: '名称',
  title: '标题',
  before: '修改前',
  after: '修改后',
  role: '角色',
  list: '清单',
  groupName: '分类',
  from: '原状态',
  to: '新状态',
  comment: '意见',
  idNumbers: '查询身份证号数',
  known: '平台已有',
  idMasked: '身份证号（脱敏）',
  elements: '数据元',
  full: '含完整身份证号',
  units: '单位数',
  residentRows: '居民明细行数',
  assignmentId: '任务单位编号',
  version: '版本',
  versionNo: '版本号',
  versionId: '版本编号',
  newVersion: '新建版本',
  changed: '修改项',
  counts: '自动带出',
  kept: '沿用',
  typed: '手填',
  writeBack: '写回共享库',
  factsAdded: '新增数据',
  factsUnchanged: '未变数据',
  currentChanged: '更新现值',
  residentsCreated: '新增居民',
  formId: '表单编号',
  period: '周期',
  assignments: '下发单位数',
  autoAccept: '提交即通过',
  reminded: '催报单位数',
  assignmentIds: '催报对象',
  town: '镇(街道)',
  fields: '字段数',
  rows: '行数',
  fileName: '文件名',
  kind: '文件格式',
  imported: '已导入',
  errors: '出错行数',
  type: '类型',
  complaintKind: '投诉类别',
  departmentId: '部门编号',
  description: '说明',
  dutyItemId: '职责事项',
  frequency: '频次',
  targetLevel: '填报层级',
  aliases: '别名',
  unit: '单位',
  options: '选项',
  // Refusals, reads of personal data, the auditor's own reads (#14 item 6).
  people: '涉及人数',
  operation: '请求的操作',
  reason: '原因',
  filter: '筛选条件',
  shown: '本页条数',
  total: '符合条件的总条数',
  submissions: '填报数',
  submissionIds: '填报编号',
  session: '会话',
  otherSessions: '结束的其他会话数',
  lastSeenAt: '最近活动时间',
  days: '有效天数',
  readOnly: '只读',
  count: '数量',
  username: '用户名',
  users: '用户数',
  search: '搜索',
  urged: '催办单位数',
  skipped: '跳过单位数',
  day: '日期',
};

/** The filters of the auditor's own reads and exports. */
const FILTER_LABELS: Record<string, string> = {
  action: '动作',
  username: '用户',
  userId: '用户编号',
  objectType: '对象类型',
  objectId: '对象编号',
  from: '起',
  to: '止',
};

function filterText(filter: Record<string, unknown>, actionLabels: Record<string, string>): string {
  const parts = Object.entries(filter).map(([key, value]) => {
    const text =
      key === 'objectType'
        ? (OBJECT_TYPES[String(value)] ?? '其他')
        : key === 'action'
          ? (actionLabels[String(value)] ?? '其他操作')
          : String(value);
    return `${FILTER_LABELS[key] ?? '其他'} ${text}`;
  });
  return parts.length ? parts.join('，') : '无（全部）';
}

/** Codes that appear as values (statuses, roles, lists), in Chinese. */
const VALUE_LABELS: Record<string, string> = {
  ...Object.fromEntries(Object.entries(FORM_STATUS).map(([code, entry]) => [code, entry.label])),
  ...Object.fromEntries(Object.entries(FEEDBACK_STATUS).map(([code, entry]) => [code, entry.label])),
  ...ROLE_NAMES,
  ...DUTY_LISTS,
  ...FEEDBACK_TYPES,
  ...COMPLAINT_KINDS,
  VILLAGE_FACTS: '村(社区)数据',
  RESIDENT_FACTS: '居民数据',
};

const labelOf = (key: string) => DETAIL_LABELS[key] ?? '其他';

function valueText(value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'boolean') return value ? '是' : '否';
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') return VALUE_LABELS[value] ?? value;
  if (Array.isArray(value)) return value.length ? value.map(valueText).join('、') : '—';
  if (typeof value === 'object')
    return Object.entries(value as Record<string, unknown>)
      .filter(([, inner]) => inner !== undefined)
      .map(([key, inner]) => `${labelOf(key)} ${valueText(inner)}`)
      .join('，');
  return String(value);
}

/** An event's detail (JSON, as stored) as lines of “标签：值”; never the raw JSON or its English keys. */
export function detailLines(detail: string | null, actionLabels: Record<string, string> = {}): { label: string; value: string }[] {
  if (!detail) return [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(detail);
  } catch {
    return [{ label: '说明', value: detail }];
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return [{ label: '说明', value: valueText(parsed) }];
  return Object.entries(parsed as Record<string, unknown>)
    .filter(([, value]) => value !== undefined)
    .map(([key, value]) => ({
      label: labelOf(key),
      // `changed` lists the names of the parts of a form that were edited.
      value:
        key === 'changed' && Array.isArray(value)
          ? value.map((part) => labelOf(String(part))).join('、')
          : key === 'filter' && value && typeof value === 'object'
            ? filterText(value as Record<string, unknown>, actionLabels)
            : valueText(value),
    }));
}

/** What kind of object an event touched. */
export const OBJECT_TYPES: Record<string, string> = {
  user: '用户',
  form: '表单',
  admission_request: '准入申请',
  task: '任务',
  submission: '填报',
  feedback: '反馈',
  import_batch: '导入批次',
  data_element: '数据元',
  duty_item: '职责事项',
  region: '区划',
  village: '村(社区)',
  resident: '居民',
  graphql: '接口（GraphQL）',
  http: '下载或上传地址',
  audit_event: '审计日志',
  session: '会话',
  service_token: '服务令牌',
};
