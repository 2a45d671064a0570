/**
 * Read models the dispatch module publishes for other modules (insights' dashboards). Each is a SQL
 * view (created by migrations/1763701100000-read-models.ts), a plain projection of one dispatch table:
 * other modules read these views, never the tables. The columns listed keep their names, meanings and
 * value sets whatever the dispatch module does to its tables; changing a table means changing the view.
 */

/**
 * Every task, one row each: `id`, `department_id` (the dispatching department), `status` ('OPEN' while
 * fills are collected), `period`, `due_at` (UTC datetime).
 */
export const TASK_READ_MODEL = {
  view: 'rm_task',
  columns: ['id', 'department_id', 'status', 'period', 'due_at'],
} as const;

/**
 * Every assignment (one fill due from one region for one task), one row each: `id`, `task_id`,
 * `form_id`, `department_id`, `region_id` (the filling village, or the town for town-level forms),
 * `town_id`, `status` ('NOT_STARTED' | 'DRAFT' | 'SUBMITTED' | 'RETURNED' | 'ACCEPTED'), `due_at`
 * and `submitted_at` (UTC datetimes, submitted_at null until first submitted). The dashboards' covering
 * index idx_assignment_due_cover stays usable through the view.
 */
export const ASSIGNMENT_READ_MODEL = {
  view: 'rm_assignment',
  columns: ['id', 'task_id', 'form_id', 'department_id', 'region_id', 'town_id', 'status', 'due_at', 'submitted_at'],
} as const;

/**
 * Every urge (催办), one row each: `task_id`, `assignment_id`, `region_id` (the urged village, or town
 * for town-level forms), `town_id`, `department_id` (the task's), `urged_at` (UTC datetime).
 */
export const URGE_READ_MODEL = {
  view: 'rm_urge',
  columns: ['task_id', 'assignment_id', 'region_id', 'town_id', 'department_id', 'urged_at'],
} as const;
