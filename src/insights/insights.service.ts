import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type SelectQueryBuilder } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { badField, forbidden, notFound } from '../common/errors.js';
import type { RequestContext } from '../common/request-context.js';
import { MAX_PAGE } from '../common/paging.js';
import { canSeeVillage } from '../regions/scope.js';
import { Department } from '../departments/department.entity.js';
import { Region, RegionLevel } from '../regions/region.entity.js';
import type {
  BurdenRank,
  DepartmentDecisions,
  DepartmentStat,
  MonthTrend,
  Overview,
  ProgressCounts,
  TaskProgress,
  UnitProgress,
  VillageBurden,
} from './insights.dto.js';
import { assignmentScopeSql, insightScopeOf, type InsightScope } from './insight-scope.js';

const n = (v: unknown) => Number(v ?? 0) || 0;
const ratio = (a: number, b: number) => (b > 0 ? Math.round((a / b) * 10000) / 10000 : 0);
const OPEN = `('NOT_STARTED','DRAFT','RETURNED')`;
/** YYYY-MM of a datetime column: SQLite and MySQL both read SUBSTR of a datetime as its text. */
const month = (col: string) => `SUBSTR(${col}, 1, 7)`;

/** Where assignment totals are read from (see InsightsService.overview). */
export type Source = 'rollup' | 'raw';

interface AssignmentTotals {
  openTasks: number;
  progress: ProgressCounts;
  kept: number;
  changed: number;
  typed: number;
  /** Assignments with a submission time, and those submitted before their due time. */
  done: number;
  onTime: number;
}

/** A datetime from a raw row: a Date on MySQL, 'YYYY-MM-DD HH:MM:SS[.SSS]' in UTC on SQLite. */
function rawDate(v: unknown): Date | null {
  if (v == null) return null;
  if (v instanceof Date) return v;
  const s = String(v);
  return new Date(s.replace(' ', 'T') + (s.endsWith('Z') ? '' : 'Z'));
}

/** Feedback rows in the caller's slice (a town, a village, or complaints naming a department). */
function whereFeedbackInScope(qb: SelectQueryBuilder<any>, s: InsightScope): SelectQueryBuilder<any> {
  if (s.townId) qb.andWhere('fb.town_id = :fbTown', { fbTown: s.townId });
  if (s.villageId) qb.andWhere('fb.village_id = :fbVillage', { fbVillage: s.villageId });
  if (s.departmentId) qb.andWhere('fb.department_id = :fbDept', { fbDept: s.departmentId });
  return qb;
}

/** The progress columns of an assignment aggregate, written once for every dashboard. */
function progressSelect(qb: SelectQueryBuilder<any>, a: string): SelectQueryBuilder<any> {
  return qb
    .addSelect('COUNT(*)', 'total')
    .addSelect(`SUM(CASE WHEN ${a}.status = 'NOT_STARTED' THEN 1 ELSE 0 END)`, 'notStarted')
    .addSelect(`SUM(CASE WHEN ${a}.status = 'DRAFT' THEN 1 ELSE 0 END)`, 'draft')
    .addSelect(`SUM(CASE WHEN ${a}.status = 'SUBMITTED' THEN 1 ELSE 0 END)`, 'submitted')
    .addSelect(`SUM(CASE WHEN ${a}.status = 'RETURNED' THEN 1 ELSE 0 END)`, 'returned')
    .addSelect(`SUM(CASE WHEN ${a}.status = 'ACCEPTED' THEN 1 ELSE 0 END)`, 'accepted')
    .addSelect(`SUM(CASE WHEN ${a}.status IN ${OPEN} AND ${a}.due_at < :now THEN 1 ELSE 0 END)`, 'overdue');
}
/** The same columns summed from rollup_task_town (overdue: open assignments of tasks already due). */
function rollupProgressSelect(qb: SelectQueryBuilder<any>, r: string): SelectQueryBuilder<any> {
  return qb
    .addSelect(`SUM(${r}.total)`, 'total')
    .addSelect(`SUM(${r}.not_started)`, 'notStarted')
    .addSelect(`SUM(${r}.draft)`, 'draft')
    .addSelect(`SUM(${r}.submitted)`, 'submitted')
    .addSelect(`SUM(${r}.returned)`, 'returned')
    .addSelect(`SUM(${r}.accepted)`, 'accepted')
    .addSelect(`SUM(CASE WHEN ${r}.due_at < :now THEN ${r}.not_started + ${r}.draft + ${r}.returned ELSE 0 END)`, 'overdue');
}
function progressOf(r: any): ProgressCounts {
  return {
    total: n(r?.total),
    notStarted: n(r?.notStarted),
    draft: n(r?.draft),
    submitted: n(r?.submitted),
    returned: n(r?.returned),
    accepted: n(r?.accepted),
    overdue: n(r?.overdue),
  };
}

