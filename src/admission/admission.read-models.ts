/**
 * Read models the admission module publishes for other modules (insights' dashboards). Each is a SQL
 * view (created by migrations/1763701100000-read-models.ts), a plain projection of one admission table:
 * other modules read these views, never the tables. The columns listed keep their names, meanings and
 * value sets whatever the admission module does to its tables; changing a table means changing the view.
 */

/**
 * Every admission request of a form (kind REPORT; work orders' requests are not in the view), one row each: `id`, `form_id`, `department_id` (the proposing department),
 * `status` (the request's AdmissionStatus, 'APPROVED' when admitted), `submitted_at` and `reviewed_at`
 * (UTC datetimes; reviewed_at null until reviewed), `system_rejected` (boolean: rejected by the
 * automatic checks, not a reviewer), `annual_entries` (fields a year the form adds to the grassroots).
 */
export const ADMISSION_REQUEST_READ_MODEL = {
  view: 'rm_admission_request',
  columns: ['id', 'form_id', 'department_id', 'status', 'submitted_at', 'reviewed_at', 'system_rejected', 'annual_entries'],
} as const;

/**
 * Every review decision on a form's request (work orders' decisions are not in the view), one row each: `id`, `request_id`, `form_id`, `action` ('APPROVE', 'REJECT',
 * 'SYSTEM_REJECT', 'RETURN', and non-decision actions), `at` (UTC datetime of the decision).
 */
export const ADMISSION_DECISION_READ_MODEL = {
  view: 'rm_admission_decision',
  columns: ['id', 'request_id', 'form_id', 'action', 'at'],
} as const;
