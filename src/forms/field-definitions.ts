import type { FieldProblem } from '../common/errors.js';
import { Subject, ValueType } from '../catalog/value-type.js';
import { pinyinKeys } from '../common/pinyin.js';
import { FieldSection } from './form-field.entity.js';

export interface FieldDefinition {
  /** Absent or blank: made from the label by `assignFieldKeys` (staff never type an English key). */
  key?: string | null;
  label: string;
  valueType: ValueType;
  required?: boolean | null;
  section: FieldSection;
  elementId?: number | null;
  options?: string[] | null;
  min?: number | null;
  max?: number | null;
  maxLength?: number | null;
  /** Row key only: the fewest resident rows on submit. */
  minRows?: number | null;
  /** Row key only: the key of a header integer field the number of rows must equal on submit (or, for a field not yet
   * keyed, its label). */
  rowCountKey?: string | null;
}

export interface BindableElement {
  id: number;
  name: string;
  subject: Subject;
  valueType: ValueType;
  options: string[] | null;
}

export const MAX_FIELDS = 200;
/** As many rows as a submission may carry (filling's MAX_ROWS). */
const MAX_LIST_ROWS = 5000;
const KEY = /^[A-Za-z][A-Za-z0-9_]{0,63}$/;
const SUBJECT_OF: Record<FieldSection, Subject> = { VILLAGE: Subject.VILLAGE, RESIDENT: Subject.RESIDENT };
const TYPE_NAMES: Record<ValueType, string> = {
  TEXT: '文本',
  INTEGER: '整数',
  DECIMAL: '小数',
  DATE: '日期',
  BOOLEAN: '是/否',
  ENUM: '选项',
  ID_NUMBER: '身份证号',
  PHONE: '电话',
};

/** A key from a Chinese label: its pinyin (户籍人口 → hujirenkou), starting with a letter, at most 48 characters. */
export function keyFromLabel(label: string): string {
  const spelt = pinyinKeys(label.trim()).pinyin.slice(0, 48);
  if (!spelt) return 'field';
  return /^[a-z]/.test(spelt) ? spelt : `f${spelt}`.slice(0, 48);
}

/**
 * Gives every field without a key one made from its label, unique within the form (a second 备注 becomes beizhu_2);
 * keys the caller gave are kept as they are. A row count naming a field by its label (the field had no key yet)
 * is pointed at that field's key.
 */
export function assignFieldKeys<T extends FieldDefinition>(fields: T[]): T[] {
  const taken = new Set(fields.map((field) => field.key?.trim().toLowerCase()).filter((key): key is string => !!key));
  const keyed = fields.map((field) => {
    if (field.key?.trim() || !field.label?.trim()) return field;
    const base = keyFromLabel(field.label);
    let key = base;
    for (let suffix = 2; taken.has(key.toLowerCase()); suffix++) key = `${base}_${suffix}`;
    taken.add(key.toLowerCase());
    return { ...field, key };
  });
  return keyed.map((field) => {
    const count = field.rowCountKey?.trim();
    if (!count || keyed.some((other) => other.key?.trim() === count)) return field;
    const byLabel = keyed.filter((other) => other.label?.trim() === count && other.section === FieldSection.VILLAGE);
    return byLabel.length === 1 ? { ...field, rowCountKey: byLabel[0].key } : field;
  });
}

/** Options of an ENUM field: its own, else those of the bound element. */
export function effectiveOptions(fieldDefinition: FieldDefinition, element?: BindableElement | null): string[] | null {
  const own = fieldDefinition.options?.map((option) => option.trim()).filter(Boolean);
  if (own?.length) return own;
  return fieldDefinition.valueType === ValueType.ENUM && element?.options?.length ? element.options : null;
}

/**
 * Checks a version's field list; every problem names its field as `fields[i].prop` so the
 * designer can show it beside the field. Empty result = valid.
 */
