import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager, In, type SelectQueryBuilder } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import { Role, type AuthUser } from '../common/auth-user.js';
import { badField, badInput, conflict, domainError, forbidden, notFound, type FieldProblem } from '../common/errors.js';
import { pageOf, type Page, type PageArgs } from '../common/paging.js';
import { platformDateTime } from '../common/platform-time.js';
import { groupByKeys, orderByKeys, type RequestContext } from '../common/request-context.js';
import { TransactionService } from '../common/transaction.service.js';
import { DepartmentsService } from '../departments/departments.service.js';
import { FormsService } from '../forms/forms.service.js';
import { MessageKind } from '../messages/message.entity.js';
import { MessagesService } from '../messages/messages.service.js';
import { RegionLevel } from '../regions/region.entity.js';
import { RegionsService } from '../regions/regions.service.js';
import { ConsultationAnswer, ConsultationRecipient } from './consultation-recipient.entity.js';
import { Consultation, ConsultationStatus } from './consultation.entity.js';
import { ConsultationErrorCode } from './consultation.errors.js';

export interface CreateConsultationInput {
  title: string;
  draft: string;
  formId?: number | null;
  dueAt: Date;
  regionIds: number[];
}
export interface AnswerConsultationInput {
  consultationId: number;
  answer: ConsultationAnswer;
  comment?: string | null;
}

const SEES_ALL: Role[] = [Role.OFFICE_REVIEWER, Role.ADMIN];

let seq = 0;

/**
 * 征求意见. Who sees a consultation: its department, the office, and the towns and villages asked — a
 * town also those sent to its villages, and their answers; a village only its own answer. A recipient
 * may change its answer until the deadline while the consultation is open (the last answer counts; each
 * answer is audited); after the deadline or the close, CONSULTATION_CLOSED.
 */
