import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';
import { columns } from './columns.js';

export class TownContact1763700600000 implements MigrationInterface {
  name = 'TownContact1763700600000';

  async up(qr: QueryRunner): Promise<void> {
    const c = columns(qr);
    await qr.createTable(
      new Table({
        name: 'town_contact',
        columns: [
          c.id(),
          c.int('town_id'),
          c.varchar('contact_name', 32),
          c.varchar('phone', 32),
          c.varchar('address', 200, { isNullable: true }),
          c.updatedAt(),
        ],
        indices: [c.index('uq_town_contact_town', ['town_id'], true)],
      }),
    );
  }

  async down(qr: QueryRunner): Promise<void> {
    await qr.dropTable('town_contact');
  }
}
