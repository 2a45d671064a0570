// What one assignment (with its submission) adds to each dashboard rollup, and the SQL that
// recomputes the rollups from scratch. Pure: RollupService applies the differences. The writers
// (dispatch, filling) describe their rows with these plain figures; this module imports neither.
import { platformMonthSql } from '../common/platform-month-sql.js';
import { platformMonth } from '../common/platform-time.js';

/** The figures of a submission that the rollups count (filling's `figuresOf` makes them). */
export interface SubmissionFigures {
  status: string;
  submittedAt: Date | null;
  kept: number;
  changed: number;
  typed: number;
}

/** The columns of an assignment and its submission that the rollups read. */
export interface AssignmentSnapshot {
  taskId: number;
  formId: number;
  departmentId: number;
  regionId: number;
  townId: number;
  dueAt: Date;
  status: string;
  submittedAt: Date | null;
  sub: SubmissionFigures | null;
}

/**
 * Recomputing from scratch reads the writers' published read models (dispatch.read-models.ts,
 * filling.read-models.ts), named here: rollups sit below dispatch and filling and import neither.
 */
const ASSIGNMENTS = 'rm_assignment';
const SUBMISSIONS = 'rm_submission';

export interface RollupDef<S = AssignmentSnapshot> {
  table: string;
  /** The primary key: a row per distinct key. */
  keys: string[];
  /** Columns that follow from the key (written when the row is created). */
  attrs: string[];
  /** Running totals. */
  sums: string[];
  /** This assignment's share: key values, attribute values and one number per sum (or null: none). */
  of(snapshot: S): { key: (string | number)[]; attrs: unknown[]; sums: number[] } | null;
  /** Where the rollup comes from: one SQL expression per key, attribute and sum column (grouped by the keys). */
  source(sqlite: boolean): { exprs: string[]; from: string };
}

/** The SELECT that computes a rollup from the source tables, columns named as the rollup's. */
export function rollupSelect(def: AnyRollupDef, sqlite: boolean): string {
  const { exprs, from } = def.source(sqlite);
  const cols = [...def.keys, ...def.attrs, ...def.sums];
  return `SELECT ${exprs.map((expr, i) => `${expr} AS ${cols[i]}`).join(', ')} ${from} GROUP BY ${exprs.slice(0, def.keys.length).join(', ')}`;
}

const FILED = ['SUBMITTED', 'ACCEPTED'];
const filed = (assignmentSnapshot: AssignmentSnapshot) =>
  assignmentSnapshot.sub && FILED.includes(assignmentSnapshot.sub.status) ? assignmentSnapshot.sub : null;
const when = (cond: string, then = '1') => `SUM(CASE WHEN ${cond} THEN ${then} ELSE 0 END)`;
const FILED_SQL = `sb.status IN ('SUBMITTED','ACCEPTED')`;
/** The month a fill counts in: the platform's calendar (TIME_ZONE), as the trend reads it. */
export const monthOf = (date: Date) => platformMonth(date);

