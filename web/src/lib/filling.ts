export const ASSIGNMENT_STATUS: Record<string, { label: string; type: 'info' | 'warning' | 'success' | 'danger' | 'primary' }> = {
  NOT_STARTED: { label: '未开始', type: 'info' },
  DRAFT: { label: '草稿', type: 'warning' },
  SUBMITTED: { label: '已提交待审核', type: 'primary' },
  RETURNED: { label: '被退回', type: 'danger' },
  ACCEPTED: { label: '已通过', type: 'success' },
};
export const SOURCES: Record<string, string> = { IMPORT: '历史导入', SUBMISSION: '往期填报', ADMIN: '管理员录入' };

export interface Filled {
  key: string;
  value: string | null;
  found: boolean;
  derived: boolean;
  source: string | null;
  asOf: string | null;
  stale: boolean;
}

/** "来自 往期填报 · 2024-12-31" — what a cadre needs to trust or check a prefilled value. */
export function provenance(f: Filled | undefined): string {
  if (!f || !f.found) return '';
  if (f.derived) return '由身份证号推导';
  return `来自${SOURCES[f.source ?? ''] ?? '共享库'}${f.asOf ? ` · ${f.asOf}` : ''}`;
}
