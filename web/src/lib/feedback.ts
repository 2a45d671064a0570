export const COMPLAINT_KINDS: Record<string, string> = {
  FORM_OUTSIDE_PLATFORM: '部门在平台外要求填表（表外有表）',
  DUPLICATE_FORM: '重复填报：与已有表格内容重复',
  UNREASONABLE_DEADLINE: '填报时限不合理',
  OTHER: '其他',
};
export const FEEDBACK_STATUS: Record<string, { label: string; type: 'info' | 'warning' | 'success' | 'danger' | 'primary' }> = {
  OPEN: { label: '待受理', type: 'danger' },
  ACKNOWLEDGED: { label: '已受理', type: 'warning' },
  RESPONDED: { label: '已答复', type: 'primary' },
  RESOLVED: { label: '已办结', type: 'success' },
};
export const FEEDBACK_FIELDS = `id type complaintKind title content status createdAt fromMonitoringPoint response respondedAt resolution resolvedAt
  region { name } town { name } department { name } filedBy { displayName }`;
