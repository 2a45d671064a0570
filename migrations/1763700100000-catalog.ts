import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';
import { columns } from './columns.js';

export class Catalog1763700100000 implements MigrationInterface {
  name = 'Catalog1763700100000';

  async up(qr: QueryRunner): Promise<void> {
    const c = columns(qr);
    await qr.createTable(
      new Table({
        name: 'data_element',
        columns: [
          c.id(),
          c.varchar('code', 64),
          c.varchar('name', 64),
          c.varchar('subject', 10),
          c.varchar('value_type', 12),
          c.varchar('unit', 16, { isNullable: true }),
          c.text('options_json', { isNullable: true }),
          c.double('min_value', { isNullable: true }),
          c.double('max_value', { isNullable: true }),
          c.varchar('derived_from', 64, { isNullable: true }),
          c.varchar('description', 255, { isNullable: true }),
          c.createdAt(),
        ],
        indices: [c.index('uq_data_element_code', ['code'], true)],
      }),
    );
  }

  async down(qr: QueryRunner): Promise<void> {
    await qr.dropTable('data_element');
  }
}
