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
    second: '2-digit',
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

/** Milliseconds the platform's wall clock is ahead of UTC at `at`. */
function platformOffsetAt(at: number): number {
  const got: Record<string, string> = {};
  for (const part of zoneFormat.formatToParts(new Date(at))) got[part.type] = part.value;
  const wall = Date.UTC(+got.year, +got.month - 1, +got.day, +got.hour, +got.minute, +got.second);
  return wall - Math.floor(at / 1000) * 1000;
}

/** Today's calendar day (YYYY-MM-DD) in the platform's zone, `plusDays` later. */
export function platformToday(plusDays = 0): string {
  const today = local(new Date().toISOString())!.slice(0, 10);
  const [year, month, day] = today.split('-').map(Number);
  return new Date(Date.UTC(year, month - 1, day + plusDays)).toISOString().slice(0, 10);
}

/**
 * The instant (ISO, UTC) at which the platform's wall clock reads `wall` ('YYYY-MM-DD HH:mm[:ss]'), whatever
 * zone the browser is in: a deadline picked as 2026-12-31 23:59:59 is the end of that day where the platform is.
 */
export function platformWallClockToIso(wall: string): string | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})(?::(\d{2}))?$/.exec(wall.trim());
  if (!match) return null;
  const [year, month, day, hour, minute, second] = match.slice(1).map((part) => Number(part ?? 0));
  const asUtc = Date.UTC(year, month - 1, day, hour, minute, second);
  // The offset at the guess, then again at the result (the two differ only across a daylight-saving change).
  let at = asUtc - platformOffsetAt(asUtc);
  at = asUtc - platformOffsetAt(at);
  return new Date(at).toISOString();
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
