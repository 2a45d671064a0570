import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, In, type SelectQueryBuilder } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import { CatalogService } from '../catalog/catalog.service.js';
import { Role, type AuthUser } from '../common/auth-user.js';
import { badInput, conflict, forbidden, notFound, type FieldProblem } from '../common/errors.js';
import { pageOf, type Page, type PageArgs } from '../common/paging.js';
import { groupByKeys, orderByKeys, type RequestContext } from '../common/request-context.js';
import { TransactionService } from '../common/transaction.service.js';
import { DutiesService } from '../duties/duties.service.js';
import { assignFieldKeys, checkFieldDefinitions, effectiveOptions, type FieldDefinition } from './field-definitions.js';
import { FormField } from './form-field.entity.js';
import { FormVersion } from './form-version.entity.js';
import { Form, FormStatus, Frequency, TargetLevel } from './form.entity.js';
import { lockForUpdate } from '../database/lock.js';
import { Contains, containsPattern, LIKE_ESCAPE } from '../common/like.js';
import { IsNull, Not } from 'typeorm';

export interface FormInput {
  title: string;
  description?: string | null;
  dutyItemId: number;
  targetLevel: TargetLevel;
  frequency: Frequency;
  fields: FieldDefinition[];
}
export type FormUpdate = Partial<FormInput>;

export interface FormFilter {
  status?: FormStatus;
  departmentId?: number;
  dutyItemId?: number;
  targetLevel?: TargetLevel;
  query?: string;
  sort?: FormSort;
  descending?: boolean;
}

/** The orders of the form list (registered for GraphQL in forms.dto.ts). */
export enum FormSort {
  TITLE = 'TITLE',
  STATUS = 'STATUS',
  TARGET_LEVEL = 'TARGET_LEVEL',
  UPDATED = 'UPDATED',
}
const SORT_COLUMNS: Record<FormSort, string> = {
  TITLE: 'f.title',
  STATUS: 'f.status',
  TARGET_LEVEL: 'f.targetLevel',
  UPDATED: 'f.updatedAt',
};

/** An active form's bound elements, for overlap analysis. */
export interface ActiveElementSet {
  formId: number;
  title: string;
  departmentId: number;
  targetLevel: TargetLevel;
  elementIds: number[];
}

const EDITABLE = [FormStatus.DRAFT, FormStatus.RETURNED];
/** Who sees forms in every state; departments see their own; the grassroots and viewers see only forms in force. */
const SEES_ALL = [Role.OFFICE_REVIEWER, Role.ADMIN];
const SEES_ACTIVE = [Role.TOWN_STAFF, Role.VILLAGE_CADRE, Role.VIEWER];

