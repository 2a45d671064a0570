import { TableColumn, type MigrationInterface, type QueryRunner } from 'typeorm';
import { columns } from './columns.js';

/**
 * Where a resident lives is dated: `village_as_of` is the date of the record that put them in
 * their current village, so an older file never moves them (null: not known, the next record decides).
 */
export class ResidentVillageAsOf1765000300000 implements MigrationInterface {
  name = 'ResidentVillageAsOf1765000300000';

  async up(qr: QueryRunner): Promise<void> {
    await qr.addColumn('resident', new TableColumn(columns(qr).varchar('village_as_of', 10, { isNullable: true })));
  }

  async down(qr: QueryRunner): Promise<void> {
    await qr.dropColumn('resident', 'village_as_of');
  }
}
