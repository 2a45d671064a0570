import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';
import { columns } from './columns.js';

export class TownContact1763700600000 implements MigrationInterface {
  name = 'TownContact1763700600000';

  async up(qr: QueryRunner): Promise<void> {
    const col = columns(qr);
    await qr.createTable(
      new Table({
        name: 'town_contact',
        columns: [
          col.id(),
          col.int('town_id'),
          col.varchar('contact_name', 32),
          col.varchar('phone', 32),
          col.varchar('address', 200, { isNullable: true }),
          col.updatedAt(),
        ],
        indices: [col.index('uq_town_contact_town', ['town_id'], true)],
      }),
    );
  }

  async down(qr: QueryRunner): Promise<void> {
    await qr.dropTable('town_contact');
  }
}
