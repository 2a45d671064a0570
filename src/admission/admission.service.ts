import { Inject, Injectable } from '@nestjs/common';
import { Brackets, DataSource, EntityManager, In } from 'typeorm';
import type { AuditAction } from '../audit/audit-actions.js';
import { AuditService } from '../audit/audit.service.js';
import { CatalogService } from '../catalog/catalog.service.js';
import { Role } from '../common/auth-user.js';
import { badField, badInput, conflict, domainError, forbidden, notFound, type FieldProblem } from '../common/errors.js';
import { pageOf, type Page, type PageArgs } from '../common/paging.js';
import { groupByKeys, orderByKeys, type RequestContext } from '../common/request-context.js';
import { TransactionService } from '../common/transaction.service.js';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { DutyList } from '../duties/duty-item.entity.js';
import { Form, FILLS_PER_YEAR, FormStatus, TargetLevel } from '../forms/form.entity.js';
import { FormsService, STATUS_NAMES } from '../forms/forms.service.js';
import { RegionLevel } from '../regions/region.entity.js';
import { AdmissionDecision, DecisionAction } from './admission-decision.entity.js';
import { AdmissionRequest, RequestStatus } from './admission-request.entity.js';
import { analyse, packReport, unpackReport, type AnalysisReport, type StoredAnalysis } from './analysis.js';
import { CoverageService } from '../records/coverage.service.js';
import { DutiesService } from '../duties/duties.service.js';
import { DepartmentsService } from '../departments/departments.service.js';
import { RegionsService } from '../regions/regions.service.js';
import { statementProblems, type AdmissionStatements } from './statements.js';
import { lockForUpdate } from '../database/lock.js';

import { AdmissionErrorCode } from './admission.errors.js';
import { MessageKind } from '../messages/message.entity.js';
import { MessagesService } from '../messages/messages.service.js';
import { ConsultationService } from '../consultation/consultation.service.js';
import { RETURN_CATEGORY_NAMES, ReturnCategory, WorkOrderKind } from './order-kind.js';

/** The office's decisions the department hears of in its message centre. */
const DECISION_MESSAGES: Partial<Record<DecisionAction, { kind: MessageKind; verb: string }>> = {
  [DecisionAction.APPROVE]: { kind: MessageKind.ADMISSION_DECIDED, verb: '已准入' },
  [DecisionAction.RETURN]: { kind: MessageKind.ADMISSION_DECIDED, verb: '被退回修改' },
  [DecisionAction.REJECT]: { kind: MessageKind.ADMISSION_DECIDED, verb: '不予准入' },
  [DecisionAction.RETIRE]: { kind: MessageKind.FORM_RETIRED, verb: '已被减负办退出' },
};

export enum ReviewDecision {
  APPROVE = 'APPROVE',
  REJECT = 'REJECT',
  RETURN = 'RETURN',
}

export interface SubmitInput extends AdmissionStatements {
  formId: number;
  consultationId?: number | null;
}
export interface ReviewInput {
  id: number;
  decision: ReviewDecision;
  comment?: string | null;
  overrideCap?: boolean | null;
  returnCategory?: ReturnCategory | null;
}

/** A work order (not a form) applying for admission: the orders module checked the statements. */
export interface SubjectSubmission extends AdmissionStatements {
  kind: WorkOrderKind;
  subjectId: number;
  dutyItemId: number;
}

/** One step of a request's admission, as told to the module that owns its subject. */
export interface AdmissionStep {
  action: DecisionAction;
  comment: string | null;
  returnCategory: ReturnCategory | null;
  at: Date;
  /** The system decided (a NEGATIVE duty item), not a person. */
  system: boolean;
}

/**
 * The owner of a kind of work order other than forms (the orders module, a floor up): told of every
 * admission step of its requests inside the step's transaction, so its own state, record and messages
 * change with the decision or not at all. Admission imports nothing of it.
 */
