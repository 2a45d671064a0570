export const VALUE_TYPES = {
  TEXT: '文本',
  INTEGER: '整数',
  DECIMAL: '小数',
  DATE: '日期',
  BOOLEAN: '是/否',
  ENUM: '选项',
  ID_NUMBER: '身份证号',
  PHONE: '电话',
} as const;

export function fmtDate(v: string | null | undefined): string {
  if (!v) return '';
  const d = new Date(v);
  if (Number.isNaN(d.getTime())) return v;
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}

export function fmtDateTime(v: string | null | undefined): string {
  if (!v) return '';
  const d = new Date(v);
  if (Number.isNaN(d.getTime())) return v;
  const p = (n: number) => String(n).padStart(2, '0');
  return `${fmtDate(v)} ${p(d.getHours())}:${p(d.getMinutes())}`;
}
