import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, In, type SelectQueryBuilder } from 'typeorm';
import { DecisionAction } from '../admission/admission-decision.entity.js';
import type { AdmissionRequest } from '../admission/admission-request.entity.js';
import { AdmissionErrorCode } from '../admission/admission.errors.js';
import { AdmissionService, type AdmissionStep, type AdmissionSubject } from '../admission/admission.service.js';
import { RETURN_CATEGORY_NAMES, WORK_ORDER_KIND_NAMES, WorkOrderKind } from '../admission/order-kind.js';
import { AuditService } from '../audit/audit.service.js';
import { Role } from '../common/auth-user.js';
import { badField, badInput, conflict, domainError, forbidden, notFound } from '../common/errors.js';
import { containsPattern, LIKE_ESCAPE } from '../common/like.js';
import { pageOf, type Page, type PageArgs } from '../common/paging.js';
import { platformDay, platformDateTime } from '../common/platform-time.js';
import { groupByKeys, orderByKeys, type RequestContext } from '../common/request-context.js';
import { TransactionService } from '../common/transaction.service.js';
import { RollupService } from '../rollups/rollup.service.js';
import { orderVillageSnapshot } from './order-rollup.js';
import { lockForUpdate } from '../database/lock.js';
import { MessageKind } from '../messages/message.entity.js';
import { MessagesService, scrubPersonal, type MessageDraft } from '../messages/messages.service.js';
import { RegionLevel } from '../regions/region.entity.js';
import { RegionsService } from '../regions/regions.service.js';
import { orderProblems, supportText, type WorkOrderFields } from './order-input.js';
import { OrdersErrorCode } from './orders.errors.js';
import { WorkOrderAction, WorkOrderStep } from './work-order-step.entity.js';
import { WorkOrderTown, WorkOrderTownStatus, WorkOrderVillage, WorkOrderVillageStatus } from './work-order-unit.entity.js';
import { WORK_ORDER_STATUS_NAMES, WorkOrder, WorkOrderStatus } from './work-order.entity.js';

export interface WorkOrderFilter {
  kind?: WorkOrderKind;
  status?: WorkOrderStatus;
  search?: string;
  awaitingMe?: boolean;
}

export interface DispatchInput {
  orderId: number;
  villageIds: number[];
  note?: string | null;
  deadline?: string | null;
}

interface OrderChain {
  towns: WorkOrderTown[];
  villages: WorkOrderVillage[];
  steps: WorkOrderStep[];
}

export interface CompleteInput {
  orderId: number;
  note: string;
  evidence?: string | null;
}

const ORDER_KINDS = [WorkOrderKind.TASK, WorkOrderKind.INSPECTION, WorkOrderKind.MEETING, WorkOrderKind.CERTIFICATE];
const SEES_ALL = [Role.OFFICE_REVIEWER, Role.ADMIN];
const DAY_MS = 24 * 3600 * 1000;

/** What each admission step does to the order: its new status, and its line in the record. */
const ADMISSION_STEPS: Partial<Record<DecisionAction, { status: WorkOrderStatus; action: WorkOrderAction }>> = {
  [DecisionAction.SUBMIT]: { status: WorkOrderStatus.PENDING, action: WorkOrderAction.SUBMIT },
  [DecisionAction.APPROVE]: { status: WorkOrderStatus.APPROVED, action: WorkOrderAction.APPROVE },
  [DecisionAction.RETURN]: { status: WorkOrderStatus.RETURNED, action: WorkOrderAction.RETURN },
  [DecisionAction.REJECT]: { status: WorkOrderStatus.REJECTED, action: WorkOrderAction.REJECT },
  [DecisionAction.SYSTEM_REJECT]: { status: WorkOrderStatus.REJECTED, action: WorkOrderAction.SYSTEM_REJECT },
  [DecisionAction.WITHDRAW]: { status: WorkOrderStatus.WITHDRAWN, action: WorkOrderAction.WITHDRAW },
};

/** Late to receive: not received within a day of being sent. */
export function receiptLate(row: Pick<WorkOrderVillage, 'sentAt' | 'receivedAt'>, now = new Date()): boolean {
  return (row.receivedAt ?? now).getTime() - row.sentAt.getTime() > DAY_MS;
}

