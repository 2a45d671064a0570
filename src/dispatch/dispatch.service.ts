import { Injectable } from '@nestjs/common';
import { Brackets, DataSource, EntityManager, In, type SelectQueryBuilder } from 'typeorm';
import { containsPattern, LIKE_ESCAPE } from '../common/like.js';
import { AuditService } from '../audit/audit.service.js';
import { Role, type AuthUser } from '../common/auth-user.js';
import { isUniqueViolation } from '../common/db-errors.js';
import { badField, badInput, conflict, domainError, forbidden, notFound, type FieldProblem } from '../common/errors.js';
import { pageOf, type Page, type PageArgs } from '../common/paging.js';
import { groupByKeys, orderByKeys, type RequestContext } from '../common/request-context.js';
import { whereVillageInScope } from '../regions/scope.js';
import { TransactionService } from '../common/transaction.service.js';
import { FormStatus, TargetLevel } from '../forms/form.entity.js';
import { FormsService, STATUS_NAMES } from '../forms/forms.service.js';
import { Region, RegionLevel } from '../regions/region.entity.js';
import { Assignment, AssignmentStatus } from './assignment.entity.js';
import { parsePeriod } from './period.js';
import { RollupService } from '../rollups/rollup.service.js';
import type { AssignmentSnapshot, SubmissionFigures } from '../rollups/rollups.js';
import { Task, TaskStatus } from './task.entity.js';
import { isOverdue, OVERDUE_STATES, overdueSql } from './overdue.js';
import { lockForUpdate } from '../database/lock.js';
import { RegionsService } from '../regions/regions.service.js';

import { DispatchErrorCode } from './dispatch.errors.js';
import { MessagesService } from '../messages/messages.service.js';
import { taskAssignedDrafts, urgeDrafts } from './dispatch-messages.js';
import { Urge } from './urge.entity.js';
import { platformDateTime, platformDay } from '../common/platform-time.js';
const CHUNK = 500;

export interface CreateTaskInput {
  formId: number;
  period: string;
  dueAt: Date;
  villageIds?: number[] | null;
  townIds?: number[] | null;
  all?: boolean | null;
  autoAccept?: boolean | null;
}

/** What a list of assignments shows: the cadre's to-do views and the review views. */
export enum AssignmentView {
  ALL = 'ALL',
  TODO = 'TODO',
  DUE = 'DUE',
  OVERDUE = 'OVERDUE',
  RETURNED = 'RETURNED',
  SUBMITTED = 'SUBMITTED',
  DONE = 'DONE',
}
/** On the unit's desk: the to-do states, the same as those that can fall overdue. */
const OPEN_STATES: readonly string[] = OVERDUE_STATES;

export interface AssignmentFilter {
  view?: AssignmentView | null;
  taskId?: number | null;
  regionId?: number | null;
}

/**
 * For the demo's "year of platform life", generated through these services: the moment the action
 * happens (default: now). Not reachable from the API.
 */
export interface At {
  now?: Date;
}

export interface UrgeInput {
  taskId: number;
  /** A town: its villages to urge; a department: the towns whose villages to urge. None: every unit not yet submitted. */
  unitIds?: number[] | null;
  note?: string | null;
}

export interface UrgeOutcome {
  urged: number;
  skipped: number;
}

/** How often, and when last, the units of a task the caller may see were urged. */
export interface UrgeSummary {
  times: number;
  units: number;
  lastAt: Date | null;
}

export interface TaskProgress {
  status: AssignmentStatus;
  count: number;
}

/** The rollup-relevant state of an assignment and its submission's figures (if any). */
export function snapshotOf(assignment: Assignment, sub: SubmissionFigures | null): AssignmentSnapshot {
  return {
    taskId: assignment.taskId,
    formId: assignment.formId,
    departmentId: assignment.departmentId,
    regionId: assignment.regionId,
    townId: assignment.townId,
    dueAt: assignment.dueAt,
    status: assignment.status,
    submittedAt: assignment.submittedAt ?? null,
    sub,
  };
}

