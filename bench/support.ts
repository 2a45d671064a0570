import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createConnection } from 'mysql2/promise';
import { createApp, openDataSource } from '../src/app.factory.js';
import { loadConfig } from '../src/config/config.js';
import { DemoService } from '../src/demo/demo.service.js';

export const BENCH_PASSWORD = 'Bench#2025pass';

/** A fresh app on a fresh database (SQLite file or a MySQL database), base (or full) demo data loaded. */
export async function benchApp(engine: 'sqlite' | 'mysql', name: string, villages: number, listen = false, full = false) {
  const dir = mkdtempSync(join(tmpdir(), `onetable-bench-${name}-`));
  let url = '';
  const mysqlUrl = process.env.BENCH_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306';
  const db = `bench_${name}`.replace(/\W/g, '_');
  if (engine === 'mysql') {
    const conn = await createConnection(mysqlUrl);
    await conn.query(`DROP DATABASE IF EXISTS \`${db}\``);
    await conn.query(`CREATE DATABASE \`${db}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
    await conn.end();
    url = `${mysqlUrl}/${db}`;
  }
  const env = {
    NODE_ENV: 'production',
    DATA_DIR: dir,
    DATABASE_URL: url,
    TOKEN_SECRET: 'bench-token-secret-that-is-long-enough-1',
    PII_KEY: '22'.repeat(32),
    LOG_LEVEL: 'silent',
  };
  const config = loadConfig(env);
  const opened = await openDataSource(config);
  await opened.dataSource.runMigrations({ transaction: 'each' });
  const { app, dataSource } = await createApp(config, opened);
  if (listen) await app.listen(0, '127.0.0.1');
  else await app.init();
  const run = await app.get(DemoService).load({ password: BENCH_PASSWORD, full, villages });
  return {
    app,
    dataSource,
    config,
    /** The environment that points another process (the import CLI) at this database. */
    env,
    run,
    url: listen ? `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}` : '',
    async close() {
      await app.close();
      if (dataSource.isInitialized) await dataSource.destroy();
      if (engine === 'mysql') {
        const conn = await createConnection(mysqlUrl);
        await conn.query(`DROP DATABASE IF EXISTS \`${db}\``);
        await conn.end();
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A GraphQL response as the bench's plain fetch() calls read it. */
export interface GqlResponse<T> {
  data?: T;
  errors?: { message: string }[];
}
