import { TableColumn, type MigrationInterface, type QueryRunner } from 'typeorm';
import { columns } from './columns.js';

/**
 * A form's resident list may require rows on submit: at least `min_rows`, or as many as the
 * header integer field `row_count_key` says (both set on the row key field, null: no rule).
 */
export class ResidentListRows1765001000000 implements MigrationInterface {
  name = 'ResidentListRows1765001000000';

  async up(qr: QueryRunner): Promise<void> {
    const col = columns(qr);
    await qr.addColumn('form_field', new TableColumn(col.int('min_rows', { isNullable: true })));
    await qr.addColumn('form_field', new TableColumn(col.varchar('row_count_key', 64, { isNullable: true })));
  }

  async down(qr: QueryRunner): Promise<void> {
    await qr.dropColumn('form_field', 'row_count_key');
    await qr.dropColumn('form_field', 'min_rows');
  }
}
