import { toHalfWidth } from '../common/text.js';
import { checkIdNumber } from '../common/id-number.js';
import { ValueType } from './value-type.js';

export interface ValueRule {
  valueType: ValueType;
  options?: string[] | null;
  min?: number | null;
  max?: number | null;
  maxLength?: number | null;
}

export type ValueCheck = { ok: true; value: string } | { ok: false; reason: string };

const TRUE = new Set(['true', '1', '是', 'y', 'yes', '√', '有']);
const FALSE = new Set(['false', '0', '否', 'n', 'no', '×', '无']);
const DEFAULT_MAX_TEXT = 500;

/** Excel stores dates as days since 1899-12-30. */
export function excelSerialToDate(serial: number): string {
  const ms = Math.round((serial - 25569) * 86400000);
  return new Date(ms).toISOString().slice(0, 10);
}

function normaliseDate(s: string): string | null {
  const m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(s) ?? /^(\d{4})(\d{2})(\d{2})$/.exec(s);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const dt = new Date(Date.UTC(y, mo - 1, d));
  if (dt.getUTCFullYear() !== y || dt.getUTCMonth() !== mo - 1 || dt.getUTCDate() !== d) return null;
  return dt.toISOString().slice(0, 10);
}

function checkBounds(n: number, rule: ValueRule): string | null {
  if (rule.min != null && n < rule.min) return `不能小于 ${rule.min}`;
  if (rule.max != null && n > rule.max) return `不能大于 ${rule.max}`;
  return null;
}

/**
 * Checks one value against its type and rule and returns it in canonical text form (the form
 * facts and submissions store): integers without separators, dates as YYYY-MM-DD, booleans as
 * true/false, ID numbers normalised. Reasons are Chinese, without the field name.
 */
export function validateValue(rule: ValueRule, raw: unknown): ValueCheck {
  if (raw === null || raw === undefined) return { ok: false, reason: '不能为空' };
  if (raw instanceof Date) raw = raw.toISOString().slice(0, 10);
  const s = toHalfWidth(String(raw)).trim();
  if (s === '') return { ok: false, reason: '不能为空' };
  switch (rule.valueType) {
    case ValueType.TEXT: {
      const max = rule.maxLength ?? DEFAULT_MAX_TEXT;
      return s.length > max ? { ok: false, reason: `不能超过 ${max} 个字` } : { ok: true, value: s };
    }
    case ValueType.INTEGER: {
      const t = s.replace(/,/g, '');
      if (!/^-?\d+$/.test(t)) return { ok: false, reason: `应为整数，收到“${s}”` };
      const n = Number(t);
      if (!Number.isSafeInteger(n)) return { ok: false, reason: '数值过大' };
      const b = checkBounds(n, rule);
      return b ? { ok: false, reason: b } : { ok: true, value: String(n) };
    }
    case ValueType.DECIMAL: {
      const t = s.replace(/,/g, '');
      if (!/^-?(\d+(\.\d*)?|\.\d+)$/.test(t)) return { ok: false, reason: `应为数字，收到“${s}”` };
      const n = Number(t);
      const b = checkBounds(n, rule);
      return b ? { ok: false, reason: b } : { ok: true, value: String(n) };
    }
    case ValueType.DATE: {
      const d = typeof raw === 'number' ? excelSerialToDate(raw) : normaliseDate(s);
      if (!d) return { ok: false, reason: `应为日期（如 2025-03-31），收到“${s}”` };
      return { ok: true, value: d };
    }
    case ValueType.BOOLEAN: {
      const t = s.toLowerCase();
      if (TRUE.has(t)) return { ok: true, value: 'true' };
      if (FALSE.has(t)) return { ok: true, value: 'false' };
      return { ok: false, reason: `应为“是”或“否”，收到“${s}”` };
    }
    case ValueType.ENUM: {
      const options = rule.options ?? [];
      return options.includes(s) ? { ok: true, value: s } : { ok: false, reason: `应为以下选项之一：${options.join('、')}` };
    }
    case ValueType.ID_NUMBER: {
      const c = checkIdNumber(s);
      return c.valid ? { ok: true, value: c.normalized } : { ok: false, reason: c.reason };
    }
    case ValueType.PHONE: {
      const t = s.replace(/[\s-]/g, '');
      if (/^1[3-9]\d{9}$/.test(t) || /^0\d{9,11}$/.test(t)) return { ok: true, value: t };
      return { ok: false, reason: `应为 11 位手机号或带区号的固定电话，收到“${s}”` };
    }
  }
}