export interface AdmissionSubject {
  decided(em: EntityManager, ctx: RequestContext, request: AdmissionRequest, step: AdmissionStep): Promise<void>;
}
/** The orders of the request list (registered for GraphQL in admission.dto.ts). */
export enum AdmissionRequestSort {
  SUBMITTED = 'SUBMITTED',
  REVIEWED = 'REVIEWED',
  STATUS = 'STATUS',
  ANNUAL_ENTRIES = 'ANNUAL_ENTRIES',
}

export interface RequestFilter {
  status?: RequestStatus;
  kind?: WorkOrderKind;
  departmentId?: number;
  dutyItemId?: number;
  formId?: number;
  /** A part of the form's title or of the department's name, taken literally. */
  search?: string;
  sort?: AdmissionRequestSort;
  descending?: boolean;
}

const SORT_COLUMNS: Record<AdmissionRequestSort, string> = {
  SUBMITTED: 'r.submittedAt',
  REVIEWED: 'r.reviewedAt',
  STATUS: 'r.status',
  ANNUAL_ENTRIES: 'r.annualEntries',
};

const REQUEST_STATUS_NAMES: Record<RequestStatus, string> = {
  PENDING: '待审核',
  APPROVED: '已准入',
  REJECTED: '不予准入',
  RETURNED: '已退回',
  WITHDRAWN: '已撤回',
};
/** The audit action each admission step writes. */
const AUDIT_ACTION_OF: Record<DecisionAction, AuditAction> = {
  [DecisionAction.SUBMIT]: 'admission.submit',
  [DecisionAction.APPROVE]: 'admission.approve',
  [DecisionAction.REJECT]: 'admission.reject',
  [DecisionAction.RETURN]: 'admission.return',
  [DecisionAction.WITHDRAW]: 'admission.withdraw',
  [DecisionAction.SYSTEM_REJECT]: 'admission.system_reject',
  [DecisionAction.RETIRE]: 'admission.retire',
};

const SEES_ALL = [Role.OFFICE_REVIEWER, Role.ADMIN];

