import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';
import { columns } from './columns.js';

export class Foundation1763700000000 implements MigrationInterface {
  name = 'Foundation1763700000000';

  async up(qr: QueryRunner): Promise<void> {
    const c = columns(qr);
    await qr.createTable(
      new Table({
        name: 'region',
        columns: [
          c.id(),
          c.varchar('code', 12),
          c.varchar('name', 64),
          c.varchar('level', 10),
          c.int('parent_id', { isNullable: true }),
          c.varchar('pinyin', 255),
          c.varchar('initials', 64),
          c.bool('monitoring_point', false),
          c.int('population', { isNullable: true }),
          c.createdAt(),
        ],
        indices: [
          c.index('uq_region_code', ['code'], true),
          c.index('idx_region_parent', ['parent_id', 'level']),
          c.index('idx_region_level_name', ['level', 'name']),
        ],
      }),
    );
    await qr.createTable(
      new Table({
        name: 'department',
        columns: [c.id(), c.varchar('code', 32), c.varchar('name', 64)],
        indices: [c.index('uq_department_code', ['code'], true)],
      }),
    );
    await qr.createTable(
      new Table({
        name: 'user',
        columns: [
          c.id(),
          c.varchar('username', 64),
          c.varchar('display_name', 64),
          c.varchar('role', 20),
          c.int('region_id', { isNullable: true }),
          c.int('department_id', { isNullable: true }),
          c.varchar('password_hash', 255),
          c.int('failed_logins', { default: 0 }),
          c.datetime('locked_until', { isNullable: true }),
          c.bool('disabled', false),
          c.datetime('last_login_at', { isNullable: true }),
          c.createdAt(),
          c.updatedAt(),
        ],
        indices: [
          c.index('uq_user_username', ['username'], true),
          c.index('idx_user_region', ['region_id']),
          c.index('idx_user_department', ['department_id']),
        ],
      }),
    );
    await qr.createTable(
      new Table({
        name: 'audit_event',
        columns: [
          c.id(),
          c.int('seq'),
          c.datetime('at'),
          c.int('user_id', { isNullable: true }),
          c.varchar('username', 64, { isNullable: true }),
          c.varchar('action', 64),
          c.varchar('object_type', 32, { isNullable: true }),
          c.varchar('object_id', 64, { isNullable: true }),
          c.varchar('outcome', 10),
          c.text('detail', { isNullable: true }),
          c.varchar('request_id', 64, { isNullable: true }),
          c.varchar('prev_hash', 64),
          c.varchar('hash', 64),
        ],
        indices: [
          c.index('uq_audit_seq', ['seq'], true),
          c.index('idx_audit_action_at', ['action', 'at']),
          c.index('idx_audit_user_at', ['user_id', 'at']),
        ],
      }),
    );
    await qr.createTable(
      new Table({
        name: 'audit_chain_head',
        columns: [{ ...c.int('id'), isPrimary: true }, c.int('last_seq'), c.varchar('last_hash', 64)],
      }),
    );
  }

  async down(qr: QueryRunner): Promise<void> {
    for (const t of ['audit_chain_head', 'audit_event', 'user', 'department', 'region']) await qr.dropTable(t);
  }
}
