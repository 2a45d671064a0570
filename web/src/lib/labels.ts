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

/**
 * Times are shown in the platform's time zone (the server's TIME_ZONE, read at start-up by
 * loadTimeZone in main.ts), whatever zone the browser is set to: the page, the Excel export and the
 * messages then show one and the same time.
 */
let zoneFormat = formatIn('Asia/Shanghai');
function formatIn(timeZone: string): Intl.DateTimeFormat {
  return new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  });
}
export function setTimeZone(timeZone: string): void {
  try {
    zoneFormat = formatIn(timeZone);
  } catch {
    // A zone this browser does not know: keep the default (China).
  }
}
/** YYYY-MM-DD HH:mm in the platform's zone, or null for a value that is not a time. */
function local(value: string): string | null {
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return null;
  const got: Record<string, string> = {};
  for (const part of zoneFormat.formatToParts(date)) got[part.type] = part.value;
  return `${got.year}-${got.month}-${got.day} ${got.hour}:${got.minute}`;
}

export function fmtDate(value: string | null | undefined): string {
  if (!value) return '';
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return value; // a calendar day already
  return local(value)?.slice(0, 10) ?? value;
}

export function fmtDateTime(value: string | null | undefined): string {
  if (!value) return '';
  return local(value) ?? value;
}