/**
 * Dashboards ("一屏观全域"): each answer is a handful of GROUP BY queries over indexed columns,
 * scoped in SQL to the caller (city, a town, a village, a department). Month buckets use
 * SUBSTR(datetime, 1, 7), which SQLite and MySQL both read as YYYY-MM.
 */
@Injectable()
export class InsightsService {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  private qb() {
    return this.dataSource.createQueryBuilder();
  }

  private async scopeName(s: InsightScope): Promise<string> {
    if (s.departmentId) return (await this.dataSource.getRepository(Department).findOneBy({ id: s.departmentId }))?.name ?? '本部门';
    const id = s.villageId ?? s.townId;
    if (id) return (await this.dataSource.getRepository(Region).findOneBy({ id }))?.name ?? '本辖区';
    return '全市';
  }

  /**
   * Assignment totals come from the rollups for a city, town or department, from the assignment
   * table itself for a village (its own few rows) or when `source` is 'raw' (the tests' cross-check).
   */
  async overview(ctx: RequestContext, source: Source = 'rollup'): Promise<Overview> {
    const s = insightScopeOf(ctx.me);
    const now = new Date();
    const deptWhere = s.departmentId ? 'f.department_id = :dept' : '1 = 1';
    const [forms, requests, decisions, totals, feedback, scope] = await Promise.all([
      this.qb()
        .select('f.target_level', 'level')
        .addSelect('COUNT(*)', 'c')
        .from('form', 'f')
        .where(`f.status = 'ACTIVE'`)
        .groupBy('f.target_level')
        .getRawMany(),
      this.qb()
        .select('r.status', 'status')
        .addSelect('COUNT(*)', 'c')
        .from('admission_request', 'r')
        .where(s.departmentId ? 'r.department_id = :dept' : '1 = 1', { dept: s.departmentId })
        .groupBy('r.status')
        .orderBy('r.status')
        .getRawMany(),
      this.qb()
        .select('f.department_id', 'departmentId')
        .addSelect(`SUM(CASE WHEN d.action = 'APPROVE' THEN 1 ELSE 0 END)`, 'approved')
        .addSelect(`SUM(CASE WHEN d.action IN ('REJECT','SYSTEM_REJECT') THEN 1 ELSE 0 END)`, 'rejected')
        .addSelect(`SUM(CASE WHEN d.action = 'RETURN' THEN 1 ELSE 0 END)`, 'returned')
        .from('admission_decision', 'd')
        .innerJoin('form', 'f', 'f.id = d.form_id')
        .where(`d.action IN ('APPROVE','REJECT','SYSTEM_REJECT','RETURN')`)
        .andWhere(deptWhere, { dept: s.departmentId })
        .groupBy('f.department_id')
        .orderBy('f.department_id')
        .getRawMany(),
      this.useRollups(s, source) ? this.assignmentTotalsFromRollups(s, now) : this.assignmentTotals(s, now),
      this.feedbackCounts(s),
      this.scopeName(s),
    ]);
    const level = (l: string) => n(forms.find((r) => r.level === l)?.c);
    const p = totals.progress;
    const kept = totals.kept;
    return {
      scope,
      activeVillageForms: level('VILLAGE'),
      activeTownForms: level('TOWN'),
      villageFormCap: this.config.villageFormCap,
      requestsByStatus: requests.map((r) => ({ status: r.status, count: n(r.c) })),
      decisionsByDepartment: decisions.map((r): DepartmentDecisions => ({
        departmentId: n(r.departmentId),
        approved: n(r.approved),
        rejected: n(r.rejected),
        returned: n(r.returned),
      })),
      openTasks: totals.openTasks,
      assignments: p,
      completionRate: ratio(p.submitted + p.accepted, p.total),
      onTimeRate: ratio(totals.onTime, totals.done),
      autofillRate: ratio(kept, kept + totals.changed + totals.typed),
      openComplaints: feedback.openComplaints,
      monitoringPointOpenFeedback: feedback.monitoringOpen,
    };
  }

