import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';
import { columns } from './columns.js';

/** Key ids and their key-check values (src/crypto/crypto-key.entity.ts), and rotate-keys' progress. */
export class CryptoKeys1765002400000 implements MigrationInterface {
  name = 'CryptoKeys1765002400000';

  async up(qr: QueryRunner): Promise<void> {
    const col = columns(qr);
    await qr.createTable(
      new Table({
        name: 'crypto_key',
        columns: [
          col.id(),
          col.varchar('key_id', 8),
          col.varchar('suite', 10),
          col.varchar('check_value', 64),
          col.bool('legacy', false),
          col.datetime('created_at'),
          col.datetime('retired_at', { isNullable: true }),
        ],
        indices: [col.index('uq_crypto_key_key_id', ['key_id'], true)],
      }),
    );
    await qr.createTable(
      new Table({
        name: 'key_rotation',
        columns: [
          col.id(),
          col.varchar('table_name', 40),
          col.varchar('target_key_id', 8),
          col.int('last_id'),
          col.int('rekeyed', { default: 0 }),
          col.datetime('updated_at'),
        ],
        indices: [col.index('uq_key_rotation_table', ['table_name'], true)],
      }),
    );
  }

  async down(qr: QueryRunner): Promise<void> {
    await qr.dropTable('key_rotation');
    await qr.dropTable('crypto_key');
  }
}