export const ROLLUPS: RollupDef[] = [
  {
    table: 'rollup_task_town',
    keys: ['task_id', 'town_id'],
    attrs: ['department_id', 'form_id', 'due_at'],
    sums: ['total', 'not_started', 'draft', 'submitted', 'returned', 'accepted', 'submitted_ever', 'on_time', 'kept', 'changed', 'typed'],
    of(assignmentSnapshot) {
      const submissionFigures = filed(assignmentSnapshot);
      const st = (x: string) => (assignmentSnapshot.status === x ? 1 : 0);
      const sums = [
        1,
        st('NOT_STARTED'),
        st('DRAFT'),
        st('SUBMITTED'),
        st('RETURNED'),
        st('ACCEPTED'),
        assignmentSnapshot.submittedAt ? 1 : 0,
        assignmentSnapshot.submittedAt && assignmentSnapshot.submittedAt.getTime() <= assignmentSnapshot.dueAt.getTime() ? 1 : 0,
        submissionFigures?.kept ?? 0,
        submissionFigures?.changed ?? 0,
        submissionFigures?.typed ?? 0,
      ];
      return {
        key: [assignmentSnapshot.taskId, assignmentSnapshot.townId],
        attrs: [assignmentSnapshot.departmentId, assignmentSnapshot.formId, assignmentSnapshot.dueAt],
        sums,
      };
    },
    source: () => ({
      exprs: [
        'a.task_id',
        'a.town_id',
        'MIN(a.department_id)',
        'MIN(a.form_id)',
        'MIN(a.due_at)',
        'COUNT(*)',
        ...['NOT_STARTED', 'DRAFT', 'SUBMITTED', 'RETURNED', 'ACCEPTED'].map((x) => when(`a.status = '${x}'`)),
        when('a.submitted_at IS NOT NULL'),
        when('a.submitted_at IS NOT NULL AND a.submitted_at <= a.due_at'),
        when(FILED_SQL, 'sb.autofilled_kept'),
        when(FILED_SQL, 'sb.autofilled_changed'),
        when(FILED_SQL, 'sb.typed'),
      ],
      from: `FROM ${ASSIGNMENTS} a LEFT JOIN ${SUBMISSIONS} sb ON sb.assignment_id = a.id`,
    }),
  },
  {
    table: 'rollup_fill_month',
    keys: ['month', 'town_id', 'department_id'],
    attrs: [],
    sums: ['kept', 'other'],
    of(assignmentSnapshot) {
      const submissionFigures = filed(assignmentSnapshot);
      if (!submissionFigures?.submittedAt) return null;
      return {
        key: [monthOf(submissionFigures.submittedAt), assignmentSnapshot.townId, assignmentSnapshot.departmentId],
        attrs: [],
        sums: [submissionFigures.kept, submissionFigures.changed + submissionFigures.typed],
      };
    },
    source: (sqlite) => ({
      exprs: [
        platformMonthSql('sb.submitted_at', sqlite),
        'a.town_id',
        'a.department_id',
        'SUM(sb.autofilled_kept)',
        'SUM(sb.autofilled_changed + sb.typed)',
      ],
      from: `FROM ${SUBMISSIONS} sb INNER JOIN ${ASSIGNMENTS} a ON a.id = sb.assignment_id WHERE ${FILED_SQL} AND sb.submitted_at IS NOT NULL`,
    }),
  },
  {
    table: 'rollup_village_year',
    keys: ['year', 'region_id', 'department_id'],
    attrs: ['town_id'],
    sums: ['fills_due', 'typed', 'kept'],
    of(assignmentSnapshot) {
      const submissionFigures = filed(assignmentSnapshot);
      return {
        key: [assignmentSnapshot.dueAt.getUTCFullYear(), assignmentSnapshot.regionId, assignmentSnapshot.departmentId],
        attrs: [assignmentSnapshot.townId],
        sums: [1, submissionFigures?.typed ?? 0, submissionFigures?.kept ?? 0],
      };
    },
    source: (sqlite) => ({
      exprs: [
        `CAST(SUBSTR(a.due_at, 1, 4) AS ${sqlite ? 'INTEGER' : 'SIGNED'})`,
        'a.region_id',
        'a.department_id',
        'MIN(a.town_id)',
        'COUNT(*)',
        when(FILED_SQL, 'sb.typed'),
        when(FILED_SQL, 'sb.autofilled_kept'),
      ],
      from: `FROM ${ASSIGNMENTS} a LEFT JOIN ${SUBMISSIONS} sb ON sb.assignment_id = a.id`,
    }),
  },
];

/**
 * One village's share of a work order (src/orders/ describes its rows with these plain figures): the
 * order's department, the village and its town, when the town sent it (派发), when the village received
 * it (接收) and reported it done (办结).
 */
export interface OrderVillageSnapshot {
  departmentId: number;
  townId: number;
  villageId: number;
  sentAt: Date;
  receivedAt: Date | null;
  doneAt: Date | null;
}

/** The orders' published read models (orders.read-models.ts), named here as the assignments' are. */
const ORDERS = 'rm_work_order';
const ORDER_VILLAGES = 'rm_work_order_village';
const DAY_MS = 24 * 3600 * 1000;

/** Received more than a day after it was sent (as the orders module's `receiptLate` reads a received row). */
export const receivedLate = (snapshot: OrderVillageSnapshot) =>
  !!snapshot.receivedAt && snapshot.receivedAt.getTime() - snapshot.sentAt.getTime() > DAY_MS;
const receivedLateSql = (sqlite: boolean) =>
  sqlite
    ? `v.received_at IS NOT NULL AND (julianday(v.received_at) - julianday(v.sent_at)) * 86400000 > ${DAY_MS}`
    : `v.received_at IS NOT NULL AND TIMESTAMPDIFF(MICROSECOND, v.sent_at, v.received_at) > ${DAY_MS * 1000}`;

