import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';
import { columns } from './columns.js';

/**
 * 登录失败记录 (src/identity/login-failure.entity.ts): the login limits counted in the database, so every server
 * process sees the same failures — per (account, address) RATE_LIMITED and the per-address brake. Keyed hashes of
 * the username and the address only; rows older than the longest window are purged by the server.
 */
export class LoginFailure1765003100000 implements MigrationInterface {
  name = 'LoginFailure1765003100000';

  async up(qr: QueryRunner): Promise<void> {
    const col = columns(qr);
    await qr.createTable(
      new Table({
        name: 'login_failure',
        columns: [col.id(), col.varchar('user_key', 64), col.varchar('address_key', 64), col.datetime('at')],
        indices: [
          col.index('IDX_login_failure_pair', ['user_key', 'address_key', 'at']),
          col.index('IDX_login_failure_address', ['address_key', 'at']),
          col.index('IDX_login_failure_at', ['at']),
        ],
      }),
    );
  }

  async down(qr: QueryRunner): Promise<void> {
    await qr.dropTable('login_failure');
  }
}
