import { WorkOrderKind } from '../admission/order-kind.js';
import { statementProblems } from '../admission/statements.js';
import type { FieldProblem } from '../common/errors.js';

/** What a department states when it submits (or resubmits) a work order. */
export interface WorkOrderFields {
  kind: WorkOrderKind;
  title: string;
  content: string;
  dutyItemId: number;
  departmentDoes: string;
  villageDoes: string;
  legalBasis: string;
  justification: string;
  fundsYuan?: number | null;
  supportStaff?: string | null;
  supportMaterials?: string | null;
  supportOther?: string | null;
  deadline?: string | null;
  townIds: number[];
  evidenceRequired?: boolean | null;
  evidenceNote?: string | null;
}

const MAX_FUNDS = 1_000_000_000;

/** 部门提供什么支持, written out from the checkable fields (what admission's request keeps as its third clarity). */
export function supportText(fields: Pick<WorkOrderFields, 'fundsYuan' | 'supportStaff' | 'supportMaterials' | 'supportOther'>): string {
  const parts = [
    `随单下拨资金 ${fields.fundsYuan ?? 0} 元`,
    `人员：${fields.supportStaff?.trim() ?? ''}`,
    `物资：${fields.supportMaterials?.trim() ?? ''}`,
  ];
  const other = fields.supportOther?.trim();
  if (other) parts.push(`其他：${other}`);
  return parts.join('；');
}

/**
 * Everything wrong with an order as typed, each problem naming its field: the title and requirements,
 * support stated in every field ("无" and 0 are answers, a blank is not), the deadline not before
 * `today` (the platform's day, YYYY-MM-DD), towns chosen, evidence described when required, and the
 * clarities as admission checks them for forms.
 */
export function orderProblems(fields: WorkOrderFields, today: string): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (fields.kind === WorkOrderKind.REPORT) problems.push({ field: 'kind', message: '报表类派单请新建表单并提交表单准入' });
  const title = fields.title?.trim() ?? '';
  if (title.length < 2 || title.length > 100) problems.push({ field: 'title', message: '派单标题应为 2 到 100 个字' });
  const content = fields.content?.trim() ?? '';
  if (content.length < 4 || content.length > 2000) problems.push({ field: 'content', message: '具体要求应为 4 到 2000 个字' });
  if (fields.fundsYuan == null) problems.push({ field: 'fundsYuan', message: '请填写随单下拨资金（元）；不下拨资金请填 0' });
  else if (!Number.isInteger(fields.fundsYuan) || fields.fundsYuan < 0 || fields.fundsYuan > MAX_FUNDS)
    problems.push({ field: 'fundsYuan', message: '随单下拨资金应为 0 到 10 亿之间的整数（元）' });
  for (const [field, name] of [
    ['supportStaff', '部门提供的人员'],
    ['supportMaterials', '部门提供的物资'],
  ] as const) {
    const value = fields[field]?.trim() ?? '';
    if (!value) problems.push({ field, message: `请填写“${name}”；没有请写“无”` });
    else if (value.length > 500) problems.push({ field, message: `“${name}”不超过 500 个字` });
  }
  if ((fields.supportOther?.trim().length ?? 0) > 2000) problems.push({ field: 'supportOther', message: '“其他支持”不超过 2000 个字' });
  if (!fields.deadline) problems.push({ field: 'deadline', message: '请填写完成期限' });
  else if (fields.deadline < today)
    problems.push({ field: 'deadline', message: `完成期限 ${fields.deadline} 已过，应不早于今天（${today}）` });
  if (!fields.townIds?.length) problems.push({ field: 'townIds', message: '请选择派往的镇(街道)' });
  else if (new Set(fields.townIds).size !== fields.townIds.length) problems.push({ field: 'townIds', message: '镇(街道)重复选择' });
  const evidenceNote = fields.evidenceNote?.trim() ?? '';
  if (fields.evidenceRequired && evidenceNote.length < 2)
    problems.push({ field: 'evidenceNote', message: '要求佐证材料时须写明要哪些材料（不得默认要求拍照留痕）' });
  if (evidenceNote.length > 500) problems.push({ field: 'evidenceNote', message: '佐证材料说明不超过 500 个字' });
  const supportStated = !problems.some((problem) => ['fundsYuan', 'supportStaff', 'supportMaterials'].includes(problem.field));
  problems.push(
    ...statementProblems({
      departmentDoes: fields.departmentDoes,
      villageDoes: fields.villageDoes,
      // The support fields were checked above; its text is made from them.
      departmentSupport: supportStated ? supportText(fields) : '（未写明）支持内容待补充完整',
      legalBasis: fields.legalBasis,
      justification: fields.justification,
    }).filter((problem) => problem.field !== 'departmentSupport'),
  );
  return problems;
}