export const ORDER_ROLLUPS: RollupDef<OrderVillageSnapshot>[] = [
  {
    table: 'rollup_order_village_month',
    keys: ['month', 'village_id', 'department_id'],
    attrs: ['town_id'],
    sums: ['orders', 'received', 'received_late', 'done'],
    of(snapshot) {
      return {
        key: [monthOf(snapshot.sentAt), snapshot.villageId, snapshot.departmentId],
        attrs: [snapshot.townId],
        sums: [1, snapshot.receivedAt ? 1 : 0, receivedLate(snapshot) ? 1 : 0, snapshot.doneAt ? 1 : 0],
      };
    },
    source: (sqlite) => ({
      exprs: [
        platformMonthSql('v.sent_at', sqlite),
        'v.village_id',
        'o.department_id',
        'MIN(v.town_id)',
        'COUNT(*)',
        when('v.received_at IS NOT NULL'),
        when(receivedLateSql(sqlite)),
        when('v.done_at IS NOT NULL'),
      ],
      from: `FROM ${ORDER_VILLAGES} v INNER JOIN ${ORDERS} o ON o.id = v.order_id`,
    }),
  },
];

/** What rebuilding and checking a rollup needs, whatever its writers' snapshots. */
export type AnyRollupDef = Pick<RollupDef<never>, 'table' | 'keys' | 'attrs' | 'sums' | 'source'>;

/** Every rollup, for rebuilding and checking: the assignments' and the orders'. */
export const ALL_ROLLUPS: AnyRollupDef[] = [...ROLLUPS, ...ORDER_ROLLUPS];

/** INSERT … SELECT filling a (just emptied) rollup from the source tables. */
export function rollupRefill(def: AnyRollupDef, sqlite: boolean): string {
  return `INSERT INTO ${def.table} (${[...def.keys, ...def.attrs, ...def.sums].join(', ')}) ${rollupSelect(def, sqlite)}`;
}

export interface RollupRow {
  key: (string | number)[];
  attrs: unknown[];
  sums: number[];
}

/**
 * The change to each rollup when assignments go from `before` to `after` (null: did not exist):
 * after's shares minus before's, merged by key, with after's attributes (a moved due time); rows
 * where nothing changes left out.
 */
export function rollupDelta(
  changes: { before: AssignmentSnapshot | null; after: AssignmentSnapshot | null }[],
): Map<AnyRollupDef, RollupRow[]> {
  return deltaOf(ROLLUPS, changes);
}

/** The same for the orders' rollups: work orders' villages going from `before` to `after`. */
export function orderRollupDelta(
  changes: { before: OrderVillageSnapshot | null; after: OrderVillageSnapshot | null }[],
): Map<AnyRollupDef, RollupRow[]> {
  return deltaOf(ORDER_ROLLUPS, changes);
}

function deltaOf<S>(defs: RollupDef<S>[], changes: { before: S | null; after: S | null }[]): Map<AnyRollupDef, RollupRow[]> {
  const out = new Map<AnyRollupDef, RollupRow[]>();
  for (const def of defs) {
    const rows = new Map<string, RollupRow & { moved: boolean }>();
    const add = (snapshot: S | null, sign: number) => {
      const share = snapshot && def.of(snapshot);
      if (!share) return;
      const k = share.key.join('|');
      let row = rows.get(k);
      if (!row) rows.set(k, (row = { key: share.key, attrs: share.attrs, sums: def.sums.map(() => 0), moved: false }));
      else if (sign > 0 && attrsKey(row.attrs) !== attrsKey(share.attrs)) Object.assign(row, { attrs: share.attrs, moved: true });
      share.sums.forEach((sum, i) => (row.sums[i] += sign * sum));
    };
    for (const change of changes) {
      add(change.before, -1);
      add(change.after, 1);
    }
    // Sorted by key so concurrent writers lock rollup rows in the same order.
    const list = [...rows.values()]
      .filter((row) => row.moved || row.sums.some((sum) => sum !== 0))
      .map(({ key, attrs, sums }) => ({ key, attrs, sums }))
      .sort((left, right) => cmpKey(left.key, right.key));
    if (list.length) out.set(def, list);
  }
  return out;
}

const attrsKey = (attrs: unknown[]) => attrs.map((attr) => (attr instanceof Date ? attr.getTime() : String(attr))).join('|');

function cmpKey(left: (string | number)[], right: (string | number)[]): number {
  for (let i = 0; i < left.length; i++) if (left[i] !== right[i]) return left[i] < right[i] ? -1 : 1;
  return 0;
}
