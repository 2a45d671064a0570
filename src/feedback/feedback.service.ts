import { Injectable } from '@nestjs/common';
import { containsPattern, LIKE_ESCAPE } from '../common/like.js';
import { DataSource, type EntityManager } from 'typeorm';
import { Role } from '../common/auth-user.js';
import { badField, conflict, forbidden, notFound } from '../common/errors.js';
import { pageOf, type Page, type PageArgs } from '../common/paging.js';
import type { RequestContext } from '../common/request-context.js';
import { assertVillageInScope, whereVillageInScope } from '../regions/scope.js';
import { TransactionService } from '../common/transaction.service.js';
import { AuditService } from '../audit/audit.service.js';
import { RegionLevel } from '../regions/region.entity.js';
import type { FeedbackFilterInput, FileFeedbackInput } from './feedback.dto.js';
import type { AuditAction } from '../audit/audit-actions.js';
import { Feedback, FeedbackStatus, FeedbackType } from './feedback.entity.js';
import { RegionsService } from '../regions/regions.service.js';
import { DepartmentsService } from '../departments/departments.service.js';
import { MessageKind } from '../messages/message.entity.js';
import { MessagesService } from '../messages/messages.service.js';
import { PublicListsService } from '../public-lists/public-lists.service.js';

const STATUS_NAMES: Record<FeedbackStatus, string> = {
  OPEN: '待受理',
  ACKNOWLEDGED: '已受理',
  RESPONDED: '已答复',
  RESOLVED: '已办结',
};

/** One step of the office's handling: which states it starts from, what it writes. */
interface Transition {
  action: AuditAction;
  verb: string;
  from: FeedbackStatus[];
  to: FeedbackStatus;
  set: (me: number, now: Date, text: string | null) => Partial<Feedback>;
}
const ACKNOWLEDGE: Transition = {
  action: 'feedback.acknowledge',
  verb: '受理',
  from: [FeedbackStatus.OPEN],
  to: FeedbackStatus.ACKNOWLEDGED,
  set: (me, now) => ({ acknowledgedById: me, acknowledgedAt: now }),
};
const RESPOND: Transition = {
  action: 'feedback.respond',
  verb: '答复',
  from: [FeedbackStatus.OPEN, FeedbackStatus.ACKNOWLEDGED],
  to: FeedbackStatus.RESPONDED,
  set: (me, now, text) => ({ response: text, respondedById: me, respondedAt: now }),
};
const RESOLVE: Transition = {
  action: 'feedback.resolve',
  verb: '办结',
  from: [FeedbackStatus.RESPONDED],
  to: FeedbackStatus.RESOLVED,
  set: (me, now, text) => ({ resolution: text, resolvedById: me, resolvedAt: now }),
};

const secondPrecision = () => new Date(Math.floor(Date.now() / 1000) * 1000);