@Injectable()
export class FormsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tx: TransactionService,
    private readonly audit: AuditService,
    private readonly catalog: CatalogService,
    private readonly duties: DutiesService,
  ) {}

  private get repo() {
    return this.dataSource.getRepository(Form);
  }

  /** Limits a query over `form` (alias) to what the caller may see. */
  scopeForms<T extends object>(qb: SelectQueryBuilder<T>, user: AuthUser, alias: string): SelectQueryBuilder<T> {
    if (SEES_ALL.includes(user.role)) return qb;
    if (user.role === Role.DEPARTMENT_STAFF)
      return qb.andWhere(`${alias}.departmentId = :scopeDept`, { scopeDept: user.departmentId ?? -1 });
    if (SEES_ACTIVE.includes(user.role)) return qb.andWhere(`${alias}.status = :scopeActive`, { scopeActive: FormStatus.ACTIVE });
    return qb.andWhere('1 = 0');
  }

  /** The same rule for one loaded form. */
  canSee(user: AuthUser, form: Form): boolean {
    if (SEES_ALL.includes(user.role)) return true;
    if (user.role === Role.DEPARTMENT_STAFF) return form.departmentId === user.departmentId;
    if (SEES_ACTIVE.includes(user.role)) return form.status === FormStatus.ACTIVE;
    return false;
  }

  async list(ctx: RequestContext, filter: FormFilter, page: PageArgs): Promise<Page<Form>> {
    const { take, skip } = pageOf(page);
    const qb = this.scopeForms(this.repo.createQueryBuilder('f'), ctx.me, 'f');
    if (filter.status) qb.andWhere('f.status = :status', { status: filter.status });
    if (filter.departmentId) qb.andWhere('f.departmentId = :dept', { dept: filter.departmentId });
    if (filter.dutyItemId) qb.andWhere('f.dutyItemId = :duty', { duty: filter.dutyItemId });
    if (filter.targetLevel) qb.andWhere('f.targetLevel = :level', { level: filter.targetLevel });
    if (filter.query?.trim()) qb.andWhere(`f.title LIKE :q ${LIKE_ESCAPE}`, { q: containsPattern(filter.query.trim()) });
    if (filter.sort) qb.orderBy(SORT_COLUMNS[filter.sort], filter.descending ? 'DESC' : 'ASC').addOrderBy('f.id', 'DESC');
    else qb.orderBy('f.id', 'DESC');
    const [items, totalItems] = await qb.take(take).skip(skip).getManyAndCount();
    return { items, totalItems };
  }

  /** Ids of the forms whose title holds `text` (taken literally): the task list's search. Callers scope what they list. */
  async idsTitled(text: string): Promise<number[]> {
    return (await this.repo.find({ select: { id: true }, where: { title: Contains(text.trim()) } })).map((form) => form.id);
  }

  async getForm(ctx: RequestContext, id: number): Promise<Form> {
    const form = await this.loadForm(ctx, id);
    if (!form || !this.canSee(ctx.me, form)) throw notFound('表单');
    return form;
  }

  /** Unscoped batched look-up, for nested fields whose parent was already scoped. */
  loadForm(ctx: RequestContext, id: number): Promise<Form | null> {
    return ctx
      .loader<number, Form | null>('form.byId', async (ids) =>
        orderByKeys(ids, await this.repo.findBy({ id: In([...ids]) }), (form) => form.id),
      )
      .load(id);
  }

  loadVersion(ctx: RequestContext, id: number): Promise<FormVersion | null> {
    return ctx
      .loader<number, FormVersion | null>('formVersion.byId', async (ids) =>
        orderByKeys(ids, await this.dataSource.getRepository(FormVersion).findBy({ id: In([...ids]) }), (formVersion) => formVersion.id),
      )
      .load(id);
  }

  /**
   * Whether the caller may see a version of a form it may see: the office everything, a department
   * its own forms' versions, the grassroots and viewers only approved versions (never a draft).
   * The one rule for `formVersion(id)`, `form { versions currentVersion }` and every other way in.
   */
  canSeeVersion(user: AuthUser, form: Form, formVersion: FormVersion): boolean {
    if (SEES_ALL.includes(user.role)) return true;
    if (user.role === Role.DEPARTMENT_STAFF) return form.departmentId === user.departmentId;
    return SEES_ACTIVE.includes(user.role) && formVersion.approvedAt != null;
  }

  async getVersion(ctx: RequestContext, versionId: number): Promise<FormVersion> {
    const formVersion = await this.loadVersion(ctx, versionId);
    const form = formVersion ? await this.loadForm(ctx, formVersion.formId) : null;
    if (!formVersion || !form || !this.canSeeVersion(ctx.me, form, formVersion)) throw notFound('表单版本');
    return formVersion;
  }

  /** A form's current version for a nested field: null when the caller may not see that version. */
  async visibleVersion(ctx: RequestContext, form: Form, versionId: number): Promise<FormVersion | null> {
    const formVersion = await this.loadVersion(ctx, versionId);
    return formVersion && this.canSeeVersion(ctx.me, form, formVersion) ? formVersion : null;
  }

  /** Ordered fields of a version, batched across versions. */
  fieldsOf(ctx: RequestContext, versionId: number): Promise<FormField[]> {
    return ctx
      .loader<number, FormField[]>('formField.byVersion', async (ids) =>
        groupByKeys(
          ids,
          await this.dataSource
            .getRepository(FormField)
            .find({ where: { versionId: In([...ids]) }, order: { versionId: 'ASC', position: 'ASC' } }),
          (x) => x.versionId,
        ),
      )
      .load(versionId);
  }

  /** A form's versions the caller may see (canSeeVersion), batched across forms. */
  async visibleVersionsOf(ctx: RequestContext, form: Form): Promise<FormVersion[]> {
    const versions = await this.versionsOf(ctx, form.id);
    return versions.filter((formVersion) => this.canSeeVersion(ctx.me, form, formVersion));
  }

  versionsOf(ctx: RequestContext, formId: number): Promise<FormVersion[]> {
    return ctx
      .loader<number, FormVersion[]>('formVersion.byForm', async (ids) =>
        groupByKeys(
          ids,
          await this.dataSource
            .getRepository(FormVersion)
            .find({ where: { formId: In([...ids]) }, order: { formId: 'ASC', versionNo: 'ASC' } }),
          (formVersion) => formVersion.formId,
        ),
      )
      .load(formId);
  }

  private requireDepartment(ctx: RequestContext): number {
    const me = ctx.me;
    if (me.role !== Role.DEPARTMENT_STAFF || !me.departmentId) throw forbidden('只有市直部门账号可以设计表单');
    return me.departmentId;
  }

  private async checkInput(ctx: RequestContext, input: FormUpdate, creating: boolean): Promise<void> {
    const fieldProblems: FieldProblem[] = [];
    if (input.title !== undefined || creating) {
      const trimmed = input.title?.trim() ?? '';
      if (trimmed.length < 2 || trimmed.length > 128) fieldProblems.push({ field: 'title', message: '表单名称应为 2–128 个字' });
    }
    if (input.description && input.description.length > 500) fieldProblems.push({ field: 'description', message: '说明不超过 500 个字' });
    if (input.dutyItemId !== undefined || creating) {
      const dutyItem = input.dutyItemId ? await this.duties.load(ctx, input.dutyItemId) : null;
      if (!dutyItem) fieldProblems.push({ field: 'dutyItemId', message: '请选择职责清单中的事项' });
    }
    if (input.fields) input.fields = assignFieldKeys(input.fields);
    if (input.fields !== undefined || creating) {
      const ids = [
        ...new Set((input.fields ?? []).map((fieldDefinition) => fieldDefinition.elementId).filter((x): x is number => x != null)),
      ];
      const els = await this.catalog.byIds(ids);
      fieldProblems.push(...checkFieldDefinitions(input.fields ?? [], new Map(els.map((el) => [el.id, el]))));
    }
    if (fieldProblems.length)
      throw badInput(`表单有 ${fieldProblems.length} 处需要修改：${fieldProblems.map((x) => x.message).join('；')}`, fieldProblems);
  }

  private async writeFields(em: EntityManager, versionId: number, fields: FieldDefinition[]): Promise<void> {
    const ids = [...new Set(fields.map((field) => field.elementId).filter((x): x is number => x != null))];
    const els = new Map((await this.catalog.byIds(ids, em)).map((dataElement) => [dataElement.id, dataElement]));
    const rows = fields.map((field, i) => {
      const el = field.elementId != null ? els.get(field.elementId) : null;
      const options = effectiveOptions(field, el);
      return {
        versionId,
        position: i,
        fieldKey: (field.key ?? '').trim(),
        label: field.label.trim(),
        valueType: field.valueType,
        required: !!field.required,
        section: field.section,
        elementId: field.elementId ?? null,
        optionsJson: options ? JSON.stringify(options) : null,
        // A bound field inherits the element's bounds unless it narrows them.
        minValue: field.min ?? el?.minValue ?? null,
        maxValue: field.max ?? el?.maxValue ?? null,
        maxLength: field.maxLength ?? null,
        minRows: field.minRows ?? null,
        rowCountKey: field.rowCountKey?.trim() || null,
      };
    });
    await em.getRepository(FormField).insert(rows);
  }

  async createForm(ctx: RequestContext, input: FormInput): Promise<Form> {
    const departmentId = this.requireDepartment(ctx);
    await this.checkInput(ctx, input, true);
    return this.tx.run(async (em) => {
      const form = em.getRepository(Form).create({
        title: input.title.trim(),
        description: input.description?.trim() || null,
        departmentId,
        dutyItemId: input.dutyItemId,
        targetLevel: input.targetLevel,
        frequency: input.frequency,
        status: FormStatus.DRAFT,
        currentVersionNo: 1,
        createdBy: ctx.me.id,
      });
      await em.getRepository(Form).save(form);
      const formVersion = await em
        .getRepository(FormVersion)
        .save(em.getRepository(FormVersion).create({ formId: form.id, versionNo: 1, createdBy: ctx.me.id }));
      await this.writeFields(em, formVersion.id, input.fields);
      form.currentVersionId = formVersion.id;
      await em.getRepository(Form).update({ id: form.id }, { currentVersionId: formVersion.id });
      await this.audit.record(em, ctx, {
        action: 'form.create',
        objectType: 'form',
        objectId: form.id,
        detail: { title: form.title, fields: input.fields.length },
      });
      return form;
    });
  }

  /**
   * Edits a DRAFT or RETURNED form. A version already submitted for review is never changed: the
   * edit becomes version N+1 (with the given fields, or a copy of the previous ones).
   */
  async updateForm(ctx: RequestContext, id: number, input: FormUpdate): Promise<Form> {
    this.requireDepartment(ctx);
    await this.checkInput(ctx, input, false);
    return this.tx.run(async (em) => {
      const form = await this.lockForm(em, id);
      if (!form || form.departmentId !== ctx.me.departmentId) throw notFound('表单');
      if (!EDITABLE.includes(form.status)) throw conflict(`表单当前状态为“${STATUS_NAMES[form.status]}”，只有草稿或退回修改的表单可以编辑`);
      const current = form.currentVersionId ? await em.getRepository(FormVersion).findOneBy({ id: form.currentVersionId }) : null;
      let versionId = current?.id;
      let newVersion = false;
      if (!current || current.submittedAt) {
        newVersion = true;
        const formVersion = await em
          .getRepository(FormVersion)
          .save(em.getRepository(FormVersion).create({ formId: form.id, versionNo: form.currentVersionNo + 1, createdBy: ctx.me.id }));
        const fields = input.fields ?? (current ? await this.definitionsOf(em, current.id) : []);
        await this.writeFields(em, formVersion.id, fields);
        versionId = formVersion.id;
        form.currentVersionId = formVersion.id;
        form.currentVersionNo = formVersion.versionNo;
      } else if (input.fields) {
        await em.getRepository(FormField).delete({ versionId: current.id });
        await this.writeFields(em, current.id, input.fields);
      }
      if (input.title !== undefined) form.title = input.title.trim();
      if (input.description !== undefined) form.description = input.description?.trim() || null;
      if (input.dutyItemId !== undefined) form.dutyItemId = input.dutyItemId;
      if (input.targetLevel !== undefined) form.targetLevel = input.targetLevel;
      if (input.frequency !== undefined) form.frequency = input.frequency;
      await em.getRepository(Form).save(form);
      await this.audit.record(em, ctx, {
        action: 'form.update',
        objectType: 'form',
        objectId: form.id,
        detail: { versionId, versionNo: form.currentVersionNo, newVersion, changed: Object.keys(input) },
      });
      return form;
    });
  }

  /** A department deletes its own form that was never submitted. */
  async deleteDraft(ctx: RequestContext, id: number): Promise<boolean> {
    this.requireDepartment(ctx);
    return this.tx.run(async (em) => {
      const form = await this.lockForm(em, id);
      if (!form || form.departmentId !== ctx.me.departmentId) throw notFound('表单');
      const versions = await em.getRepository(FormVersion).findBy({ formId: id });
      if (form.status !== FormStatus.DRAFT || versions.some((version) => version.submittedAt))
        throw conflict('只有从未提交审核的草稿可以删除');
      await em.getRepository(FormField).delete({ versionId: In(versions.map((version) => version.id)) });
      await em.getRepository(FormVersion).delete({ formId: id });
      await em.getRepository(Form).delete({ id });
      await this.audit.record(em, ctx, { action: 'form.delete', objectType: 'form', objectId: id, detail: { title: form.title } });
      return true;
    });
  }

  async definitionsOf(em: EntityManager, versionId: number): Promise<FieldDefinition[]> {
    const rows = await em.getRepository(FormField).find({ where: { versionId }, order: { position: 'ASC' } });
    return rows.map((row) => ({
      key: row.fieldKey,
      label: row.label,
      valueType: row.valueType,
      required: row.required,
      section: row.section,
      elementId: row.elementId,
      options: row.options,
      min: row.minValue,
      max: row.maxValue,
      maxLength: row.maxLength,
      minRows: row.minRows,
      rowCountKey: row.rowCountKey,
    }));
  }

  // ——— used by admission inside its transactions ———

  /** The newest version the office approved (what a task dispatches), or null. */
  latestApprovedVersion(formId: number): Promise<FormVersion | null> {
    return this.dataSource
      .getRepository(FormVersion)
      .findOne({ where: { formId, approvedAt: Not(IsNull()) }, order: { versionNo: 'DESC' } });
  }

  /** How many forms are filed under a duty item (one that is cannot be deleted). */
  countByDutyItem(em: EntityManager, dutyItemId: number): Promise<number> {
    return em.getRepository(Form).countBy({ dutyItemId });
  }

  /** Reads a form for a state change, locking its row on MySQL (SQLite writers are already serialised). */
  async lockForm(em: EntityManager, id: number): Promise<Form | null> {
    const qb = lockForUpdate(em.getRepository(Form).createQueryBuilder('f').where('f.id = :id', { id }));
    return qb.getOne();
  }

  async setStatus(em: EntityManager, form: Form, status: FormStatus): Promise<void> {
    form.status = status;
    await em.getRepository(Form).update({ id: form.id }, { status });
  }

  async markSubmitted(em: EntityManager, versionId: number, at: Date): Promise<void> {
    await em.getRepository(FormVersion).update({ id: versionId }, { submittedAt: at });
  }

  async markApproved(em: EntityManager, versionId: number, at: Date): Promise<void> {
    await em.getRepository(FormVersion).update({ id: versionId }, { approvedAt: at });
  }

  fieldRows(em: EntityManager, versionId: number): Promise<FormField[]> {
    return em.getRepository(FormField).find({ where: { versionId }, order: { position: 'ASC' } });
  }

  /** Active forms (other than `excludeFormId`) with the data elements their current version collects. */
  async activeElementSets(em: EntityManager, excludeFormId: number): Promise<ActiveElementSet[]> {
    const rows: { formId: number; title: string; departmentId: number; targetLevel: TargetLevel; elementId: number }[] = await em
      .getRepository(Form)
      .createQueryBuilder('f')
      .innerJoin(FormField, 'ff', 'ff.versionId = f.currentVersionId')
      .select('f.id', 'formId')
      .addSelect('f.title', 'title')
      .addSelect('f.departmentId', 'departmentId')
      .addSelect('f.targetLevel', 'targetLevel')
      .addSelect('ff.elementId', 'elementId')
      .where('f.status = :s', { s: FormStatus.ACTIVE })
      .andWhere('f.id <> :x', { x: excludeFormId })
      .andWhere('ff.elementId IS NOT NULL')
      .orderBy('f.id', 'ASC')
      .getRawMany();
    const byForm = new Map<number, ActiveElementSet>();
    for (const row of rows) {
      const id = Number(row.formId);
      let activeElementSet = byForm.get(id);
      if (!activeElementSet)
        byForm.set(
          id,
          (activeElementSet = {
            formId: id,
            title: row.title,
            departmentId: Number(row.departmentId),
            targetLevel: row.targetLevel,
            elementIds: [],
          }),
        );
      if (!activeElementSet.elementIds.includes(Number(row.elementId))) activeElementSet.elementIds.push(Number(row.elementId));
    }
    return [...byForm.values()];
  }

  /**
   * Active forms at a level. With `lock` (MySQL) the read takes next-key locks on the
   * (status, target_level) index range, so two concurrent approvals cannot both slip under the cap:
   * the second waits and then counts the first.
   */
  async countActive(em: EntityManager, level: TargetLevel, excludeFormId?: number, lock = false): Promise<number> {
    const qb = em
      .getRepository(Form)
      .createQueryBuilder('f')
      .select('f.id', 'id')
      .where('f.status = :s', { s: FormStatus.ACTIVE })
      .andWhere('f.targetLevel = :l', { l: level });
    if (lock) lockForUpdate(qb);
    const rows = await qb.getRawMany();
    return rows.filter((row) => Number(row.id) !== excludeFormId).length;
  }
}

export const STATUS_NAMES: Record<FormStatus, string> = {
  DRAFT: '草稿',
  PENDING: '待审核',
  RETURNED: '退回修改',
  ACTIVE: '已准入',
  REJECTED: '不予准入',
  RETIRED: '已退出',
};