/**
 * Work orders (派单) of kinds other than forms: the department submits (through admission, which
 * tells this module of every decision), the office reviews (admission's queue), each chosen town 派发
 * to some of its villages, each village 接收 and reports 办结. Every step is a row of the record (纪实).
 */
@Injectable()
export class OrdersService implements AdmissionSubject {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tx: TransactionService,
    private readonly audit: AuditService,
    private readonly admission: AdmissionService,
    private readonly regions: RegionsService,
    private readonly messages: MessagesService,
    private readonly rollups: RollupService,
  ) {
    // In the constructor, not onModuleInit: the server loads the demo (which admits orders) before the app's
    // lifecycle hooks run (main.ts: createApp, demo, then listen), and a first start failed with
    // "no owner registered for admission kind CERTIFICATE".
    this.admission.registerSubject(ORDER_KINDS, this);
  }

  private get repo() {
    return this.dataSource.getRepository(WorkOrder);
  }

  // ——— reading ———

  /** The orders the caller may read: a department its own, the office all, a town those admitted for it, a village those sent to it. */
  private scoped(ctx: RequestContext, qb: SelectQueryBuilder<WorkOrder>, awaitingMe = false): SelectQueryBuilder<WorkOrder> {
    const me = ctx.me;
    switch (me.role) {
      case Role.DEPARTMENT_STAFF:
        qb.andWhere('o.departmentId = :scopeDept', { scopeDept: me.departmentId ?? -1 });
        if (awaitingMe) qb.andWhere('o.status IN (:...mine)', { mine: [WorkOrderStatus.RETURNED] });
        return qb;
      case Role.OFFICE_REVIEWER:
      case Role.ADMIN:
        if (awaitingMe) qb.andWhere('o.status = :pending', { pending: WorkOrderStatus.PENDING });
        return qb;
      case Role.TOWN_STAFF:
        return qb
          .andWhere('o.status = :admitted', { admitted: WorkOrderStatus.APPROVED })
          .andWhere(
            `EXISTS (SELECT 1 FROM work_order_town st WHERE st.order_id = o.id AND st.town_id = :scopeTown${awaitingMe ? ' AND st.status = :waiting' : ''})`,
            { scopeTown: me.regionId ?? -1, waiting: WorkOrderTownStatus.WAITING },
          );
      case Role.VILLAGE_CADRE:
        return qb.andWhere(
          `EXISTS (SELECT 1 FROM work_order_village sv WHERE sv.order_id = o.id AND sv.village_id = :scopeVillage${awaitingMe ? ' AND sv.status <> :done' : ''})`,
          { scopeVillage: me.regionId ?? -1, done: WorkOrderVillageStatus.DONE },
        );
      default:
        return qb.andWhere('1 = 0');
    }
  }

  async list(ctx: RequestContext, filter: WorkOrderFilter, page: PageArgs): Promise<Page<WorkOrder>> {
    const { take, skip } = pageOf(page);
    const qb = this.scoped(ctx, this.repo.createQueryBuilder('o'), !!filter.awaitingMe);
    if (filter.kind) qb.andWhere('o.kind = :kind', { kind: filter.kind });
    if (filter.status) qb.andWhere('o.status = :status', { status: filter.status });
    const text = filter.search?.trim();
    if (text) qb.andWhere(`o.title LIKE :search ${LIKE_ESCAPE}`, { search: containsPattern(text) });
    const [items, totalItems] = await qb.orderBy('o.id', 'DESC').take(take).skip(skip).getManyAndCount();
    return { items, totalItems };
  }

  async get(ctx: RequestContext, id: number): Promise<WorkOrder> {
    const order = await this.scoped(ctx, this.repo.createQueryBuilder('o').where('o.id = :id', { id })).getOne();
    if (!order) throw notFound('派单');
    return order;
  }

  /** An order by id for a field of another object already scoped (the office's admission queue). */
  loadOrder(ctx: RequestContext, id: number): Promise<WorkOrder | null> {
    return ctx
      .loader<number, WorkOrder | null>('workOrder.byId', async (ids) =>
        orderByKeys(ids, await this.repo.findBy({ id: In([...ids]) }), (order) => order.id),
      )
      .load(id);
  }

  /**
   * The towns, villages and record of orders, in one batch (three statements): they resolve together, so the
   * staff named on them load in one batch too. Cut to the caller's scope: a town sees its own row and villages
   * (and the whole order's steps), a village its town's row and itself.
   */
  private chainOf(ctx: RequestContext, orderId: number): Promise<OrderChain> {
    return ctx
      .loader<number, OrderChain>('workOrder.chain', async (keys) => {
        const ids = [...keys];
        const me = ctx.me;
        const towns = this.dataSource.getRepository(WorkOrderTown).createQueryBuilder('t').where('t.orderId IN (:...ids)', { ids });
        const villages = this.dataSource.getRepository(WorkOrderVillage).createQueryBuilder('v').where('v.orderId IN (:...ids)', { ids });
        const steps = this.dataSource.getRepository(WorkOrderStep).createQueryBuilder('s').where('s.orderId IN (:...ids)', { ids });
        if (me.role === Role.TOWN_STAFF) {
          const town = me.regionId ?? -1;
          towns.andWhere('t.townId = :town', { town });
          villages.andWhere('v.townId = :town', { town });
          steps.andWhere('(s.townId IS NULL OR s.townId = :town)', { town });
        } else if (me.role === Role.VILLAGE_CADRE) {
          const village = me.regionId ?? -1;
          const town = (me.regionId ? await this.regions.load(ctx, me.regionId) : null)?.parentId ?? -1;
          towns.andWhere('t.townId = :town', { town });
          villages.andWhere('v.villageId = :village', { village });
          steps.andWhere('((s.townId IS NULL AND s.villageId IS NULL) OR s.villageId = :village)', { village });
        }
        const [townRows, villageRows, stepRows] = await Promise.all([
          towns.orderBy('t.id', 'ASC').getMany(),
          villages.orderBy('v.id', 'ASC').getMany(),
          steps.orderBy('s.id', 'ASC').getMany(),
        ]);
        const [byTown, byVillage, byStep] = [
          groupByKeys(keys, townRows, (row) => row.orderId),
          groupByKeys(keys, villageRows, (row) => row.orderId),
          groupByKeys(keys, stepRows, (row) => row.orderId),
        ];
        return keys.map((_, i) => ({ towns: byTown[i], villages: byVillage[i], steps: byStep[i] }));
      })
      .load(orderId);
  }

  /** The towns an order went to, in the caller's scope (batched with villages and steps). */
  async townsOf(ctx: RequestContext, orderId: number): Promise<WorkOrderTown[]> {
    return (await this.chainOf(ctx, orderId)).towns;
  }

  /** The villages an order was dispatched to, in the caller's scope. */
  async villagesOf(ctx: RequestContext, orderId: number): Promise<WorkOrderVillage[]> {
    return (await this.chainOf(ctx, orderId)).villages;
  }

  /** The record (纪实) of an order: the whole order's steps, and of towns and villages those in the caller's scope. */
  async stepsOf(ctx: RequestContext, orderId: number): Promise<WorkOrderStep[]> {
    return (await this.chainOf(ctx, orderId)).steps;
  }

  /** The admission request behind an order, for those who may read admission (the department, the office). */
  async admissionRequestOf(ctx: RequestContext, order: WorkOrder): Promise<AdmissionRequest | null> {
    const me = ctx.me;
    const may = SEES_ALL.includes(me.role) || (me.role === Role.DEPARTMENT_STAFF && me.departmentId === order.departmentId);
    if (!may || !order.admissionRequestId) return null;
    return this.admission.loadRequest(ctx, order.admissionRequestId);
  }

  // ——— the department: submit, resubmit ———

  private async checkFields(ctx: RequestContext, input: WorkOrderFields): Promise<void> {
    const me = ctx.me;
    if (me.role !== Role.DEPARTMENT_STAFF || !me.departmentId) throw forbidden('只有市直部门账号可以派单');
    const problems = orderProblems(input, platformDay());
    if (!problems.some((problem) => problem.field === 'townIds')) {
      const towns = await this.regions.findAt(RegionLevel.TOWN, { ids: input.townIds });
      if (towns.length !== input.townIds.length) problems.push({ field: 'townIds', message: '所选镇(街道)不存在，请重新选择' });
    }
    if (problems.length) throw badInput(problems.map((problem) => problem.message).join('；'), problems);
  }

  private orderValues(input: WorkOrderFields) {
    return {
      kind: input.kind,
      title: input.title.trim(),
      content: input.content.trim(),
      dutyItemId: input.dutyItemId,
      departmentDoes: input.departmentDoes.trim(),
      villageDoes: input.villageDoes.trim(),
      legalBasis: input.legalBasis.trim(),
      justification: input.justification.trim(),
      fundsYuan: input.fundsYuan!,
      supportStaff: input.supportStaff!.trim(),
      supportMaterials: input.supportMaterials!.trim(),
      supportOther: input.supportOther?.trim() || null,
      deadline: input.deadline!,
      evidenceRequired: !!input.evidenceRequired,
      evidenceNote: input.evidenceRequired ? input.evidenceNote!.trim() : input.evidenceNote?.trim() || null,
    };
  }

  /** Puts the order's towns and applies for admission; a NEGATIVE duty item is reported after the commit. */
  private async apply(em: EntityManager, ctx: RequestContext, order: WorkOrder, input: WorkOrderFields): Promise<string | null> {
    await em.getRepository(WorkOrderTown).delete({ orderId: order.id });
    await em
      .getRepository(WorkOrderTown)
      .insert(input.townIds.map((townId) => ({ orderId: order.id, townId, status: WorkOrderTownStatus.WAITING })));
    const { refusal } = await this.admission.submitSubject(em, ctx, {
      kind: order.kind,
      subjectId: order.id,
      dutyItemId: order.dutyItemId,
      departmentDoes: order.departmentDoes,
      villageDoes: order.villageDoes,
      departmentSupport: supportText(order),
      legalBasis: order.legalBasis,
      justification: order.justification,
    });
    return refusal;
  }

  private refused(order: WorkOrder, refusal: string) {
    return domainError(AdmissionErrorCode.NEGATIVE_LIST, `${refusal}；派单已被系统拒绝（派单编号 ${order.id}）`, {
      orderId: order.id,
      requestId: order.admissionRequestId,
    });
  }

  async submit(ctx: RequestContext, input: WorkOrderFields): Promise<WorkOrder> {
    await this.checkFields(ctx, input);
    const me = ctx.me;
    const { order, refusal } = await this.tx.run(async (em) => {
      const repo = em.getRepository(WorkOrder);
      const made = await repo.save(
        repo.create({ ...this.orderValues(input), departmentId: me.departmentId!, status: WorkOrderStatus.PENDING, createdBy: me.id }),
      );
      const refusal = await this.apply(em, ctx, made, input);
      return { order: (await repo.findOneBy({ id: made.id }))!, refusal };
    });
    if (refusal) throw this.refused(order, refusal);
    return order;
  }

  /** A returned (or withdrawn) order, edited and applied for again: a new admission request. */
  async resubmit(ctx: RequestContext, id: number, input: WorkOrderFields): Promise<WorkOrder> {
    await this.checkFields(ctx, input);
    const me = ctx.me;
    const { order, refusal } = await this.tx.run(async (em) => {
      const repo = em.getRepository(WorkOrder);
      const found = await lockForUpdate(repo.createQueryBuilder('o').where('o.id = :id', { id })).getOne();
      if (!found || found.departmentId !== me.departmentId) throw notFound('派单');
      if (found.status !== WorkOrderStatus.RETURNED && found.status !== WorkOrderStatus.WITHDRAWN)
        throw conflict(`派单当前为“${WORK_ORDER_STATUS_NAMES[found.status]}”，只有退回修改或已撤回的派单可以重新提交`, {
          status: found.status,
        });
      Object.assign(found, this.orderValues(input));
      await repo.save(found);
      const refusal = await this.apply(em, ctx, found, input);
      return { order: (await repo.findOneBy({ id }))!, refusal };
    });
    if (refusal) throw this.refused(order, refusal);
    return order;
  }

  /** Admission's decision on one of our orders, in its transaction: status, record, messages. */
  async decided(em: EntityManager, ctx: RequestContext, request: AdmissionRequest, step: AdmissionStep): Promise<void> {
    const change = ADMISSION_STEPS[step.action];
    if (!change || !request.subjectId) return;
    const repo = em.getRepository(WorkOrder);
    const order = await lockForUpdate(repo.createQueryBuilder('o').where('o.id = :id', { id: request.subjectId })).getOne();
    if (!order) throw notFound('派单');
    const values: Partial<WorkOrder> = { status: change.status };
    if (step.action === DecisionAction.SUBMIT) Object.assign(values, { admissionRequestId: request.id, submittedAt: step.at });
    if (step.action === DecisionAction.APPROVE) values.approvedAt = step.at;
    await repo.update({ id: order.id }, values);
    await em.getRepository(WorkOrderStep).insert({
      orderId: order.id,
      action: change.action,
      townId: null,
      villageId: null,
      actorId: step.system ? null : ctx.me.id,
      note: step.comment,
      returnCategory: step.returnCategory,
      at: step.at,
    });
    const what = `${WORK_ORDER_KIND_NAMES[order.kind]}派单“${order.title}”`;
    const link = `/orders/${order.id}`;
    const drafts: MessageDraft[] = [];
    const toDepartment = (title: string, body: string) =>
      drafts.push({
        kind: MessageKind.ADMISSION_DECIDED,
        title,
        body,
        link,
        departmentId: order.departmentId,
        role: Role.DEPARTMENT_STAFF,
      });
    const opinion = step.comment ? `减负办意见：${scrubPersonal(step.comment)}` : '请在派单页查看详情。';
    if (step.action === DecisionAction.APPROVE) {
      toDepartment(`${what}已准入`, '已发往所选镇(街道)，由镇(街道)派发到村(社区)。');
      const towns = await em.getRepository(WorkOrderTown).findBy({ orderId: order.id });
      for (const town of towns)
        drafts.push({
          kind: MessageKind.ORDER_TO_DISPATCH,
          title: `新派单待派发：${order.title}`,
          body: `${what}已经减负办准入，期限 ${order.deadline}。请选择本镇(街道)需要办理的村(社区)派发。`,
          link,
          regionId: town.townId,
          role: Role.TOWN_STAFF,
        });
    } else if (step.action === DecisionAction.RETURN)
      toDepartment(`${what}被退回修改（${RETURN_CATEGORY_NAMES[step.returnCategory!]}）`, opinion);
    else if (step.action === DecisionAction.REJECT) toDepartment(`${what}不予准入`, opinion);
    await this.messages.post(em, drafts);
  }

  // ——— the town: 派发 ———

  async dispatch(ctx: RequestContext, input: DispatchInput): Promise<WorkOrder> {
    const me = ctx.me;
    if (me.role !== Role.TOWN_STAFF || !me.regionId) throw forbidden('只有镇(街道)账号可以派发派单');
    const townId = me.regionId;
    const note = input.note?.trim() || null;
    const today = platformDay();
    if (!input.villageIds?.length) throw badField('villageIds', '请选择要派发的村(社区)');
    if (new Set(input.villageIds).size !== input.villageIds.length) throw badField('villageIds', '村(社区)重复选择');
    if (note && note.length > 500) throw badField('note', '补充说明不超过 500 个字');
    if (input.deadline && input.deadline < today) throw badField('deadline', `期限 ${input.deadline} 已过，应不早于今天（${today}）`);
    const villages = await this.regions.findAt(RegionLevel.VILLAGE, { ids: input.villageIds });
    const outside = input.villageIds.filter((id) => !villages.some((village) => village.id === id && village.parentId === townId));
    if (outside.length)
      throw badInput('所选村(社区)不属于本镇(街道)，只能派发到本镇(街道)的村(社区)', [
        { field: 'villageIds', message: `不属于本镇(街道)的村(社区)编号：${outside.join('、')}` },
      ]);
    return this.tx.run(async (em) => {
      const order = await this.lockVisible(em, ctx, input.orderId);
      const town = await em.getRepository(WorkOrderTown).findOneBy({ orderId: order.id, townId });
      if (!town) throw notFound('派单');
      if (input.deadline && input.deadline > order.deadline)
        throw badField('deadline', `镇(街道)的期限不能晚于部门定的期限（${order.deadline}）`);
      const already = await em.getRepository(WorkOrderVillage).findBy({ orderId: order.id, villageId: In(input.villageIds) });
      if (already.length) {
        const names = villages.filter((village) => already.some((row) => row.villageId === village.id)).map((village) => village.name);
        throw domainError(OrdersErrorCode.ORDER_ALREADY_SENT, `${names.join('、')}已派发过此派单，不能重复派发`, {
          villageIds: already.map((row) => row.villageId),
        });
      }
      const now = new Date();
      const deadline = input.deadline ?? order.deadline;
      await em.getRepository(WorkOrderVillage).insert(
        villages.map((village) => ({
          orderId: order.id,
          townId,
          villageId: village.id,
          status: WorkOrderVillageStatus.SENT,
          deadline,
          townNote: note,
          sentAt: now,
        })),
      );
      await this.rollups.applyOrders(
        em,
        villages.map((village) => ({
          before: null,
          after: orderVillageSnapshot(order.departmentId, { townId, villageId: village.id, sentAt: now, receivedAt: null, doneAt: null }),
        })),
      );
      await em.getRepository(WorkOrderTown).update(
        { id: town.id },
        {
          status: WorkOrderTownStatus.DISPATCHED,
          note: note ?? town.note,
          deadline: input.deadline ?? town.deadline,
          dispatchedAt: town.dispatchedAt ?? now,
          dispatchedBy: town.dispatchedBy ?? me.id,
        },
      );
      await em.getRepository(WorkOrderStep).insert(
        villages.map((village) => ({
          orderId: order.id,
          action: WorkOrderAction.DISPATCH,
          townId,
          villageId: village.id,
          actorId: me.id,
          note: input.deadline ? `期限 ${deadline}${note ? `；${note}` : ''}` : note,
          returnCategory: null,
          at: now,
        })),
      );
      await this.messages.post(
        em,
        villages.map((village) => ({
          kind: MessageKind.ORDER_SENT,
          title: `新派单待接收：${order.title}`,
          body: `${WORK_ORDER_KIND_NAMES[order.kind]}，期限 ${deadline}。请在一天内接收。${note ? `镇(街道)说明：${scrubPersonal(note)}` : ''}`,
          link: `/orders/${order.id}`,
          regionId: village.id,
        })),
      );
      await this.audit.record(em, ctx, {
        action: 'order.dispatch',
        objectType: 'work_order',
        objectId: order.id,
        detail: { villageIds: villages.map((village) => village.id), deadline, note: note ?? undefined },
      });
      return order;
    });
  }

  /** The order, locked, if the caller may read it (else NOT_FOUND, as for one that does not exist). */
  private async lockVisible(em: EntityManager, ctx: RequestContext, id: number): Promise<WorkOrder> {
    const order = await lockForUpdate(
      this.scoped(ctx, em.getRepository(WorkOrder).createQueryBuilder('o').where('o.id = :id', { id })),
    ).getOne();
    if (!order) throw notFound('派单');
    return order;
  }

  // ——— the village: 接收, 办结 ———

  private async lockMine(em: EntityManager, ctx: RequestContext, orderId: number): Promise<WorkOrderVillage> {
    const me = ctx.me;
    if (me.role !== Role.VILLAGE_CADRE || !me.regionId) throw forbidden('只有村(社区)账号可以接收和办结派单');
    const row = await lockForUpdate(
      em
        .getRepository(WorkOrderVillage)
        .createQueryBuilder('v')
        .where('v.orderId = :orderId AND v.villageId = :village', { orderId, village: me.regionId }),
    ).getOne();
    if (!row) throw notFound('派单');
    return row;
  }

  async receive(ctx: RequestContext, orderId: number): Promise<WorkOrder> {
    return this.tx.run(async (em) => {
      const row = await this.lockMine(em, ctx, orderId);
      if (row.status !== WorkOrderVillageStatus.SENT)
        throw domainError(
          OrdersErrorCode.ORDER_ALREADY_RECEIVED,
          `本村已于 ${platformDateTime(row.receivedAt!)} 接收此派单，无需重复接收`,
          {
            receivedAt: row.receivedAt!.toISOString(),
          },
        );
      const now = new Date();
      await em
        .getRepository(WorkOrderVillage)
        .update({ id: row.id }, { status: WorkOrderVillageStatus.RECEIVED, receivedAt: now, receivedBy: ctx.me.id });
      const order = (await em.getRepository(WorkOrder).findOneBy({ id: orderId }))!;
      await this.rollups.applyOrders(em, [
        {
          before: orderVillageSnapshot(order.departmentId, row),
          after: orderVillageSnapshot(order.departmentId, { ...row, receivedAt: now }),
        },
      ]);
      await em.getRepository(WorkOrderStep).insert({
        orderId,
        action: WorkOrderAction.RECEIVE,
        townId: row.townId,
        villageId: row.villageId,
        actorId: ctx.me.id,
        note: receiptLate({ sentAt: row.sentAt, receivedAt: now }) ? '超过一天才接收' : null,
        returnCategory: null,
        at: now,
      });
      await this.audit.record(em, ctx, { action: 'order.receive', objectType: 'work_order', objectId: orderId });
      return order;
    });
  }

  async complete(ctx: RequestContext, input: CompleteInput): Promise<WorkOrder> {
    const note = input.note?.trim() ?? '';
    const evidence = input.evidence?.trim() || null;
    if (note.length < 2 || note.length > 500) throw badField('note', '办结情况应为 2 到 500 个字');
    if (evidence && evidence.length > 2000) throw badField('evidence', '佐证材料不超过 2000 个字');
    return this.tx.run(async (em) => {
      const row = await this.lockMine(em, ctx, input.orderId);
      if (row.status === WorkOrderVillageStatus.SENT)
        throw domainError(OrdersErrorCode.ORDER_NOT_RECEIVED, '本村尚未接收此派单，请先接收，再报告办结');
      if (row.status === WorkOrderVillageStatus.DONE)
        throw domainError(OrdersErrorCode.ORDER_ALREADY_DONE, `本村已于 ${platformDateTime(row.doneAt!)} 报告办结此派单`);
      const order = (await em.getRepository(WorkOrder).findOneBy({ id: input.orderId }))!;
      if (order.evidenceRequired && !evidence) throw badField('evidence', `此派单要求提交佐证材料：${order.evidenceNote}`);
      const now = new Date();
      await em
        .getRepository(WorkOrderVillage)
        .update({ id: row.id }, { status: WorkOrderVillageStatus.DONE, doneAt: now, doneBy: ctx.me.id, doneNote: note, evidence });
      await this.rollups.applyOrders(em, [
        { before: orderVillageSnapshot(order.departmentId, row), after: orderVillageSnapshot(order.departmentId, { ...row, doneAt: now }) },
      ]);
      await em.getRepository(WorkOrderStep).insert({
        orderId: order.id,
        action: WorkOrderAction.DONE,
        townId: row.townId,
        villageId: row.villageId,
        actorId: ctx.me.id,
        note,
        returnCategory: null,
        at: now,
      });
      await this.messages.post(em, [
        {
          kind: MessageKind.ORDER_DONE,
          title: `派单已办结：${order.title}`,
          body: `${(await this.regions.nameOf(row.villageId)) ?? '村(社区)'}报告已办结：${scrubPersonal(note)}`,
          link: `/orders/${order.id}`,
          regionId: row.townId,
          role: Role.TOWN_STAFF,
        },
      ]);
      await this.audit.record(em, ctx, { action: 'order.complete', objectType: 'work_order', objectId: order.id });
      return order;
    });
  }
}
