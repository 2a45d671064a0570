import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';
import { columns } from './columns.js';

export class Foundation1763700000000 implements MigrationInterface {
  name = 'Foundation1763700000000';

  async up(qr: QueryRunner): Promise<void> {
    const col = columns(qr);
    await qr.createTable(
      new Table({
        name: 'region',
        columns: [
          col.id(),
          col.varchar('code', 12),
          col.varchar('name', 64),
          col.varchar('level', 10),
          col.int('parent_id', { isNullable: true }),
          col.varchar('pinyin', 255),
          col.varchar('initials', 64),
          col.bool('monitoring_point', false),
          col.int('population', { isNullable: true }),
          col.createdAt(),
        ],
        indices: [
          col.index('uq_region_code', ['code'], true),
          col.index('idx_region_parent', ['parent_id', 'level']),
          col.index('idx_region_level_name', ['level', 'name']),
        ],
      }),
    );
    await qr.createTable(
      new Table({
        name: 'department',
        columns: [col.id(), col.varchar('code', 32), col.varchar('name', 64)],
        indices: [col.index('uq_department_code', ['code'], true)],
      }),
    );
    await qr.createTable(
      new Table({
        name: 'user',
        columns: [
          col.id(),
          col.varchar('username', 64),
          col.varchar('display_name', 64),
          col.varchar('role', 20),
          col.int('region_id', { isNullable: true }),
          col.int('department_id', { isNullable: true }),
          col.varchar('password_hash', 255),
          col.int('failed_logins', { default: 0 }),
          col.datetime('locked_until', { isNullable: true }),
          col.bool('disabled', false),
          col.datetime('last_login_at', { isNullable: true }),
          col.createdAt(),
          col.updatedAt(),
        ],
        indices: [
          col.index('uq_user_username', ['username'], true),
          col.index('idx_user_region', ['region_id']),
          col.index('idx_user_department', ['department_id']),
        ],
      }),
    );
    await qr.createTable(
      new Table({
        name: 'audit_event',
        columns: [
          col.id(),
          col.int('seq'),
          col.datetime('at'),
          col.int('user_id', { isNullable: true }),
          col.varchar('username', 64, { isNullable: true }),
          col.varchar('action', 64),
          col.varchar('object_type', 32, { isNullable: true }),
          col.varchar('object_id', 64, { isNullable: true }),
          col.varchar('outcome', 10),
          col.text('detail', { isNullable: true }),
          col.varchar('request_id', 64, { isNullable: true }),
          col.varchar('prev_hash', 64),
          col.varchar('hash', 64),
        ],
        indices: [
          col.index('uq_audit_seq', ['seq'], true),
          col.index('idx_audit_action_at', ['action', 'at']),
          col.index('idx_audit_user_at', ['user_id', 'at']),
        ],
      }),
    );
    await qr.createTable(
      new Table({
        name: 'audit_chain_head',
        columns: [{ ...col.int('id'), isPrimary: true }, col.int('last_seq'), col.varchar('last_hash', 64)],
      }),
    );
  }

  async down(qr: QueryRunner): Promise<void> {
    for (const text of ['audit_chain_head', 'audit_event', 'user', 'department', 'region']) await qr.dropTable(text);
  }
}
