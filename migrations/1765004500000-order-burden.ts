import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';
import { columns } from './columns.js';

const FEEDBACK_VIEW = ['type', 'status', 'from_monitoring_point', 'town_id', 'village_id', 'department_id', 'created_at'];

/** Read models the orders module publishes for the dashboards (src/orders/orders.read-models.ts), and the rollup's. */
const VIEWS: [string, string, string[]][] = [
  ['rm_work_order', 'work_order', ['id', 'department_id', 'status', 'funds_yuan', 'approved_at']],
  ['rm_work_order_town', 'work_order_town', ['order_id', 'town_id']],
  ['rm_work_order_village', 'work_order_village', ['order_id', 'town_id', 'village_id', 'status', 'sent_at', 'received_at', 'done_at']],
  ['rm_work_order_step', 'work_order_step', ['order_id', 'action', 'return_category', 'at']],
  [
    'rm_rollup_order_village_month',
    'rollup_order_village_month',
    ['month', 'village_id', 'department_id', 'town_id', 'orders', 'received', 'received_late', 'done'],
  ],
];

/**
 * Burden of work orders (#19 item 5): a rollup of the orders sent to each village per month (platform
 * time, of sending) and department — how many, received, received more than a day after sending, done —
 * kept by the orders module's writers (派发, 接收, 办结) in their transactions; the orders' read models
 * (order, its towns, villages and record) for the funds passed down and the returns for unclear
 * requirements; rm_feedback gains `complaint_kind` (complaints about orders sent outside the platform).
 * The rollup starts empty: no order is sent before this migration runs alongside the orders' own
 * (else `npm run rollups -- --rebuild`).
 */
export class OrderBurden1765004500000 implements MigrationInterface {
  name = 'OrderBurden1765004500000';

  async up(qr: QueryRunner): Promise<void> {
    const col = columns(qr);
    const quote = (name: string) => qr.connection.driver.escape(name);
    const sum = (name: string) => col.int(name, { default: 0 });
    await qr.createTable(
      new Table({
        name: 'rollup_order_village_month',
        columns: [
          col.varchar('month', 7, { isPrimary: true }),
          col.int('village_id', { isPrimary: true }),
          col.int('department_id', { isPrimary: true }),
          col.int('town_id'),
          ...['orders', 'received', 'received_late', 'done'].map(sum),
        ],
        indices: [
          col.index('idx_rollup_order_village_month_town', ['town_id', 'month']),
          col.index('idx_rollup_order_village_month_village', ['village_id', 'month']),
        ],
      }),
    );
    for (const [view, table, cols] of VIEWS)
      await qr.query(`CREATE VIEW ${quote(view)} AS SELECT ${cols.map(quote).join(', ')} FROM ${quote(table)}`);
    await qr.query(`DROP VIEW ${quote('rm_feedback')}`);
    await qr.query(
      `CREATE VIEW ${quote('rm_feedback')} AS SELECT ${[...FEEDBACK_VIEW, 'complaint_kind'].map(quote).join(', ')} FROM ${quote('feedback')}`,
    );
  }

  async down(qr: QueryRunner): Promise<void> {
    const quote = (name: string) => qr.connection.driver.escape(name);
    await qr.query(`DROP VIEW ${quote('rm_feedback')}`);
    await qr.query(`CREATE VIEW ${quote('rm_feedback')} AS SELECT ${FEEDBACK_VIEW.map(quote).join(', ')} FROM ${quote('feedback')}`);
    for (const [view] of [...VIEWS].reverse()) await qr.query(`DROP VIEW ${quote(view)}`);
    await qr.dropTable('rollup_order_village_month');
  }
}
