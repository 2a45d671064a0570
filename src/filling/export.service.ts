import { Injectable } from '@nestjs/common';
import type ExcelJS from 'exceljs';

/** exceljs loads in about 0.3 s: on the first export, not at server start. */
const loadExcel = async (): Promise<typeof ExcelJS> => (await import('exceljs')).default;
import { AuditService } from '../audit/audit.service.js';
import { Role } from '../common/auth-user.js';
import { booleanText } from '../catalog/value-text.js';
import { forbidden } from '../common/errors.js';
import { platformDateTimeSeconds } from '../common/platform-time.js';
import { reveal, type Audience } from '../common/personal-data.js';
import type { RequestContext } from '../common/request-context.js';
import { TransactionService } from '../common/transaction.service.js';
import type { Assignment } from '../dispatch/assignment.entity.js';
import { DispatchService } from '../dispatch/dispatch.service.js';
import type { FormField } from '../forms/form-field.entity.js';
import { FormsService } from '../forms/forms.service.js';
import { RegionsService } from '../regions/regions.service.js';
import { FillingService } from './filling.service.js';
import type { SubmissionRow } from './submission.entity.js';
import { SubmissionStatus } from './submission.entity.js';

const STATUS_NAMES: Record<string, string> = {
  NOT_STARTED: '未开始',
  DRAFT: '草稿',
  SUBMITTED: '待审核',
  RETURNED: '已退回',
  ACCEPTED: '已通过',
};
const TYPE_NAMES: Record<string, string> = {
  TEXT: '文本',
  INTEGER: '整数',
  DECIMAL: '小数',
  DATE: '日期',
  BOOLEAN: '是/否',
  ENUM: '选项',
  ID_NUMBER: '身份证号',
  PHONE: '电话',
};
/** Collected data leaves only once submitted; drafts are the village's own business. */
const EXPORTED = [SubmissionStatus.SUBMITTED, SubmissionStatus.ACCEPTED];
const PAGE = 200;

export interface XlsxFile {
  fileName: string;
  buffer: Buffer;
}

@Injectable()
export class ExportService {
  constructor(
    private readonly dispatch: DispatchService,
    private readonly filling: FillingService,
    private readonly forms: FormsService,
    private readonly regions: RegionsService,
    private readonly audit: AuditService,
    private readonly tx: TransactionService,
  ) {}

