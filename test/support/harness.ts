import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createConnection } from 'mysql2/promise';
import type { DataSource } from 'typeorm';
import { createApp, openDataSource } from '../../src/app.factory.js';
import { loadConfig, type AppConfig } from '../../src/config/config.js';
import { DemoService } from '../../src/demo/demo.service.js';
import type { DemoOptions, DemoRun } from '../../src/common/demo-step.js';
import type { QueryCounter } from '../../src/database/query-counter.js';
import type { NestExpressApplication } from '@nestjs/platform-express';

export const ENGINE: 'sqlite' | 'mysql' = process.env.TEST_DB === 'mysql' ? 'mysql' : 'sqlite';
export const DEMO_PASSWORD = 'Demo#2025pass';
const MYSQL_URL = process.env.TEST_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306';

export interface GqlResult<T = any> {
  status: number;
  data?: T;
  errors?: {
    message: string;
    path?: string[];
    extensions: { code: string; details?: { field: string; message: string; row?: number }[]; [k: string]: unknown };
  }[];
}

export interface TestApp {
  engine: 'sqlite' | 'mysql';
  url: string;
  app: NestExpressApplication;
  config: AppConfig;
  dataSource: DataSource;
  queries: QueryCounter;
  demo: DemoRun | null;
  gql<T = any>(query: string, variables?: Record<string, unknown>, token?: string): Promise<GqlResult<T>>;
  /** Logs in (demo password by default) and returns the bearer token. */
  login(username: string, password?: string): Promise<string>;
  /** Counts SQL statements run by one request. */
  countQueries<T>(fn: () => Promise<T>): Promise<{ result: T; queries: number }>;
  close(): Promise<void>;
}

async function freshDatabase(name: string): Promise<{ url?: string; dir: string; drop: () => Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), `onetable-${name}-`));
  if (ENGINE === 'sqlite') return { dir, drop: async () => rmSync(dir, { recursive: true, force: true }) };
  const db = `e2e_${name.replace(/\W/g, '_')}_${process.pid}`.slice(0, 60);
  const conn = await createConnection(MYSQL_URL);
  await conn.query(`DROP DATABASE IF EXISTS \`${db}\``);
  await conn.query(`CREATE DATABASE \`${db}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  await conn.end();
  return {
    url: `${MYSQL_URL.replace(/\/$/, '')}/${db}`,
    dir,
    drop: async () => {
      const c = await createConnection(MYSQL_URL);
      await c.query(`DROP DATABASE IF EXISTS \`${db}\``);
      await c.end();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The test app's secrets: another process on the same database (the import CLI) needs the same ones. */
export const TEST_SECRETS = { TOKEN_SECRET: 'test-token-secret-that-is-long-enough-123', PII_KEY: '11'.repeat(32) };

export function testConfig(dir: string, url: string | undefined, env: Record<string, string> = {}): AppConfig {
  return loadConfig({
    NODE_ENV: 'test',
    DATA_DIR: dir,
    DATABASE_URL: url ?? '',
    ...TEST_SECRETS,
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'silent',
    ...env,
  });
}

/**
 * Boots the real server on a fresh database (a new SQLite file, or CREATE DATABASE on MySQL),
 * applies every migration, loads the demo data (base by default) and listens on a free port.
 */
export async function startTestApp(
  name: string,
  opts: { demo?: DemoOptions | false; env?: Record<string, string> } = {},
): Promise<TestApp> {
  const db = await freshDatabase(name);
  const config = testConfig(db.dir, db.url, opts.env);
  const opened = await openDataSource(config);
  await opened.dataSource.runMigrations({ transaction: 'each' });
  const { app, dataSource, queryCounter } = await createApp(config, opened);
  await app.listen(0, '127.0.0.1');
  const addr = app.getHttpServer().address() as import('node:net').AddressInfo;
  const url = `http://127.0.0.1:${addr.port}`;
  let demo: DemoRun | null = null;
  if (opts.demo !== false) demo = await app.get(DemoService).load({ password: DEMO_PASSWORD, full: false, ...(opts.demo ?? {}) });

  const gql = async (query: string, variables?: Record<string, unknown>, token?: string) => {
    const res = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    const body: any = await res.json();
    return { status: res.status, ...body };
  };
  const tokens = new Map<string, string>();
  const t: TestApp = {
    engine: ENGINE,
    url,
    app,
    config,
    dataSource,
    queries: queryCounter,
    demo,
    gql,
    async login(username, password = DEMO_PASSWORD) {
      const key = `${username}\u0000${password}`;
      if (tokens.has(key)) return tokens.get(key)!;
      const r = await gql(`mutation($u:String!,$p:String!){ login(username:$u,password:$p){ token } }`, { u: username, p: password });
      if (!r.data?.login) throw new Error(`login ${username} failed: ${JSON.stringify(r.errors)}`);
      tokens.set(key, r.data.login.token);
      return r.data.login.token;
    },
    async countQueries(fn) {
      queryCounter.reset();
      const result = await fn();
      return { result, queries: queryCounter.reset() };
    },
    async close() {
      await app.close();
      if (dataSource.isInitialized) await dataSource.destroy();
      await db.drop();
    },
  };
  return t;
}

/** Asserts a GraphQL error code and returns the first error. */
export function expectError(r: GqlResult, code: string) {
  if (!r.errors?.length) throw new Error(`expected ${code}, got data ${JSON.stringify(r.data)}`);
  const e = r.errors[0];
  if (e.extensions.code !== code) throw new Error(`expected ${code}, got ${e.extensions.code}: ${e.message}`);
  return e;
}
