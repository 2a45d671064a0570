/**
 * Read models the rollups publish for other modules (insights' dashboards). Each is a SQL view (created
 * by migrations/1763701100000-read-models.ts), a plain projection of one rollup table: other modules
 * read these views, never the tables. The columns listed keep their names and meanings whatever happens
 * to the tables; changing a table means changing the view with it.
 */

/**
 * Running assignment totals per task and town, one row each: `task_id`, `town_id`, `department_id`,
 * `due_at` (the task's, UTC), the assignments by status (`total`, `not_started`, `draft`, `submitted`,
 * `returned`, `accepted`), those ever submitted (`submitted_ever`) and submitted on time (`on_time`),
 * and the submitted fills' field counts (`kept`, `changed`, `typed`). Exact: kept in the writers'
 * transactions, so sums over it equal counts over the assignments.
 */
export const ROLLUP_TASK_TOWN_READ_MODEL = {
  view: 'rm_rollup_task_town',
  columns: [
    'task_id',
    'town_id',
    'department_id',
    'due_at',
    'total',
    'not_started',
    'draft',
    'submitted',
    'returned',
    'accepted',
    'submitted_ever',
    'on_time',
    'kept',
    'changed',
    'typed',
  ],
} as const;

/**
 * Field counts of the fills submitted per month (the platform's TIME_ZONE, 'YYYY-MM'), town and department, one row each:
 * `month`, `town_id`, `department_id`, `kept` (autofilled and kept), `other` (changed or typed).
 */
export const ROLLUP_FILL_MONTH_READ_MODEL = {
  view: 'rm_rollup_fill_month',
  columns: ['month', 'town_id', 'department_id', 'kept', 'other'],
} as const;

/**
 * Fills due per year (UTC, of the due date), village and department, one row each: `year`, `region_id`
 * (the village; a town for its own town-level forms, where region_id = town_id), `department_id`,
 * `town_id`, `fills_due`, and the submitted fills' `typed` and `kept` field counts.
 */
export const ROLLUP_VILLAGE_YEAR_READ_MODEL = {
  view: 'rm_rollup_village_year',
  columns: ['year', 'region_id', 'department_id', 'town_id', 'fills_due', 'typed', 'kept'],
} as const;

/**
 * Work orders sent per month (platform time, of sending: 'YYYY-MM'), village and department, one row each:
 * `month`, `village_id`, `department_id`, `town_id`, `orders` (sent to the village), `received`,
 * `received_late` (received more than a day after sending) and `done`. Kept by the orders module's writers.
 */
export const ROLLUP_ORDER_VILLAGE_MONTH_READ_MODEL = {
  view: 'rm_rollup_order_village_month',
  columns: ['month', 'village_id', 'department_id', 'town_id', 'orders', 'received', 'received_late', 'done'],
} as const;
