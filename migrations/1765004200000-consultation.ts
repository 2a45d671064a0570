import { Table, TableColumn, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { columns } from './columns.js';

const ADMISSION_REQUEST_VIEW = [
  'id',
  'form_id',
  'department_id',
  'status',
  'submitted_at',
  'reviewed_at',
  'system_rejected',
  'annual_entries',
];

/**
 * 征求意见 (src/consultation/): `consultation` (a department's draft, its deadline, open or closed) and
 * `consultation_recipient` (each town or village asked, and its answer); `admission_request.consultation_id`
 * (nullable) names the consultation a department attaches to its request. SQLite rebuilds the table to add
 * the column, which fails while rm_admission_request reads it: the view is dropped and made again.
 */
export class Consultation1765004200000 implements MigrationInterface {
  name = 'Consultation1765004200000';

  async up(qr: QueryRunner): Promise<void> {
    const col = columns(qr);
    await qr.createTable(
      new Table({
        name: 'consultation',
        columns: [
          col.id(),
          col.int('department_id'),
          col.varchar('title', 100),
          col.text('draft'),
          col.int('form_id', { isNullable: true }),
          col.int('form_version_id', { isNullable: true }),
          col.datetime('due_at'),
          col.varchar('status', 8),
          col.int('created_by'),
          col.createdAt(),
          col.datetime('closed_at', { isNullable: true }),
        ],
        indices: [col.index('idx_consultation_department', ['department_id', 'id'])],
      }),
    );
    await qr.createTable(
      new Table({
        name: 'consultation_recipient',
        columns: [
          col.id(),
          col.int('consultation_id'),
          col.int('region_id'),
          col.int('town_id'),
          col.varchar('answer', 12, { isNullable: true }),
          col.text('comment', { isNullable: true }),
          col.int('answered_by', { isNullable: true }),
          col.datetime('answered_at', { isNullable: true }),
        ],
        indices: [
          col.index('uq_consultation_recipient', ['consultation_id', 'region_id'], true),
          col.index('idx_consultation_recipient_region', ['region_id', 'consultation_id']),
          col.index('idx_consultation_recipient_town', ['town_id', 'consultation_id']),
        ],
      }),
    );
    await this.withoutView(qr, async () => {
      await qr.addColumn('admission_request', new TableColumn(col.int('consultation_id', { isNullable: true })));
      await qr.createIndex('admission_request', new TableIndex(col.index('idx_admission_request_consultation', ['consultation_id'])));
    });
  }

  async down(qr: QueryRunner): Promise<void> {
    await this.withoutView(qr, async () => {
      await qr.dropIndex('admission_request', 'idx_admission_request_consultation');
      await qr.dropColumn('admission_request', 'consultation_id');
    });
    await qr.dropTable('consultation_recipient');
    await qr.dropTable('consultation');
  }

  private async withoutView(qr: QueryRunner, alter: () => Promise<void>): Promise<void> {
    const quote = (name: string) => qr.connection.driver.escape(name);
    await qr.query(`DROP VIEW ${quote('rm_admission_request')}`);
    await alter();
    await qr.query(
      // Forms' requests only: work orders' requests are not in the view (migrations/1765004000000-work-orders.ts).
      `CREATE VIEW ${quote('rm_admission_request')} AS SELECT ${ADMISSION_REQUEST_VIEW.map(quote).join(', ')} FROM ${quote('admission_request')} WHERE ${quote('form_id')} IS NOT NULL`,
    );
  }
}
