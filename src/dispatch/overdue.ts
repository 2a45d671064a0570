/**
 * 已逾期, defined once. An assignment is overdue when
 *   - its task is still open (a closed task takes no more fills: what it missed is 未交, nobody's to-do),
 *   - it is still on the unit's desk: not started, a draft, or returned for correction (a returned
 *     submission past the due time is overdue again), and
 *   - its due time has passed.
 * The due time is an instant (the department sets it as a China-time date and hour), so "passed" is
 * the same moment in every time zone. A submission that arrived late is not overdue: it is submitted
 * (or accepted); its lateness shows in the on-time rate instead.
 *
 * Every count and list reads it from here: the assignment lists and `Assignment.overdue` (dispatch),
 * the dashboards' totals from assignments and from the task-and-town rollup, and task progress
 * (insights, through the read models).
 */

/** The assignment states that leave the fill on the unit's desk. */
export const OVERDUE_STATES = ['NOT_STARTED', 'DRAFT', 'RETURNED'] as const;
/** The task state in which fills are still collected. */
export const OPEN_TASK = 'OPEN';

/** One assignment, with whether its task is still open, at `now`. */
export function isOverdue(assignment: { status: string; dueAt: Date }, taskOpen: boolean, now: Date = new Date()): boolean {
  return taskOpen && (OVERDUE_STATES as readonly string[]).includes(assignment.status) && assignment.dueAt.getTime() < now.getTime();
}

const inList = (values: readonly string[]) => `(${values.map((value) => `'${value}'`).join(',')})`;
const taskOpenSql = (taskTable: string, taskIdCol: string) =>
  `EXISTS (SELECT 1 FROM ${taskTable} ot WHERE ot.id = ${taskIdCol} AND ot.status = '${OPEN_TASK}')`;

/**
 * The condition "this assignment row is overdue", for a WHERE or a CASE. `now` is bound as the
 * parameter `:now`; `taskTable` is the task table (dispatch) or its read model (`rm_task`).
 */
export function overdueSql(cols: { status: string; dueAt: string; taskId: string }, taskTable: string): string {
  return `(${cols.status} IN ${inList(OVERDUE_STATES)} AND ${cols.dueAt} < :now AND ${taskOpenSql(taskTable, cols.taskId)})`;
}

/**
 * How many of a rollup row's assignments are overdue: the rollup counts assignments per task and town
 * by state (`not_started`, `draft`, `returned`, …) and carries the task's `due_at`.
 */
export function overdueRollupSql(alias: string, taskTable: string): string {
  const onDesk = OVERDUE_STATES.map((state) => `${alias}.${state.toLowerCase()}`).join(' + ');
  return `CASE WHEN ${alias}.due_at < :now AND ${taskOpenSql(taskTable, `${alias}.task_id`)} THEN ${onDesk} ELSE 0 END`;
}