  /**
   * A task's submitted data: sheet 村表头 (one row per unit), sheet 居民明细 (one row per
   * resident). ID numbers are masked; the owning department may ask for them in full, and every
   * download is audited (with `full`).
   */
  async taskData(ctx: RequestContext, taskId: number, full: boolean): Promise<XlsxFile> {
    const me = ctx.me;
    if (me.role === Role.VIEWER || me.role === Role.AUDITOR || me.role === Role.SECURITY_ADMIN) throw forbidden('该账号不能下载明细数据');
    const task = await this.dispatch.getTask(ctx, taskId);
    if (full && !(me.role === Role.DEPARTMENT_STAFF && task.departmentId === me.departmentId))
      throw forbidden('只有下发任务的部门可以导出完整身份证号');
    const [form, fields] = await Promise.all([this.forms.getForm(ctx, task.formId), this.forms.fieldsOf(ctx, task.formVersionId)]);
    const assignments: Assignment[] = [];
    for (let skip = 0; ; skip += PAGE) {
      const page = await this.dispatch.listAssignments(ctx, { taskId }, { take: PAGE, skip });
      assignments.push(...page.items);
      if (assignments.length >= page.totalItems || !page.items.length) break;
    }
    const subs = new Map(
      (await this.filling.ofAssignments(assignments.map((assignment) => assignment.id))).map((submission) => [
        submission.assignmentId,
        submission,
      ]),
    );
    const shownIds = [...subs.values()].filter((sub) => EXPORTED.includes(sub.status)).map((sub) => sub.id);
    const rowsBySubmission = new Map<number, SubmissionRow[]>();
    for (const submissionRow of await this.filling.rowsOfMany(shownIds)) {
      const list = rowsBySubmission.get(submissionRow.submissionId) ?? [];
      list.push(submissionRow);
      rowsBySubmission.set(submissionRow.submissionId, list);
    }
    const regionIds = [...new Set(assignments.flatMap((assignment) => [assignment.regionId, assignment.townId]))];
    const regions = new Map(
      (await Promise.all(regionIds.map((id) => this.regions.load(ctx, id)))).filter((row) => !!row).map((row) => [row!.id, row!]),
    );

    const vFields = fields.filter((field) => field.section === 'VILLAGE');
    const rFields = fields.filter((field) => field.section === 'RESIDENT' && field.valueType !== 'ID_NUMBER');
    // Personal fields as the caller may see them (common/personal-data.ts): the full export shows all, audited below.
    const classOf = await this.filling.classesOf(ctx, fields);
    const shownCell = (who: Audience, field: FormField, text: string | undefined) =>
      cell(field, text == null ? text : (reveal(who, classOf.get(field.fieldKey) ?? null, 'LIST', text) ?? undefined));
    const idField = fields.find((field) => field.section === 'RESIDENT' && field.valueType === 'ID_NUMBER');
    const wb = new (await loadExcel()).Workbook();
    wb.creator = 'OneTable';
    const head = wb.addWorksheet('村表头');
    head.addRow(['区划代码', '填报单位', '所属镇(街道)', '状态', '提交时间', ...vFields.map((vField) => vField.label)]);
    const people = wb.addWorksheet('居民明细');
    people.addRow(['区划代码', '填报单位', idField?.label ?? '身份证号', ...rFields.map((rField) => rField.label)]);
    let rowsOut = 0;
    for (const assignment of assignments) {
      const submission = subs.get(assignment.id);
      const region = regions.get(assignment.regionId);
      const town = regions.get(assignment.townId);
      const shown = submission && EXPORTED.includes(submission.status);
      const values: Record<string, string> = shown ? JSON.parse(submission.valuesJson) : {};
      const who: Audience = { role: me.role, own: assignment.regionId === me.regionId, fullExport: full };
      head.addRow([
        region?.code ?? '',
        region?.name ?? '',
        town?.name ?? '',
        STATUS_NAMES[assignment.status],
        shown && submission.submittedAt ? platformDateTimeSeconds(submission.submittedAt) : '',
        ...vFields.map((vField) => shownCell(who, vField, values[vField.fieldKey])),
      ]);
      if (!shown) continue;
      for (const submissionRow of rowsBySubmission.get(submission.id) ?? []) {
        const parsed: Record<string, string> = JSON.parse(submissionRow.valuesJson);
        people.addRow([
          region?.code ?? '',
          region?.name ?? '',
          full ? this.filling.decryptRow(submissionRow) : submissionRow.idMasked,
          ...rFields.map((rField) => shownCell(who, rField, parsed[rField.fieldKey])),
        ]);
        rowsOut++;
      }
    }
    for (const ws of [head, people]) {
      ws.getRow(1).font = { bold: true };
      ws.views = [{ state: 'frozen', ySplit: 1 }];
      ws.columns.forEach((column) => (column.width = 16));
    }
    const buffer = Buffer.from(await wb.xlsx.writeBuffer());
    await this.tx.run((em) =>
      this.audit.record(em, ctx, {
        action: full ? 'task.export_full' : 'task.export',
        objectType: 'task',
        objectId: task.id,
        detail: { full, units: assignments.length, residentRows: rowsOut, people: rowsOut },
      }),
    );
    return { fileName: `${form.title}-${task.period}.xlsx`, buffer };
  }

  /** A blank template of a form version: the two sheets' headers and a sheet explaining each field. */
  async template(ctx: RequestContext, versionId: number): Promise<XlsxFile> {
    const formVersion = await this.forms.getVersion(ctx, versionId);
    const [form, fields] = await Promise.all([this.forms.loadForm(ctx, formVersion.formId), this.forms.fieldsOf(ctx, formVersion.id)]);
    const wb = new (await loadExcel()).Workbook();
    const vFields = fields.filter((field) => field.section === 'VILLAGE');
    const rFields = fields.filter((field) => field.section === 'RESIDENT');
    wb.addWorksheet('村表头').addRow(['区划代码', '填报单位', ...vFields.map((vField) => vField.label)]);
    if (rFields.length) wb.addWorksheet('居民明细').addRow(rFields.map((rField) => rField.label));
    const help = wb.addWorksheet('填表说明');
    help.addRow(['部分', '字段', '键', '类型', '必填', '选项', '下限', '上限']);
    for (const field of fields)
      help.addRow([
        field.section === 'VILLAGE' ? '表头' : '居民明细',
        field.label,
        field.fieldKey,
        TYPE_NAMES[field.valueType],
        field.required ? '是' : '否',
        field.options?.join('、') ?? '',
        field.minValue ?? '',
        field.maxValue ?? '',
      ]);
    for (const ws of wb.worksheets) ws.getRow(1).font = { bold: true };
    return {
      fileName: `${form?.title ?? '表单'}-第${formVersion.versionNo}版-空表.xlsx`,
      buffer: Buffer.from(await wb.xlsx.writeBuffer()),
    };
  }
}

/** Numbers as numbers (sums in Excel work), the rest as text. */
function cell(formField: FormField, text: string | undefined): string | number | null {
  if (text == null) return null;
  if ((formField.valueType === 'INTEGER' || formField.valueType === 'DECIMAL') && /^-?\d+(\.\d+)?$/.test(text)) return Number(text);
  if (formField.valueType === 'BOOLEAN') return booleanText(text);
  return text;
}
