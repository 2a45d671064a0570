import { validateValue, type ValueRule } from '../catalog/value-validation.js';
import { ValueType } from '../catalog/value-type.js';
import type { FieldProblem } from '../common/errors.js';
import { checkIdNumber } from '../common/id-number.js';

/** The part of a form field the checks need (FormField rows fit). */
export interface CheckField {
  fieldKey: string;
  label: string;
  valueType: ValueType;
  required: boolean;
  section: 'VILLAGE' | 'RESIDENT';
  elementId: number | null;
  options: string[] | null;
  minValue: number | null;
  maxValue: number | null;
  maxLength: number | null;
  /** Row key only: the fewest rows on submit. */
  minRows?: number | null;
  /** Row key only: the header integer field the number of rows must equal on submit. */
  rowCountKey?: string | null;
}

export interface KeyValue {
  key: string;
  value?: string | null;
}

export interface CheckedRow {
  /** The ID number as typed (draft) or normalised (submitted); null when empty. */
  idNumber: string | null;
  values: Record<string, string>;
}

export interface CheckedSubmission {
  values: Record<string, string>;
  rows: CheckedRow[];
  problems: FieldProblem[];
}

export const MAX_ROWS = 5000;
const MAX_RAW = 5000;

const ruleOf = (checkField: CheckField): ValueRule => ({
  valueType: checkField.valueType,
  options: checkField.options,
  min: checkField.minValue,
  max: checkField.maxValue,
  maxLength: checkField.maxLength,
});
const blank = (text: string | null | undefined) => text == null || String(text).trim() === '';

/**
 * Checks a submission against its form version. Always: unknown or repeated keys, sizes. On
 * submit also every value (type, options, bounds, required), every resident row's ID number and
 * duplicates among them. Every problem is returned at once, with `values.key` or `rows[i].key`
 * and the row. Values come back canonical on submit, trimmed text for a draft.
 */
export function checkSubmission(
  fields: CheckField[],
  values: KeyValue[],
  rows: { values: KeyValue[] }[],
  submit: boolean,
): CheckedSubmission {
  const problems: FieldProblem[] = [];
  const village = new Map(fields.filter((field) => field.section === 'VILLAGE').map((field) => [field.fieldKey, field]));
  const resident = new Map(fields.filter((field) => field.section === 'RESIDENT').map((field) => [field.fieldKey, field]));
  const idField = [...resident.values()].find((checkField) => checkField.valueType === ValueType.ID_NUMBER) ?? null;

  const collect = (
    list: KeyValue[],
    allowed: Map<string, CheckField>,
    at: (key: string) => string,
    where: string,
    row?: number,
  ): Record<string, string> => {
    const out: Record<string, string> = {};
    const seen = new Set<string>();
    for (const kv of list) {
      const key = String(kv.key ?? '');
      const push = (message: string) =>
        problems.push({ field: at(key), message: `${where}${message}`, ...(row !== undefined ? { row } : {}) });
      if (!allowed.has(key)) push(`表单中没有字段“${key}”`);
      else if (seen.has(key)) push(`字段“${allowed.get(key)!.label}”重复填写`);
      else if (!blank(kv.value) && String(kv.value).length > MAX_RAW) push(`“${allowed.get(key)!.label}”过长`);
      else if (!blank(kv.value)) out[key] = String(kv.value).trim();
      seen.add(key);
    }
    return out;
  };

  const result = collect(values ?? [], village, (k) => `values.${k}`, '');
  if (rows.length && !idField) problems.push({ field: 'rows', message: '本表没有居民明细部分' });
  if (rows.length > MAX_ROWS) problems.push({ field: 'rows', message: `居民明细最多 ${MAX_ROWS} 行` });
  const value = (rows ?? [])
    .slice(0, MAX_ROWS)
    .map((row, i) => collect(row.values ?? [], resident, (k) => `rows[${i}].${k}`, `第 ${i + 1} 行：`, i));

  if (submit) {
    for (const checkField of village.values()) {
      const at = `values.${checkField.fieldKey}`;
      if (!(checkField.fieldKey in result)) {
        if (checkField.required) problems.push({ field: at, message: `“${checkField.label}”为必填项` });
        continue;
      }
      const valueCheck = validateValue(ruleOf(checkField), result[checkField.fieldKey]);
      if (valueCheck.ok) result[checkField.fieldKey] = valueCheck.value;
      else problems.push({ field: at, message: `“${checkField.label}”${valueCheck.reason}` });
    }
    const firstRowOf = new Map<string, number>();
    value.forEach((row, i) => {
      for (const checkField of resident.values()) {
        const at = `rows[${i}].${checkField.fieldKey}`;
        const push = (message: string) => problems.push({ field: at, message: `第 ${i + 1} 行：${message}`, row: i });
        if (!(checkField.fieldKey in row)) {
          if (checkField.required) push(`“${checkField.label}”为必填项`);
          continue;
        }
        if (checkField === idField) {
          const idCheck = checkIdNumber(row[checkField.fieldKey]);
          if (!idCheck.valid) {
            push(idCheck.reason);
            continue;
          }
          row[checkField.fieldKey] = idCheck.normalized;
          const first = firstRowOf.get(idCheck.normalized);
          if (first !== undefined) push(`身份证号与第 ${first + 1} 行重复`);
          else firstRowOf.set(idCheck.normalized, i);
          continue;
        }
        const valueCheck = validateValue(ruleOf(checkField), row[checkField.fieldKey]);
        if (valueCheck.ok) row[checkField.fieldKey] = valueCheck.value;
        else push(`“${checkField.label}”${valueCheck.reason}`);
      }
    });
    if (idField) problems.push(...checkRowCount(idField, village, result, value.length, problems));
  }

  const checkedRows = value.map((row) => {
    const values = { ...row };
    const idNumber = idField && idField.fieldKey in values ? values[idField.fieldKey] : null;
    if (idField) delete values[idField.fieldKey];
    return { idNumber, values };
  });
  return { values: result, rows: checkedRows, problems };
}

/**
 * The list's own rules on submit (set on its row key): at least `minRows` rows, and as many rows
 * as the header count field says once that field holds a valid number.
 */
function checkRowCount(
  idField: CheckField,
  village: Map<string, CheckField>,
  values: Record<string, string>,
  count: number,
  found: FieldProblem[],
): FieldProblem[] {
  const out: FieldProblem[] = [];
  if (idField.minRows && count < idField.minRows)
    out.push({ field: 'rows', message: `居民明细至少需要 ${idField.minRows} 行（现有 ${count} 行）` });
  const counter = idField.rowCountKey ? village.get(idField.rowCountKey) : undefined;
  if (!counter || !(counter.fieldKey in values) || found.some((problem) => problem.field === `values.${counter.fieldKey}`)) return out;
  const expected = Number(values[counter.fieldKey]);
  if (Number.isInteger(expected) && expected !== count)
    out.push({ field: 'rows', message: `居民明细有 ${count} 行，应与“${counter.label}”（${expected}）一致` });
  return out;
}
