import type { Enum } from '../graphql.js';
import type { TagType } from './labels.js';

export type AssignmentStatus = Enum<'AssignmentStatus'>;
export type FactSource = Enum<'FactSource'>;

export const ASSIGNMENT_STATUS: Record<AssignmentStatus, { label: string; type: TagType }> = {
  NOT_STARTED: { label: '未开始', type: 'info' },
  DRAFT: { label: '草稿', type: 'warning' },
  SUBMITTED: { label: '已提交待审核', type: 'primary' },
  RETURNED: { label: '被退回', type: 'danger' },
  ACCEPTED: { label: '已通过', type: 'success' },
};
export const SOURCES: Record<FactSource, string> = { IMPORT: '历史导入', SUBMISSION: '往期填报', ADMIN: '管理员录入' };

/** Where a prefilled value came from: the FilledValue fields provenance reads. */
export interface Provenance {
  found: boolean;
  derived: boolean;
  source: FactSource | null;
  asOf: string | null;
}

/** "来自 往期填报 · 2024-12-31" — what a cadre needs to trust or check a prefilled value. */
export function provenance(filled: Provenance | undefined): string {
  if (!filled || !filled.found) return '';
  if (filled.derived) return '由身份证号推导';
  return `来自${(filled.source && SOURCES[filled.source]) ?? '共享库'}${filled.asOf ? ` · ${filled.asOf}` : ''}`;
}