@Injectable()
export class FeedbackService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tx: TransactionService,
    private readonly audit: AuditService,
    private readonly regions: RegionsService,
    private readonly departments: DepartmentsService,
    private readonly messages: MessagesService,
    private readonly publicLists: PublicListsService,
  ) {}

  /** A village cadre files for its village, town staff for its town; the filer's region decides the scope. */
  async file(ctx: RequestContext, input: FileFeedbackInput): Promise<Feedback> {
    const me = ctx.me;
    if (me.role !== Role.VILLAGE_CADRE && me.role !== Role.TOWN_STAFF) throw forbidden('只有村(社区)和镇(街道)账号可以提出反馈');
    const title = input.title.trim();
    const content = input.content.trim();
    if (!title) throw badField('title', '标题不能为空');
    if (!content) throw badField('content', '内容不能为空');
    if (input.type === FeedbackType.COMPLAINT && !input.complaintKind)
      throw badField('complaintKind', '投诉须选择类别：表外填表、平台外派单、重复填报、时限不合理或其他');
    if (input.type === FeedbackType.SUGGESTION && input.complaintKind) throw badField('complaintKind', '建议不需要选择投诉类别');
    return this.tx.run(async (em) => {
      const region = me.regionId ? await this.regions.byId(me.regionId, em) : null;
      const expected = me.role === Role.VILLAGE_CADRE ? RegionLevel.VILLAGE : RegionLevel.TOWN;
      if (!region || region.level !== expected || region.parentId == null)
        throw forbidden('账号未关联所属村或镇，无法提出反馈，请联系管理员');
      if (input.departmentId != null && !(await this.departments.byIds([input.departmentId], em)).length)
        throw badField('departmentId', '所选部门不存在');
      if (input.publicListItemId != null) await this.publicLists.assertNameable(em, input.publicListItemId, 'publicListItemId');
      const village = region.level === RegionLevel.VILLAGE;
      const feedback = em.getRepository(Feedback).create({
        type: input.type,
        complaintKind: input.complaintKind ?? null,
        title,
        content,
        status: FeedbackStatus.OPEN,
        regionId: region.id,
        villageId: village ? region.id : null,
        townId: village ? region.parentId : region.id,
        fromMonitoringPoint: village && region.monitoringPoint,
        departmentId: input.departmentId ?? null,
        formId: input.formId ?? null,
        publicListItemId: input.publicListItemId ?? null,
        filedById: me.id,
      });
      await em.getRepository(Feedback).save(feedback);
      await this.audit.record(em, ctx, {
        action: 'feedback.file',
        objectType: 'feedback',
        objectId: feedback.id,
        detail: {
          type: feedback.type,
          complaintKind: feedback.complaintKind,
          departmentId: feedback.departmentId,
          formId: feedback.formId,
          listItemId: feedback.publicListItemId,
        },
      });
      return em.getRepository(Feedback).findOneByOrFail({ id: feedback.id });
    });
  }

  acknowledge(ctx: RequestContext, id: number): Promise<Feedback> {
    return this.transition(ctx, id, ACKNOWLEDGE, null);
  }

  respond(ctx: RequestContext, id: number, response: string): Promise<Feedback> {
    const text = response.trim();
    if (!text) throw badField('response', '答复内容不能为空');
    return this.transition(ctx, id, RESPOND, text);
  }

  resolve(ctx: RequestContext, id: number, resolution: string | null): Promise<Feedback> {
    return this.transition(ctx, id, RESOLVE, resolution?.trim() || null);
  }

  /** The update is conditional on the current state, so two reviewers racing cannot both succeed. */
  private transition(ctx: RequestContext, id: number, transition: Transition, text: string | null): Promise<Feedback> {
    const me = ctx.me;
    return this.tx.run(async (em) => {
      const before = await em.getRepository(Feedback).findOneBy({ id });
      if (!before) throw notFound('反馈');
      if (!transition.from.includes(before.status)) throw this.wrongState(before, transition);
      const now = secondPrecision();
      const patch: Partial<Feedback> = { status: transition.to, ...transition.set(me.id, now, text) };
      // Answering an unacknowledged item acknowledges it too.
      if (transition === RESPOND && before.status === FeedbackStatus.OPEN) Object.assign(patch, ACKNOWLEDGE.set(me.id, now, null));
      const res = await em
        .createQueryBuilder()
        .update(Feedback)
        .set(patch)
        .where('id = :id', { id })
        .andWhere('status IN (:...from)', { from: transition.from })
        .execute();
      if (!res.affected) throw this.wrongState(await this.mustFind(em, id), transition);
      // The filer hears of the answer (and of the closing) in their message centre.
      if (transition === RESPOND || transition === RESOLVE)
        await this.messages.post(em, [
          {
            kind: MessageKind.FEEDBACK_ANSWERED,
            title: `您的反馈已${transition.verb}`,
            body: `反馈“${before.title}”${transition === RESPOND ? '已由减负办答复' : '已办结'}，请查看。`,
            link: '/my-feedback',
            userId: before.filedById,
            at: now,
          },
        ]);
      await this.audit.record(em, ctx, {
        action: transition.action,
        objectType: 'feedback',
        objectId: id,
        detail: { from: before.status, to: transition.to },
      });
      return this.mustFind(em, id);
    });
  }

  private wrongState(feedback: Feedback, transition: Transition) {
    return conflict(`该反馈当前为「${STATUS_NAMES[feedback.status]}」，不能${transition.verb}`, { status: feedback.status });
  }

  private async mustFind(em: EntityManager, id: number): Promise<Feedback> {
    const feedback = await em.getRepository(Feedback).findOneBy({ id });
    if (!feedback) throw notFound('反馈');
    return feedback;
  }

  async get(ctx: RequestContext, id: number): Promise<Feedback> {
    const feedback = await this.dataSource.getRepository(Feedback).findOneBy({ id });
    if (!feedback) throw notFound('反馈');
    assertVillageInScope(ctx.me, { id: feedback.villageId ?? 0, parentId: feedback.townId }, '反馈');
    return feedback;
  }

  /** Scoped in the query: a village sees its own, a town its own and its villages', the office all. */
  async list(ctx: RequestContext, filter: FeedbackFilterInput, page: PageArgs): Promise<Page<Feedback>> {
    const qb = this.dataSource.getRepository(Feedback).createQueryBuilder('f');
    whereVillageInScope(qb, ctx.me, 'f.villageId', 'f.townId');
    if (filter.status) qb.andWhere('f.status = :status', { status: filter.status });
    if (filter.type) qb.andWhere('f.type = :type', { type: filter.type });
    if (filter.complaintKind) qb.andWhere('f.complaintKind = :kind', { kind: filter.complaintKind });
    if (filter.departmentId) qb.andWhere('f.departmentId = :dept', { dept: filter.departmentId });
    if (filter.villageId) qb.andWhere('f.villageId = :village', { village: filter.villageId });
    if (filter.townId) qb.andWhere('f.townId = :town', { town: filter.townId });
    if (filter.monitoringPoint != null) qb.andWhere('f.fromMonitoringPoint = :mp', { mp: filter.monitoringPoint });
    const text = filter.search?.trim();
    if (text)
      qb.andWhere(`(f.title LIKE :search ${LIKE_ESCAPE} OR f.content LIKE :search ${LIKE_ESCAPE})`, { search: containsPattern(text) });
    const { take, skip } = pageOf(page);
    const [items, totalItems] = await qb.orderBy('f.id', 'DESC').take(take).skip(skip).getManyAndCount();
    return { items, totalItems };
  }
}