export function checkFieldDefinitions(fields: FieldDefinition[], elements: Map<number, BindableElement>): FieldProblem[] {
  const fieldProblems: FieldProblem[] = [];
  if (!fields.length) return [{ field: 'fields', message: '表单至少需要一个字段' }];
  if (fields.length > MAX_FIELDS) return [{ field: 'fields', message: `一张表单最多 ${MAX_FIELDS} 个字段` }];
  const seen = new Map<string, number>();
  fields.forEach((field, i) => {
    const at = (prop: string) => `fields[${i}].${prop}`;
    const name = `第 ${i + 1} 个字段${field.label?.trim() ? `“${field.label.trim()}”` : ''}`;
    const key = field.key?.trim() ?? '';
    // No key and no label: the key comes from the label, so the label's own problem says it all.
    if (key || field.label?.trim()) {
      if (!KEY.test(key)) fieldProblems.push({ field: at('key'), message: `${name}的键应以字母开头，只含字母、数字、下划线，最长 64 位` });
      else if (seen.has(key.toLowerCase()))
        fieldProblems.push({ field: at('key'), message: `${name}的键“${key}”与第 ${seen.get(key.toLowerCase())! + 1} 个字段重复` });
      else seen.set(key.toLowerCase(), i);
    }
    if (!field.label?.trim() || field.label.trim().length > 128)
      fieldProblems.push({ field: at('label'), message: `${name}的标签不能为空，且不超过 128 个字` });

    const element = field.elementId != null ? elements.get(field.elementId) : null;
    if (field.elementId != null) {
      if (!element) fieldProblems.push({ field: at('elementId'), message: `${name}绑定的数据元不存在` });
      else {
        if (element.subject !== SUBJECT_OF[field.section])
          fieldProblems.push({
            field: at('elementId'),
            message: `${name}在${field.section === FieldSection.VILLAGE ? '村表头' : '居民明细'}部分，不能绑定${element.subject === Subject.VILLAGE ? '村级' : '居民'}数据元“${element.name}”`,
          });
        if (element.valueType !== field.valueType)
          fieldProblems.push({
            field: at('valueType'),
            message: `${name}的类型（${TYPE_NAMES[field.valueType]}）与绑定的数据元“${element.name}”（${TYPE_NAMES[element.valueType]}）不一致`,
          });
      }
    }

    const options = effectiveOptions(field, element);
    if (field.valueType === ValueType.ENUM) {
      if (!options || options.length < 2) fieldProblems.push({ field: at('options'), message: `${name}是选项类型，至少需要 2 个选项` });
      else if (new Set(options).size !== options.length) fieldProblems.push({ field: at('options'), message: `${name}的选项有重复` });
      else if (element?.options && field.options?.length && options.some((option) => !element.options!.includes(option)))
        fieldProblems.push({
          field: at('options'),
          message: `${name}的选项应取自数据元“${element.name}”的选项：${element.options.join('、')}`,
        });
    } else if (field.options?.length) fieldProblems.push({ field: at('options'), message: `${name}不是选项类型，不能设置选项` });

    const numeric = field.valueType === ValueType.INTEGER || field.valueType === ValueType.DECIMAL;
    if ((field.min != null || field.max != null) && !numeric)
      fieldProblems.push({ field: at('min'), message: `${name}不是数值类型，不能设置上下限` });
    if (field.min != null && field.max != null && field.min > field.max)
      fieldProblems.push({ field: at('max'), message: `${name}的上限不能小于下限` });
    const rowKey = field.section === FieldSection.RESIDENT && field.valueType === ValueType.ID_NUMBER;
    if ((field.minRows != null || field.rowCountKey?.trim()) && !rowKey)
      fieldProblems.push({ field: at('minRows'), message: `${name}：只有居民明细的身份证号字段可以设置行数要求` });
    else if (field.minRows != null && (!Number.isInteger(field.minRows) || field.minRows < 0 || field.minRows > MAX_LIST_ROWS))
      fieldProblems.push({ field: at('minRows'), message: `${name}的最少行数应为 0–${MAX_LIST_ROWS} 的整数` });
    const countKey = field.rowCountKey?.trim();
    if (rowKey && countKey) {
      const counter = fields.find((other) => other.key?.trim() === countKey);
      if (!counter || counter.section !== FieldSection.VILLAGE || counter.valueType !== ValueType.INTEGER)
        fieldProblems.push({
          field: at('rowCountKey'),
          message: `${name}：居民明细行数应对应表头的一个整数字段，表中没有整数字段“${countKey}”`,
        });
    }
    if (field.maxLength != null && (field.valueType !== ValueType.TEXT || field.maxLength < 1 || field.maxLength > 5000))
      fieldProblems.push({ field: at('maxLength'), message: `${name}：只有文本可以设置最大长度（1–5000）` });
  });

  const resident = fields.map((field, i) => ({ f: field, i })).filter((x) => x.f.section === FieldSection.RESIDENT);
  if (resident.length) {
    const keys = resident.filter((x) => x.f.valueType === ValueType.ID_NUMBER);
    if (keys.length === 0) fieldProblems.push({ field: 'fields', message: '居民明细部分必须有一个“身份证号”字段作为每行的键' });
    else if (keys.length > 1)
      fieldProblems.push({ field: `fields[${keys[1].i}].valueType`, message: '居民明细部分只能有一个身份证号字段（行的键）' });
    else if (!keys[0].f.required)
      fieldProblems.push({ field: `fields[${keys[0].i}].required`, message: '居民明细的身份证号字段必须为必填' });
  }
  return fieldProblems;
}
