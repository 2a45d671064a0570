/**
 * Read models the filling module publishes for other modules (insights' dashboards). Each is a SQL
 * view (created by migrations/1763701100000-read-models.ts), a plain projection of one filling table:
 * other modules read these views, never the tables. The columns listed keep their names, meanings and
 * value sets whatever the filling module does to its tables; changing a table means changing the view.
 */

/**
 * Every submission (the fill of one assignment), one row each: `assignment_id`, `status` ('SUBMITTED'
 * and 'ACCEPTED' count as done), `submitted_at` (UTC datetime), and the field counts of the fill:
 * `autofilled_kept` (autofilled and kept), `autofilled_changed` (autofilled, then changed), `typed`
 * (typed by hand). The covering indexes idx_submission_status_submitted and
 * idx_submission_assignment_cover stay usable through the view.
 */
export const SUBMISSION_READ_MODEL = {
  view: 'rm_submission',
  columns: ['assignment_id', 'status', 'submitted_at', 'autofilled_kept', 'autofilled_changed', 'typed'],
} as const;
