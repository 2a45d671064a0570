import { Frequency } from '../forms/form.entity.js';

export interface Period {
  /** Canonical name: 2025, 2025-H1, 2025-Q1, 2025-03. */
  name: string;
  /** YYYY-MM-DD, inclusive. */
  start: string;
  /** YYYY-MM-DD, inclusive: the as-of date of the values written back. */
  end: string;
}

const SHAPES: Record<Frequency, { re: RegExp; example: string; name: string }[]> = {
  MONTHLY: [{ re: /^(\d{4})-(\d{2})$/, example: '2025-03', name: '月' }],
  QUARTERLY: [{ re: /^(\d{4})-Q([1-4])$/, example: '2025-Q1', name: '季度' }],
  HALF_YEARLY: [{ re: /^(\d{4})-H([12])$/, example: '2025-H1', name: '半年' }],
  YEARLY: [{ re: /^(\d{4})$/, example: '2025', name: '年' }],
  ONCE: [],
};
SHAPES.ONCE = [...SHAPES.YEARLY, ...SHAPES.HALF_YEARLY, ...SHAPES.QUARTERLY, ...SHAPES.MONTHLY];

const iso = (y: number, num: number, value: number) => `${y}-${String(num).padStart(2, '0')}-${String(value).padStart(2, '0')}`;
const lastDay = (y: number, num: number) => new Date(Date.UTC(y, num, 0)).getUTCDate();

/** Months [first, last] (1-based) a period of the given form covers. */
function months(name: string): [number, number, number] | null {
  let match = /^(\d{4})$/.exec(name);
  if (match) return [Number(match[1]), 1, 12];
  match = /^(\d{4})-H([12])$/.exec(name);
  if (match) return [Number(match[1]), match[2] === '1' ? 1 : 7, match[2] === '1' ? 6 : 12];
  match = /^(\d{4})-Q([1-4])$/.exec(name);
  if (match) return [Number(match[1]), Number(match[2]) * 3 - 2, Number(match[2]) * 3];
  match = /^(\d{4})-(\d{2})$/.exec(name);
  if (match && Number(match[2]) >= 1 && Number(match[2]) <= 12) return [Number(match[1]), Number(match[2]), Number(match[2])];
  return null;
}

/**
 * Parses a task's period against the form's frequency: a quarterly form takes 2025-Q1, a monthly
 * one 2025-03, a half-yearly one 2025-H1, a yearly one 2025; a one-off form any of these.
 * Returns a Chinese reason when the period does not fit.
 */
export function parsePeriod(frequency: Frequency, raw: string): { ok: true; period: Period } | { ok: false; reason: string } {
  const name = String(raw ?? '')
    .trim()
    .toUpperCase();
  const shapes = SHAPES[frequency];
  if (!shapes.some((shape) => shape.re.test(name))) {
    return {
      ok: false,
      reason: `本表为${FREQ_NAMES[frequency]}报送，期别应写作 ${shapes.map((shape) => shape.example).join(' 或 ')}，收到“${raw}”`,
    };
  }
  const ms = months(name);
  if (!ms) return { ok: false, reason: `期别“${raw}”中的月份无效` };
  const [y, first, last] = ms;
  if (y < 2000 || y > 2100) return { ok: false, reason: `期别“${raw}”的年份超出范围` };
  return { ok: true, period: { name, start: iso(y, first, 1), end: iso(y, last, lastDay(y, last)) } };
}

export const FREQ_NAMES: Record<Frequency, string> = {
  ONCE: '一次性',
  MONTHLY: '按月',
  QUARTERLY: '按季',
  HALF_YEARLY: '按半年',
  YEARLY: '按年',
};
