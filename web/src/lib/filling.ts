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

/** What a read-only view needs of a field to write its value. */
export interface ShownField {
  valueType: string;
  element?: { unit?: string | null } | null;
}

const isNumeric = (field: ShownField) => field.valueType === 'INTEGER' || field.valueType === 'DECIMAL';

/** A stored value as a clerk reads it: 是/否, a number with its unit, 未填 for nothing. */
export function valueText(field: ShownField, value: string | null | undefined): string {
  if (value == null || value === '') return '未填';
  if (field.valueType === 'BOOLEAN') return value === 'true' ? '是' : value === 'false' ? '否' : value;
  const unit = field.element?.unit;
  return isNumeric(field) && unit ? `${value} ${unit}` : value;
}

/** How a value changed since the previous period: ↑3 / ↓0.5 for numbers, changed or not for the rest. */
export interface Change {
  changed: boolean;
  arrow: '↑' | '↓' | '';
  delta: string;
}

const blank = (value: string | null | undefined) => value == null || value === '';

export function changeOf(field: ShownField, now: string | null | undefined, before: string | null | undefined): Change {
  if (blank(now) && blank(before)) return { changed: false, arrow: '', delta: '' };
  if (isNumeric(field) && !blank(now) && !blank(before)) {
    const difference = Number(now) - Number(before);
    if (Number.isFinite(difference)) {
      const delta = Math.round(Math.abs(difference) * 1e6) / 1e6;
      return { changed: difference !== 0, arrow: difference > 0 ? '↑' : difference < 0 ? '↓' : '', delta: delta ? String(delta) : '' };
    }
  }
  return { changed: (now ?? '') !== (before ?? ''), arrow: '', delta: '' };
}