@Injectable()
export class ConsultationService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tx: TransactionService,
    private readonly audit: AuditService,
    private readonly regions: RegionsService,
    private readonly departments: DepartmentsService,
    private readonly forms: FormsService,
    private readonly messages: MessagesService,
  ) {}

  private get repo() {
    return this.dataSource.getRepository(Consultation);
  }

  /** Limits consultations (alias `c`) to the caller's: scope in the query. */
  private scoped(qb: SelectQueryBuilder<Consultation>, me: AuthUser): SelectQueryBuilder<Consultation> {
    const tag = `cs${++seq % 1000}`;
    if (SEES_ALL.includes(me.role)) return qb;
    if (me.role === Role.DEPARTMENT_STAFF) return qb.andWhere(`c.departmentId = :${tag}`, { [tag]: me.departmentId ?? -1 });
    const column = me.role === Role.TOWN_STAFF ? 'town_id' : me.role === Role.VILLAGE_CADRE ? 'region_id' : null;
    if (!column || !me.regionId) return qb.andWhere('1 = 0');
    return qb.andWhere(`EXISTS (SELECT 1 FROM consultation_recipient cr WHERE cr.consultation_id = c.id AND cr.${column} = :${tag})`, {
      [tag]: me.regionId,
    });
  }

  async list(ctx: RequestContext, filter: { status?: ConsultationStatus | null }, page: PageArgs): Promise<Page<Consultation>> {
    const { take, skip } = pageOf(page);
    const qb = this.scoped(this.repo.createQueryBuilder('c'), ctx.me);
    if (filter.status) qb.andWhere('c.status = :status', { status: filter.status });
    const [items, totalItems] = await qb.orderBy('c.id', 'DESC').take(take).skip(skip).getManyAndCount();
    return { items, totalItems };
  }

  async get(ctx: RequestContext, id: number): Promise<Consultation> {
    const consultation = await this.scoped(this.repo.createQueryBuilder('c'), ctx.me).andWhere('c.id = :id', { id }).getOne();
    if (!consultation) throw notFound('征求意见');
    return consultation;
  }

  /** Unscoped batched look-up, for a parent already scoped (the admission request it is attached to). */
  load(ctx: RequestContext, id: number): Promise<Consultation | null> {
    return ctx
      .loader<number, Consultation | null>('consultation.byId', async (ids) =>
        orderByKeys(ids, await this.repo.findBy({ id: In([...ids]) }), (consultation) => consultation.id),
      )
      .load(id);
  }

  /** The recipients the caller may see, batched across consultations: a village its own row, a town its own and its villages'. */
  recipientsOf(ctx: RequestContext, consultationId: number): Promise<ConsultationRecipient[]> {
    const me = ctx.me;
    return ctx
      .loader<number, ConsultationRecipient[]>('consultationRecipient.byConsultation', async (ids) => {
        const qb = this.dataSource
          .getRepository(ConsultationRecipient)
          .createQueryBuilder('r')
          .where('r.consultationId IN (:...ids)', { ids: [...ids] });
        if (me.role === Role.TOWN_STAFF) qb.andWhere('r.townId = :town', { town: me.regionId ?? -1 });
        else if (me.role === Role.VILLAGE_CADRE) qb.andWhere('r.regionId = :village', { village: me.regionId ?? -1 });
        else if (!SEES_ALL.includes(me.role) && me.role !== Role.DEPARTMENT_STAFF) qb.andWhere('1 = 0');
        return groupByKeys(ids, await qb.orderBy('r.id', 'ASC').getMany(), (recipient) => recipient.consultationId);
      })
      .load(consultationId);
  }

  /** The draft form's title and field labels as they were when the consultation was made (batched). */
  async formDraftOf(ctx: RequestContext, consultation: Consultation): Promise<{ title: string; fields: string[] } | null> {
    if (!consultation.formId || !consultation.formVersionId) return null;
    const [form, fields] = await Promise.all([
      this.forms.loadForm(ctx, consultation.formId),
      this.forms.fieldsOf(ctx, consultation.formVersionId),
    ]);
    return form ? { title: form.title, fields: fields.map((field) => field.label) } : null;
  }

  async create(ctx: RequestContext, input: CreateConsultationInput): Promise<Consultation> {
    const me = ctx.me;
    if (me.role !== Role.DEPARTMENT_STAFF || !me.departmentId) throw forbidden('只有市直部门账号可以发起征求意见');
    const departmentId = me.departmentId;
    const title = input.title.trim();
    const draft = input.draft.trim();
    const regionIds = [...new Set(input.regionIds)];
    const problems: FieldProblem[] = [];
    if (!title) problems.push({ field: 'title', message: '标题不能为空' });
    if (!draft) problems.push({ field: 'draft', message: '草稿内容不能为空：请写明要征求意见的表单说明或派单内容' });
    if (!(input.dueAt instanceof Date) || Number.isNaN(input.dueAt.getTime()) || input.dueAt.getTime() <= Date.now())
      problems.push({ field: 'dueAt', message: '反馈截止时间应晚于现在' });
    if (!regionIds.length) problems.push({ field: 'regionIds', message: '请至少选择一个镇(街道)或村(社区)' });
    if (problems.length) throw badInput(problems.map((problem) => problem.message).join('；'), problems);
    let formVersionId: number | null = null;
    if (input.formId != null) {
      const form = await this.forms.loadForm(ctx, input.formId);
      if (!form || form.departmentId !== departmentId) throw badField('formId', '所选表单不存在或不属于本部门');
      formVersionId = form.currentVersionId;
    }
    const [towns, villages] = await Promise.all([
      this.regions.findAt(RegionLevel.TOWN, { ids: regionIds }),
      this.regions.findAt(RegionLevel.VILLAGE, { ids: regionIds }),
    ]);
    const found = new Set([...towns, ...villages].map((region) => region.id));
    const missing = regionIds.filter((id) => !found.has(id));
    if (missing.length)
      throw badField('regionIds', `只能向镇(街道)或村(社区)征求意见，以下编号不是镇或村：${missing.slice(0, 10).join('、')}`);
    return this.tx.run(async (em) => {
      const [department] = await this.departments.byIds([departmentId], em);
      const consultation = await em.getRepository(Consultation).save(
        em.getRepository(Consultation).create({
          departmentId,
          title,
          draft,
          formId: input.formId ?? null,
          formVersionId,
          dueAt: input.dueAt,
          status: ConsultationStatus.OPEN,
          createdBy: me.id,
          closedAt: null,
        }),
      );
      const recipients = [
        ...towns.map((town) => ({ region: town, townId: town.id, role: Role.TOWN_STAFF })),
        ...villages.map((village) => ({ region: village, townId: village.parentId!, role: Role.VILLAGE_CADRE })),
      ];
      await em
        .getRepository(ConsultationRecipient)
        .insert(recipients.map(({ region, townId }) => ({ consultationId: consultation.id, regionId: region.id, townId })));
      await this.messages.post(
        em,
        recipients.map(({ region, role }) => ({
          kind: MessageKind.CONSULTATION_ASKED,
          title: `${department?.name ?? '市直部门'}就“${title}”征求意见`,
          body: `请于 ${platformDateTime(input.dueAt)} 前反馈：同意、提出修改建议或无意见。`,
          link: `/consultations/${consultation.id}`,
          regionId: region.id,
          role,
        })),
      );
      await this.audit.record(em, ctx, {
        action: 'consultation.create',
        objectType: 'consultation',
        objectId: consultation.id,
        detail: { title, formId: consultation.formId, towns: towns.length, villages: villages.length },
      });
      return em.getRepository(Consultation).findOneByOrFail({ id: consultation.id });
    });
  }

  /** The asked town or village answers (or changes its answer) until the deadline, while the consultation is open. */
  async answer(ctx: RequestContext, input: AnswerConsultationInput): Promise<ConsultationRecipient> {
    const me = ctx.me;
    if ((me.role !== Role.VILLAGE_CADRE && me.role !== Role.TOWN_STAFF) || !me.regionId)
      throw forbidden('只有被征求意见的镇(街道)或村(社区)账号可以反馈意见');
    const regionId = me.regionId;
    const comment = input.comment?.trim() || null;
    if (input.answer === ConsultationAnswer.SUGGEST && !comment)
      throw badField('comment', '请写明修改建议；没有建议请选择“同意”或“无意见”');
    return this.tx.run(async (em) => {
      const recipient = await em.getRepository(ConsultationRecipient).findOneBy({ consultationId: input.consultationId, regionId });
      const consultation = recipient ? await em.getRepository(Consultation).findOneBy({ id: input.consultationId }) : null;
      if (!recipient || !consultation) throw notFound('征求意见');
      const now = new Date();
      if (consultation.status === ConsultationStatus.CLOSED)
        throw domainError(ConsultationErrorCode.CONSULTATION_CLOSED, '该征求意见已由发起部门结束，不能再反馈', {
          status: consultation.status,
        });
      if (consultation.dueAt.getTime() < now.getTime())
        throw domainError(
          ConsultationErrorCode.CONSULTATION_CLOSED,
          `已过反馈截止时间（${platformDateTime(consultation.dueAt)}），不能再反馈；如有意见请直接联系发起部门`,
          { dueAt: consultation.dueAt.toISOString() },
        );
      // Conditional on the consultation still being open: a close racing this answer wins or loses whole.
      const changed = await em
        .createQueryBuilder()
        .update(ConsultationRecipient)
        .set({ answer: input.answer, comment, answeredBy: me.id, answeredAt: now })
        .where('id = :id', { id: recipient.id })
        .andWhere('EXISTS (SELECT 1 FROM consultation c WHERE c.id = :cid AND c.status = :open)', {
          cid: consultation.id,
          open: ConsultationStatus.OPEN,
        })
        .execute();
      if (!changed.affected) throw domainError(ConsultationErrorCode.CONSULTATION_CLOSED, '该征求意见已由发起部门结束，不能再反馈');
      await this.audit.record(em, ctx, {
        action: 'consultation.answer',
        objectType: 'consultation',
        objectId: consultation.id,
        detail: { regionId, answer: input.answer, before: recipient.answer ?? undefined },
      });
      return em.getRepository(ConsultationRecipient).findOneByOrFail({ id: recipient.id });
    });
  }

  /** The department ends the consultation: no more answers. Closing twice is CONFLICT. */
  async close(ctx: RequestContext, id: number): Promise<Consultation> {
    const me = ctx.me;
    if (me.role !== Role.DEPARTMENT_STAFF) throw forbidden('只有发起部门可以结束征求意见');
    return this.tx.run(async (em) => {
      const consultation = await em.getRepository(Consultation).findOneBy({ id });
      if (!consultation || consultation.departmentId !== me.departmentId) throw notFound('征求意见');
      const res = await em
        .createQueryBuilder()
        .update(Consultation)
        .set({ status: ConsultationStatus.CLOSED, closedAt: new Date() })
        .where('id = :id AND status = :open', { id, open: ConsultationStatus.OPEN })
        .execute();
      if (!res.affected) throw conflict('该征求意见已经结束', { status: ConsultationStatus.CLOSED });
      await this.audit.record(em, ctx, { action: 'consultation.close', objectType: 'consultation', objectId: id });
      return em.getRepository(Consultation).findOneByOrFail({ id });
    });
  }

  /** For admission: the consultation a department attaches to its request must be its own (read in the caller's transaction). */
  async assertOwn(em: EntityManager, departmentId: number, id: number): Promise<Consultation> {
    const consultation = await em.getRepository(Consultation).findOneBy({ id });
    if (!consultation || consultation.departmentId !== departmentId)
      throw badField('consultationId', '所选征求意见不存在或不是本部门发起的');
    return consultation;
  }
}
