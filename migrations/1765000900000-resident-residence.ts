import type { MigrationInterface, QueryRunner } from 'typeorm';
import { Table } from 'typeorm';
import { columns } from './columns.js';

/**
 * Where a resident lives is a dated fact with a history: every (village, as-of) a file or an accepted
 * form gave is kept, so an older file adds to the history without moving anyone (`resident.village_id`
 * stays the newest). Filled from the residents' current villages.
 */
export class ResidentResidence1765000900000 implements MigrationInterface {
  name = 'ResidentResidence1765000900000';

  async up(qr: QueryRunner): Promise<void> {
    const col = columns(qr);
    await qr.createTable(
      new Table({
        name: 'resident_residence',
        columns: [
          col.id(),
          col.int('resident_id'),
          col.int('village_id'),
          col.varchar('as_of', 10),
          col.varchar('source_ref', 64, { isNullable: true }),
          col.createdAt(),
        ],
        indices: [col.index('uq_resident_residence', ['resident_id', 'village_id', 'as_of'], true)],
      }),
    );
    const day = col.sqlite ? `date(created_at)` : `DATE_FORMAT(created_at, '%Y-%m-%d')`;
    await qr.query(
      `INSERT INTO resident_residence (resident_id, village_id, as_of, source_ref)
       SELECT id, village_id, COALESCE(village_as_of, ${day}), NULL FROM resident WHERE village_id IS NOT NULL`,
    );
  }

  async down(qr: QueryRunner): Promise<void> {
    await qr.dropTable('resident_residence');
  }
}
