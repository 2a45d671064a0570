import { ValueType } from './value-type.js';

/** 是/否 for a stored boolean ('true'/'false'); anything else as it is. */
export function booleanText(value: string): string {
  return value === 'true' ? '是' : value === 'false' ? '否' : value;
}

/**
 * A stored value as a person reads it: booleans as 是/否, numbers with the data element's unit
 * (1200亩, 85.5%, 3人). The stored value itself stays as it is for forms and autofill.
 */
export function valueText(element: { valueType: string; unit: string | null }, value: string | null): string | null {
  if (value == null) return null;
  if (element.valueType === ValueType.BOOLEAN) return booleanText(value);
  if (element.unit && (element.valueType === ValueType.INTEGER || element.valueType === ValueType.DECIMAL))
    return `${value}${element.unit}`;
  return value;
}