  /** A village reads its own few assignments; wider scopes read the rollups (kept with every state change). */
  private useRollups(s: InsightScope, source: Source): boolean {
    return !s.villageId && source !== 'raw';
  }

  /** Progress, on-time, autofill and open-task totals counted from the assignments in scope. */
  private async assignmentTotals(s: InsightScope, now: Date): Promise<AssignmentTotals> {
    const as = assignmentScopeSql(s, 'a');
    const [tasks, progress, fill, onTime] = await Promise.all([
      // Open tasks with at least one assignment in scope: walks the (few) open tasks, not the assignments.
      this.qb()
        .select('COUNT(*)', 'c')
        .from('task', 't')
        .where(`t.status = 'OPEN'`)
        .andWhere(`EXISTS (SELECT 1 FROM assignment a WHERE a.task_id = t.id AND ${as.sql})`, as.params)
        .getRawOne(),
      progressSelect(this.qb().select('1', 'one'), 'a')
        .from('assignment', 'a')
        .where(as.sql, { ...as.params, now })
        .getRawOne(),
      this.scopedSubmissions(
        this.qb()
          .select('SUM(sb.autofilled_kept)', 'kept')
          .addSelect('SUM(sb.autofilled_changed)', 'changed')
          .addSelect('SUM(sb.typed)', 'typed')
          .from('submission', 'sb')
          .where(`sb.status IN ('SUBMITTED','ACCEPTED')`),
        as,
      ).getRawOne(),
      this.qb()
        .select('COUNT(*)', 'done')
        .addSelect('SUM(CASE WHEN a.submitted_at <= a.due_at THEN 1 ELSE 0 END)', 'onTime')
        .from('assignment', 'a')
        .where('a.submitted_at IS NOT NULL')
        .andWhere(as.sql, as.params)
        .getRawOne(),
    ]);
    return {
      openTasks: n(tasks?.c),
      progress: progressOf(progress),
      kept: n(fill?.kept),
      changed: n(fill?.changed),
      typed: n(fill?.typed),
      done: n(onTime?.done),
      onTime: n(onTime?.onTime),
    };
  }

  /** The same totals from rollup_task_town: one row per task and town instead of one per assignment. */
  private async assignmentTotalsFromRollups(s: InsightScope, now: Date): Promise<AssignmentTotals> {
    const rs = assignmentScopeSql(s, 'r');
    const [tasks, r] = await Promise.all([
      this.qb()
        .select('COUNT(*)', 'c')
        .from('task', 't')
        .where(`t.status = 'OPEN'`)
        .andWhere(`EXISTS (SELECT 1 FROM rollup_task_town r WHERE r.task_id = t.id AND ${rs.sql})`, rs.params)
        .getRawOne(),
      rollupProgressSelect(this.qb().select('1', 'one'), 'r')
        .addSelect('SUM(r.kept)', 'kept')
        .addSelect('SUM(r.changed)', 'changed')
        .addSelect('SUM(r.typed)', 'typed')
        .addSelect('SUM(r.submitted_ever)', 'done')
        .addSelect('SUM(r.on_time)', 'onTime')
        .from('rollup_task_town', 'r')
        .where(rs.sql, { ...rs.params, now })
        .getRawOne(),
    ]);
    return {
      openTasks: n(tasks?.c),
      progress: progressOf(r),
      kept: n(r?.kept),
      changed: n(r?.changed),
      typed: n(r?.typed),
      done: n(r?.done),
      onTime: n(r?.onTime),
    };
  }

