import { Injectable } from '@nestjs/common';
import { platformDay, earlierDay } from '../common/platform-time.js';
import { DataSource, EntityManager, In } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import { CatalogService } from '../catalog/catalog.service.js';
import type { DataElement } from '../catalog/data-element.entity.js';
import { Role } from '../common/auth-user.js';
import { isUniqueViolation } from '../common/db-errors.js';
import { AppError, badField, badInput, conflict, ErrorCode, forbidden, notFound } from '../common/errors.js';
import { groupByKeys, orderByKeys, type RequestContext } from '../common/request-context.js';
import { TransactionService } from '../common/transaction.service.js';
import { AssignmentStatus, type Assignment } from '../dispatch/assignment.entity.js';
import { DispatchService, type At } from '../dispatch/dispatch.service.js';
import { TaskStatus, type Task } from '../dispatch/task.entity.js';
import type { FormField } from '../forms/form-field.entity.js';
import { FormsService } from '../forms/forms.service.js';
import { FactSource } from '../records/fact.entity.js';
import { FactsService, type FactInput } from '../records/facts.service.js';
import { checkIdNumber } from '../common/id-number.js';
import { classOfField, PersonalClass, reveal, type Audience, type View } from '../common/personal-data.js';
import { PiiService } from '../records/pii.service.js';
import { ResidentsService } from '../records/residents.service.js';
import { checkSubmission, type CheckedRow, type KeyValue } from './submission-check.js';
import { Submission, SubmissionRow, SubmissionSave, SubmissionStatus } from './submission.entity.js';
import type { SubmissionFigures } from '../rollups/rollups.js';
import { MessageKind } from '../messages/message.entity.js';
import { MessagesService } from '../messages/messages.service.js';
import { assignmentLink } from '../dispatch/dispatch-messages.js';

export interface SaveSubmissionInput {
  assignmentId: number;
  clientId: string;
  expectedVersion: number;
  values?: KeyValue[] | null;
  rows?: RowInput[] | null;
  submit?: boolean | null;
}

/** A resident row; `fromRow` keeps the ID number of that row of the saved version (shown masked only). */
export interface RowInput {
  values: KeyValue[];
  fromRow?: number | null;
}

/** How one caller sees a submission's personal fields (`FillingService.personalView`). */
export interface PersonalView {
  who: Audience;
  classOf: Map<string, PersonalClass | null>;
}

/** Stored `{ key: value }` as the caller may see them; a value it may not see at all is left out. */
export function visibleValues(view: PersonalView, json: string, where: View = 'LIST'): { key: string; value: string | null }[] {
  return Object.entries(JSON.parse(json) as Record<string, string>)
    .map(([key, value]) => ({ key, value: reveal(view.who, view.classOf.get(key) ?? null, where, value) }))
    .filter((entry): entry is { key: string; value: string | null } => entry.value !== undefined);
}

export enum SubmissionDecision {
  ACCEPT = 'ACCEPT',
  RETURN = 'RETURN',
}

/** Largest JSON text of the header values, or of one row's values (MySQL TEXT holds 65,535 bytes). */
const MAX_JSON_BYTES = 60000;
const ROW_CHUNK = 500;

const CLIENT_ID = /^[A-Za-z0-9_.:-]{8,64}$/;
const EDITABLE = [AssignmentStatus.NOT_STARTED, AssignmentStatus.DRAFT, AssignmentStatus.RETURNED];
const STATE_NAMES: Record<AssignmentStatus, string> = {
  NOT_STARTED: '未开始',
  DRAFT: '草稿',
  SUBMITTED: '已提交待审核',
  RETURNED: '已退回',
  ACCEPTED: '已通过',
};

/** What the dashboard rollups count of a submission (dispatch passes them on with the assignment's state). */
export function figuresOf(sub: Submission | null): SubmissionFigures | null {
  if (!sub) return null;
  return {
    status: sub.status,
    submittedAt: sub.submittedAt ?? null,
    kept: sub.autofilledKept,
    changed: sub.autofilledChanged,
    typed: sub.typed,
  };
}

