import { Table, TableColumn, type MigrationInterface, type QueryRunner } from 'typeorm';
import { columns } from './columns.js';

/**
 * Password policy (src/identity/password-policy.ts): a user's must-change flag (after an administrator's reset, at
 * first sign-in), when the password was last set (expiry), the demo accounts' exemption, and the history of the
 * latest password hashes (no reuse). Existing passwords count as set now: their 90 days start with this upgrade.
 */
export class PasswordPolicy1765002300000 implements MigrationInterface {
  name = 'PasswordPolicy1765002300000';

  async up(qr: QueryRunner): Promise<void> {
    const col = columns(qr);
    await qr.addColumn('user', new TableColumn(col.bool('must_change_password', false)));
    await qr.addColumn('user', new TableColumn(col.datetime('password_changed_at', { isNullable: true })));
    await qr.addColumn('user', new TableColumn(col.bool('password_policy_exempt', false)));
    await qr.query(
      `UPDATE ${qr.connection.driver.escape('user')} SET password_changed_at = ${col.sqlite ? "datetime('now')" : 'CURRENT_TIMESTAMP'}`,
    );
    await qr.createTable(
      new Table({
        name: 'password_history',
        columns: [col.id(), col.int('user_id'), col.varchar('password_hash', 255), col.createdAt()],
        indices: [col.index('idx_password_history_user', ['user_id', 'id'])],
      }),
    );
  }

  async down(qr: QueryRunner): Promise<void> {
    await qr.dropTable('password_history');
    await qr.dropColumn('user', 'password_policy_exempt');
    await qr.dropColumn('user', 'password_changed_at');
    await qr.dropColumn('user', 'must_change_password');
  }
}