  /** Submissions in scope: joined to their assignment only when the scope needs its columns (city-wide reads the index alone). */
  private scopedSubmissions(qb: SelectQueryBuilder<any>, as: { sql: string; params: Record<string, unknown> }): SelectQueryBuilder<any> {
    if (as.sql === '1 = 1') return qb;
    return qb.innerJoin('assignment', 'a', 'a.id = sb.assignment_id').andWhere(as.sql, as.params);
  }

  private async feedbackCounts(s: InsightScope): Promise<{ openComplaints: number; monitoringOpen: number }> {
    const qb = this.qb()
      .select(`SUM(CASE WHEN fb.type = 'COMPLAINT' THEN 1 ELSE 0 END)`, 'complaints')
      .addSelect('SUM(CASE WHEN fb.from_monitoring_point = :yes THEN 1 ELSE 0 END)', 'monitoring')
      .from('feedback', 'fb')
      .where(`fb.status <> 'RESOLVED'`)
      .setParameter('yes', true);
    const r = await whereFeedbackInScope(qb, s).getRawOne();
    return { openComplaints: n(r?.complaints), monitoringOpen: n(r?.monitoring) };
  }

  private yearRange(year: number): { from: Date; to: Date } {
    if (!Number.isInteger(year) || year < 2000 || year > 2100) throw badField('year', '年份应在 2000 到 2100 之间');
    return { from: new Date(Date.UTC(year, 0, 1)), to: new Date(Date.UTC(year + 1, 0, 1)) };
  }

  async villageBurden(ctx: RequestContext, villageId: number, year: number): Promise<VillageBurden> {
    const { from, to } = this.yearRange(year);
    const village = await this.dataSource.getRepository(Region).findOneBy({ id: villageId, level: RegionLevel.VILLAGE });
    if (!village) throw notFound('村(社区)');
    const s = insightScopeOf(ctx.me);
    if (!canSeeVillage(ctx.me, village)) throw forbidden('无权查看该村的负担数据');
    const rows = await this.qb()
      .select('a.form_id', 'formId')
      .addSelect('MAX(f.title)', 'formTitle')
      .addSelect('COUNT(*)', 'fillsDue')
      .addSelect(`SUM(CASE WHEN a.status IN ('SUBMITTED','ACCEPTED') THEN 1 ELSE 0 END)`, 'fillsDone')
      .addSelect('SUM(COALESCE(sb.typed, 0))', 'typed')
      .addSelect('SUM(COALESCE(sb.autofilled_kept, 0))', 'kept')
      .addSelect('SUM(COALESCE(sb.autofilled_changed, 0))', 'changed')
      .from('assignment', 'a')
      .innerJoin('form', 'f', 'f.id = a.form_id')
      .leftJoin('submission', 'sb', `sb.assignment_id = a.id AND sb.status IN ('SUBMITTED','ACCEPTED')`)
      .where('a.region_id = :v', { v: villageId })
      .andWhere('a.due_at >= :from AND a.due_at < :to', { from, to })
      .andWhere(s.departmentId ? 'a.department_id = :d' : '1 = 1', { d: s.departmentId })
      .groupBy('a.form_id')
      .orderBy('a.form_id')
      .getRawMany();
    const forms = rows.map((r) => ({
      formId: n(r.formId),
      formTitle: r.formTitle,
      fillsDue: n(r.fillsDue),
      fillsDone: n(r.fillsDone),
      fieldsTyped: n(r.typed),
      fieldsAutofilled: n(r.kept),
      fieldsChanged: n(r.changed),
    }));
    const sum = (k: keyof (typeof forms)[number]) => forms.reduce((t, f) => t + (f[k] as number), 0);
    const typed = sum('fieldsTyped');
    const kept = sum('fieldsAutofilled');
    const changed = sum('fieldsChanged');
    return {
      village,
      year,
      fillsDue: sum('fillsDue'),
      fillsDone: sum('fillsDone'),
      fieldsTyped: typed,
      fieldsAutofilled: kept,
      fieldsChanged: changed,
      autofillRate: ratio(kept, kept + changed + typed),
      forms,
    };
  }

