// Sentences of an import report that tell the clerk how the file was understood (beside the counts).
import type { NormalisedColumn } from './import-rows.js';

/** Columns not imported, named one by one: shown first in the report, also on a dry run. */
export function ignoredColumnsNotice(ignored: string[]): string | null {
  if (!ignored.length) return null;
  const named = ignored.map((column) => `“${column}”`).join('、');
  // A column given with its reason (derived from the ID number, another subject's) needs no alias.
  const unknown = ignored.some((column) => !/（(由身份证号推导，不导入|不属于(居民|村级)数据)）$/.test(column));
  const hint = unknown ? '。如某列应导入，请管理员在“数据元目录”中为对应数据元添加该列名作为别名，然后重新导入' : '';
  return `以下 ${ignored.length} 列未导入，其数据没有保存：${named}${hint}`;
}

/** “手机号码 列 37 个值已规范化，如 +86 137 2662 1657 → 13726621657”. */
export function normalisedNotices(columns: NormalisedColumn[]): string[] {
  return columns.map((item) => `${item.column} 列 ${item.count} 个值已规范化，如 ${item.example.from} → ${item.example.to}`);
}
