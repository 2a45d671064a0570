import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createConnection } from 'mysql2/promise';
import { migrationGate, openDataSource } from '../src/app.factory.js';
import { ENGINE, testConfig, testDatabaseName } from './support/harness.js';

describe('startup against an unmigrated database', () => {
  it(
    ENGINE === 'mysql'
      ? 'MySQL: refuses and names the command that applies the migrations'
      : 'embedded SQLite: applies the migrations itself',
    async () => {
      const dir = mkdtempSync(join(tmpdir(), 'gate-'));
      const base = process.env.TEST_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306';
      const dbName = testDatabaseName('gate');
      if (ENGINE === 'mysql') {
        const conn = await createConnection(base);
        await conn.query(`DROP DATABASE IF EXISTS \`${dbName}\``);
        await conn.query(`CREATE DATABASE \`${dbName}\``);
        await conn.end();
      }
      const config = testConfig(dir, ENGINE === 'mysql' ? `${base.replace(/\/$/, '')}/${dbName}` : undefined);
      const { dataSource } = await openDataSource(config);
      try {
        const gate = await migrationGate(config, dataSource);
        if (ENGINE === 'mysql') {
          expect(gate.refusal).toMatch(/迁移尚未执行.*npm run migrate/);
          expect(await dataSource.createQueryRunner().hasTable('region')).toBe(false);
        } else {
          expect(gate.refusal).toBeNull();
          expect(gate.applied.length).toBe(dataSource.migrations.length);
          expect((await migrationGate(config, dataSource)).applied).toEqual([]);
        }
      } finally {
        await dataSource.destroy();
        if (ENGINE === 'mysql') {
          const conn = await createConnection(base);
          await conn.query(`DROP DATABASE IF EXISTS \`${dbName}\``);
          await conn.end();
        }
      }
    },
  );
});
