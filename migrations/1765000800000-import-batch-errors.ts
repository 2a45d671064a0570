import { Table, TableColumn, type MigrationInterface, type QueryRunner } from 'typeorm';
import { columns } from './columns.js';

/**
 * Every error of an import kept in its own table (the JSON column kept at most 1,000 and overflowed
 * MariaDB's TEXT), with the refused row's cells encrypted for the error workbook; the batch keeps its
 * header (for that workbook) and the number of rows passed over (blank, 合计/小计).
 */
export class ImportBatchErrors1765000800000 implements MigrationInterface {
  name = 'ImportBatchErrors1765000800000';

  async up(qr: QueryRunner): Promise<void> {
    const col = columns(qr);
    await qr.createTable(
      new Table({
        name: 'import_batch_error',
        columns: [
          col.id(),
          col.int('batch_id'),
          col.int('row_no'),
          col.varchar('column_name', 100, { isNullable: true }),
          col.varchar('reason', 300),
          col.text('cells_cipher', { isNullable: true }),
        ],
        indices: [col.index('idx_import_batch_error_batch', ['batch_id', 'row_no'])],
      }),
    );
    await qr.addColumn('import_batch', new TableColumn(col.int('skipped_rows', { default: 0 })));
    await qr.addColumn('import_batch', new TableColumn(col.text('header_json', { isNullable: true })));
  }

  async down(qr: QueryRunner): Promise<void> {
    await qr.dropColumn('import_batch', 'header_json');
    await qr.dropColumn('import_batch', 'skipped_rows');
    await qr.dropTable('import_batch_error');
  }
}