  /** The villages with the most fields typed by hand in a year (towns' own town-level forms are not counted). */
  async burdenRanking(ctx: RequestContext, year: number, limit: number, townId?: number, source: Source = 'rollup'): Promise<BurdenRank[]> {
    const { from, to } = this.yearRange(year);
    const s = insightScopeOf(ctx.me);
    if (s.villageId) throw forbidden('村级账号只能查看本村的负担');
    const take = Math.min(Math.max(limit, 1), MAX_PAGE);
    const rank = (qb: SelectQueryBuilder<any>, a: string) =>
      qb
        .andWhere(`${a}.region_id <> ${a}.town_id`)
        .andWhere(townId ? `${a}.town_id = :town` : '1 = 1', { town: townId })
        .groupBy(`${a}.region_id`)
        .orderBy('fieldsTyped', 'DESC')
        .addOrderBy('fillsDue', 'DESC')
        .addOrderBy(`${a}.region_id`, 'ASC')
        .limit(take)
        .getRawMany();
    let rows: any[];
    if (this.useRollups(s, source)) {
      const rs = assignmentScopeSql(s, 'r');
      rows = await rank(
        this.qb()
          .select('r.region_id', 'villageId')
          .addSelect('SUM(r.fills_due)', 'fillsDue')
          .addSelect('SUM(r.typed)', 'fieldsTyped')
          .addSelect('SUM(r.kept)', 'fieldsKept')
          .from('rollup_village_year', 'r')
          .where('r.year = :year', { year })
          .andWhere(rs.sql, rs.params),
        'r',
      );
    } else {
      const as = assignmentScopeSql(s, 'a');
      rows = await rank(
        this.qb()
          .select('a.region_id', 'villageId')
          .addSelect('COUNT(*)', 'fillsDue')
          .addSelect('SUM(COALESCE(sb.typed, 0))', 'fieldsTyped')
          .addSelect('SUM(COALESCE(sb.autofilled_kept, 0))', 'fieldsKept')
          .from('assignment', 'a')
          .leftJoin('submission', 'sb', `sb.assignment_id = a.id AND sb.status IN ('SUBMITTED','ACCEPTED')`)
          .where('a.due_at >= :from AND a.due_at < :to', { from, to })
          .andWhere(as.sql, as.params),
        'a',
      );
    }
    return rows.map((r) => ({
      villageId: n(r.villageId),
      fillsDue: n(r.fillsDue),
      fieldsTyped: n(r.fieldsTyped),
      fieldsAutofilled: n(r.fieldsKept),
    }));
  }

  /** Per town in scope: the progress of every assignment due in the year, across all tasks. */
  async townProgress(ctx: RequestContext, year: number, source: Source = 'rollup'): Promise<UnitProgress[]> {
    const { from, to } = this.yearRange(year);
    const s = insightScopeOf(ctx.me);
    if (s.villageId) throw forbidden('村级账号只能查看本村的填报进度');
    const now = new Date();
    const a = this.useRollups(s, source) ? 'r' : 'a';
    const sc = assignmentScopeSql(s, a);
    const qb = this.qb().select(`${a}.town_id`, 'regionId');
    const rows = await (a === 'r' ? rollupProgressSelect(qb, a).from('rollup_task_town', a) : progressSelect(qb, a).from('assignment', a))
      .where(`${a}.due_at >= :from AND ${a}.due_at < :to`, { from, to, now })
      .andWhere(sc.sql, sc.params)
      .groupBy(`${a}.town_id`)
      .orderBy(`${a}.town_id`)
      .getRawMany();
    return rows.map((r): UnitProgress => ({ regionId: n(r.regionId), ...progressOf(r) }));
  }

