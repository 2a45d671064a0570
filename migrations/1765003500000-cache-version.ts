import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';
import { columns } from './columns.js';

/**
 * 缓存版本 (src/common/cache-stamps.ts): one row per cache a server process keeps in memory (the catalogue,
 * the regions). A writer bumps its row in the write's own transaction; every process reads the rows at most
 * once per CACHE_STAMP_CHECK_MS and drops a cache whose version moved — a change on one server is seen by the
 * others within that bound, with one small query a second instead of a reload.
 */
export class CacheVersion1765003500000 implements MigrationInterface {
  name = 'CacheVersion1765003500000';

  async up(qr: QueryRunner): Promise<void> {
    const col = columns(qr);
    await qr.createTable(
      new Table({
        name: 'cache_version',
        columns: [{ ...col.varchar('name', 32), isPrimary: true }, col.int('version', { default: 0 })],
      }),
    );
    await qr.query(`INSERT INTO cache_version (name, version) VALUES ('catalog', 0), ('regions', 0)`);
  }

  async down(qr: QueryRunner): Promise<void> {
    await qr.dropTable('cache_version');
  }
}
