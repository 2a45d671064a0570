import { Table, TableColumn, type MigrationInterface, type QueryRunner } from 'typeorm';
import { columns } from './columns.js';

/**
 * 两步验证 (src/identity/second-factor.entity.ts): a user's TOTP secret (encrypted), the last time step
 * accepted (no code is accepted twice) and the hashes of the unused recovery codes; `user.second_factor`
 * says whether it is on, so the per-request caller check reads it with the user.
 */
export class SecondFactor1765002900000 implements MigrationInterface {
  name = 'SecondFactor1765002900000';

  async up(qr: QueryRunner): Promise<void> {
    const col = columns(qr);
    await qr.createTable(
      new Table({
        name: 'user_second_factor',
        columns: [
          { ...col.int('user_id'), isPrimary: true },
          col.varchar('secret_enc', 255),
          col.datetime('enabled_at', { isNullable: true }),
          col.bigint('last_step', { default: 0 }),
          col.text('recovery_hashes'),
          col.createdAt(),
        ],
      }),
    );
    await qr.addColumn('user', new TableColumn(col.bool('second_factor', false)));
  }

  async down(qr: QueryRunner): Promise<void> {
    await qr.dropColumn('user', 'second_factor');
    await qr.dropTable('user_second_factor');
  }
}
