import { Table, TableColumn, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { columns } from './columns.js';

const REQUEST_VIEW = ['id', 'form_id', 'department_id', 'status', 'submitted_at', 'reviewed_at', 'system_rejected', 'annual_entries'];
const DECISION_VIEW = ['id', 'request_id', 'form_id', 'action', 'at'];

/**
 * Work orders (派单, src/orders/): admission requests and decisions now also admit orders of other kinds than
 * forms (`kind`, `subject_id`: the order; no form, so form_id and form_version_id may be null) and note why
 * a request was returned (`return_category`); the orders module's tables hold the order, its towns and
 * villages (派发, 接收, 办结) and its record (纪实).
 *
 * The admission read models stay what they were — forms' requests and decisions only (`form_id IS NOT
 * NULL`), so the dashboards' form figures do not move; orders publish their own figures later. The views
 * are dropped first: SQLite rebuilds a table to alter it, which fails while a view reads it.
 */
export class WorkOrders1765004000000 implements MigrationInterface {
  name = 'WorkOrders1765004000000';

  async up(qr: QueryRunner): Promise<void> {
    const col = columns(qr);
    const quote = (name: string) => qr.connection.driver.escape(name);
    await qr.query(`DROP VIEW ${quote('rm_admission_request')}`);
    await qr.query(`DROP VIEW ${quote('rm_admission_decision')}`);
    await qr.addColumn('admission_request', new TableColumn(col.varchar('kind', 16, { default: "'REPORT'" })));
    await qr.addColumn('admission_request', new TableColumn(col.int('subject_id', { isNullable: true })));
    await qr.addColumn('admission_request', new TableColumn(col.varchar('return_category', 24, { isNullable: true })));
    await qr.changeColumn('admission_request', 'form_id', new TableColumn(col.int('form_id', { isNullable: true })));
    await qr.changeColumn('admission_request', 'form_version_id', new TableColumn(col.int('form_version_id', { isNullable: true })));
    await qr.createIndex('admission_request', new TableIndex(col.index('idx_admission_request_kind_subject', ['kind', 'subject_id'])));
    await qr.addColumn('admission_decision', new TableColumn(col.varchar('return_category', 24, { isNullable: true })));
    await qr.changeColumn('admission_decision', 'form_id', new TableColumn(col.int('form_id', { isNullable: true })));
    await this.formViews(qr, 'WHERE form_id IS NOT NULL');

    await qr.createTable(
      new Table({
        name: 'work_order',
        columns: [
          col.id(),
          col.varchar('kind', 16),
          col.varchar('title', 100),
          col.text('content'),
          col.int('department_id'),
          col.int('duty_item_id'),
          col.varchar('status', 10),
          col.int('admission_request_id', { isNullable: true }),
          col.text('department_does'),
          col.text('village_does'),
          col.text('legal_basis'),
          col.text('justification'),
          col.int('funds_yuan'),
          col.varchar('support_staff', 500),
          col.varchar('support_materials', 500),
          col.text('support_other', { isNullable: true }),
          col.varchar('deadline', 10),
          col.bool('evidence_required', false),
          col.varchar('evidence_note', 500, { isNullable: true }),
          col.int('created_by'),
          col.datetime('submitted_at', { isNullable: true }),
          col.datetime('approved_at', { isNullable: true }),
          col.createdAt(),
          col.updatedAt(),
        ],
        indices: [col.index('idx_work_order_department', ['department_id', 'id']), col.index('idx_work_order_status', ['status', 'id'])],
      }),
    );
    await qr.createTable(
      new Table({
        name: 'work_order_town',
        columns: [
          col.id(),
          col.int('order_id'),
          col.int('town_id'),
          col.varchar('status', 10),
          col.varchar('note', 500, { isNullable: true }),
          col.varchar('deadline', 10, { isNullable: true }),
          col.datetime('dispatched_at', { isNullable: true }),
          col.int('dispatched_by', { isNullable: true }),
        ],
        indices: [
          col.index('uq_work_order_town', ['order_id', 'town_id'], true),
          col.index('idx_work_order_town_town', ['town_id', 'order_id']),
        ],
      }),
    );
    await qr.createTable(
      new Table({
        name: 'work_order_village',
        columns: [
          col.id(),
          col.int('order_id'),
          col.int('town_id'),
          col.int('village_id'),
          col.varchar('status', 10),
          col.varchar('deadline', 10),
          col.varchar('town_note', 500, { isNullable: true }),
          col.datetime('sent_at'),
          col.datetime('received_at', { isNullable: true }),
          col.int('received_by', { isNullable: true }),
          col.datetime('done_at', { isNullable: true }),
          col.int('done_by', { isNullable: true }),
          col.varchar('done_note', 500, { isNullable: true }),
          col.text('evidence', { isNullable: true }),
          col.datetime('reminded_at', { isNullable: true }),
        ],
        indices: [
          col.index('uq_work_order_village', ['order_id', 'village_id'], true),
          col.index('idx_work_order_village_village', ['village_id', 'order_id']),
          col.index('idx_work_order_village_town', ['town_id', 'order_id']),
          col.index('idx_work_order_village_receipt', ['status', 'sent_at']),
        ],
      }),
    );
    await qr.createTable(
      new Table({
        name: 'work_order_step',
        columns: [
          col.id(),
          col.int('order_id'),
          col.varchar('action', 16),
          col.int('town_id', { isNullable: true }),
          col.int('village_id', { isNullable: true }),
          col.int('actor_id', { isNullable: true }),
          col.text('note', { isNullable: true }),
          col.varchar('return_category', 24, { isNullable: true }),
          col.datetime('at'),
        ],
        indices: [col.index('idx_work_order_step_order', ['order_id', 'id']), col.index('idx_work_order_step_action', ['action', 'at'])],
      }),
    );
  }

  async down(qr: QueryRunner): Promise<void> {
    const col = columns(qr);
    const quote = (name: string) => qr.connection.driver.escape(name);
    await qr.dropTable('work_order_step');
    await qr.dropTable('work_order_village');
    await qr.dropTable('work_order_town');
    await qr.dropTable('work_order');
    await qr.query(`DROP VIEW ${quote('rm_admission_request')}`);
    await qr.query(`DROP VIEW ${quote('rm_admission_decision')}`);
    // Orders' requests and decisions have no form: they go with the orders.
    await qr.query(`DELETE FROM ${quote('admission_decision')} WHERE form_id IS NULL`);
    await qr.query(`DELETE FROM ${quote('admission_request')} WHERE form_id IS NULL`);
    await qr.changeColumn('admission_decision', 'form_id', new TableColumn(col.int('form_id')));
    await qr.dropColumn('admission_decision', 'return_category');
    await qr.dropIndex('admission_request', 'idx_admission_request_kind_subject');
    await qr.changeColumn('admission_request', 'form_version_id', new TableColumn(col.int('form_version_id')));
    await qr.changeColumn('admission_request', 'form_id', new TableColumn(col.int('form_id')));
    await qr.dropColumn('admission_request', 'return_category');
    await qr.dropColumn('admission_request', 'subject_id');
    await qr.dropColumn('admission_request', 'kind');
    await this.formViews(qr, '');
  }

  private async formViews(qr: QueryRunner, where: string): Promise<void> {
    const quote = (name: string) => qr.connection.driver.escape(name);
    for (const [view, table, cols] of [
      ['rm_admission_request', 'admission_request', REQUEST_VIEW],
      ['rm_admission_decision', 'admission_decision', DECISION_VIEW],
    ] as const)
      await qr.query(`CREATE VIEW ${quote(view)} AS SELECT ${cols.map(quote).join(', ')} FROM ${quote(table)}${where ? ` ${where}` : ''}`);
  }
}
