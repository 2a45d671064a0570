import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type ObjectLiteral, type SelectQueryBuilder } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { ReplicaReads } from '../database/replica-reads.js';
import { badField, forbidden, notFound } from '../common/errors.js';
import type { RequestContext } from '../common/request-context.js';
import { MAX_PAGE } from '../common/paging.js';
import { platformMonthSql } from '../common/platform-month-sql.js';
import { platformMonth, platformMonthStart } from '../common/platform-time.js';
import { canSeeVillage } from '../regions/scope.js';
import { isOverdue, OPEN_TASK, overdueRollupSql, overdueSql } from '../dispatch/overdue.js';
import { DepartmentsService } from '../departments/departments.service.js';
import { RegionsService } from '../regions/regions.service.js';
import type {
  BurdenRank,
  DepartmentDecisions,
  DepartmentStat,
  FormBurden,
  MonthTrend,
  OrderBurden,
  OrderMonth,
  Overview,
  ProgressCounts,
  TaskProgress,
  UnitProgress,
  VillageBurden,
} from './insights.dto.js';
import { assignmentScopeSql, insightScopeOf, type InsightScope, type ScopeSql } from './insight-scope.js';
import {
  ADMISSION_DECISION_READ_MODEL,
  ADMISSION_REQUEST_READ_MODEL,
  ASSIGNMENT_READ_MODEL,
  FEEDBACK_READ_MODEL,
  FORM_READ_MODEL,
  ROLLUP_FILL_MONTH_READ_MODEL,
  ROLLUP_ORDER_VILLAGE_MONTH_READ_MODEL,
  ROLLUP_TASK_TOWN_READ_MODEL,
  ROLLUP_VILLAGE_YEAR_READ_MODEL,
  SUBMISSION_READ_MODEL,
  TASK_READ_MODEL,
  URGE_READ_MODEL,
  WORK_ORDER_READ_MODEL,
  WORK_ORDER_STEP_READ_MODEL,
  WORK_ORDER_TOWN_READ_MODEL,
  WORK_ORDER_VILLAGE_READ_MODEL,
} from './read-models.js';

// Every table insights reads is another module's: it reads the views those modules publish (./read-models.ts).
const FORM = FORM_READ_MODEL.view;
const REQUEST = ADMISSION_REQUEST_READ_MODEL.view;
const DECISION = ADMISSION_DECISION_READ_MODEL.view;
const TASK = TASK_READ_MODEL.view;
const ASSIGNMENT = ASSIGNMENT_READ_MODEL.view;
const SUBMISSION = SUBMISSION_READ_MODEL.view;
const FEEDBACK = FEEDBACK_READ_MODEL.view;
const TASK_TOWN = ROLLUP_TASK_TOWN_READ_MODEL.view;
const FILL_MONTH = ROLLUP_FILL_MONTH_READ_MODEL.view;
const VILLAGE_YEAR = ROLLUP_VILLAGE_YEAR_READ_MODEL.view;
const URGE = URGE_READ_MODEL.view;
const ORDER = WORK_ORDER_READ_MODEL.view;
const ORDER_TOWN = WORK_ORDER_TOWN_READ_MODEL.view;
const ORDER_VILLAGE = WORK_ORDER_VILLAGE_READ_MODEL.view;
const ORDER_STEP = WORK_ORDER_STEP_READ_MODEL.view;
const ORDER_MONTH = ROLLUP_ORDER_VILLAGE_MONTH_READ_MODEL.view;

/** A number in a raw row: a JS number on SQLite, often a string (SUM, COUNT of big tables) on MySQL, null for an empty SUM. */
type SqlNumber = number | string | null;
/** A datetime in a raw row: a Date on MySQL, 'YYYY-MM-DD HH:MM:SS[.SSS]' in UTC on SQLite. */
type SqlDate = Date | string | null;
type Builder = SelectQueryBuilder<ObjectLiteral>;

const num = (value: unknown) => Number(value ?? 0) || 0;
const ratio = (part: number, whole: number) => (whole > 0 ? Math.round((part / whole) * 10000) / 10000 : 0);
/** SQL for the platform-time month (YYYY-MM) of a UTC datetime column (platformMonthSql over the trend's window). */
type MonthSql = (col: string) => string;

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

// Raw rows, one shape per query (column aliases as selected).
interface CountRow {
  c: SqlNumber;
}
interface ProgressRow {
  total: SqlNumber;
  notStarted: SqlNumber;
  draft: SqlNumber;
  submitted: SqlNumber;
  returned: SqlNumber;
  accepted: SqlNumber;
  overdue: SqlNumber;
}
interface FormLevelRow extends CountRow {
  level: string;
}
interface RequestStatusRow extends CountRow {
  status: string;
}
interface DecisionCountsRow {
  approved: SqlNumber;
  rejected: SqlNumber;
  returned: SqlNumber;
}
interface DepartmentDecisionsRow extends DecisionCountsRow {
  departmentId: SqlNumber;
}
interface FillCountsRow {
  kept: SqlNumber;
  changed: SqlNumber;
  typed: SqlNumber;
}
interface OnTimeRow {
  done: SqlNumber;
  onTime: SqlNumber;
}
type RollupTotalsRow = ProgressRow & FillCountsRow & OnTimeRow;
interface FeedbackCountsRow {
  complaints: SqlNumber;
  monitoring: SqlNumber;
}
interface FormBurdenRow {
  formId: SqlNumber;
  formTitle: string;
  fillsDue: SqlNumber;
  fillsDone: SqlNumber;
  typed: SqlNumber;
  kept: SqlNumber;
  changed: SqlNumber;
}
interface BurdenRankRow {
  villageId: SqlNumber;
  fillsDue: SqlNumber;
  fieldsTyped: SqlNumber;
  fieldsKept: SqlNumber;
}
interface UnitProgressRow extends ProgressRow {
  regionId: SqlNumber;
}
interface TaskRow {
  id: SqlNumber;
  status: string;
  period: string;
  dueAt: SqlDate;
  departmentId: SqlNumber;
}
interface VillageRow {
  assignmentId: SqlNumber;
  villageId: SqlNumber;
  status: string;
  dueAt: SqlDate;
  submittedAt: SqlDate;
}
/** Department stats rows are keyed by `d`, the department id. */
interface ByDepartment {
  d: SqlNumber;
}
interface ReviewRow extends ByDepartment {
  submittedAt: SqlDate;
  reviewedAt: SqlDate;
}
/** Trend rows are keyed by `m`, the month (YYYY-MM). */
interface ByMonth {
  m: string;
}
interface DueRow extends ByMonth {
  due: SqlNumber;
  done: SqlNumber;
  onTime: SqlNumber;
}
interface FillsRow extends ByMonth {
  kept: SqlNumber;
  other: SqlNumber;
}

