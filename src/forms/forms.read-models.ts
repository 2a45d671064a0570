/**
 * Read models the forms module publishes for other modules (insights' dashboards). Each is a SQL view
 * (created by migrations/1763701100000-read-models.ts), a plain projection of one forms table: other
 * modules read these views, never the tables. The columns listed keep their names, meanings and value
 * sets whatever the forms module does to its tables; changing a table means changing the view with it.
 */

/**
 * Every form, one row each: `id`, `title`, `department_id` (the owning department), `target_level`
 * ('VILLAGE' | 'TOWN'), `status` ('ACTIVE' is a form in force).
 */
export const FORM_READ_MODEL = {
  view: 'rm_form',
  columns: ['id', 'title', 'department_id', 'target_level', 'status'],
} as const;
