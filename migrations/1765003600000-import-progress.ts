import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';
import { columns } from './columns.js';

/**
 * 导入进度 (src/records/import-progress.entity.ts): a running import's figures where every server process reads
 * them, so the uploader's polling does not depend on which process answers (MySQL; SQLite keeps them in files
 * beside its database, since the import's transaction holds the database meanwhile).
 */
export class ImportProgress1765003600000 implements MigrationInterface {
  name = 'ImportProgress1765003600000';

  async up(qr: QueryRunner): Promise<void> {
    const col = columns(qr);
    await qr.createTable(
      new Table({
        name: 'import_progress',
        columns: [
          col.id(),
          col.int('user_id'),
          col.varchar('progress_key', 64),
          col.varchar('file_name', 255),
          col.bool('dry_run', false),
          col.bigint('started_ms'),
          col.bigint('done_ms', { isNullable: true }),
          col.int('rows_read', { default: 0 }),
          col.int('rows_written', { default: 0 }),
          col.int('rows_refused', { default: 0 }),
        ],
        indices: [col.index('ux_import_progress_key', ['user_id', 'progress_key'], true)],
      }),
    );
  }

  async down(qr: QueryRunner): Promise<void> {
    await qr.dropTable('import_progress');
  }
}
