import type { Enum } from '../graphql.js';

/** Tag colours Element Plus knows. */
export type TagType = 'info' | 'warning' | 'success' | 'danger' | 'primary';

/** The keys of a label record, in its order: lists of enum values come from the (schema-typed) label records. */
export const keysOf = <Key extends string>(record: Record<Key, unknown>) => Object.keys(record) as Key[];

export type ValueType = Enum<'ValueType'>;
export const VALUE_TYPES: Record<ValueType, string> = {
  TEXT: '文本',
  INTEGER: '整数',
  DECIMAL: '小数',
  DATE: '日期',
  BOOLEAN: '是/否',
  ENUM: '选项',
  ID_NUMBER: '身份证号',
  PHONE: '电话',
};

const pad2 = (num: number) => String(num).padStart(2, '0');

export function fmtDate(value: string | null | undefined): string {
  if (!value) return '';
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return value;
  return `${date.getFullYear()}-${pad2(date.getMonth() + 1)}-${pad2(date.getDate())}`;
}

export function fmtDateTime(value: string | null | undefined): string {
  if (!value) return '';
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return value;
  return `${fmtDate(value)} ${pad2(date.getHours())}:${pad2(date.getMinutes())}`;
}