@Injectable()
export class FillingService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tx: TransactionService,
    private readonly audit: AuditService,
    private readonly dispatch: DispatchService,
    private readonly forms: FormsService,
    private readonly catalog: CatalogService,
    private readonly facts: FactsService,
    private readonly residents: ResidentsService,
    private readonly pii: PiiService,
    private readonly messages: MessagesService,
  ) {}

  // ——— saving ———

  /**
   * Saves a draft or submits. Idempotent by clientId (same payload → the same submission, a
   * different payload → CONFLICT); guarded by expectedVersion, checked in the UPDATE's WHERE.
   */
  async saveSubmission(ctx: RequestContext, input: SaveSubmissionInput, at: At = {}): Promise<Submission> {
    const me = ctx.me;
    if (!CLIENT_ID.test(input.clientId ?? ''))
      throw badField('clientId', 'clientId 应为 8–64 位字母、数字或 _.:-（每次保存操作生成一个，重试时沿用）');
    if (!Number.isInteger(input.expectedVersion) || input.expectedVersion < 0)
      throw badField('expectedVersion', 'expectedVersion 应为当前版本号（新建时为 0）');
    const values = input.values ?? [];
    const rows = input.rows ?? [];
    const submit = !!input.submit;
    const payload = this.payloadText(values, rows, submit);

    try {
      return await this.tx.run(async (em) => {
        const assignment = await this.dispatch.lockAssignment(em, me, input.assignmentId);
        if (assignment.regionId !== me.regionId || (me.role !== Role.VILLAGE_CADRE && me.role !== Role.TOWN_STAFF))
          throw forbidden('只有承担该任务的村(社区)或镇(街道)账号可以填报');
        const replay = await this.replayed(em, assignment.id, input.clientId, payload);
        if (replay) return replay;

        const task = await this.dispatch.taskIn(em, assignment.taskId);
        if (task.status === TaskStatus.CLOSED) throw conflict('该任务已关闭，不再接收填报');
        const sub = await em.getRepository(Submission).findOneBy({ assignmentId: assignment.id });
        const current = sub?.version ?? 0;
        if (!EDITABLE.includes(assignment.status))
          throw conflict(`本表${STATE_NAMES[assignment.status]}，不能再修改`, { currentVersion: current, status: assignment.status });
        if (input.expectedVersion !== current) throw this.versionConflict(current);

        const fields = await this.forms.fieldRows(em, task.formVersionId);
        const checked = checkSubmission(fields, values, await this.withKeptIds(em, ctx, fields, rows, sub), submit);
        const valuesJson = JSON.stringify(checked.values);
        const rowJson = checked.rows.map((row) => JSON.stringify(row.values));
        if (Buffer.byteLength(valuesJson) > MAX_JSON_BYTES) checked.problems.push({ field: 'values', message: '表头内容过长，请精简文字' });
        rowJson.forEach(
          (j, i) =>
            Buffer.byteLength(j) > MAX_JSON_BYTES &&
            checked.problems.push({ field: `rows[${i}]`, message: `第 ${i + 1} 行内容过长，请精简文字`, row: i }),
        );
        if (checked.problems.length)
          throw badInput(
            `有 ${checked.problems.length} 处需要修改：${checked.problems
              .slice(0, 5)
              .map((problem) => problem.message)
              .join('；')}${checked.problems.length > 5 ? '……' : ''}`,
            checked.problems,
          );

        const counts = submit
          ? await this.countAutofill(em, ctx, assignment, fields, checked.values, checked.rows)
          : { kept: 0, changed: 0, typed: 0 };
        const now = at.now ?? new Date();
        const accepted = submit && task.autoAccept;
        const status = accepted ? SubmissionStatus.ACCEPTED : submit ? SubmissionStatus.SUBMITTED : SubmissionStatus.DRAFT;
        const patch = {
          valuesJson,
          rowCount: checked.rows.length,
          status,
          autofilledKept: counts.kept,
          autofilledChanged: counts.changed,
          typed: counts.typed,
          submittedAt: submit ? now : (sub?.submittedAt ?? null),
          updatedBy: me.id,
          updatedAt: now,
          // The return reason stays in view while the cadre works on the form; a new submission answers it (the audit keeps it).
          ...(submit ? { returnComment: null } : {}),
          ...(accepted ? { reviewedAt: now, reviewedBy: null } : {}),
        };
        let id: number;
        if (!sub) {
          const fresh = em
            .getRepository(Submission)
            .create({ assignmentId: assignment.id, version: 1, returnComment: null, reviewedBy: null, reviewedAt: null, ...patch });
          const ins = await em.getRepository(Submission).insert(fresh);
          id = Number(ins.identifiers[0].id);
        } else {
          // The version check is in the WHERE clause: a concurrent save that got here first leaves 0 rows.
          const updateResult = await em
            .createQueryBuilder()
            .update(Submission)
            .set({ ...patch, version: () => 'version + 1' })
            .where('id = :id AND version = :v', { id: sub.id, v: input.expectedVersion })
            .execute();
          if (updateResult.affected !== 1) throw this.versionConflict(await this.versionOf(em, sub.id));
          id = sub.id;
        }
        await this.replaceRows(em, id, checked.rows, rowJson);
        const version = current + 1;
        await em.getRepository(SubmissionSave).insert({
          assignmentId: assignment.id,
          submissionId: id,
          clientId: input.clientId,
          payloadHash: this.pii.hash(payload),
          version,
          createdBy: me.id,
        });
        const saved = await em.getRepository(Submission).findOneByOrFail({ id });
        await this.dispatch.setAssignmentState(
          em,
          assignment,
          {
            status: accepted ? AssignmentStatus.ACCEPTED : submit ? AssignmentStatus.SUBMITTED : AssignmentStatus.DRAFT,
            ...(submit ? { submittedAt: now } : {}),
            ...(accepted ? { acceptedAt: now } : {}),
          },
          { before: figuresOf(sub), after: figuresOf(saved) },
        );
        const writeBack = accepted ? await this.writeBack(em, ctx, assignment, task, saved, fields) : null;
        await this.audit.record(em, ctx, {
          action: accepted ? 'submission.submit_accept' : submit ? 'submission.submit' : 'submission.save',
          objectType: 'submission',
          objectId: id,
          detail: { assignmentId: assignment.id, version, rows: checked.rows.length, counts, ...(writeBack ? { writeBack } : {}) },
        });
        return saved;
      });
    } catch (err) {
      // Concurrent first saves of one assignment (or one clientId): the unique index let one through.
      if (!isUniqueViolation(err)) throw err;
      const replay = await this.replayed(this.dataSource.manager, input.assignmentId, input.clientId, payload);
      if (replay) return replay;
      throw this.versionConflict(await this.versionOfAssignment(input.assignmentId));
    }
  }

  /** The save's canonical text; stored only as a keyed hash (it holds ID numbers, which a plain hash would let anyone guess back). */
  private payloadText(values: KeyValue[], rows: RowInput[], submit: boolean): string {
    const pairs = (keyValues: KeyValue[]) =>
      (keyValues ?? [])
        .map((kv) => [String(kv.key), kv.value == null ? null : String(kv.value)])
        .sort((x, y) => String(x[0]).localeCompare(String(y[0])));
    return JSON.stringify({ v: pairs(values), r: rows.map((row) => [row.fromRow ?? null, pairs(row.values)]), s: submit });
  }

  /**
   * Rows that say `fromRow: i` take the ID number of row i of the saved version: a cadre fixing a
   * returned form sees only masked numbers and need not type them again. A bad index is reported
   * on that row by the check (the ID stays missing).
   */
  private async withKeptIds(
    em: EntityManager,
    ctx: RequestContext,
    fields: FormField[],
    rows: RowInput[],
    sub: Submission | null,
  ): Promise<RowInput[]> {
    if (!rows.some((row) => row.fromRow != null)) return rows;
    const idKey = fields.find((field) => field.section === 'RESIDENT' && field.valueType === 'ID_NUMBER')?.fieldKey;
    const stored = sub ? await this.rowsIn(em, sub.id) : [];
    // The filler was shown the birth date as a year (personal-data.ts): sent back unchanged, it keeps the stored date.
    const view: PersonalView = { who: { role: ctx.me.role, own: true }, classOf: await this.classesOf(ctx, fields) };
    return rows.map((row) => {
      if (row.fromRow == null || !idKey) return row;
      const kept = stored[row.fromRow]?.idCipher;
      const before: Record<string, string> = stored[row.fromRow] ? JSON.parse(stored[row.fromRow].valuesJson) : {};
      const values = (row.values ?? [])
        .filter((kv) => kv.key !== idKey)
        .map((kv) => {
          const old = before[kv.key];
          const wasShown = old == null ? null : reveal(view.who, view.classOf.get(kv.key) ?? null, 'LIST', old);
          return old != null && wasShown !== old && kv.value != null && String(kv.value).trim() === wasShown
            ? { key: kv.key, value: old }
            : kv;
        });
      return { values: kept ? [{ key: idKey, value: this.pii.decrypt(kept) }, ...values] : values };
    });
  }

  /** A retried request: the same clientId with the same payload gets the submission; another payload is refused. */
  private async replayed(em: EntityManager, assignmentId: number, clientId: string, payloadText: string): Promise<Submission | null> {
    const prior = await em.getRepository(SubmissionSave).findOneBy({ assignmentId, clientId });
    if (!prior) return null;
    if (!this.pii.sameHash(prior.payloadHash, payloadText))
      throw conflict('该 clientId 已用于另一份不同的内容；新的保存请使用新的 clientId', { clientId });
    return em.getRepository(Submission).findOneByOrFail({ id: prior.submissionId });
  }

  private versionConflict(currentVersion: number) {
    return conflict(`这份表已被他人修改（当前版本 ${currentVersion}），请刷新后在最新内容上修改`, { currentVersion });
  }

  private async versionOf(em: EntityManager, id: number): Promise<number> {
    return (await em.getRepository(Submission).findOneBy({ id }))?.version ?? 0;
  }

  private async versionOfAssignment(assignmentId: number): Promise<number> {
    return (await this.dataSource.getRepository(Submission).findOneBy({ assignmentId }))?.version ?? 0;
  }

  /** A save replaces the rows: deleted and inserted again in chunks, in the save's transaction. */
  private async replaceRows(em: EntityManager, submissionId: number, rows: CheckedRow[], json: string[]): Promise<void> {
    await em.getRepository(SubmissionRow).delete({ submissionId });
    const records = rows.map((row, position) => ({
      submissionId,
      position,
      idHash: row.idNumber ? this.pii.hash(row.idNumber) : null,
      idCipher: row.idNumber ? this.pii.encrypt(row.idNumber) : null,
      idMasked: row.idNumber ? this.pii.mask(row.idNumber) : null,
      valuesJson: json[position],
    }));
    for (let i = 0; i < records.length; i += ROW_CHUNK)
      await em
        .createQueryBuilder()
        .insert()
        .into(SubmissionRow)
        .values(records.slice(i, i + ROW_CHUNK))
        .execute();
  }

  private rowsIn(em: EntityManager, submissionId: number): Promise<SubmissionRow[]> {
    return em.getRepository(SubmissionRow).find({ where: { submissionId }, order: { position: 'ASC' } });
  }

  /**
   * Recomputed on the server from current values, not reported by the client: the burden figure
   * must not depend on what a client claims. A bound field with a current value (or a value derived
   * from the ID number) counts as autofilled — kept when the submitted value equals it, changed
   * otherwise; everything else filled is typed. The row key (ID number) itself is not counted.
   */
  private async countAutofill(
    em: EntityManager,
    ctx: RequestContext,
    assignment: Assignment,
    fields: FormField[],
    values: Record<string, string>,
    rows: CheckedRow[],
  ) {
    const counts = { kept: 0, changed: 0, typed: 0 };
    const elements = await this.elementsOf(ctx, fields);
    const tally = (value: string, known: string | null | undefined) => {
      if (known == null) counts.typed++;
      else if (known === value) counts.kept++;
      else counts.changed++;
    };
    const villageLevel = assignment.regionId !== assignment.townId;
    const vFields = fields.filter((field) => field.section === 'VILLAGE');
    const vBound = vFields.filter((vField) => vField.elementId && vField.fieldKey in values).map((vField) => vField.elementId!);
    const vCurrent = villageLevel && vBound.length ? await this.facts.current('VILLAGE', [assignment.regionId], vBound) : [];
    const vByElement = new Map(vCurrent.map((currentValue) => [currentValue.elementId, currentValue.value]));
    for (const vField of vFields)
      if (vField.fieldKey in values) tally(values[vField.fieldKey], vField.elementId ? vByElement.get(vField.elementId) : null);

    const rFields = fields.filter((field) => field.section === 'RESIDENT' && field.valueType !== 'ID_NUMBER');
    if (!rows.length || !rFields.length) return counts;
    const byNumber = new Map(
      [
        ...(await this.residents.byIdNumbers(
          rows.map((row) => row.idNumber!),
          em,
        )),
      ]
        .filter(([, resident]) => villageLevel && resident.villageId === assignment.regionId)
        .map(([idNumber, resident]) => [idNumber, resident.id]),
    );
    const people = [...byNumber.values()];
    const stored = [
      ...new Set(
        rFields.filter((rField) => rField.elementId && !elements.get(rField.elementId)?.derivedFrom).map((rField) => rField.elementId!),
      ),
    ];
    const rCurrent = people.length && stored.length ? await this.facts.current('RESIDENT', people, stored) : [];
    const rByKey = new Map(rCurrent.map((currentValue) => [`${currentValue.subjectId}|${currentValue.elementId}`, currentValue.value]));
    rows.forEach((row, i) => {
      const rid = byNumber.get(rows[i].idNumber!);
      const id = checkIdNumber(row.idNumber!);
      for (const rField of rFields) {
        if (!(rField.fieldKey in row.values)) continue;
        const dataElement = rField.elementId ? elements.get(rField.elementId) : null;
        let known: string | null | undefined = null;
        if (dataElement?.derivedFrom && id.valid)
          known = dataElement.code.endsWith('gender') ? id.gender : dataElement.code.endsWith('birth_date') ? id.birthDate : null;
        else if (dataElement && rid) known = rByKey.get(`${rid}|${dataElement.id}`);
        tally(row.values[rField.fieldKey], known);
      }
    });
    return counts;
  }

  private async elementsOf(ctx: RequestContext, fields: FormField[]): Promise<Map<number, DataElement>> {
    const ids = [...new Set(fields.map((field) => field.elementId).filter((x): x is number => x != null))];
    const els = await Promise.all(ids.map((id) => this.catalog.load(ctx, id)));
    return new Map(els.filter((el): el is DataElement => !!el).map((el) => [el.id, el]));
  }

  // ——— review and write-back ———

  /** Town staff (its villages) or the owning department accept or return a submitted form. */
  async reviewSubmission(
    ctx: RequestContext,
    submissionId: number,
    decision: SubmissionDecision,
    comment?: string | null,
    at: At = {},
  ): Promise<Submission> {
    const me = ctx.me;
    const text = comment?.trim() || null;
    if (decision === SubmissionDecision.RETURN && (!text || text.length < 2))
      throw badField('comment', '退回时请写明理由（至少 2 个字），村(社区)将看到它');
    if (text && text.length > 500) throw badField('comment', '意见不超过 500 个字');
    return this.tx.run(async (em) => {
      const sub = await em.getRepository(Submission).findOneBy({ id: submissionId });
      if (!sub) throw notFound('填报数据');
      // Out of scope answers exactly like an absent submission (no existence oracle).
      const assignment = await this.dispatch.lockAssignment(em, me, sub.assignmentId).catch((error: unknown) => {
        throw error instanceof AppError && error.code === ErrorCode.NOT_FOUND ? notFound('填报数据') : error;
      });
      const reviewer =
        me.role === Role.DEPARTMENT_STAFF ||
        (me.role === Role.TOWN_STAFF && assignment.townId === me.regionId && assignment.regionId !== me.regionId);
      if (!reviewer) throw forbidden('只有所属镇(街道)或下发任务的部门可以审核');
      if (assignment.status !== AssignmentStatus.SUBMITTED)
        throw conflict(`本表${STATE_NAMES[assignment.status]}，只有已提交待审核的表可以审核`, { status: assignment.status });
      const now = at.now ?? new Date();
      const accept = decision === SubmissionDecision.ACCEPT;
      const updateResult = await em
        .createQueryBuilder()
        .update(Submission)
        .set({
          status: accept ? SubmissionStatus.ACCEPTED : SubmissionStatus.RETURNED,
          returnComment: accept ? null : text,
          reviewedBy: me.id,
          reviewedAt: now,
          updatedAt: now,
          version: () => 'version + 1',
        })
        .where('id = :id AND version = :v', { id: sub.id, v: sub.version })
        .execute();
      if (updateResult.affected !== 1) throw this.versionConflict(await this.versionOf(em, sub.id));
      const saved = await em.getRepository(Submission).findOneByOrFail({ id: sub.id });
      await this.dispatch.setAssignmentState(
        em,
        assignment,
        accept ? { status: AssignmentStatus.ACCEPTED, acceptedAt: now } : { status: AssignmentStatus.RETURNED },
        { before: figuresOf(sub), after: figuresOf(saved) },
      );
      let writeBack: Record<string, number> | null = null;
      const task = await this.dispatch.taskIn(em, assignment.taskId);
      if (accept) writeBack = await this.writeBack(em, ctx, assignment, task, saved, await this.forms.fieldRows(em, task.formVersionId));
      const formTitle = (await this.forms.loadForm(ctx, task.formId))?.title ?? '报表';
      await this.messages.post(em, [
        {
          kind: accept ? MessageKind.ACCEPTED : MessageKind.RETURNED,
          title: accept ? `已通过：${formTitle}（${task.period}）` : `被退回：${formTitle}（${task.period}）`,
          body: accept ? '审核已通过，数据已写回共享库。' : `退回理由：${text}。请修改后重新提交。`,
          link: assignmentLink(assignment.id),
          regionId: assignment.regionId,
          at: now,
        },
      ]);
      await this.audit.record(em, ctx, {
        action: accept ? 'submission.accept' : 'submission.return',
        objectType: 'submission',
        objectId: sub.id,
        detail: {
          assignmentId: assignment.id,
          version: saved.version,
          ...(text ? { comment: text } : {}),
          ...(writeBack ? { writeBack } : {}),
        },
      });
      return saved;
    });
  }

  /**
   * Every bound value becomes a fact (source SUBMISSION, as of the period's last day, or the submission day if earlier) in the
   * caller's transaction; residents met for the first time are created in the village.
   */
  private async writeBack(
    em: EntityManager,
    ctx: RequestContext,
    assignment: Assignment,
    task: Task,
    sub: Submission,
    fields: FormField[],
  ): Promise<Record<string, number>> {
    const villageLevel = assignment.regionId !== assignment.townId;
    const values: Record<string, string> = JSON.parse(sub.valuesJson);
    const rows = await this.rowsIn(em, sub.id);
    // No fact dated after the day it was recorded: a yearly form submitted in November is as of its submission day.
    const recorded = platformDay(sub.submittedAt ?? Date.now());
    const base = { asOf: earlierDay(task.periodEnd, recorded), source: FactSource.SUBMISSION, sourceRef: `submission:${sub.id}` };
    const facts: FactInput[] = [];
    // Town-level forms have no village subject: their header values stay with the submission.
    if (villageLevel)
      for (const field of fields)
        if (field.section === 'VILLAGE' && field.elementId && field.fieldKey in values)
          facts.push({
            ...base,
            subjectType: 'VILLAGE',
            subjectId: assignment.regionId,
            elementId: field.elementId,
            value: values[field.fieldKey],
          });
    let created = 0;
    if (rows.length) {
      const numbers = rows.map((row) => this.pii.decrypt(row.idCipher!));
      const ensured = await this.residents.ensure(
        em,
        numbers.map((idNumber) => ({ idNumber, villageId: villageLevel ? assignment.regionId : null, asOf: base.asOf })),
        base.sourceRef,
      );
      created = ensured.created;
      const rFields = fields.filter((field) => field.section === 'RESIDENT' && field.elementId && field.valueType !== 'ID_NUMBER');
      rows.forEach((row, i) => {
        const subjectId = ensured.ids.get(numbers[i])!;
        const parsed: Record<string, string> = JSON.parse(row.valuesJson);
        for (const rField of rFields)
          if (rField.fieldKey in parsed)
            facts.push({ ...base, subjectType: 'RESIDENT', subjectId, elementId: rField.elementId!, value: parsed[rField.fieldKey] });
      });
    }
    const writeFactsResult = await this.facts.writeFacts(em, ctx, facts);
    return {
      factsAdded: writeFactsResult.added,
      factsUnchanged: writeFactsResult.unchanged,
      currentChanged: writeFactsResult.currentChanged,
      residentsCreated: created,
    };
  }

  // ——— reading ———

  /** A submission by id, within the caller's scope (viewers see aggregates only). */
  async getSubmission(ctx: RequestContext, id: number): Promise<Submission> {
    const sub = await this.dataSource.getRepository(Submission).findOneBy({ id });
    if (!sub || ctx.me.role === Role.VIEWER) throw notFound('填报数据');
    await this.dispatch.getAssignment(ctx, sub.assignmentId).catch(() => {
      throw notFound('填报数据');
    });
    return sub;
  }

  /** The submission of an assignment, batched; the parent assignment was already scoped. */
  ofAssignment(ctx: RequestContext, assignmentId: number): Promise<Submission | null> {
    if (ctx.me.role === Role.VIEWER) return Promise.resolve(null);
    return ctx
      .loader<number, Submission | null>('submission.byAssignment', async (ids) =>
        orderByKeys(
          ids,
          await this.dataSource.getRepository(Submission).findBy({ assignmentId: In([...ids]) }),
          (submission) => submission.assignmentId,
        ),
      )
      .load(assignmentId);
  }

  /**
   * The same unit's submission of the same form for the previous period (submitted or accepted),
   * as far as the caller may see it: what a reviewer compares each value with. Batched.
   */
  async previousOf(ctx: RequestContext, submission: Submission): Promise<Submission | null> {
    if (ctx.me.role === Role.VIEWER) return null;
    const previous = await this.dispatch.previousAssignment(ctx, submission.assignmentId);
    return previous ? this.ofAssignment(ctx, previous.id) : null;
  }

  /** Rows of a submission in order, batched across submissions; the parent submission was already scoped. */
  rowsOf(ctx: RequestContext, submissionId: number): Promise<SubmissionRow[]> {
    return ctx
      .loader<number, SubmissionRow[]>('submissionRow.bySubmission', async (ids) =>
        groupByKeys(
          ids,
          await this.dataSource
            .getRepository(SubmissionRow)
            .find({ where: { submissionId: In([...ids]) }, order: { submissionId: 'ASC', position: 'ASC' } }),
          (submissionRow) => submissionRow.submissionId,
        ),
      )
      .load(submissionId);
  }

  /**
   * Audits a read of a submission's resident rows by a unit that did not fill them (town, department, office,
   * administrator), with the count of people read. Every read of one request's batch (a list of submissions) makes
   * one audit row: the reads are gathered by a DataLoader like the rows themselves.
   */
  async noteRowsRead(ctx: RequestContext, submissionId: number, people: number, own: boolean): Promise<void> {
    if (own || !people) return;
    await ctx
      .loader<{ submissionId: number; people: number }, true>('audit.submissionRowsRead', async (reads) => {
        const bySubmission = new Map(reads.map((read) => [read.submissionId, read.people]));
        const ids = [...bySubmission.keys()];
        await this.audit.recordRead(ctx, {
          action: 'submission.rows_read',
          objectType: 'submission',
          objectId: ids.length === 1 ? ids[0] : null,
          detail: {
            submissions: ids.length,
            people: [...bySubmission.values()].reduce((sum, count) => sum + count, 0),
            submissionIds: ids.slice(0, 50),
          },
        });
        return reads.map(() => true as const);
      })
      .load({ submissionId, people });
  }

  /** Rows of many submissions (export), in slices, ordered. */
  async rowsOfMany(submissionIds: number[]): Promise<SubmissionRow[]> {
    const out: SubmissionRow[] = [];
    for (let i = 0; i < submissionIds.length; i += 500)
      out.push(
        ...(await this.dataSource
          .getRepository(SubmissionRow)
          .find({ where: { submissionId: In(submissionIds.slice(i, i + 500)) }, order: { submissionId: 'ASC', position: 'ASC' } })),
      );
    return out;
  }

  /** Submissions of many assignments (export), in slices. */
  async ofAssignments(assignmentIds: number[]): Promise<Submission[]> {
    const out: Submission[] = [];
    for (let i = 0; i < assignmentIds.length; i += 500)
      out.push(...(await this.dataSource.getRepository(Submission).findBy({ assignmentId: In(assignmentIds.slice(i, i + 500)) })));
    return out;
  }

  /**
   * How `ctx` sees the personal fields of a submission (common/personal-data.ts): each field's
   * class, and whether the caller's own unit filled it. Batched like the fields it reads.
   */
  async personalView(ctx: RequestContext, submission: Submission): Promise<PersonalView> {
    const assignment = await this.dispatch.loadAssignment(ctx, submission.assignmentId);
    const task = assignment ? await this.dispatch.loadTask(ctx, assignment.taskId) : null;
    const fields = task ? await this.forms.fieldsOf(ctx, task.formVersionId) : [];
    return {
      who: { role: ctx.me.role, own: !!assignment && assignment.regionId === ctx.me.regionId },
      classOf: await this.classesOf(ctx, fields),
    };
  }

  /** Each field key's personal-data class (null: not personal). */
  async classesOf(ctx: RequestContext, fields: FormField[]): Promise<Map<string, PersonalClass | null>> {
    const elements = await this.elementsOf(ctx, fields);
    return new Map(fields.map((field) => [field.fieldKey, classOfField(field, field.elementId ? elements.get(field.elementId) : null)]));
  }

  /** The full ID number of a stored row: only for callers the export allowed it (audited there). */
  decryptRow(submissionRow: SubmissionRow): string | null {
    return submissionRow.idCipher ? this.pii.decrypt(submissionRow.idCipher) : null;
  }
}
