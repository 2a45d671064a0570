import { Table, TableColumn, type MigrationInterface, type QueryRunner } from 'typeorm';
import { columns } from './columns.js';

/**
 * 会话 (src/identity/session.entity.ts): every sign-in and every service token is a row, so a session can end —
 * logout, idle timeout, absolute lifetime, a password change or reset, disabling the account, the security
 * administrator — and every server process sees it end (the token names its session; a token whose row is ended
 * is refused). `user.service` marks the accounts behind service tokens (machine clients), which never sign in
 * with a password.
 */
export class Sessions1765003000000 implements MigrationInterface {
  name = 'Sessions1765003000000';

  async up(qr: QueryRunner): Promise<void> {
    const col = columns(qr);
    await qr.createTable(
      new Table({
        name: 'user_session',
        columns: [
          { ...col.varchar('id', 36), isPrimary: true },
          col.int('user_id'),
          col.varchar('kind', 16),
          col.createdAt(),
          col.datetime('last_seen_at'),
          col.datetime('expires_at'),
          col.datetime('ended_at', { isNullable: true }),
          col.varchar('end_reason', 32, { isNullable: true }),
          col.int('ended_by', { isNullable: true }),
          col.varchar('ip', 64, { isNullable: true }),
          col.varchar('user_agent', 200, { isNullable: true }),
          col.bool('read_only', false),
          col.varchar('name', 100, { isNullable: true }),
        ],
        indices: [
          col.index('IDX_user_session_user', ['user_id', 'ended_at']),
          col.index('IDX_user_session_ended', ['ended_at', 'expires_at']),
        ],
      }),
    );
    await qr.addColumn('user', new TableColumn(col.bool('service', false)));
  }

  async down(qr: QueryRunner): Promise<void> {
    await qr.dropColumn('user', 'service');
    await qr.dropTable('user_session');
  }
}
