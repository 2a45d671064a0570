import { toHalfWidth } from '../common/text.js';
import { checkIdNumber } from '../common/id-number.js';
import { normalisePhone } from './phone.js';
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

function normaliseDate(text: string): string | null {
  const match = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(text) ?? /^(\d{4})(\d{2})(\d{2})$/.exec(text);
  if (!match) return null;
  const [y, mo, num] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const dt = new Date(Date.UTC(y, mo - 1, num));
  if (dt.getUTCFullYear() !== y || dt.getUTCMonth() !== mo - 1 || dt.getUTCDate() !== num) return null;
  return dt.toISOString().slice(0, 10);
}

function checkBounds(num: number, rule: ValueRule): string | null {
  if (rule.min != null && num < rule.min) return `不能小于 ${rule.min}`;
  if (rule.max != null && num > rule.max) return `不能大于 ${rule.max}`;
  return null;
}

/**
 * Checks one value against its type and rule and returns it in canonical text form (the form
 * facts and submissions store): integers without separators, dates as YYYY-MM-DD, booleans as
 * true/false, ID numbers and phones normalised. Full-width characters become half-width only
 * where they are digits and signs (numbers, dates, IDs, phones); free text keeps its own
 * punctuation (“已核实。” is not “已核实.”). Reasons are Chinese, without the field name.
 */
export function validateValue(rule: ValueRule, raw: unknown): ValueCheck {
  if (raw === null || raw === undefined) return { ok: false, reason: '不能为空' };
  if (raw instanceof Date) raw = raw.toISOString().slice(0, 10);
  const original = String(raw).trim();
  if (original === '') return { ok: false, reason: '不能为空' };
  if (rule.valueType === ValueType.TEXT) {
    const max = rule.maxLength ?? DEFAULT_MAX_TEXT;
    return original.length > max ? { ok: false, reason: `不能超过 ${max} 个字` } : { ok: true, value: original };
  }
  const trimmed = toHalfWidth(original).trim();
  switch (rule.valueType) {
    case ValueType.INTEGER: {
      const replaced = trimmed.replace(/,/g, '');
      if (!/^-?\d+$/.test(replaced)) return { ok: false, reason: `应为整数，收到“${trimmed}”` };
      const num = Number(replaced);
      if (!Number.isSafeInteger(num)) return { ok: false, reason: '数值过大' };
      const boundsCheck = checkBounds(num, rule);
      return boundsCheck ? { ok: false, reason: boundsCheck } : { ok: true, value: String(num) };
    }
    case ValueType.DECIMAL: {
      const replaced = trimmed.replace(/,/g, '');
      if (!/^-?(\d+(\.\d*)?|\.\d+)$/.test(replaced)) return { ok: false, reason: `应为数字，收到“${trimmed}”` };
      const num = Number(replaced);
      const boundsCheck = checkBounds(num, rule);
      return boundsCheck ? { ok: false, reason: boundsCheck } : { ok: true, value: String(num) };
    }
    case ValueType.DATE: {
      const date = typeof raw === 'number' ? excelSerialToDate(raw) : normaliseDate(trimmed);
      if (!date) return { ok: false, reason: `应为日期（如 2025-03-31），收到“${trimmed}”` };
      return { ok: true, value: date };
    }
    case ValueType.BOOLEAN: {
      const lowerCase = trimmed.toLowerCase();
      if (TRUE.has(lowerCase)) return { ok: true, value: 'true' };
      if (FALSE.has(lowerCase)) return { ok: true, value: 'false' };
      return { ok: false, reason: `应为“是”或“否”，收到“${trimmed}”` };
    }
    case ValueType.ENUM: {
      // Compared half-width (“高中／中专” is the option “高中/中专”), stored as the option is written.
      const options = rule.options ?? [];
      const option = options.find((item) => item === original || toHalfWidth(item).trim() === trimmed);
      return option !== undefined ? { ok: true, value: option } : { ok: false, reason: `应为以下选项之一：${options.join('、')}` };
    }
    case ValueType.ID_NUMBER: {
      const idCheck = checkIdNumber(trimmed);
      return idCheck.valid ? { ok: true, value: idCheck.normalized } : { ok: false, reason: idCheck.reason };
    }
    case ValueType.PHONE:
      return normalisePhone(trimmed);
  }
}