interface OrderCountsRow {
  orders: SqlNumber;
  received: SqlNumber;
  late: SqlNumber;
  done: SqlNumber;
}
interface OrderVillageRow extends OrderCountsRow {
  villageId: SqlNumber;
}
interface OrderFundsRow extends ByDepartment {
  c: SqlNumber;
  funds: SqlNumber;
}

const DAY_MS = 24 * 3600 * 1000;

/**
 * Work orders (rm_work_order, alias `o`) that concern the caller's slice: a town's are those sent to it
 * (it 派发s them), a village's those sent to it, a department's its own.
 */
function whereOrderInScope(qb: Builder, scope: InsightScope): Builder {
  if (scope.townId)
    qb.andWhere(`EXISTS (SELECT 1 FROM ${ORDER_TOWN} ot WHERE ot.order_id = o.id AND ot.town_id = :oTown)`, { oTown: scope.townId });
  if (scope.villageId)
    qb.andWhere(`EXISTS (SELECT 1 FROM ${ORDER_VILLAGE} ov WHERE ov.order_id = o.id AND ov.village_id = :oVillage)`, {
      oVillage: scope.villageId,
    });
  if (scope.departmentId) qb.andWhere('o.department_id = :oDept', { oDept: scope.departmentId });
  return qb;
}

/** Rows carrying `town_id`, `village_id` and `department_id` (the orders' rollup, or villages joined to their order `o`). */
function whereOrderVillageInScope(qb: Builder, alias: string, scope: InsightScope, departmentCol = `${alias}.department_id`): Builder {
  if (scope.townId) qb.andWhere(`${alias}.town_id = :ovTown`, { ovTown: scope.townId });
  if (scope.villageId) qb.andWhere(`${alias}.village_id = :ovVillage`, { ovVillage: scope.villageId });
  if (scope.departmentId) qb.andWhere(`${departmentCol} = :ovDept`, { ovDept: scope.departmentId });
  return qb;
}

/** A datetime from a raw row. */
function rawDate(value: SqlDate | undefined): Date | null {
  if (value == null) return null;
  if (value instanceof Date) return value;
  const text = String(value);
  return new Date(text.replace(' ', 'T') + (text.endsWith('Z') ? '' : 'Z'));
}

/** Feedback rows in the caller's slice (a town, a village, or complaints naming a department). */
function whereFeedbackInScope(qb: Builder, scope: InsightScope): Builder {
  if (scope.townId) qb.andWhere('fb.town_id = :fbTown', { fbTown: scope.townId });
  if (scope.villageId) qb.andWhere('fb.village_id = :fbVillage', { fbVillage: scope.villageId });
  if (scope.departmentId) qb.andWhere('fb.department_id = :fbDept', { fbDept: scope.departmentId });
  return qb;
}

/** The progress columns of an assignment aggregate, written once for every dashboard (overdue: dispatch/overdue.ts). */
function progressSelect(qb: Builder, alias: string): Builder {
  return qb
    .addSelect('COUNT(*)', 'total')
    .addSelect(`SUM(CASE WHEN ${alias}.status = 'NOT_STARTED' THEN 1 ELSE 0 END)`, 'notStarted')
    .addSelect(`SUM(CASE WHEN ${alias}.status = 'DRAFT' THEN 1 ELSE 0 END)`, 'draft')
    .addSelect(`SUM(CASE WHEN ${alias}.status = 'SUBMITTED' THEN 1 ELSE 0 END)`, 'submitted')
    .addSelect(`SUM(CASE WHEN ${alias}.status = 'RETURNED' THEN 1 ELSE 0 END)`, 'returned')
    .addSelect(`SUM(CASE WHEN ${alias}.status = 'ACCEPTED' THEN 1 ELSE 0 END)`, 'accepted')
    .addSelect(
      `SUM(CASE WHEN ${overdueSql({ status: `${alias}.status`, dueAt: `${alias}.due_at`, taskId: `${alias}.task_id` }, TASK)} THEN 1 ELSE 0 END)`,
      'overdue',
    );
}
/** The same columns summed from the task-and-town rollup (overdue: on-desk assignments of open tasks already due). */
function rollupProgressSelect(qb: Builder, alias: string): Builder {
  return qb
    .addSelect(`SUM(${alias}.total)`, 'total')
    .addSelect(`SUM(${alias}.not_started)`, 'notStarted')
    .addSelect(`SUM(${alias}.draft)`, 'draft')
    .addSelect(`SUM(${alias}.submitted)`, 'submitted')
    .addSelect(`SUM(${alias}.returned)`, 'returned')
    .addSelect(`SUM(${alias}.accepted)`, 'accepted')
    .addSelect(`SUM(${overdueRollupSql(alias, TASK)})`, 'overdue');
}
function progressOf(row: ProgressRow | undefined): ProgressCounts {
  return {
    total: num(row?.total),
    notStarted: num(row?.notStarted),
    draft: num(row?.draft),
    submitted: num(row?.submitted),
    returned: num(row?.returned),
    accepted: num(row?.accepted),
    overdue: num(row?.overdue),
  };
}

/**
 * Dashboards ("一屏观全域"): each answer is a handful of GROUP BY queries over indexed columns,
 * scoped in SQL to the caller (city, a town, a village, a department). Month buckets are the
 * platform's months (TIME_ZONE): `platformMonthSql` shifts the UTC datetime by the zone's offset on both engines. Insights owns no tables: it
 * reads the read models of READ_MODELS (./read-models.ts), and regions and departments through
 * their services.
 */
