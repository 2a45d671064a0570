/**
 * Read models the orders module publishes for other modules (insights' dashboards, the rollups' rebuild).
 * Each is a SQL view (created by migrations/1765004500000-order-burden.ts), a plain projection of one
 * table: other modules read these views, never the tables. The columns keep their names and meanings.
 */

/** Work orders: `id`, `department_id`, `status` (WorkOrderStatus), `funds_yuan` (passed down with the order), `approved_at`. */
export const WORK_ORDER_READ_MODEL = {
  view: 'rm_work_order',
  columns: ['id', 'department_id', 'status', 'funds_yuan', 'approved_at'],
} as const;

/** The towns an order was sent to (to 派发): `order_id`, `town_id`. */
export const WORK_ORDER_TOWN_READ_MODEL = {
  view: 'rm_work_order_town',
  columns: ['order_id', 'town_id'],
} as const;

/**
 * The villages a town sent an order to: `order_id`, `town_id`, `village_id`, `status` (SENT, RECEIVED, DONE),
 * `sent_at`, `received_at`, `done_at` (UTC).
 */
export const WORK_ORDER_VILLAGE_READ_MODEL = {
  view: 'rm_work_order_village',
  columns: ['order_id', 'town_id', 'village_id', 'status', 'sent_at', 'received_at', 'done_at'],
} as const;

/** The record (纪实) of orders: `order_id`, `action` (WorkOrderAction), `return_category` (ReturnCategory, on RETURN), `at`. */
export const WORK_ORDER_STEP_READ_MODEL = {
  view: 'rm_work_order_step',
  columns: ['order_id', 'action', 'return_category', 'at'],
} as const;