  async taskProgress(
    ctx: RequestContext,
    taskId: number,
    opts: { townId?: number; status?: string; take?: number; skip?: number },
  ): Promise<TaskProgress> {
    const task = await this.qb()
      .select(['t.id AS id', 't.period AS period', 't.due_at AS dueAt', 't.department_id AS departmentId'])
      .from('task', 't')
      .where('t.id = :id', { id: taskId })
      .getRawOne();
    if (!task) throw notFound('任务');
    const s = insightScopeOf(ctx.me);
    if (s.departmentId && n(task.departmentId) !== s.departmentId) throw forbidden('只能查看本部门下发的任务进度');
    const now = new Date();
    const as = assignmentScopeSql({ townId: s.townId, villageId: s.villageId }, 'a');
    const base = () => this.qb().from('assignment', 'a').where('a.task_id = :task', { task: taskId }).andWhere(as.sql, as.params);
    const take = Math.min(opts.take ?? 50, MAX_PAGE);
    const villagesQb = base()
      .select([
        'a.id AS assignmentId',
        'a.region_id AS villageId',
        'a.status AS status',
        'a.due_at AS dueAt',
        'a.submitted_at AS submittedAt',
      ])
      .andWhere(opts.townId ? 'a.town_id = :ft' : '1 = 1', { ft: opts.townId })
      .andWhere(opts.status ? 'a.status = :fs' : '1 = 1', { fs: opts.status });
    const [totals, towns, villages, villagesTotal] = await Promise.all([
      progressSelect(base().select('1', 'one'), 'a').setParameter('now', now).getRawOne(),
      progressSelect(base().select('a.town_id', 'regionId'), 'a')
        .setParameter('now', now)
        .groupBy('a.town_id')
        .orderBy('a.town_id')
        .getRawMany(),
      villagesQb
        .clone()
        .orderBy('a.town_id')
        .addOrderBy('a.region_id')
        .offset(opts.skip ?? 0)
        .limit(take)
        .getRawMany(),
      villagesQb.clone().select('COUNT(*)', 'c').getRawOne(),
    ]);
    return {
      taskId,
      period: task.period,
      dueAt: rawDate(task.dueAt)!,
      totals: progressOf(totals),
      towns: towns.map((r): UnitProgress => ({ regionId: n(r.regionId), ...progressOf(r) })),
      villages: villages.map((r) => {
        const due = rawDate(r.dueAt)!;
        return {
          assignmentId: n(r.assignmentId),
          villageId: n(r.villageId),
          status: r.status,
          overdue: ['NOT_STARTED', 'DRAFT', 'RETURNED'].includes(r.status) && due < now,
          submittedAt: rawDate(r.submittedAt),
        };
      }),
      villagesTotal: n(villagesTotal?.c),
    };
  }

  async departmentStats(ctx: RequestContext, year?: number): Promise<DepartmentStat[]> {
    const s = insightScopeOf(ctx.me);
    if (s.townId || s.villageId) throw forbidden('部门统计仅供市级和部门账号查看');
    const range = year ? this.yearRange(year) : null;
    const dept = s.departmentId ? 'r.department_id = :dept' : '1 = 1';
    const inYear = range ? 'r.submitted_at >= :from AND r.submitted_at < :to' : '1 = 1';
    const params = { dept: s.departmentId, ...(range ?? {}) };
    const [proposed, decisions, reviews, burden] = await Promise.all([
      this.qb()
        .select('r.department_id', 'd')
        .addSelect('COUNT(DISTINCT r.form_id)', 'c')
        .from('admission_request', 'r')
        .where(dept)
        .andWhere(inYear)
        .setParameters(params)
        .groupBy('r.department_id')
        .getRawMany(),
      this.qb()
        .select('r.department_id', 'd')
        .addSelect(`SUM(CASE WHEN x.action = 'APPROVE' THEN 1 ELSE 0 END)`, 'approved')
        .addSelect(`SUM(CASE WHEN x.action IN ('REJECT','SYSTEM_REJECT') THEN 1 ELSE 0 END)`, 'rejected')
        .addSelect(`SUM(CASE WHEN x.action = 'RETURN' THEN 1 ELSE 0 END)`, 'returned')
        .from('admission_decision', 'x')
        .innerJoin('admission_request', 'r', 'r.id = x.request_id')
        .where(dept)
        .andWhere(inYear)
        .setParameters(params)
        .groupBy('r.department_id')
        .getRawMany(),
      // Review time in whole seconds, read back per request: portable, and few rows (requests, not fills).
      this.qb()
        .select('r.department_id', 'd')
        .addSelect('r.submitted_at', 'submittedAt')
        .addSelect('r.reviewed_at', 'reviewedAt')
        .from('admission_request', 'r')
        .where('r.reviewed_at IS NOT NULL AND r.system_rejected = :no', { no: false })
        .andWhere(dept)
        .andWhere(inYear)
        .setParameters(params)
        .getRawMany(),
      this.qb()
        .select('r.department_id', 'd')
        .addSelect('SUM(r.annual_entries)', 'c')
        .from('admission_request', 'r')
        .innerJoin('form', 'f', `f.id = r.form_id AND f.status = 'ACTIVE'`)
        .where(`r.status = 'APPROVED'`)
        .andWhere(dept)
        .setParameters(params)
        .groupBy('r.department_id')
        .getRawMany(),
    ]);
    const ids = new Set<number>([...proposed, ...decisions, ...burden].map((r) => n(r.d)));
    const hours = new Map<number, number[]>();
    for (const r of reviews) {
      ids.add(n(r.d));
      const h = (rawDate(r.reviewedAt)!.getTime() - rawDate(r.submittedAt)!.getTime()) / 3600e3;
      hours.set(n(r.d), [...(hours.get(n(r.d)) ?? []), h]);
    }
    const by = (rows: any[]) => new Map(rows.map((r) => [n(r.d), r]));
    const P = by(proposed);
    const D = by(decisions);
    const B = by(burden);
    return [...ids]
      .sort((a, b) => a - b)
      .map((id) => {
        const hs = hours.get(id);
        return {
          departmentId: id,
          formsProposed: n(P.get(id)?.c),
          approved: n(D.get(id)?.approved),
          rejected: n(D.get(id)?.rejected),
          returned: n(D.get(id)?.returned),
          averageReviewHours: hs?.length ? Math.round((hs.reduce((a, b) => a + b, 0) / hs.length) * 10) / 10 : null,
          annualEntriesAdded: n(B.get(id)?.c),
        };
      });
  }

