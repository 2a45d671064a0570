import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';
import { columns } from './columns.js';

/**
 * The message centre (src/messages/): messages addressed to a unit (region or department, optionally a
 * role) or a user, read state per user, and the lease row of each scheduled job (one process runs it).
 */
export class Messages1765002000000 implements MigrationInterface {
  name = 'Messages1765002000000';

  async up(qr: QueryRunner): Promise<void> {
    const col = columns(qr);
    await qr.createTable(
      new Table({
        name: 'message',
        columns: [
          col.id(),
          col.varchar('kind', 24),
          col.varchar('title', 200),
          col.varchar('body', 600),
          col.varchar('link', 200, { isNullable: true }),
          col.int('region_id', { isNullable: true }),
          col.int('department_id', { isNullable: true }),
          col.varchar('role', 20, { isNullable: true }),
          col.int('user_id', { isNullable: true }),
          col.varchar('dedupe_key', 100, { isNullable: true }),
          col.createdAt(),
        ],
        indices: [
          col.index('idx_message_region', ['region_id', 'id']),
          col.index('idx_message_department', ['department_id', 'id']),
          col.index('idx_message_user', ['user_id', 'id']),
          col.index('uq_message_dedupe', ['dedupe_key'], true),
        ],
      }),
    );
    await qr.createTable(
      new Table({
        name: 'message_read',
        columns: [col.int('message_id', { isPrimary: true }), col.int('user_id', { isPrimary: true }), col.datetime('read_at')],
      }),
    );
    await qr.createTable(
      new Table({
        name: 'job_lease',
        columns: [col.varchar('name', 64, { isPrimary: true }), col.varchar('holder', 120), col.datetime('expires_at')],
      }),
    );
  }

  async down(qr: QueryRunner): Promise<void> {
    await qr.dropTable('job_lease');
    await qr.dropTable('message_read');
    await qr.dropTable('message');
  }
}