@Injectable()
export class DispatchService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tx: TransactionService,
    private readonly audit: AuditService,
    private readonly forms: FormsService,
    private readonly regions: RegionsService,
    private readonly rollups: RollupService,
    private readonly messages: MessagesService,
  ) {}

  // ——— scope ———

  /** Assignments a caller may read: a cadre its village's, a town its villages' (and its own), a department its tasks'. */
  scopeAssignments<T extends object>(qb: SelectQueryBuilder<T>, user: AuthUser, alias: string): SelectQueryBuilder<T> {
    if (user.role === Role.DEPARTMENT_STAFF)
      return qb.andWhere(`${alias}.departmentId = :scopeDept`, { scopeDept: user.departmentId ?? -1 });
    return whereVillageInScope(qb, user, `${alias}.regionId`, `${alias}.townId`);
  }

  /** Tasks a caller may read: a department its own; towns and villages those with an assignment in their scope. */
  private scopeTasks(qb: SelectQueryBuilder<Task>, user: AuthUser): SelectQueryBuilder<Task> {
    if (user.role === Role.DEPARTMENT_STAFF) return qb.andWhere('t.departmentId = :scopeDept', { scopeDept: user.departmentId ?? -1 });
    if (user.role === Role.VILLAGE_CADRE || user.role === Role.TOWN_STAFF) {
      const sub = this.scopeAssignments(
        this.dataSource.getRepository(Assignment).createQueryBuilder('sa').select('1').where('sa.taskId = t.id'),
        user,
        'sa',
      );
      return qb.andWhere(`EXISTS (${sub.getQuery()})`, sub.getParameters());
    }
    if (user.role === Role.AUDITOR || user.role === Role.SECURITY_ADMIN) return qb.andWhere('1 = 0');
    return qb;
  }

  // ——— tasks ———

  async createTask(ctx: RequestContext, input: CreateTaskInput, at: At = {}): Promise<Task> {
    const me = ctx.me;
    const now = at.now ?? new Date();
    if (me.role !== Role.DEPARTMENT_STAFF || !me.departmentId) throw forbidden('只有市直部门账号可以下发任务');
    const form = await this.forms.getForm(ctx, input.formId);
    if (form.departmentId !== me.departmentId) throw notFound('表单');
    if (form.status !== FormStatus.ACTIVE)
      throw domainError(
        DispatchErrorCode.FORM_NOT_ADMITTED,
        `表单“${form.title}”当前为“${STATUS_NAMES[form.status]}”，未经减负办准入，不能下发到基层（一套表外无表格）`,
      );
    const version = await this.forms.latestApprovedVersion(form.id);
    if (!version) throw domainError(DispatchErrorCode.FORM_NOT_ADMITTED, `表单“${form.title}”没有已准入的版本，不能下发（一套表外无表格）`);

    const problems: FieldProblem[] = [];
    const parsed = parsePeriod(form.frequency, input.period);
    if (!parsed.ok) problems.push({ field: 'period', message: parsed.reason });
    const due = input.dueAt instanceof Date ? input.dueAt : new Date(input.dueAt as unknown as string | number);
    if (Number.isNaN(due.getTime())) problems.push({ field: 'dueAt', message: '截止时间无效' });
    else if (due.getTime() <= now.getTime()) problems.push({ field: 'dueAt', message: '截止时间应晚于现在' });
    const targets = await this.resolveTargets(form.targetLevel, input, problems);
    if (problems.length) throw badInput(`任务有 ${problems.length} 处需要修改：${problems.map((x) => x.message).join('；')}`, problems);
    const period = (parsed as { ok: true; period: { name: string; start: string; end: string } }).period;

    try {
      return await this.tx.run(async (em) => {
        const taken = await this.alreadyDispatched(
          em,
          form.id,
          period.name,
          targets.map((target) => target.id),
        );
        if (taken.length) {
          const names = taken.slice(0, 5).map((id) => targets.find((target) => target.id === id)?.name ?? String(id));
          throw conflict(
            `本表 ${period.name} 期已下发给 ${taken.length} 个单位（${names.join('、')}${taken.length > 5 ? '等' : ''}），同一期不能重复下发`,
            {
              alreadyDispatched: taken,
            },
          );
        }
        const task = em.getRepository(Task).create({
          formId: form.id,
          formVersionId: version.id,
          departmentId: form.departmentId,
          period: period.name,
          periodStart: period.start,
          periodEnd: period.end,
          dueAt: due,
          autoAccept: !!input.autoAccept,
          status: TaskStatus.OPEN,
          assignmentCount: targets.length,
          createdBy: me.id,
          createdAt: now,
          closedAt: null,
        });
        await em.getRepository(Task).save(task);
        const rows = targets.map((target) => ({
          taskId: task.id,
          formId: form.id,
          period: period.name,
          departmentId: form.departmentId,
          regionId: target.id,
          townId: target.townId,
          status: AssignmentStatus.NOT_STARTED,
          dueAt: due,
          reminderCount: 0,
        }));
        for (let i = 0; i < rows.length; i += CHUNK)
          await em
            .createQueryBuilder()
            .insert()
            .into(Assignment)
            .values(rows.slice(i, i + CHUNK))
            .execute();
        await this.rollups.apply(
          em,
          rows.map((row) => ({ before: null, after: { ...row, submittedAt: null, sub: null } })),
        );
        const made = await em
          .getRepository(Assignment)
          .find({ select: { id: true, regionId: true, townId: true }, where: { taskId: task.id }, order: { id: 'ASC' } });
        await this.messages.post(em, taskAssignedDrafts(task, form.title, made, now));
        await this.audit.record(em, ctx, {
          action: 'task.create',
          objectType: 'task',
          objectId: task.id,
          detail: { formId: form.id, versionId: version.id, period: period.name, assignments: targets.length, autoAccept: task.autoAccept },
        });
        return task;
      });
    } catch (err) {
      // Two departments' clerks dispatching the same period at once: the unique index decides.
      if (isUniqueViolation(err)) throw conflict(`本表 ${period.name} 期已下发给其中部分单位，同一期不能重复下发`);
      throw err;
    }
  }

  private async resolveTargets(
    level: TargetLevel,
    input: CreateTaskInput,
    problems: FieldProblem[],
  ): Promise<{ id: number; townId: number; name: string }[]> {
    const villageIds = [...new Set(input.villageIds ?? [])];
    const townIds = [...new Set(input.townIds ?? [])];
    if (!input.all && !villageIds.length && !townIds.length) {
      problems.push({ field: 'targets', message: '请选择下发对象：村(社区)、镇(街道)或全部' });
      return [];
    }
    const towns = await this.regions.findAt(RegionLevel.TOWN, { ids: townIds });
    townIds.forEach(
      (id, i) => towns.some((town) => town.id === id) || problems.push({ field: `townIds[${i}]`, message: `镇(街道) ${id} 不存在` }),
    );
    if (level === TargetLevel.TOWN) {
      if (villageIds.length) problems.push({ field: 'villageIds', message: '本表由镇(街道)填报，不能下发给村(社区)' });
      const all = input.all ? await this.regions.findAt(RegionLevel.TOWN) : towns;
      return all.map((region) => ({ id: region.id, townId: region.id, name: region.name }));
    }
    const villages = await this.regions.findAt(RegionLevel.VILLAGE, { ids: villageIds });
    villageIds.forEach(
      (id, i) =>
        villages.some((village) => village.id === id) || problems.push({ field: `villageIds[${i}]`, message: `村(社区) ${id} 不存在` }),
    );
    const more = input.all
      ? await this.regions.findAt(RegionLevel.VILLAGE)
      : await this.regions.findAt(RegionLevel.VILLAGE, { parentIds: towns.map((town) => town.id) });
    const byId = new Map<number, Region>();
    for (const region of [...villages, ...more]) byId.set(region.id, region);
    return [...byId.values()].map((region) => ({ id: region.id, townId: region.parentId!, name: region.name }));
  }

  private async alreadyDispatched(em: EntityManager, formId: number, period: string, regionIds: number[]): Promise<number[]> {
    const out: number[] = [];
    for (let i = 0; i < regionIds.length; i += CHUNK) {
      const rows = await em
        .getRepository(Assignment)
        .find({ select: { regionId: true }, where: { formId, period, regionId: In(regionIds.slice(i, i + CHUNK)) } });
      out.push(...rows.map((row) => row.regionId));
    }
    return out;
  }

  private async ownTask(em: EntityManager, ctx: RequestContext, id: number): Promise<Task> {
    const me = ctx.me;
    const qb = lockForUpdate(em.getRepository(Task).createQueryBuilder('t').where('t.id = :id', { id }));
    const task = await qb.getOne();
    if (!task || me.role !== Role.DEPARTMENT_STAFF || task.departmentId !== me.departmentId) throw notFound('任务');
    return task;
  }

  async closeTask(ctx: RequestContext, id: number, at: At = {}): Promise<Task> {
    return this.tx.run(async (em) => {
      const task = await this.ownTask(em, ctx, id);
      if (task.status === TaskStatus.CLOSED) throw conflict('任务已关闭');
      task.status = TaskStatus.CLOSED;
      task.closedAt = at.now ?? new Date();
      await em.getRepository(Task).update({ id }, { status: task.status, closedAt: task.closedAt });
      await this.audit.record(em, ctx, { action: 'task.close', objectType: 'task', objectId: id, detail: { period: task.period } });
      return task;
    });
  }

  /** Reminds the villages that have not yet submitted (or the given ones): each counter +1, audited. */
  async sendReminder(ctx: RequestContext, taskId: number, assignmentIds?: number[] | null, at: At = {}): Promise<number> {
    return this.tx.run(async (em) => {
      const task = await this.ownTask(em, ctx, taskId);
      if (task.status === TaskStatus.CLOSED) throw conflict('任务已关闭，无需催办');
      const qb = em
        .createQueryBuilder()
        .update(Assignment)
        .set({ reminderCount: () => 'reminder_count + 1', lastRemindedAt: at.now ?? new Date() })
        .where('task_id = :taskId', { taskId })
        .andWhere('status IN (:...open)', { open: OPEN_STATES });
      if (assignmentIds?.length) qb.andWhere('id IN (:...ids)', { ids: assignmentIds });
      const updateResult = await qb.execute();
      const reminded = updateResult.affected ?? 0;
      await this.audit.record(em, ctx, {
        action: 'task.remind',
        objectType: 'task',
        objectId: taskId,
        detail: { reminded, assignmentIds: assignmentIds ?? null },
      });
      return reminded;
    });
  }

  /**
   * 催办: a town urges its villages that have not submitted, the task's department the towns (their
   * villages that have not). Once per unit, task and platform day: a second urge of the same unit is
   * URGED_TODAY and changes nothing; "all" skips those urged today and says how many.
   */
  async urge(ctx: RequestContext, input: UrgeInput, at: At = {}): Promise<UrgeOutcome> {
    const me = ctx.me;
    const note = input.note?.trim() || null;
    if (note && note.length > 200) throw badField('note', '附言不超过 200 个字');
    const unitIds = [...new Set(input.unitIds ?? [])];
    const now = at.now ?? new Date();
    const day = platformDay(now);
    try {
      return await this.tx.run(async (em) => {
        let task: Task;
        const qb = em
          .getRepository(Assignment)
          .createQueryBuilder('a')
          .where('a.taskId = :taskId', { taskId: input.taskId })
          .andWhere('a.status IN (:...open)', { open: OPEN_STATES });
        if (me.role === Role.DEPARTMENT_STAFF) {
          task = await this.ownTask(em, ctx, input.taskId);
          if (unitIds.length) qb.andWhere('a.townId IN (:...units)', { units: unitIds });
        } else if (me.role === Role.TOWN_STAFF && me.regionId) {
          const found = await lockForUpdate(
            em.getRepository(Task).createQueryBuilder('t').where('t.id = :id', { id: input.taskId }),
          ).getOne();
          const reaches = await em.getRepository(Assignment).exists({ where: { taskId: input.taskId, townId: me.regionId } });
          if (!found || !reaches) throw notFound('任务');
          task = found;
          qb.andWhere('a.townId = :town AND a.regionId <> :town', { town: me.regionId });
          if (unitIds.length) qb.andWhere('a.regionId IN (:...units)', { units: unitIds });
        } else throw forbidden('只有镇(街道)和下发任务的部门可以催办');
        if (task.status === TaskStatus.CLOSED) throw conflict('任务已关闭，无需催办');
        const unitColumn = me.role === Role.DEPARTMENT_STAFF ? 'townId' : 'regionId';
        const open = await qb.orderBy('a.id', 'ASC').getMany();
        if (unitIds.length) {
          // A unit the task did not go to (or outside the caller's towns) is unknown, like an absent one.
          const reached = await em
            .getRepository(Assignment)
            .createQueryBuilder('a')
            .select(`DISTINCT a.${unitColumn}`, 'unit')
            .where('a.taskId = :taskId', { taskId: task.id })
            .andWhere(`a.${unitColumn} IN (:...units)`, { units: unitIds })
            .andWhere(me.role === Role.TOWN_STAFF ? 'a.townId = :town AND a.regionId <> :town' : '1 = 1', { town: me.regionId })
            .getRawMany<{ unit: number | string }>();
          if (reached.length !== unitIds.length) throw notFound('填报单位');
        }
        if (!open.length) throw conflict(unitIds.length ? '所选单位都已提交，无需催办' : '所有单位都已提交，无需催办');
        const already = new Set(
          (
            await em.getRepository(Urge).find({
              select: { assignmentId: true },
              where: { taskId: task.id, day, assignmentId: In(open.map((assignment) => assignment.id)) },
            })
          ).map((row) => row.assignmentId),
        );
        const due = open.filter((assignment) => !already.has(assignment.id));
        if (!due.length && unitIds.length)
          throw domainError(DispatchErrorCode.URGED_TODAY, `所选单位今天（${day}）已催办过，每个单位每天只能催办一次，请明天再催`, { day });
        if (due.length) {
          await em.getRepository(Urge).insert(
            due.map((assignment) => ({
              taskId: task.id,
              assignmentId: assignment.id,
              regionId: assignment.regionId,
              townId: assignment.townId,
              departmentId: assignment.departmentId,
              day,
              note,
              urgedBy: me.id,
              urgerRole: me.role,
              urgedAt: now,
            })),
          );
          await em
            .createQueryBuilder()
            .update(Assignment)
            .set({ reminderCount: () => 'reminder_count + 1', lastRemindedAt: now })
            .where('id IN (:...ids)', { ids: due.map((assignment) => assignment.id) })
            .execute();
          const form = await this.forms.loadForm(ctx, task.formId);
          await this.messages.post(
            em,
            urgeDrafts({
              task,
              formTitle: form?.title ?? '报表',
              due: platformDateTime(task.dueAt),
              byTown: me.role === Role.TOWN_STAFF,
              note,
              assignments: due,
              at: now,
            }),
          );
        }
        await this.audit.record(em, ctx, {
          action: 'task.urge',
          objectType: 'task',
          objectId: task.id,
          detail: { urged: due.length, skipped: open.length - due.length, units: unitIds.length ? unitIds : 'all', day },
        });
        return { urged: due.length, skipped: open.length - due.length };
      });
    } catch (err) {
      // Two clicks at once: the unique (assignment, day) index lets one through.
      if (isUniqueViolation(err))
        throw domainError(DispatchErrorCode.URGED_TODAY, `所选单位今天（${day}）已催办过，每个单位每天只能催办一次，请明天再催`, { day });
      throw err;
    }
  }

  /** Urges of a task's units the caller may see (a town its villages', a department its task's), batched across tasks. */
  urgeSummary(ctx: RequestContext, taskId: number): Promise<UrgeSummary> {
    return ctx
      .loader<number, UrgeSummary>('task.urges', async (ids) => {
        const rows: { taskId: number; times: string | number; units: string | number; lastAt: Date | string | null }[] =
          await this.scopeAssignments(this.dataSource.getRepository(Urge).createQueryBuilder('u'), ctx.me, 'u')
            .select('u.taskId', 'taskId')
            .addSelect('COUNT(*)', 'times')
            .addSelect('COUNT(DISTINCT u.assignmentId)', 'units')
            .addSelect('MAX(u.urgedAt)', 'lastAt')
            .andWhere('u.taskId IN (:...ids)', { ids: [...ids] })
            .groupBy('u.taskId')
            .getRawMany();
        return orderByKeys(
          ids,
          rows.map((row) => ({
            taskId: Number(row.taskId),
            times: Number(row.times),
            units: Number(row.units),
            lastAt: row.lastAt ? new Date(row.lastAt instanceof Date ? row.lastAt : `${String(row.lastAt).replace(' ', 'T')}Z`) : null,
          })),
          (row) => row.taskId,
        ).map((row) => row ?? { times: 0, units: 0, lastAt: null });
      })
      .load(taskId);
  }

  async listTasks(
    ctx: RequestContext,
    filter: { formId?: number | null; status?: TaskStatus | null; search?: string | null },
    page: PageArgs,
  ): Promise<Page<Task>> {
    const { take, skip } = pageOf(page);
    const qb = this.scopeTasks(this.dataSource.getRepository(Task).createQueryBuilder('t'), ctx.me);
    if (filter.formId) qb.andWhere('t.formId = :formId', { formId: filter.formId });
    if (filter.status) qb.andWhere('t.status = :status', { status: filter.status });
    const text = filter.search?.trim();
    if (text) {
      const formIds = await this.forms.idsTitled(text);
      qb.andWhere(
        new Brackets((where) => {
          where.where(`t.period LIKE :searchPeriod ${LIKE_ESCAPE}`, { searchPeriod: containsPattern(text.toUpperCase()) });
          if (formIds.length) where.orWhere('t.formId IN (:...searchForms)', { searchForms: formIds });
        }),
      );
    }
    const [items, totalItems] = await qb.orderBy('t.id', 'DESC').take(take).skip(skip).getManyAndCount();
    return { items, totalItems };
  }

  async getTask(ctx: RequestContext, id: number): Promise<Task> {
    const task = await this.scopeTasks(this.dataSource.getRepository(Task).createQueryBuilder('t'), ctx.me)
      .andWhere('t.id = :id', { id })
      .getOne();
    if (!task) throw notFound('任务');
    return task;
  }

  /** 已逾期 (./overdue.ts): open, past its due time, and its task still open. */
  async isOverdue(ctx: RequestContext, assignment: Assignment, now = new Date()): Promise<boolean> {
    if (!isOverdue(assignment, true, now)) return false;
    return (await this.loadTask(ctx, assignment.taskId))?.status === TaskStatus.OPEN;
  }

  /** Unscoped batched look-up, for nested fields whose parent was already scoped. */
  loadTask(ctx: RequestContext, id: number): Promise<Task | null> {
    return ctx
      .loader<number, Task | null>('task.byId', async (ids) =>
        orderByKeys(ids, await this.dataSource.getRepository(Task).findBy({ id: In([...ids]) }), (task) => task.id),
      )
      .load(id);
  }

  /** Counts per status of a task's assignments the caller may see (a town its villages', a village its own), batched across tasks. */
  progress(ctx: RequestContext, taskId: number): Promise<TaskProgress[]> {
    return ctx
      .loader<number, TaskProgress[]>('task.progress', async (ids) => {
        const rows: { taskId: number; status: AssignmentStatus; n: string | number }[] = await this.scopeAssignments(
          this.dataSource.getRepository(Assignment).createQueryBuilder('a'),
          ctx.me,
          'a',
        )
          .select('a.taskId', 'taskId')
          .addSelect('a.status', 'status')
          .addSelect('COUNT(*)', 'n')
          .andWhere('a.taskId IN (:...ids)', { ids: [...ids] })
          .groupBy('a.taskId')
          .addGroupBy('a.status')
          .getRawMany();
        return groupByKeys(
          ids,
          rows.map((row) => ({ taskId: Number(row.taskId), status: row.status, count: Number(row.n) })),
          (value) => value.taskId,
        ).map((list) => list.map(({ status, count }) => ({ status, count })));
      })
      .load(taskId);
  }

  /** How many of a task's units the caller may see are overdue (./overdue.ts): its assignments share the task's due time. */
  async overdueCount(ctx: RequestContext, task: Task, now = new Date()): Promise<number> {
    const open = task.status === TaskStatus.OPEN;
    return (await this.progress(ctx, task.id))
      .filter(({ status }) => isOverdue({ status, dueAt: task.dueAt }, open, now))
      .reduce((sum, { count }) => sum + count, 0);
  }

  /** How many units a task went to, as far as the caller may see: a town or village counts only its own scope. */
  async assignmentCount(ctx: RequestContext, task: Task): Promise<number> {
    if (ctx.me.role !== Role.TOWN_STAFF && ctx.me.role !== Role.VILLAGE_CADRE) return task.assignmentCount;
    return (await this.progress(ctx, task.id)).reduce((sum, { count }) => sum + count, 0);
  }

  // ——— assignments ———

  async listAssignments(ctx: RequestContext, filter: AssignmentFilter, page: PageArgs): Promise<Page<Assignment>> {
    const { take, skip } = pageOf(page);
    const qb = this.scopeAssignments(this.dataSource.getRepository(Assignment).createQueryBuilder('a'), ctx.me, 'a');
    if (filter.taskId) qb.andWhere('a.taskId = :taskId', { taskId: filter.taskId });
    if (filter.regionId) qb.andWhere('a.regionId = :regionId', { regionId: filter.regionId });
    const now = new Date();
    const view = filter.view ?? AssignmentView.ALL;
    // A closed task takes no more submissions: it is nobody's to-do any more.
    if (view === AssignmentView.TODO || view === AssignmentView.DUE || view === AssignmentView.OVERDUE)
      qb.andWhere(`EXISTS (SELECT 1 FROM task ot WHERE ot.id = a.taskId AND ot.status = :openTask)`, { openTask: TaskStatus.OPEN });
    switch (view) {
      case AssignmentView.TODO:
        qb.andWhere('a.status IN (:...open)', { open: OPEN_STATES });
        break;
      case AssignmentView.DUE:
        qb.andWhere('a.status IN (:...open)', { open: OPEN_STATES }).andWhere('a.dueAt >= :now', { now });
        break;
      case AssignmentView.OVERDUE:
        qb.andWhere(overdueSql({ status: 'a.status', dueAt: 'a.dueAt', taskId: 'a.taskId' }, 'task'), { now });
        break;
      case AssignmentView.RETURNED:
        qb.andWhere('a.status = :st', { st: AssignmentStatus.RETURNED });
        break;
      case AssignmentView.SUBMITTED:
        qb.andWhere('a.status = :st', { st: AssignmentStatus.SUBMITTED });
        break;
      case AssignmentView.DONE:
        qb.andWhere('a.status = :st', { st: AssignmentStatus.ACCEPTED });
        break;
    }
    const [items, totalItems] = await qb.orderBy('a.dueAt', 'ASC').addOrderBy('a.id', 'ASC').take(take).skip(skip).getManyAndCount();
    return { items, totalItems };
  }

  async getAssignment(ctx: RequestContext, id: number): Promise<Assignment> {
    const assignment = await this.scopeAssignments(this.dataSource.getRepository(Assignment).createQueryBuilder('a'), ctx.me, 'a')
      .andWhere('a.id = :id', { id })
      .getOne();
    if (!assignment) throw notFound('填报任务');
    return assignment;
  }

  loadAssignment(ctx: RequestContext, id: number): Promise<Assignment | null> {
    return ctx
      .loader<number, Assignment | null>('assignment.byId', async (ids) =>
        orderByKeys(ids, await this.dataSource.getRepository(Assignment).findBy({ id: In([...ids]) }), (assignment) => assignment.id),
      )
      .load(id);
  }

  /**
   * The previous period of the same form and unit: the assignment whose task period starts last
   * before this one's, among those submitted or accepted (a draft or a returned form is no figure to
   * compare with). Within the caller's scope; batched, one statement for a whole list of assignments.
   */
  previousAssignment(ctx: RequestContext, assignmentId: number): Promise<Assignment | null> {
    return ctx
      .loader<number, Assignment | null>('assignment.previous', async (ids) => {
        const current = (await Promise.all(ids.map((id) => this.loadAssignment(ctx, id)))).filter((found): found is Assignment => !!found);
        if (!current.length) return ids.map(() => null);
        const tasks = await Promise.all(current.map((assignment) => this.loadTask(ctx, assignment.taskId)));
        const startOf = new Map(current.map((assignment, i) => [assignment.id, tasks[i]?.periodStart ?? '']));
        const candidates: { id: number | string; formId: number | string; regionId: number | string; periodStart: string }[] =
          await this.scopeAssignments(this.dataSource.getRepository(Assignment).createQueryBuilder('a'), ctx.me, 'a')
            .innerJoin(Task, 't', 't.id = a.taskId')
            .select('a.id', 'id')
            .addSelect('a.formId', 'formId')
            .addSelect('a.regionId', 'regionId')
            .addSelect('t.periodStart', 'periodStart')
            .andWhere('a.formId IN (:...forms)', { forms: [...new Set(current.map((assignment) => assignment.formId))] })
            .andWhere('a.regionId IN (:...units)', { units: [...new Set(current.map((assignment) => assignment.regionId))] })
            .andWhere('a.status IN (:...done)', { done: [AssignmentStatus.SUBMITTED, AssignmentStatus.ACCEPTED] })
            .getRawMany();
        const previousId = new Map<number, number>();
        for (const assignment of current) {
          const start = startOf.get(assignment.id)!;
          let best: { id: number; start: string } | null = null;
          for (const row of candidates)
            if (Number(row.formId) === assignment.formId && Number(row.regionId) === assignment.regionId && row.periodStart < start)
              if (!best || row.periodStart > best.start) best = { id: Number(row.id), start: row.periodStart };
          if (best) previousId.set(assignment.id, best.id);
        }
        return Promise.all(ids.map((id) => (previousId.has(id) ? this.loadAssignment(ctx, previousId.get(id)!) : null)));
      })
      .load(assignmentId);
  }

  /**
   * Reads an assignment for a state change inside `em`, within the caller's scope (NOT_FOUND
   * outside it), locking the row on MySQL so saves and reviews of one assignment run one at a time.
   */
  async lockAssignment(em: EntityManager, user: AuthUser, id: number): Promise<Assignment> {
    const qb = lockForUpdate(
      this.scopeAssignments(em.getRepository(Assignment).createQueryBuilder('a'), user, 'a').andWhere('a.id = :id', { id }),
    );
    const assignment = await qb.getOne();
    if (!assignment) throw notFound('填报任务');
    return assignment;
  }

  /**
   * Moves an assignment to a new state inside `em`, with its submission as it was before and as it
   * is now; the dashboard rollups change in the same transaction.
   */
  async setAssignmentState(
    em: EntityManager,
    assignment: Assignment,
    patch: Partial<Pick<Assignment, 'status' | 'submittedAt' | 'acceptedAt'>>,
    sub: { before: SubmissionFigures | null; after: SubmissionFigures | null },
  ): Promise<void> {
    const before = snapshotOf(assignment, sub.before);
    Object.assign(assignment, patch);
    await em.getRepository(Assignment).update({ id: assignment.id }, patch);
    await this.rollups.apply(em, [{ before, after: snapshotOf(assignment, sub.after) }]);
  }

  taskIn(em: EntityManager, id: number): Promise<Task> {
    return em.getRepository(Task).findOneByOrFail({ id });
  }
}
