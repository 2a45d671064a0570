import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';
import { columns } from './columns.js';

export class Catalog1763700100000 implements MigrationInterface {
  name = 'Catalog1763700100000';

  async up(qr: QueryRunner): Promise<void> {
    const col = columns(qr);
    await qr.createTable(
      new Table({
        name: 'data_element',
        columns: [
          col.id(),
          col.varchar('code', 64),
          col.varchar('name', 64),
          col.varchar('subject', 10),
          col.varchar('value_type', 12),
          col.varchar('unit', 16, { isNullable: true }),
          col.text('options_json', { isNullable: true }),
          col.double('min_value', { isNullable: true }),
          col.double('max_value', { isNullable: true }),
          col.varchar('derived_from', 64, { isNullable: true }),
          col.varchar('description', 255, { isNullable: true }),
          col.createdAt(),
        ],
        indices: [col.index('uq_data_element_code', ['code'], true)],
      }),
    );
  }

  async down(qr: QueryRunner): Promise<void> {
    await qr.dropTable('data_element');
  }
}