  async trends(ctx: RequestContext, months: number, source: Source = 'rollup'): Promise<MonthTrend[]> {
    if (!Number.isInteger(months) || months < 1 || months > 36) throw badField('months', '月数应在 1 到 36 之间');
    const s = insightScopeOf(ctx.me);
    const now = new Date();
    const from = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - months + 1, 1));
    const to = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1));
    const rollups = this.useRollups(s, source);
    const dept = s.departmentId ? 'f.department_id = :dept' : '1 = 1';
    const [requests, decisions, due, fills, complaints] = await Promise.all([
      this.qb()
        .select(month('r.submitted_at'), 'm')
        .addSelect('COUNT(*)', 'c')
        .from('admission_request', 'r')
        .innerJoin('form', 'f', 'f.id = r.form_id')
        .where('r.submitted_at >= :from AND r.submitted_at < :to', { from, to })
        .andWhere(dept, { dept: s.departmentId })
        .groupBy(month('r.submitted_at'))
        .getRawMany(),
      this.qb()
        .select(month('d.at'), 'm')
        .addSelect(`SUM(CASE WHEN d.action = 'APPROVE' THEN 1 ELSE 0 END)`, 'approved')
        .addSelect(`SUM(CASE WHEN d.action = 'RETURN' THEN 1 ELSE 0 END)`, 'returned')
        .addSelect(`SUM(CASE WHEN d.action IN ('REJECT','SYSTEM_REJECT') THEN 1 ELSE 0 END)`, 'rejected')
        .from('admission_decision', 'd')
        .innerJoin('form', 'f', 'f.id = d.form_id')
        .where('d.at >= :from AND d.at < :to', { from, to })
        .andWhere(dept, { dept: s.departmentId })
        .groupBy(month('d.at'))
        .getRawMany(),
      rollups ? this.dueByMonthFromRollups(s, from, to) : this.dueByMonth(s, from, to),
      rollups ? this.fillsByMonthFromRollups(s, from, to) : this.fillsByMonth(s, from, to),
      (() => {
        const qb = this.qb()
          .select(month('fb.created_at'), 'm')
          .addSelect('COUNT(*)', 'c')
          .from('feedback', 'fb')
          .where(`fb.type = 'COMPLAINT' AND fb.created_at >= :from AND fb.created_at < :to`, { from, to });
        return whereFeedbackInScope(qb, s).groupBy(month('fb.created_at')).getRawMany();
      })(),
    ]);
    const at = (rows: any[]) => new Map(rows.map((r) => [String(r.m), r]));
    const R = at(requests);
    const D = at(decisions);
    const A = at(due);
    const F = at(fills);
    const C = at(complaints);
    const out: MonthTrend[] = [];
    for (let i = 0; i < months; i++) {
      const d = new Date(Date.UTC(from.getUTCFullYear(), from.getUTCMonth() + i, 1));
      const m = d.toISOString().slice(0, 7);
      const kept = n(F.get(m)?.kept);
      out.push({
        month: m,
        requestsSubmitted: n(R.get(m)?.c),
        approved: n(D.get(m)?.approved),
        returned: n(D.get(m)?.returned),
        rejected: n(D.get(m)?.rejected),
        assignmentsDue: n(A.get(m)?.due),
        assignmentsDone: n(A.get(m)?.done),
        onTime: n(A.get(m)?.onTime),
        autofillRate: ratio(kept, kept + n(F.get(m)?.other)),
        complaints: n(C.get(m)?.c),
      });
    }
    return out;
  }

  /** Assignments due per month (UTC), done and on time, from the assignments in scope. */
  private dueByMonth(s: InsightScope, from: Date, to: Date): Promise<any[]> {
    const as = assignmentScopeSql(s, 'a');
    return this.qb()
      .select(month('a.due_at'), 'm')
      .addSelect('COUNT(*)', 'due')
      .addSelect(`SUM(CASE WHEN a.status IN ('SUBMITTED','ACCEPTED') THEN 1 ELSE 0 END)`, 'done')
      .addSelect('SUM(CASE WHEN a.submitted_at IS NOT NULL AND a.submitted_at <= a.due_at THEN 1 ELSE 0 END)', 'onTime')
      .from('assignment', 'a')
      .where('a.due_at >= :from AND a.due_at < :to', { from, to })
      .andWhere(as.sql, as.params)
      .groupBy(month('a.due_at'))
      .getRawMany();
  }

  private dueByMonthFromRollups(s: InsightScope, from: Date, to: Date): Promise<any[]> {
    const rs = assignmentScopeSql(s, 'r');
    return this.qb()
      .select(month('r.due_at'), 'm')
      .addSelect('SUM(r.total)', 'due')
      .addSelect('SUM(r.submitted + r.accepted)', 'done')
      .addSelect('SUM(r.on_time)', 'onTime')
      .from('rollup_task_town', 'r')
      .where('r.due_at >= :from AND r.due_at < :to', { from, to })
      .andWhere(rs.sql, rs.params)
      .groupBy(month('r.due_at'))
      .getRawMany();
  }

  /** Autofill counts of fills submitted per month (UTC), from the submissions in scope. */
  private fillsByMonth(s: InsightScope, from: Date, to: Date): Promise<any[]> {
    return this.scopedSubmissions(
      this.qb()
        .select(month('sb.submitted_at'), 'm')
        .addSelect('SUM(sb.autofilled_kept)', 'kept')
        .addSelect('SUM(sb.autofilled_changed + sb.typed)', 'other')
        .from('submission', 'sb')
        .where(`sb.status IN ('SUBMITTED','ACCEPTED') AND sb.submitted_at >= :from AND sb.submitted_at < :to`, { from, to }),
      assignmentScopeSql(s, 'a'),
    )
      .groupBy(month('sb.submitted_at'))
      .getRawMany();
  }

  private fillsByMonthFromRollups(s: InsightScope, from: Date, to: Date): Promise<any[]> {
    const rs = assignmentScopeSql(s, 'r');
    return this.qb()
      .select('r.month', 'm')
      .addSelect('SUM(r.kept)', 'kept')
      .addSelect('SUM(r.other)', 'other')
      .from('rollup_fill_month', 'r')
      .where('r.month >= :fromMonth AND r.month < :toMonth', {
        fromMonth: from.toISOString().slice(0, 7),
        toMonth: to.toISOString().slice(0, 7),
      })
      .andWhere(rs.sql, rs.params)
      .groupBy('r.month')
      .getRawMany();
  }
}