@Injectable()
export class AdmissionService {
  private readonly subjects = new Map<WorkOrderKind, AdmissionSubject>();
  constructor(
    private readonly dataSource: DataSource,
    private readonly tx: TransactionService,
    private readonly audit: AuditService,
    private readonly forms: FormsService,
    private readonly catalog: CatalogService,
    private readonly coverage: CoverageService,
    private readonly duties: DutiesService,
    private readonly departments: DepartmentsService,
    private readonly regions: RegionsService,
    private readonly messages: MessagesService,
    private readonly consultations: ConsultationService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** The orders module names itself the owner of its kinds (at start-up). */
  registerSubject(kinds: WorkOrderKind[], subject: AdmissionSubject): void {
    for (const kind of kinds) this.subjects.set(kind, subject);
  }

  get villageFormCap(): number {
    return this.config.villageFormCap;
  }

  private get repo() {
    return this.dataSource.getRepository(AdmissionRequest);
  }

  // ——— reading ———

  async list(ctx: RequestContext, filter: RequestFilter, page: PageArgs): Promise<Page<AdmissionRequest>> {
    const { take, skip } = pageOf(page);
    const qb = this.repo.createQueryBuilder('r');
    const me = ctx.me;
    if (me.role === Role.DEPARTMENT_STAFF) qb.andWhere('r.departmentId = :scopeDept', { scopeDept: me.departmentId ?? -1 });
    else if (!SEES_ALL.includes(me.role)) qb.andWhere('1 = 0');
    if (filter.status) qb.andWhere('r.status = :status', { status: filter.status });
    if (filter.kind) qb.andWhere('r.kind = :kind', { kind: filter.kind });
    if (filter.departmentId) qb.andWhere('r.departmentId = :dept', { dept: filter.departmentId });
    if (filter.dutyItemId) qb.andWhere('r.dutyItemId = :duty', { duty: filter.dutyItemId });
    if (filter.formId) qb.andWhere('r.formId = :form', { form: filter.formId });
    const text = filter.search?.trim();
    if (text) {
      // Titles and names are owned by the forms and departments modules: they answer the ids.
      const [formIds, departmentIds] = await Promise.all([this.forms.idsTitled(text), this.departments.idsNamed(text)]);
      if (!formIds.length && !departmentIds.length) qb.andWhere('1 = 0');
      else
        qb.andWhere(
          new Brackets((where) => {
            if (formIds.length) where.orWhere('r.formId IN (:...searchForms)', { searchForms: formIds });
            if (departmentIds.length) where.orWhere('r.departmentId IN (:...searchDepartments)', { searchDepartments: departmentIds });
          }),
        );
    }
    const direction = filter.descending ? 'DESC' : 'ASC';
    if (filter.sort) qb.orderBy(SORT_COLUMNS[filter.sort], direction).addOrderBy('r.id', 'DESC');
    else qb.orderBy('r.id', 'DESC');
    const [items, totalItems] = await qb.take(take).skip(skip).getManyAndCount();
    return { items, totalItems };
  }

  private canSee(ctx: RequestContext, admissionRequest: AdmissionRequest): boolean {
    const me = ctx.me;
    return SEES_ALL.includes(me.role) || (me.role === Role.DEPARTMENT_STAFF && admissionRequest.departmentId === me.departmentId);
  }

  async get(ctx: RequestContext, id: number): Promise<AdmissionRequest> {
    const admissionRequest = await this.repo.findOneBy({ id });
    if (!admissionRequest || !this.canSee(ctx, admissionRequest)) throw notFound('准入申请');
    return admissionRequest;
  }

  /** The stored report, with labels from the (immutable) version and element names from the catalogue: batched, no per-item SQL. */
  async analysisOf(ctx: RequestContext, admissionRequest: AdmissionRequest): Promise<AnalysisReport | null> {
    if (!admissionRequest.analysisJson || !admissionRequest.formVersionId) return null;
    const stored: StoredAnalysis = JSON.parse(admissionRequest.analysisJson);
    const [fields, elements] = await Promise.all([this.forms.fieldsOf(ctx, admissionRequest.formVersionId), this.catalog.all(ctx)]);
    return unpackReport(
      stored,
      new Map(fields.map((field) => [field.fieldKey, field.label])),
      new Map(elements.map((element) => [element.id, element.name])),
    );
  }

  decisionsOfRequest(ctx: RequestContext, requestId: number): Promise<AdmissionDecision[]> {
    return ctx
      .loader<number, AdmissionDecision[]>('admissionDecision.byRequest', async (ids) =>
        groupByKeys(
          ids,
          await this.dataSource.getRepository(AdmissionDecision).find({ where: { requestId: In([...ids]) }, order: { id: 'ASC' } }),
          (admissionDecision) => admissionDecision.requestId!,
        ),
      )
      .load(requestId);
  }

  decisionsOfForm(ctx: RequestContext, formId: number): Promise<AdmissionDecision[]> {
    return ctx
      .loader<number, AdmissionDecision[]>('admissionDecision.byForm', async (ids) =>
        groupByKeys(
          ids,
          await this.dataSource.getRepository(AdmissionDecision).find({ where: { formId: In([...ids]) }, order: { id: 'ASC' } }),
          (admissionDecision) => admissionDecision.formId!,
        ),
      )
      .load(formId);
  }

  loadRequest(ctx: RequestContext, id: number): Promise<AdmissionRequest | null> {
    return ctx
      .loader<number, AdmissionRequest | null>('admissionRequest.byId', async (ids) =>
        orderByKeys(ids, await this.repo.findBy({ id: In([...ids]) }), (admissionRequest) => admissionRequest.id),
      )
      .load(id);
  }

  async capStatus(): Promise<{ cap: number; activeVillageForms: number }> {
    return { cap: this.villageFormCap, activeVillageForms: await this.forms.countActive(this.dataSource.manager, TargetLevel.VILLAGE) };
  }

  // ——— transitions ———

  private async decide(
    em: EntityManager,
    ctx: RequestContext,
    value: {
      form: Form;
      requestId: number | null;
      action: DecisionAction;
      from: FormStatus | null;
      to: FormStatus;
      comment?: string | null;
      system?: boolean;
      returnCategory?: ReturnCategory | null;
    },
  ) {
    await em.getRepository(AdmissionDecision).insert({
      formId: value.form.id,
      requestId: value.requestId,
      action: value.action,
      fromStatus: value.from,
      toStatus: value.to,
      actorId: value.system ? null : ctx.me.id,
      comment: value.comment ?? null,
      returnCategory: value.returnCategory ?? null,
      at: new Date(),
    });
    const told = DECISION_MESSAGES[value.action];
    if (told)
      await this.messages.post(em, [
        {
          kind: told.kind,
          title: `表单“${value.form.title}”${told.verb}`,
          body: value.comment ? `减负办意见：${value.comment}` : '请在表单页查看详情。',
          link: `/forms/${value.form.id}`,
          departmentId: value.form.departmentId,
          role: Role.DEPARTMENT_STAFF,
        },
      ]);
    await this.audit.record(em, ctx, {
      action: AUDIT_ACTION_OF[value.action],
      objectType: value.requestId ? 'admission_request' : 'form',
      objectId: value.requestId ?? value.form.id,
      outcome: value.action === DecisionAction.SYSTEM_REJECT ? 'DENIED' : 'SUCCESS',
      detail: { formId: value.form.id, from: value.from, to: value.to, comment: value.comment ?? undefined },
    });
  }

  /** A step of a work order's request (no form): the decision row, the audit event, and the subject's owner told. */
  private async decideSubject(
    em: EntityManager,
    ctx: RequestContext,
    request: AdmissionRequest,
    value: {
      action: DecisionAction;
      from: RequestStatus | null;
      comment?: string | null;
      system?: boolean;
      returnCategory?: ReturnCategory | null;
    },
  ) {
    const at = new Date();
    const step: AdmissionStep = {
      action: value.action,
      comment: value.comment ?? null,
      returnCategory: value.returnCategory ?? null,
      at,
      system: !!value.system,
    };
    await em.getRepository(AdmissionDecision).insert({
      formId: null,
      requestId: request.id,
      action: value.action,
      fromStatus: value.from,
      toStatus: request.status,
      actorId: value.system ? null : ctx.me.id,
      comment: step.comment,
      returnCategory: step.returnCategory,
      at,
    });
    const subject = this.subjects.get(request.kind);
    if (!subject) throw new Error(`no owner registered for admission kind ${request.kind}`);
    await subject.decided(em, ctx, request, step);
    await this.audit.record(em, ctx, {
      action: AUDIT_ACTION_OF[value.action],
      objectType: 'admission_request',
      objectId: request.id,
      outcome: value.action === DecisionAction.SYSTEM_REJECT ? 'DENIED' : 'SUCCESS',
      detail: {
        kind: request.kind,
        subjectId: request.subjectId,
        from: value.from,
        to: request.status,
        comment: step.comment ?? undefined,
      },
    });
  }

  /**
   * A work order of a kind other than REPORT applies for admission, in the orders module's transaction
   * (it has checked the statements and its support fields). As for forms, a NEGATIVE duty item is refused
   * at once: the request is stored as a system rejection and `refusal` names the item; the caller reports
   * NEGATIVE_LIST after its transaction commits.
   */
  async submitSubject(
    em: EntityManager,
    ctx: RequestContext,
    input: SubjectSubmission,
  ): Promise<{ request: AdmissionRequest; refusal: string | null }> {
    const me = ctx.me;
    if (me.role !== Role.DEPARTMENT_STAFF || !me.departmentId) throw forbidden('只有市直部门账号可以申请派单准入');
    if (input.kind === WorkOrderKind.REPORT)
      throw badInput('报表类派单请通过表单提交准入申请', [{ field: 'kind', message: '报表请走表单准入' }]);
    const duty = await this.duties.byId(em, input.dutyItemId);
    if (!duty) throw badInput('所选职责事项不存在，请重新选择', [{ field: 'dutyItemId', message: '职责事项不存在' }]);
    const now = new Date();
    const base = {
      kind: input.kind,
      formId: null,
      formVersionId: null,
      subjectId: input.subjectId,
      departmentId: me.departmentId,
      dutyItemId: duty.id,
      departmentDoes: input.departmentDoes.trim(),
      villageDoes: input.villageDoes.trim(),
      departmentSupport: input.departmentSupport.trim(),
      legalBasis: input.legalBasis.trim(),
      justification: input.justification.trim(),
      submittedBy: me.id,
      submittedAt: now,
    };
    const repo = em.getRepository(AdmissionRequest);
    if (duty.list === DutyList.NEGATIVE) {
      const refusal = `“${duty.groupName}·${duty.name}”属于村(社区)负面清单事项，不得向基层派单`;
      const request = await repo.save(repo.create({ ...base, status: RequestStatus.PENDING }));
      await this.decideSubject(em, ctx, request, { action: DecisionAction.SUBMIT, from: null });
      Object.assign(request, { status: RequestStatus.REJECTED, systemRejected: true, reviewedAt: now, reviewComment: refusal });
      await repo.save(request);
      await this.decideSubject(em, ctx, request, {
        action: DecisionAction.SYSTEM_REJECT,
        from: RequestStatus.PENDING,
        comment: refusal,
        system: true,
      });
      return { request, refusal };
    }
    const request = await repo.save(repo.create({ ...base, status: RequestStatus.PENDING }));
    await this.decideSubject(em, ctx, request, { action: DecisionAction.SUBMIT, from: null });
    return { request, refusal: null };
  }

  /**
   * Applies for admission of the form's current version. The version is frozen from here on. A
   * form on a NEGATIVE duty item is refused at once: the refusal is stored (a system rejection)
   * and then reported as NEGATIVE_LIST.
   */
  async submit(ctx: RequestContext, input: SubmitInput): Promise<AdmissionRequest> {
    const me = ctx.me;
    if (me.role !== Role.DEPARTMENT_STAFF || !me.departmentId) throw forbidden('只有市直部门账号可以申请表单准入');
    const problems = statementProblems(input);
    if (problems.length) throw badInput(problems.map((problem) => problem.message).join('；'), problems);
    const now = new Date();
    const outcome = await this.tx.run(
      async (em): Promise<{ request: AdmissionRequest } | { refused: { requestId: number; comment: string } }> => {
        const form = await this.forms.lockForm(em, input.formId);
        if (!form || form.departmentId !== me.departmentId) throw notFound('表单');
        if (form.status !== FormStatus.DRAFT && form.status !== FormStatus.RETURNED)
          throw conflict(`表单当前状态为“${STATUS_NAMES[form.status]}”，只有草稿或退回修改的表单可以提交准入申请`, { status: form.status });
        const duty = await this.duties.byId(em, form.dutyItemId);
        if (!duty) throw badInput('表单所属的职责事项已不存在，请重新选择', [{ field: 'dutyItemId', message: '职责事项不存在' }]);
        const versionId = form.currentVersionId!;
        if (input.consultationId != null) await this.consultations.assertOwn(em, me.departmentId!, input.consultationId);
        const base = {
          formId: form.id,
          formVersionId: versionId,
          departmentId: form.departmentId,
          dutyItemId: form.dutyItemId,
          departmentDoes: input.departmentDoes.trim(),
          villageDoes: input.villageDoes.trim(),
          departmentSupport: input.departmentSupport.trim(),
          legalBasis: input.legalBasis.trim(),
          justification: input.justification.trim(),
          consultationId: input.consultationId ?? null,
          submittedBy: me.id,
          submittedAt: now,
        };
        const from = form.status;
        await this.forms.markSubmitted(em, versionId, now);
        if (duty.list === DutyList.NEGATIVE) {
          const comment = `“${duty.groupName}·${duty.name}”属于村(社区)负面清单事项，不得向基层派发表单`;
          const admissionRequest = await em
            .getRepository(AdmissionRequest)
            .save(
              em
                .getRepository(AdmissionRequest)
                .create({ ...base, status: RequestStatus.REJECTED, systemRejected: true, reviewedAt: now, reviewComment: comment }),
            );
          await this.forms.setStatus(em, form, FormStatus.REJECTED);
          await this.decide(em, ctx, { form, requestId: admissionRequest.id, action: DecisionAction.SUBMIT, from, to: FormStatus.PENDING });
          await this.decide(em, ctx, {
            form,
            requestId: admissionRequest.id,
            action: DecisionAction.SYSTEM_REJECT,
            from: FormStatus.PENDING,
            to: FormStatus.REJECTED,
            comment,
            system: true,
          });
          return { refused: { requestId: admissionRequest.id, comment } };
        }
        const report = await this.analyse(em, form, versionId);
        const saved = await em.getRepository(AdmissionRequest).save(
          em.getRepository(AdmissionRequest).create({
            ...base,
            status: RequestStatus.PENDING,
            analysisJson: JSON.stringify(packReport(report)),
            annualEntries: report.burden.annualEntries,
          }),
        );
        await this.forms.setStatus(em, form, FormStatus.PENDING);
        await this.decide(em, ctx, { form, requestId: saved.id, action: DecisionAction.SUBMIT, from, to: FormStatus.PENDING });
        return { request: saved };
      },
    );
    if ('refused' in outcome) {
      const { requestId, comment } = outcome.refused;
      throw domainError(AdmissionErrorCode.NEGATIVE_LIST, `${comment}；申请已被系统拒绝（申请编号 ${requestId}）`, { requestId });
    }
    return outcome.request;
  }

  /** Overlap with active forms, coverage of the shared database, burden on the grassroots. */
  async analyse(em: EntityManager, form: Form, versionId: number): Promise<AnalysisReport> {
    const rows = await this.forms.fieldRows(em, versionId);
    const elementIds = [...new Set(rows.map((row) => row.elementId).filter((x): x is number => x != null))];
    const elements = new Map((await this.catalog.byIds(elementIds, em)).map((dataElement) => [dataElement.id, dataElement]));
    const active = await this.forms.activeElementSets(em, form.id);
    const deptIds = [...new Set(active.map((activeElementSet) => activeElementSet.departmentId))];
    const depts = new Map((await this.departments.byIds(deptIds, em)).map((department) => [department.id, department.name]));
    // Town-level forms have no village subjects in the shared database: nothing of them is known yet.
    const coverage =
      form.targetLevel === TargetLevel.VILLAGE
        ? await this.coverage.villageCoverage(em, elementIds)
        : new Map(elementIds.map((id) => [id, 0]));
    const targetUnits = await this.regions.countByLevel(
      form.targetLevel === TargetLevel.VILLAGE ? RegionLevel.VILLAGE : RegionLevel.TOWN,
      em,
    );
    return analyse({
      fields: rows.map((row) => {
        const dataElement = row.elementId != null ? elements.get(row.elementId) : undefined;
        return {
          key: row.fieldKey,
          label: row.label,
          elementId: row.elementId,
          elementName: dataElement?.name ?? null,
          derived: !!dataElement?.derivedFrom,
        };
      }),
      active: active.map((activeElementSet) => ({ ...activeElementSet, departmentName: depts.get(activeElementSet.departmentId) ?? '' })),
      coverage,
      targetUnits,
      fillsPerYear: FILLS_PER_YEAR[form.frequency],
    });
  }

  private async lockRequest(em: EntityManager, id: number): Promise<AdmissionRequest | null> {
    const qb = lockForUpdate(em.getRepository(AdmissionRequest).createQueryBuilder('r').where('r.id = :id', { id }));
    return qb.getOne();
  }

  private assertPending(admissionRequest: AdmissionRequest, doing: string) {
    if (admissionRequest.status !== RequestStatus.PENDING)
      throw conflict(`该申请已是“${REQUEST_STATUS_NAMES[admissionRequest.status]}”状态，不能${doing}`, { status: admissionRequest.status });
  }

  /**
   * The office decides. APPROVE makes the form ACTIVE; past the village-form cap only with
   * overrideCap and a comment. REJECT and RETURN need a comment the department can act on.
   */
  async review(ctx: RequestContext, input: ReviewInput): Promise<AdmissionRequest> {
    if (ctx.me.role !== Role.OFFICE_REVIEWER) throw forbidden('只有减负办审核人员可以审核准入申请');
    const comment = input.comment?.trim() || null;
    const problems: FieldProblem[] = [];
    if (input.decision !== ReviewDecision.APPROVE && (!comment || comment.length < 4))
      problems.push({
        field: 'comment',
        message:
          input.decision === ReviewDecision.RETURN ? '退回必须写明需要修改的内容（至少 4 个字）' : '不予准入必须写明理由（至少 4 个字）',
      });
    if (input.overrideCap && input.decision !== ReviewDecision.APPROVE)
      problems.push({ field: 'overrideCap', message: '只有准入时才能突破表单上限' });
    if (input.overrideCap && (!comment || comment.length < 4))
      problems.push({ field: 'comment', message: '突破村级表单上限必须写明理由（至少 4 个字）' });
    if (input.returnCategory && input.decision !== ReviewDecision.RETURN)
      problems.push({ field: 'returnCategory', message: '只有退回时才选择退回原因类别' });
    if (problems.length) throw badInput(problems.map((problem) => problem.message).join('；'), problems);
    return this.tx.run(async (em) => {
      const admissionRequest = await this.lockRequest(em, input.id);
      if (!admissionRequest) throw notFound('准入申请');
      this.assertPending(admissionRequest, '再审核');
      if (admissionRequest.kind !== WorkOrderKind.REPORT) return this.reviewSubject(em, ctx, admissionRequest, input, comment);
      const form = await this.forms.lockForm(em, admissionRequest.formId!);
      if (!form) throw notFound('表单');
      const now = new Date();
      let to: FormStatus;
      let status: RequestStatus;
      let action: DecisionAction;
      if (input.decision === ReviewDecision.APPROVE) {
        if (form.targetLevel === TargetLevel.VILLAGE) {
          const active = await this.forms.countActive(em, TargetLevel.VILLAGE, form.id, true);
          if (active >= this.villageFormCap) {
            if (!input.overrideCap)
              throw domainError(
                AdmissionErrorCode.CAP_EXCEEDED,
                `村级表单已有 ${active} 张生效，达到上限 ${this.villageFormCap} 张；如确需准入，请勾选“突破上限”并写明理由，或先退出其他表单`,
                {
                  cap: this.villageFormCap,
                  active,
                },
              );
            admissionRequest.capOverridden = true;
          }
        }
        await this.forms.markApproved(em, admissionRequest.formVersionId!, now);
        [to, status, action] = [FormStatus.ACTIVE, RequestStatus.APPROVED, DecisionAction.APPROVE];
      } else if (input.decision === ReviewDecision.RETURN)
        [to, status, action] = [FormStatus.RETURNED, RequestStatus.RETURNED, DecisionAction.RETURN];
      else [to, status, action] = [FormStatus.REJECTED, RequestStatus.REJECTED, DecisionAction.REJECT];
      const from = form.status;
      await this.forms.setStatus(em, form, to);
      const returnCategory = action === DecisionAction.RETURN ? (input.returnCategory ?? null) : null;
      Object.assign(admissionRequest, { status, reviewerId: ctx.me.id, reviewedAt: now, reviewComment: comment, returnCategory });
      await em.getRepository(AdmissionRequest).save(admissionRequest);
      await this.decide(em, ctx, {
        form,
        requestId: admissionRequest.id,
        action,
        from,
        to,
        comment: admissionRequest.capOverridden && action === DecisionAction.APPROVE ? `【突破上限】${comment}` : comment,
        returnCategory,
      });
      return admissionRequest;
    });
  }

  /** The office decides on a work order: no form, no cap; a return names its category (the dashboards count them). */
  private async reviewSubject(
    em: EntityManager,
    ctx: RequestContext,
    admissionRequest: AdmissionRequest,
    input: ReviewInput,
    comment: string | null,
  ): Promise<AdmissionRequest> {
    if (input.overrideCap) throw badField('overrideCap', '派单不受村级表单上限约束，无需勾选“突破上限”');
    if (input.decision === ReviewDecision.RETURN && !input.returnCategory)
      throw badField('returnCategory', `退回派单须选择退回原因类别（${Object.values(RETURN_CATEGORY_NAMES).join('、')}）`);
    const [status, action] =
      input.decision === ReviewDecision.APPROVE
        ? [RequestStatus.APPROVED, DecisionAction.APPROVE]
        : input.decision === ReviewDecision.RETURN
          ? [RequestStatus.RETURNED, DecisionAction.RETURN]
          : [RequestStatus.REJECTED, DecisionAction.REJECT];
    const returnCategory = action === DecisionAction.RETURN ? input.returnCategory! : null;
    const from = admissionRequest.status;
    Object.assign(admissionRequest, { status, reviewerId: ctx.me.id, reviewedAt: new Date(), reviewComment: comment, returnCategory });
    await em.getRepository(AdmissionRequest).save(admissionRequest);
    await this.decideSubject(em, ctx, admissionRequest, { action, from, comment, returnCategory });
    return admissionRequest;
  }

  /** The department takes back a pending request; the form goes back to draft (its next edit is a new version). */
  async withdraw(ctx: RequestContext, id: number, reason?: string | null): Promise<AdmissionRequest> {
    const me = ctx.me;
    if (me.role !== Role.DEPARTMENT_STAFF) throw forbidden('只有提出申请的部门可以撤回');
    return this.tx.run(async (em) => {
      const admissionRequest = await this.lockRequest(em, id);
      if (!admissionRequest || admissionRequest.departmentId !== me.departmentId) throw notFound('准入申请');
      this.assertPending(admissionRequest, '撤回');
      if (admissionRequest.kind !== WorkOrderKind.REPORT) {
        admissionRequest.status = RequestStatus.WITHDRAWN;
        await em.getRepository(AdmissionRequest).update({ id: admissionRequest.id }, { status: admissionRequest.status });
        await this.decideSubject(em, ctx, admissionRequest, {
          action: DecisionAction.WITHDRAW,
          from: RequestStatus.PENDING,
          comment: reason?.trim() || null,
        });
        return admissionRequest;
      }
      const form = (await this.forms.lockForm(em, admissionRequest.formId!))!;
      admissionRequest.status = RequestStatus.WITHDRAWN;
      await em.getRepository(AdmissionRequest).update({ id: admissionRequest.id }, { status: admissionRequest.status });
      const from = form.status;
      await this.forms.setStatus(em, form, FormStatus.DRAFT);
      await this.decide(em, ctx, {
        form,
        requestId: admissionRequest.id,
        action: DecisionAction.WITHDRAW,
        from,
        to: FormStatus.DRAFT,
        comment: reason?.trim() || null,
      });
      return admissionRequest;
    });
  }

  /** The office retires an active form ("临时事项不再报"); it can no longer be dispatched. */
  async retire(ctx: RequestContext, formId: number, reason: string): Promise<Form> {
    if (ctx.me.role !== Role.OFFICE_REVIEWER) throw forbidden('只有减负办可以退出表单');
    const why = reason?.trim() ?? '';
    if (why.length < 4)
      throw badInput('退出表单必须写明理由（至少 4 个字）', [{ field: 'reason', message: '退出表单必须写明理由（至少 4 个字）' }]);
    return this.tx.run(async (em) => {
      const form = await this.forms.lockForm(em, formId);
      if (!form) throw notFound('表单');
      if (form.status !== FormStatus.ACTIVE)
        throw conflict(`表单当前状态为“${STATUS_NAMES[form.status]}”，只有已准入的表单可以退出`, { status: form.status });
      const approved = await em
        .getRepository(AdmissionRequest)
        .findOne({ where: { formId, status: RequestStatus.APPROVED }, order: { id: 'DESC' } });
      await this.forms.setStatus(em, form, FormStatus.RETIRED);
      await this.decide(em, ctx, {
        form,
        requestId: approved?.id ?? null,
        action: DecisionAction.RETIRE,
        from: FormStatus.ACTIVE,
        to: FormStatus.RETIRED,
        comment: why,
      });
      return form;
    });
  }
}
