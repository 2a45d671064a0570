/**
 * Read models the feedback module publishes for other modules (insights' dashboards). Each is a SQL
 * view (created by migrations/1763701100000-read-models.ts), a plain projection of one feedback table:
 * other modules read these views, never the tables. The columns listed keep their names, meanings and
 * value sets whatever the feedback module does to its tables; changing a table means changing the view.
 */

/**
 * Every feedback item, one row each: `type` ('COMPLAINT' and others), `status` ('RESOLVED' once
 * closed), `from_monitoring_point` (boolean), `town_id`, `village_id` (the place it concerns, either
 * may be null), `department_id` (the department a complaint names, or null), `created_at` (UTC datetime),
 * `complaint_kind` (ComplaintKind of a complaint, e.g. 'ORDER_OUTSIDE_PLATFORM'; null for suggestions;
 * added by migrations/1765004500000-order-burden.ts).
 */
export const FEEDBACK_READ_MODEL = {
  view: 'rm_feedback',
  columns: ['type', 'status', 'from_monitoring_point', 'town_id', 'village_id', 'department_id', 'created_at', 'complaint_kind'],
} as const;
