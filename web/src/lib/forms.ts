export const FORM_STATUS: Record<string, { label: string; type: 'info' | 'warning' | 'success' | 'danger' | 'primary' }> = {
  DRAFT: { label: '草稿', type: 'info' },
  PENDING: { label: '待审核', type: 'warning' },
  RETURNED: { label: '已退回', type: 'danger' },
  REJECTED: { label: '不予准入', type: 'danger' },
  ACTIVE: { label: '已准入', type: 'success' },
  RETIRED: { label: '已废止', type: 'info' },
};
export const FREQUENCIES: Record<string, string> = {
  ONCE: '一次性',
  MONTHLY: '每月',
  QUARTERLY: '每季度',
  HALF_YEARLY: '每半年',
  YEARLY: '每年',
};
export const TARGET_LEVELS: Record<string, string> = { VILLAGE: '村(社区)', TOWN: '镇(街道)' };
export const DUTY_LISTS: Record<string, string> = { MAIN: '主责', ASSIST: '协助', NEGATIVE: '负面' };
export const SECTIONS: Record<string, string> = { VILLAGE: '村(社区)基本信息', RESIDENT: '居民明细（每行一人，按身份证号）' };

export const FIELD_FIELDS =
  'id key label valueType required section position options minValue maxValue maxLength isRowKey elementId element { id code name unit }';
export const FORM_FIELDS = `id title description status frequency targetLevel currentVersionNo updatedAt dutyItemId dutyItem { id list groupName name } department { id name }
  currentVersion { id versionNo locked submittedAt approvedAt fields { ${FIELD_FIELDS} } }`;