@Injectable()
export class InsightsService {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly replica: ReplicaReads,
    private readonly regions: RegionsService,
    private readonly departments: DepartmentsService,
  ) {}

  private get sqlite(): boolean {
    return this.dataSource.options.type === 'better-sqlite3';
  }

  /** On the replica's query runner inside a lag-tolerant read (InsightsResolver), else on the primary. */
  private qb(): Builder {
    return this.dataSource.createQueryBuilder(this.replica.current());
  }

  private async scopeName(scope: InsightScope): Promise<string> {
    if (scope.departmentId) return (await this.departments.nameOf(scope.departmentId)) ?? '本部门';
    const id = scope.villageId ?? scope.townId;
    if (id) return (await this.regions.nameOf(id)) ?? '本辖区';
    return '全市';
  }

  /**
   * Assignment totals come from the rollups for a city, town or department, from the assignments
   * themselves for a village (its own few rows) or when `source` is 'raw' (the tests' cross-check).
   */
  async overview(ctx: RequestContext, source: Source = 'rollup'): Promise<Overview> {
    const scope = insightScopeOf(ctx.me);
    const now = new Date();
    const deptWhere = scope.departmentId ? 'f.department_id = :dept' : '1 = 1';
    const [forms, requests, decisions, totals, feedback, scopeName, urging] = await Promise.all([
      this.qb()
        .select('f.target_level', 'level')
        .addSelect('COUNT(*)', 'c')
        .from(FORM, 'f')
        .where(`f.status = 'ACTIVE'`)
        .groupBy('f.target_level')
        .getRawMany<FormLevelRow>(),
      this.qb()
        .select('r.status', 'status')
        .addSelect('COUNT(*)', 'c')
        .from(REQUEST, 'r')
        .where(scope.departmentId ? 'r.department_id = :dept' : '1 = 1', { dept: scope.departmentId })
        .groupBy('r.status')
        .orderBy('r.status')
        .getRawMany<RequestStatusRow>(),
      this.qb()
        .select('f.department_id', 'departmentId')
        .addSelect(`SUM(CASE WHEN d.action = 'APPROVE' THEN 1 ELSE 0 END)`, 'approved')
        .addSelect(`SUM(CASE WHEN d.action IN ('REJECT','SYSTEM_REJECT') THEN 1 ELSE 0 END)`, 'rejected')
        .addSelect(`SUM(CASE WHEN d.action = 'RETURN' THEN 1 ELSE 0 END)`, 'returned')
        .from(DECISION, 'd')
        .innerJoin(FORM, 'f', 'f.id = d.form_id')
        .where(`d.action IN ('APPROVE','REJECT','SYSTEM_REJECT','RETURN')`)
        .andWhere(deptWhere, { dept: scope.departmentId })
        .groupBy('f.department_id')
        .orderBy('f.department_id')
        .getRawMany<DepartmentDecisionsRow>(),
      this.useRollups(scope, source) ? this.assignmentTotalsFromRollups(scope, now) : this.assignmentTotals(scope, now),
      this.feedbackCounts(scope),
      this.scopeName(scope),
      this.urging(scope),
    ]);
    const level = (name: string) => num(forms.find((row) => row.level === name)?.c);
    const progress = totals.progress;
    const kept = totals.kept;
    return {
      scope: scopeName,
      activeVillageForms: level('VILLAGE'),
      activeTownForms: level('TOWN'),
      villageFormCap: this.config.villageFormCap,
      requestsByStatus: requests.map((row) => ({ status: row.status, count: num(row.c) })),
      decisionsByDepartment: decisions.map((row): DepartmentDecisions => ({
        departmentId: num(row.departmentId),
        approved: num(row.approved),
        rejected: num(row.rejected),
        returned: num(row.returned),
      })),
      openTasks: totals.openTasks,
      assignments: progress,
      completionRate: ratio(progress.submitted + progress.accepted, progress.total),
      onTimeRate: ratio(totals.onTime, totals.done),
      autofillRate: ratio(kept, kept + totals.changed + totals.typed),
      openComplaints: feedback.openComplaints,
      monitoringPointOpenFeedback: feedback.monitoringOpen,
      urgedUnits: urging.urged,
      doneAfterUrge: urging.doneAfter,
    };
  }

  /**
   * 催办 in scope: the assignments ever urged, and those submitted after an urge (computed on read from
   * rm_urge). `>=`: MySQL keeps whole seconds, so an urge and the submission it prompted may share one.
   */
  private async urging(scope: InsightScope): Promise<{ urged: number; doneAfter: number }> {
    const where = assignmentScopeSql(scope, 'u');
    const row = await this.qb()
      .select('COUNT(DISTINCT u.assignment_id)', 'urged')
      .addSelect('COUNT(DISTINCT CASE WHEN a.submitted_at >= u.urged_at THEN u.assignment_id END)', 'doneAfter')
      .from(URGE, 'u')
      .innerJoin(ASSIGNMENT, 'a', 'a.id = u.assignment_id')
      .where(where.sql, where.params)
      .getRawOne<{ urged: SqlNumber; doneAfter: SqlNumber }>();
    return { urged: num(row?.urged), doneAfter: num(row?.doneAfter) };
  }

  /** A village reads its own few assignments; wider scopes read the rollups (kept with every state change). */
  private useRollups(scope: InsightScope, source: Source): boolean {
    return !scope.villageId && source !== 'raw';
  }

  /** Progress, on-time, autofill and open-task totals counted from the assignments in scope. */
  private async assignmentTotals(scope: InsightScope, now: Date): Promise<AssignmentTotals> {
    const as = assignmentScopeSql(scope, 'a');
    const [tasks, progress, fill, onTime] = await Promise.all([
      // Open tasks with at least one assignment in scope: walks the (few) open tasks, not the assignments.
      this.qb()
        .select('COUNT(*)', 'c')
        .from(TASK, 't')
        .where(`t.status = 'OPEN'`)
        .andWhere(`EXISTS (SELECT 1 FROM ${ASSIGNMENT} a WHERE a.task_id = t.id AND ${as.sql})`, as.params)
        .getRawOne<CountRow>(),
      progressSelect(this.qb().select('1', 'one'), 'a')
        .from(ASSIGNMENT, 'a')
        .where(as.sql, { ...as.params, now })
        .getRawOne<ProgressRow>(),
      this.scopedSubmissions(
        this.qb()
          .select('SUM(sb.autofilled_kept)', 'kept')
          .addSelect('SUM(sb.autofilled_changed)', 'changed')
          .addSelect('SUM(sb.typed)', 'typed')
          .from(SUBMISSION, 'sb')
          .where(`sb.status IN ('SUBMITTED','ACCEPTED')`),
        as,
      ).getRawOne<FillCountsRow>(),
      this.qb()
        .select('COUNT(*)', 'done')
        .addSelect('SUM(CASE WHEN a.submitted_at <= a.due_at THEN 1 ELSE 0 END)', 'onTime')
        .from(ASSIGNMENT, 'a')
        .where('a.submitted_at IS NOT NULL')
        .andWhere(as.sql, as.params)
        .getRawOne<OnTimeRow>(),
    ]);
    return {
      openTasks: num(tasks?.c),
      progress: progressOf(progress),
      kept: num(fill?.kept),
      changed: num(fill?.changed),
      typed: num(fill?.typed),
      done: num(onTime?.done),
      onTime: num(onTime?.onTime),
    };
  }

  /** The same totals from the task-and-town rollup: one row per task and town instead of one per assignment. */
  private async assignmentTotalsFromRollups(scope: InsightScope, now: Date): Promise<AssignmentTotals> {
    const rs = assignmentScopeSql(scope, 'r');
    const [tasks, totals] = await Promise.all([
      this.qb()
        .select('COUNT(*)', 'c')
        .from(TASK, 't')
        .where(`t.status = 'OPEN'`)
        .andWhere(`EXISTS (SELECT 1 FROM ${TASK_TOWN} r WHERE r.task_id = t.id AND ${rs.sql})`, rs.params)
        .getRawOne<CountRow>(),
      rollupProgressSelect(this.qb().select('1', 'one'), 'r')
        .addSelect('SUM(r.kept)', 'kept')
        .addSelect('SUM(r.changed)', 'changed')
        .addSelect('SUM(r.typed)', 'typed')
        .addSelect('SUM(r.submitted_ever)', 'done')
        .addSelect('SUM(r.on_time)', 'onTime')
        .from(TASK_TOWN, 'r')
        .where(rs.sql, { ...rs.params, now })
        .getRawOne<RollupTotalsRow>(),
    ]);
    return {
      openTasks: num(tasks?.c),
      progress: progressOf(totals),
      kept: num(totals?.kept),
      changed: num(totals?.changed),
      typed: num(totals?.typed),
      done: num(totals?.done),
      onTime: num(totals?.onTime),
    };
  }

  /** Submissions in scope: joined to their assignment only when the scope needs its columns (city-wide reads the index alone). */
  private scopedSubmissions(qb: Builder, as: ScopeSql): Builder {
    if (as.sql === '1 = 1') return qb;
    return qb.innerJoin(ASSIGNMENT, 'a', 'a.id = sb.assignment_id').andWhere(as.sql, as.params);
  }

  private async feedbackCounts(scope: InsightScope): Promise<{ openComplaints: number; monitoringOpen: number }> {
    const qb = this.qb()
      .select(`SUM(CASE WHEN fb.type = 'COMPLAINT' THEN 1 ELSE 0 END)`, 'complaints')
      .addSelect('SUM(CASE WHEN fb.from_monitoring_point = :yes THEN 1 ELSE 0 END)', 'monitoring')
      .from(FEEDBACK, 'fb')
      .where(`fb.status <> 'RESOLVED'`)
      .setParameter('yes', true);
    const row = await whereFeedbackInScope(qb, scope).getRawOne<FeedbackCountsRow>();
    return { openComplaints: num(row?.complaints), monitoringOpen: num(row?.monitoring) };
  }

  private yearRange(year: number): { from: Date; to: Date } {
    if (!Number.isInteger(year) || year < 2000 || year > 2100) throw badField('year', '年份应在 2000 到 2100 之间');
    return { from: new Date(Date.UTC(year, 0, 1)), to: new Date(Date.UTC(year + 1, 0, 1)) };
  }

  async villageBurden(ctx: RequestContext, villageId: number, year: number): Promise<VillageBurden> {
    const { from, to } = this.yearRange(year);
    const village = await this.regions.findVillage(villageId);
    if (!village) throw notFound('村(社区)');
    const scope = insightScopeOf(ctx.me);
    if (!canSeeVillage(ctx.me, village)) throw notFound('村(社区)');
    const rows = await this.qb()
      .select('a.form_id', 'formId')
      .addSelect('MAX(f.title)', 'formTitle')
      .addSelect('COUNT(*)', 'fillsDue')
      .addSelect(`SUM(CASE WHEN a.status IN ('SUBMITTED','ACCEPTED') THEN 1 ELSE 0 END)`, 'fillsDone')
      .addSelect('SUM(COALESCE(sb.typed, 0))', 'typed')
      .addSelect('SUM(COALESCE(sb.autofilled_kept, 0))', 'kept')
      .addSelect('SUM(COALESCE(sb.autofilled_changed, 0))', 'changed')
      .from(ASSIGNMENT, 'a')
      .innerJoin(FORM, 'f', 'f.id = a.form_id')
      .leftJoin(SUBMISSION, 'sb', `sb.assignment_id = a.id AND sb.status IN ('SUBMITTED','ACCEPTED')`)
      .where('a.region_id = :v', { v: villageId })
      .andWhere('a.due_at >= :from AND a.due_at < :to', { from, to })
      .andWhere(scope.departmentId ? 'a.department_id = :d' : '1 = 1', { d: scope.departmentId })
      .groupBy('a.form_id')
      .orderBy('a.form_id')
      .getRawMany<FormBurdenRow>();
    const forms = rows.map((row): FormBurden => ({
      formId: num(row.formId),
      formTitle: row.formTitle,
      fillsDue: num(row.fillsDue),
      fillsDone: num(row.fillsDone),
      fieldsTyped: num(row.typed),
      fieldsAutofilled: num(row.kept),
      fieldsChanged: num(row.changed),
    }));
    const sum = (key: 'fillsDue' | 'fillsDone' | 'fieldsTyped' | 'fieldsAutofilled' | 'fieldsChanged') =>
      forms.reduce((total, form) => total + form[key], 0);
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
    const scope = insightScopeOf(ctx.me);
    if (scope.villageId) throw forbidden('村级账号只能查看本村的负担');
    const take = Math.min(Math.max(limit, 1), MAX_PAGE);
    const rank = (qb: Builder, alias: string) =>
      qb
        .andWhere(`${alias}.region_id <> ${alias}.town_id`)
        .andWhere(townId ? `${alias}.town_id = :town` : '1 = 1', { town: townId })
        .groupBy(`${alias}.region_id`)
        .orderBy('fieldsTyped', 'DESC')
        .addOrderBy('fillsDue', 'DESC')
        .addOrderBy(`${alias}.region_id`, 'ASC')
        .limit(take)
        .getRawMany<BurdenRankRow>();
    let rows: BurdenRankRow[];
    if (this.useRollups(scope, source)) {
      const rs = assignmentScopeSql(scope, 'r');
      rows = await rank(
        this.qb()
          .select('r.region_id', 'villageId')
          .addSelect('SUM(r.fills_due)', 'fillsDue')
          .addSelect('SUM(r.typed)', 'fieldsTyped')
          .addSelect('SUM(r.kept)', 'fieldsKept')
          .from(VILLAGE_YEAR, 'r')
          .where('r.year = :year', { year })
          .andWhere(rs.sql, rs.params),
        'r',
      );
    } else {
      const as = assignmentScopeSql(scope, 'a');
      rows = await rank(
        this.qb()
          .select('a.region_id', 'villageId')
          .addSelect('COUNT(*)', 'fillsDue')
          .addSelect('SUM(COALESCE(sb.typed, 0))', 'fieldsTyped')
          .addSelect('SUM(COALESCE(sb.autofilled_kept, 0))', 'fieldsKept')
          .from(ASSIGNMENT, 'a')
          .leftJoin(SUBMISSION, 'sb', `sb.assignment_id = a.id AND sb.status IN ('SUBMITTED','ACCEPTED')`)
          .where('a.due_at >= :from AND a.due_at < :to', { from, to })
          .andWhere(as.sql, as.params),
        'a',
      );
    }
    return rows.map((row) => ({
      villageId: num(row.villageId),
      fillsDue: num(row.fillsDue),
      fieldsTyped: num(row.fieldsTyped),
      fieldsAutofilled: num(row.fieldsKept),
    }));
  }

  /**
   * Work orders' burden beside the forms' (#19 item 5), over the last `months` months of the platform's
   * calendar: orders sent to villages per month (and the villages that got most in `month`), receipts late,
   * funds passed down with approved orders per department, returns for unclear requirements, complaints
   * about orders sent outside the platform. Village counts come from the orders' rollup (kept by the orders
   * module's writers); `source: 'raw'` counts them from the orders' villages instead (tests compare the two).
   */
  async orderBurden(
    ctx: RequestContext,
    args: { months: number; month?: string | null; limit: number },
    source: Source = 'rollup',
  ): Promise<OrderBurden> {
    const { months, limit } = args;
    if (!Number.isInteger(months) || months < 1 || months > 36) throw badField('months', '月数应在 1 到 36 之间');
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE) throw badField('limit', `村数应在 1 到 ${MAX_PAGE} 之间`);
    if (args.month != null && !/^\d{4}-(0[1-9]|1[0-2])$/.test(args.month)) throw badField('month', '月份格式应为 YYYY-MM，如 2026-03');
    const scope = insightScopeOf(ctx.me);
    const now = new Date();
    const [year, month0] = platformMonth(now)
      .split('-')
      .map((part, i) => Number(part) - i);
    const from = platformMonthStart(year, month0 - months + 1);
    const to = platformMonthStart(year, month0 + 1);
    const ym = (i: number) => new Date(Date.UTC(year, month0 - months + 1 + i, 1)).toISOString().slice(0, 7);
    const [fromMonth, toMonth] = [ym(0), ym(months - 1)];
    const month = args.month ?? toMonth;
    const raw = source === 'raw';
    const sentMonth = platformMonthSql('v.sent_at', this.sqlite, { from, to });
    const lateSql = this.sqlite
      ? `v.received_at IS NOT NULL AND (julianday(v.received_at) - julianday(v.sent_at)) * 86400000 > ${DAY_MS}`
      : `v.received_at IS NOT NULL AND TIMESTAMPDIFF(MICROSECOND, v.sent_at, v.received_at) > ${DAY_MS * 1000}`;
    /** The orders' villages (or their rollup rows) of months [first, last], as `r`/`v` rows with the four counts. */
    const counts = (first: string, last: string, keyCol: string, key: string): Builder => {
      if (!raw)
        return whereOrderVillageInScope(
          this.qb()
            .select(keyCol, key)
            .addSelect('SUM(r.orders)', 'orders')
            .addSelect('SUM(r.received)', 'received')
            .addSelect('SUM(r.received_late)', 'late')
            .addSelect('SUM(r.done)', 'done')
            .from(ORDER_MONTH, 'r')
            .where('r.month >= :first AND r.month <= :last', { first, last }),
          'r',
          scope,
        );
      const [firstYear, firstMonth] = first.split('-').map(Number);
      const [lastYear, lastMonth] = last.split('-').map(Number);
      return whereOrderVillageInScope(
        this.qb()
          .select(keyCol, key)
          .addSelect('COUNT(*)', 'orders')
          .addSelect('SUM(CASE WHEN v.received_at IS NOT NULL THEN 1 ELSE 0 END)', 'received')
          .addSelect(`SUM(CASE WHEN ${lateSql} THEN 1 ELSE 0 END)`, 'late')
          .addSelect('SUM(CASE WHEN v.done_at IS NOT NULL THEN 1 ELSE 0 END)', 'done')
          .from(ORDER_VILLAGE, 'v')
          .innerJoin(ORDER, 'o', 'o.id = v.order_id')
          .where('v.sent_at >= :vFrom AND v.sent_at < :vTo', {
            vFrom: platformMonthStart(firstYear, firstMonth - 1),
            vTo: platformMonthStart(lastYear, lastMonth),
          }),
        'v',
        scope,
        'o.department_id',
      );
    };
    const monthCol = raw ? sentMonth : 'r.month';
    const villageCol = raw ? 'v.village_id' : 'r.village_id';
    const [byMonth, villages, notReceived, funds, returns, complaints, scopeName] = await Promise.all([
      counts(fromMonth, toMonth, monthCol, 'm').groupBy(monthCol).getRawMany<ByMonth & OrderCountsRow>(),
      counts(month, month, villageCol, 'villageId')
        .groupBy(villageCol)
        .orderBy(raw ? 'COUNT(*)' : 'SUM(r.orders)', 'DESC')
        .addOrderBy(villageCol)
        .limit(limit)
        .getRawMany<OrderVillageRow>(),
      whereOrderVillageInScope(
        this.qb()
          .select('COUNT(*)', 'c')
          .from(ORDER_VILLAGE, 'v')
          .innerJoin(ORDER, 'o', 'o.id = v.order_id')
          .where(`v.status = 'SENT' AND v.sent_at < :dayAgo`, { dayAgo: new Date(now.getTime() - DAY_MS) }),
        'v',
        scope,
        'o.department_id',
      ).getRawOne<CountRow>(),
      whereOrderInScope(
        this.qb()
          .select('o.department_id', 'd')
          .addSelect('COUNT(*)', 'c')
          .addSelect('SUM(o.funds_yuan)', 'funds')
          .from(ORDER, 'o')
          .where(`o.status = 'APPROVED' AND o.approved_at >= :from AND o.approved_at < :to`, { from, to }),
        scope,
      )
        .groupBy('o.department_id')
        .orderBy('o.department_id')
        .getRawMany<OrderFundsRow>(),
      whereOrderInScope(
        this.qb()
          .select('o.department_id', 'd')
          .addSelect('COUNT(*)', 'c')
          .from(ORDER_STEP, 's')
          .innerJoin(ORDER, 'o', 'o.id = s.order_id')
          .where(`s.action = 'RETURN' AND s.return_category = 'UNCLEAR_REQUIREMENTS' AND s.at >= :from AND s.at < :to`, { from, to }),
        scope,
      )
        .groupBy('o.department_id')
        .orderBy('o.department_id')
        .getRawMany<ByDepartment & CountRow>(),
      whereFeedbackInScope(
        this.qb()
          .select('COUNT(*)', 'c')
          .from(FEEDBACK, 'fb')
          .where(
            `fb.type = 'COMPLAINT' AND fb.complaint_kind = 'ORDER_OUTSIDE_PLATFORM' AND fb.created_at >= :from AND fb.created_at < :to`,
            {
              from,
              to,
            },
          ),
        scope,
      ).getRawOne<CountRow>(),
      this.scopeName(scope),
    ]);
    const monthRows = new Map(byMonth.map((row) => [String(row.m), row]));
    const monthList: OrderMonth[] = [];
    for (let i = 0; i < months; i++) {
      const row = monthRows.get(ym(i));
      monthList.push({
        month: ym(i),
        orders: num(row?.orders),
        received: num(row?.received),
        receivedLate: num(row?.late),
        done: num(row?.done),
      });
    }
    const pending = num(notReceived?.c);
    return {
      scope: scopeName,
      fromMonth,
      toMonth,
      months: monthList,
      orders: monthList.reduce((total, row) => total + row.orders, 0),
      villages: villages.map((row) => ({
        villageId: num(row.villageId),
        month,
        orders: num(row.orders),
        receivedLate: num(row.late),
        done: num(row.done),
      })),
      lateReceipts: monthList.reduce((total, row) => total + row.receivedLate, 0) + pending,
      notReceived: pending,
      fundsYuan: funds.reduce((total, row) => total + num(row.funds), 0),
      fundsByDepartment: funds.map((row) => ({ departmentId: num(row.d), orders: num(row.c), fundsYuan: num(row.funds) })),
      unclearReturns: returns.reduce((total, row) => total + num(row.c), 0),
      unclearReturnsByDepartment: returns.map((row) => ({ departmentId: num(row.d), count: num(row.c) })),
      outsideOrderComplaints: num(complaints?.c),
    };
  }

  /** Per town in scope: the progress of every assignment due in the year, across all tasks. */
  async townProgress(ctx: RequestContext, year: number, source: Source = 'rollup'): Promise<UnitProgress[]> {
    const { from, to } = this.yearRange(year);
    const scope = insightScopeOf(ctx.me);
    if (scope.villageId) throw forbidden('村级账号只能查看本村的填报进度');
    const now = new Date();
    const alias = this.useRollups(scope, source) ? 'r' : 'a';
    const sc = assignmentScopeSql(scope, alias);
    const qb = this.qb().select(`${alias}.town_id`, 'regionId');
    const rows = await (
      alias === 'r' ? rollupProgressSelect(qb, alias).from(TASK_TOWN, alias) : progressSelect(qb, alias).from(ASSIGNMENT, alias)
    )
      .where(`${alias}.due_at >= :from AND ${alias}.due_at < :to`, { from, to, now })
      .andWhere(sc.sql, sc.params)
      .groupBy(`${alias}.town_id`)
      .orderBy(`${alias}.town_id`)
      .getRawMany<UnitProgressRow>();
    return rows.map((row): UnitProgress => ({ regionId: num(row.regionId), ...progressOf(row) }));
  }

  async taskProgress(
    ctx: RequestContext,
    taskId: number,
    opts: { townId?: number; status?: string; take?: number; skip?: number },
  ): Promise<TaskProgress> {
    const task = await this.qb()
      .select(['t.id AS id', 't.period AS period', 't.due_at AS dueAt', 't.department_id AS departmentId', 't.status AS status'])
      .from(TASK, 't')
      .where('t.id = :id', { id: taskId })
      .getRawOne<TaskRow>();
    if (!task) throw notFound('任务');
    const scope = insightScopeOf(ctx.me);
    // Another department's task, or one with no assignment in a town's/village's scope: as if absent.
    if (scope.departmentId && num(task.departmentId) !== scope.departmentId) throw notFound('任务');
    const now = new Date();
    const as = assignmentScopeSql({ townId: scope.townId, villageId: scope.villageId }, 'a');
    const base = () => this.qb().from(ASSIGNMENT, 'a').where('a.task_id = :task', { task: taskId }).andWhere(as.sql, as.params);
    if ((scope.townId || scope.villageId) && !(await base().select('a.id', 'id').limit(1).getRawOne())) throw notFound('任务');
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
      progressSelect(base().select('1', 'one'), 'a').setParameter('now', now).getRawOne<ProgressRow>(),
      progressSelect(base().select('a.town_id', 'regionId'), 'a')
        .setParameter('now', now)
        .groupBy('a.town_id')
        .orderBy('a.town_id')
        .getRawMany<UnitProgressRow>(),
      villagesQb
        .clone()
        .orderBy('a.town_id')
        .addOrderBy('a.region_id')
        .offset(opts.skip ?? 0)
        .limit(take)
        .getRawMany<VillageRow>(),
      villagesQb.clone().select('COUNT(*)', 'c').getRawOne<CountRow>(),
    ]);
    return {
      taskId,
      period: task.period,
      dueAt: rawDate(task.dueAt)!,
      totals: progressOf(totals),
      towns: towns.map((row): UnitProgress => ({ regionId: num(row.regionId), ...progressOf(row) })),
      villages: villages.map((row) => {
        const due = rawDate(row.dueAt)!;
        return {
          assignmentId: num(row.assignmentId),
          villageId: num(row.villageId),
          status: row.status,
          overdue: isOverdue({ status: row.status, dueAt: due }, task.status === OPEN_TASK, now),
          submittedAt: rawDate(row.submittedAt),
        };
      }),
      villagesTotal: num(villagesTotal?.c),
    };
  }

  async departmentStats(ctx: RequestContext, year?: number): Promise<DepartmentStat[]> {
    const scope = insightScopeOf(ctx.me);
    if (scope.townId || scope.villageId) throw forbidden('部门统计仅供市级和部门账号查看');
    const range = year ? this.yearRange(year) : null;
    const dept = scope.departmentId ? 'r.department_id = :dept' : '1 = 1';
    const inYear = range ? 'r.submitted_at >= :from AND r.submitted_at < :to' : '1 = 1';
    const params = { dept: scope.departmentId, ...(range ?? {}) };
    const [proposed, decisions, reviews, burden] = await Promise.all([
      this.qb()
        .select('r.department_id', 'd')
        .addSelect('COUNT(DISTINCT r.form_id)', 'c')
        .from(REQUEST, 'r')
        .where(dept)
        .andWhere(inYear)
        .setParameters(params)
        .groupBy('r.department_id')
        .getRawMany<ByDepartment & CountRow>(),
      this.qb()
        .select('r.department_id', 'd')
        .addSelect(`SUM(CASE WHEN x.action = 'APPROVE' THEN 1 ELSE 0 END)`, 'approved')
        .addSelect(`SUM(CASE WHEN x.action IN ('REJECT','SYSTEM_REJECT') THEN 1 ELSE 0 END)`, 'rejected')
        .addSelect(`SUM(CASE WHEN x.action = 'RETURN' THEN 1 ELSE 0 END)`, 'returned')
        .from(DECISION, 'x')
        .innerJoin(REQUEST, 'r', 'r.id = x.request_id')
        .where(dept)
        .andWhere(inYear)
        .setParameters(params)
        .groupBy('r.department_id')
        .getRawMany<ByDepartment & DecisionCountsRow>(),
      // Review time in whole seconds, read back per request: portable, and few rows (requests, not fills).
      this.qb()
        .select('r.department_id', 'd')
        .addSelect('r.submitted_at', 'submittedAt')
        .addSelect('r.reviewed_at', 'reviewedAt')
        .from(REQUEST, 'r')
        .where('r.reviewed_at IS NOT NULL AND r.system_rejected = :no', { no: false })
        .andWhere(dept)
        .andWhere(inYear)
        .setParameters(params)
        .getRawMany<ReviewRow>(),
      this.qb()
        .select('r.department_id', 'd')
        .addSelect('SUM(r.annual_entries)', 'c')
        .from(REQUEST, 'r')
        .innerJoin(FORM, 'f', `f.id = r.form_id AND f.status = 'ACTIVE'`)
        .where(`r.status = 'APPROVED'`)
        .andWhere(dept)
        .setParameters(params)
        .groupBy('r.department_id')
        .getRawMany<ByDepartment & CountRow>(),
    ]);
    const ids = new Set<number>([...proposed, ...decisions, ...burden].map((row) => num(row.d)));
    const hours = new Map<number, number[]>();
    for (const row of reviews) {
      const id = num(row.d);
      ids.add(id);
      const spent = (rawDate(row.reviewedAt)!.getTime() - rawDate(row.submittedAt)!.getTime()) / 3600e3;
      hours.set(id, [...(hours.get(id) ?? []), spent]);
    }
    const byDepartment = <T extends ByDepartment>(rows: T[]) => new Map(rows.map((row) => [num(row.d), row]));
    const proposedBy = byDepartment(proposed);
    const decisionsBy = byDepartment(decisions);
    const burdenBy = byDepartment(burden);
    return [...ids]
      .sort((x, y) => x - y)
      .map((id) => {
        const spent = hours.get(id);
        return {
          departmentId: id,
          formsProposed: num(proposedBy.get(id)?.c),
          approved: num(decisionsBy.get(id)?.approved),
          rejected: num(decisionsBy.get(id)?.rejected),
          returned: num(decisionsBy.get(id)?.returned),
          averageReviewHours: spent?.length ? Math.round((spent.reduce((x, y) => x + y, 0) / spent.length) * 10) / 10 : null,
          annualEntriesAdded: num(burdenBy.get(id)?.c),
        };
      });
  }

  async trends(ctx: RequestContext, months: number, source: Source = 'rollup'): Promise<MonthTrend[]> {
    if (!Number.isInteger(months) || months < 1 || months > 36) throw badField('months', '月数应在 1 到 36 之间');
    const scope = insightScopeOf(ctx.me);
    // Months of the platform's calendar (TIME_ZONE): a fill at 00:30 on 1 December in China counts in December.
    const [year, month0] = platformMonth(new Date())
      .split('-')
      .map((part, i) => Number(part) - i);
    const from = platformMonthStart(year, month0 - months + 1);
    const to = platformMonthStart(year, month0 + 1);
    const month = (col: string) => platformMonthSql(col, this.sqlite, { from, to });
    const rollups = this.useRollups(scope, source);
    const dept = scope.departmentId ? 'f.department_id = :dept' : '1 = 1';
    const [requests, decisions, due, fills, complaints] = await Promise.all([
      this.qb()
        .select(month('r.submitted_at'), 'm')
        .addSelect('COUNT(*)', 'c')
        .from(REQUEST, 'r')
        .innerJoin(FORM, 'f', 'f.id = r.form_id')
        .where('r.submitted_at >= :from AND r.submitted_at < :to', { from, to })
        .andWhere(dept, { dept: scope.departmentId })
        .groupBy(month('r.submitted_at'))
        .getRawMany<ByMonth & CountRow>(),
      this.qb()
        .select(month('d.at'), 'm')
        .addSelect(`SUM(CASE WHEN d.action = 'APPROVE' THEN 1 ELSE 0 END)`, 'approved')
        .addSelect(`SUM(CASE WHEN d.action = 'RETURN' THEN 1 ELSE 0 END)`, 'returned')
        .addSelect(`SUM(CASE WHEN d.action IN ('REJECT','SYSTEM_REJECT') THEN 1 ELSE 0 END)`, 'rejected')
        .from(DECISION, 'd')
        .innerJoin(FORM, 'f', 'f.id = d.form_id')
        .where('d.at >= :from AND d.at < :to', { from, to })
        .andWhere(dept, { dept: scope.departmentId })
        .groupBy(month('d.at'))
        .getRawMany<ByMonth & DecisionCountsRow>(),
      rollups ? this.dueByMonthFromRollups(scope, from, to, month) : this.dueByMonth(scope, from, to, month),
      rollups ? this.fillsByMonthFromRollups(scope, year, month0, months) : this.fillsByMonth(scope, from, to, month),
      (() => {
        const qb = this.qb()
          .select(month('fb.created_at'), 'm')
          .addSelect('COUNT(*)', 'c')
          .from(FEEDBACK, 'fb')
          .where(`fb.type = 'COMPLAINT' AND fb.created_at >= :from AND fb.created_at < :to`, { from, to });
        return whereFeedbackInScope(qb, scope).groupBy(month('fb.created_at')).getRawMany<ByMonth & CountRow>();
      })(),
    ]);
    const byMonth = <T extends ByMonth>(rows: T[]) => new Map(rows.map((row) => [String(row.m), row]));
    const requestsIn = byMonth(requests);
    const decisionsIn = byMonth(decisions);
    const dueIn = byMonth(due);
    const fillsIn = byMonth(fills);
    const complaintsIn = byMonth(complaints);
    const out: MonthTrend[] = [];
    for (let i = 0; i < months; i++) {
      const ym = new Date(Date.UTC(year, month0 - months + 1 + i, 1)).toISOString().slice(0, 7);
      const kept = num(fillsIn.get(ym)?.kept);
      out.push({
        month: ym,
        requestsSubmitted: num(requestsIn.get(ym)?.c),
        approved: num(decisionsIn.get(ym)?.approved),
        returned: num(decisionsIn.get(ym)?.returned),
        rejected: num(decisionsIn.get(ym)?.rejected),
        assignmentsDue: num(dueIn.get(ym)?.due),
        assignmentsDone: num(dueIn.get(ym)?.done),
        onTime: num(dueIn.get(ym)?.onTime),
        autofillRate: ratio(kept, kept + num(fillsIn.get(ym)?.other)),
        complaints: num(complaintsIn.get(ym)?.c),
      });
    }
    return out;
  }

  /** Assignments due per platform month, done and on time, from the assignments in scope. */
  private dueByMonth(scope: InsightScope, from: Date, to: Date, month: MonthSql): Promise<DueRow[]> {
    const as = assignmentScopeSql(scope, 'a');
    return this.qb()
      .select(month('a.due_at'), 'm')
      .addSelect('COUNT(*)', 'due')
      .addSelect(`SUM(CASE WHEN a.status IN ('SUBMITTED','ACCEPTED') THEN 1 ELSE 0 END)`, 'done')
      .addSelect('SUM(CASE WHEN a.submitted_at IS NOT NULL AND a.submitted_at <= a.due_at THEN 1 ELSE 0 END)', 'onTime')
      .from(ASSIGNMENT, 'a')
      .where('a.due_at >= :from AND a.due_at < :to', { from, to })
      .andWhere(as.sql, as.params)
      .groupBy(month('a.due_at'))
      .getRawMany<DueRow>();
  }

  private dueByMonthFromRollups(scope: InsightScope, from: Date, to: Date, month: MonthSql): Promise<DueRow[]> {
    const rs = assignmentScopeSql(scope, 'r');
    return this.qb()
      .select(month('r.due_at'), 'm')
      .addSelect('SUM(r.total)', 'due')
      .addSelect('SUM(r.submitted + r.accepted)', 'done')
      .addSelect('SUM(r.on_time)', 'onTime')
      .from(TASK_TOWN, 'r')
      .where('r.due_at >= :from AND r.due_at < :to', { from, to })
      .andWhere(rs.sql, rs.params)
      .groupBy(month('r.due_at'))
      .getRawMany<DueRow>();
  }

  /** Autofill counts of fills submitted per platform month, from the submissions in scope. */
  private fillsByMonth(scope: InsightScope, from: Date, to: Date, month: MonthSql): Promise<FillsRow[]> {
    return this.scopedSubmissions(
      this.qb()
        .select(month('sb.submitted_at'), 'm')
        .addSelect('SUM(sb.autofilled_kept)', 'kept')
        .addSelect('SUM(sb.autofilled_changed + sb.typed)', 'other')
        .from(SUBMISSION, 'sb')
        .where(`sb.status IN ('SUBMITTED','ACCEPTED') AND sb.submitted_at >= :from AND sb.submitted_at < :to`, { from, to }),
      assignmentScopeSql(scope, 'a'),
    )
      .groupBy(month('sb.submitted_at'))
      .getRawMany<FillsRow>();
  }

  /** The same from the fills' month rollup, whose rows are keyed by platform month (rollups.ts). */
  private fillsByMonthFromRollups(scope: InsightScope, year: number, month0: number, months: number): Promise<FillsRow[]> {
    const ym = (m0: number) => new Date(Date.UTC(year, m0, 1)).toISOString().slice(0, 7);
    const rs = assignmentScopeSql(scope, 'r');
    return this.qb()
      .select('r.month', 'm')
      .addSelect('SUM(r.kept)', 'kept')
      .addSelect('SUM(r.other)', 'other')
      .from(FILL_MONTH, 'r')
      .where('r.month >= :fromMonth AND r.month < :toMonth', {
        fromMonth: ym(month0 - months + 1),
        toMonth: ym(month0 + 1),
      })
      .andWhere(rs.sql, rs.params)
      .groupBy('r.month')
      .getRawMany<FillsRow>();
  }
}
