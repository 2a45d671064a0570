import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';
import { columns } from './columns.js';

/** Every import run, committed before its transaction: one a dead process left RUNNING is found at the next start. */
export class ImportAttempt1765001100000 implements MigrationInterface {
  name = 'ImportAttempt1765001100000';

  async up(qr: QueryRunner): Promise<void> {
    const col = columns(qr);
    await qr.createTable(
      new Table({
        name: 'import_attempt',
        columns: [
          col.id(),
          col.varchar('file_name', 255),
          col.varchar('batch_key', 64),
          col.int('started_by', { isNullable: true }),
          col.varchar('host', 255),
          col.int('pid'),
          col.varchar('status', 12),
          col.createdAt('started_at'),
          col.datetime('ended_at', { isNullable: true }),
          col.int('batch_id', { isNullable: true }),
        ],
        indices: [col.index('ix_import_attempt_status', ['status'])],
      }),
    );
  }

  async down(qr: QueryRunner): Promise<void> {
    await qr.dropTable('import_attempt');
  }
}
