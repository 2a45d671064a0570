import { mkdtempSync, rmSync } from 'node:fs';
import { freshCode, rememberSecondFactors, secondFactorSecretOf } from './totp.js';
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
import { print, type DocumentNode } from 'graphql';
import { graphql, type TadaDocumentNode } from './graphql.js';
import { createPino } from '../../src/common/logger.js';
import { checkForIdLeaks, leakCheckedLog } from './leak-check.js';

export const ENGINE: 'sqlite' | 'mysql' = process.env.TEST_DB === 'mysql' ? 'mysql' : 'sqlite';
export const DEMO_PASSWORD = 'Demo#2025pass';
const MYSQL_URL = process.env.TEST_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306';

export interface GqlError {
  message: string;
  path?: (string | number)[];
  extensions: { code: string; details?: { field: string; message: string; row?: number }[]; [key: string]: unknown };
}

export interface GqlResult<T = unknown> {
  status: number;
  data?: T;
  errors?: GqlError[];
}

const printed = new WeakMap<object, string>();
/** The document's text, printed once per document. */
function textOf(doc: DocumentNode): string {
  let text = printed.get(doc);
  if (text === undefined) {
    text = print(doc);
    printed.set(doc, text);
  }
  return text;
}

const LOGIN = graphql(`
  mutation ($u: String!, $p: String!, $o: String) {
    login(username: $u, password: $p, otp: $o) {
      token
    }
  }
`);

export interface TestApp {
  engine: 'sqlite' | 'mysql';
  url: string;
  app: NestExpressApplication;
  config: AppConfig;
  dataSource: DataSource;
  queries: QueryCounter;
  demo: DemoRun | null;
  /** Sends a typed document (`graphql(`…`)` from support/graphql.ts) with its typed variables. */
  gql<R, V>(doc: TadaDocumentNode<R, V>, variables: V, token?: string | null): Promise<GqlResult<R>>;
  /** A document without required variables may be sent without any. */
  gql<R>(doc: TadaDocumentNode<R, Record<string, never>>, variables?: Record<string, never>, token?: string | null): Promise<GqlResult<R>>;
  /**
   * Sends a raw text, unchecked: only for documents that are deliberately invalid or hostile
   * (syntax errors, unknown fields, depth/alias/cost limits, conformance audits).
   */
  gqlRaw<T = unknown>(query: string, variables?: Record<string, unknown>, token?: string | null): Promise<GqlResult<T>>;
  /** Logs in (demo password by default) and returns the bearer token. */
  login(username: string, password?: string): Promise<string>;
  /**
   * The first sign-in of an account made with `password` (createUser, resetPassword): it must change the password
   * first, so this changes it to `newPassword` and returns a token signed in with that.
   */
  firstLogin(username: string, password: string, newPassword?: string): Promise<string>;
  /** Counts SQL statements run by one request. */
  countQueries<T>(fn: () => Promise<T>): Promise<{ result: T; queries: number }>;
  close(): Promise<void>;
}

/**
 * One suite's MySQL database: `e2e_<name>_<pid>`, plus TEST_DB_RUN when set (CI sets one per run), so two
 * runs on one shared server never pick the same name, even from separate PID namespaces. The name is
 * what gets cut to MySQL's 64 characters, never the pid or the run tag.
 */
export function testDatabaseName(name: string): string {
  const run = (process.env.TEST_DB_RUN ?? '').replace(/\W/g, '_').slice(0, 24);
  const tail = `_${process.pid}${run ? `_${run}` : ''}`;
  return `e2e_${name.replace(/\W/g, '_').slice(0, 64 - 'e2e_'.length - tail.length)}${tail}`;
}

export async function freshDatabase(name: string): Promise<{ url?: string; dir: string; drop: () => Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), `onetable-${name}-`));
  if (ENGINE === 'sqlite') return { dir, drop: async () => rmSync(dir, { recursive: true, force: true }) };
  const db = testDatabaseName(name);
  const conn = await createConnection(MYSQL_URL);
  await conn.query(`DROP DATABASE IF EXISTS \`${db}\``);
  await conn.query(`CREATE DATABASE \`${db}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  await conn.end();
  return {
    url: `${MYSQL_URL.replace(/\/$/, '')}/${db}`,
    dir,
    drop: async () => {
      const conn = await createConnection(MYSQL_URL);
      await conn.query(`DROP DATABASE IF EXISTS \`${db}\``);
      await conn.end();
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
    // One in-process app sees its own writes at once (a write re-reads the stamps); a long check interval keeps
    // the SQL counted per request exact. test/multi-process runs compiled servers on the default (1 s).
    CACHE_STAMP_CHECK_MS: '600000',
    ...env,
  });
}

/**
 * Boots the real server on a fresh database (a new SQLite file, or CREATE DATABASE on MySQL),
 * applies every migration, loads the demo data (base by default) and listens on a free port.
 */
export async function startTestApp(
  name: string,
  opts: {
    demo?: DemoOptions | false;
    env?: Record<string, string>;
    /** An existing database (a restored backup) instead of a fresh one; close() leaves it to its owner. */
    database?: { dir: string; url?: string };
  } = {},
): Promise<TestApp> {
  const db = opts.database ? { ...opts.database, drop: async () => {} } : await freshDatabase(name);
  const config = testConfig(db.dir, db.url, opts.env);
  // Unless LOG_LEVEL asks to see them, the app's logs go to the leak check, not to stdout.
  const log = process.env.LOG_LEVEL ? undefined : createPino('info', leakCheckedLog);
  const opened = await openDataSource(config, log);
  await opened.dataSource.runMigrations({ transaction: 'each' });
  const { app, dataSource, queryCounter } = await createApp(config, { ...opened, log });
  await app.listen(0, '127.0.0.1');
  const addr = app.getHttpServer().address() as import('node:net').AddressInfo;
  const url = `http://127.0.0.1:${addr.port}`;
  let demo: DemoRun | null = null;
  if (opts.demo !== false) demo = await app.get(DemoService).load({ password: DEMO_PASSWORD, full: false, ...(opts.demo ?? {}) });
  if (demo) rememberSecondFactors(url, demo.accounts);

  const gqlRaw = async <T = unknown>(query: string, variables?: unknown, token?: string | null): Promise<GqlResult<T>> => {
    const res = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await res.json()) as Omit<GqlResult<T>, 'status'>;
    if (body.errors) checkForIdLeaks('error answer', JSON.stringify(body.errors));
    return { status: res.status, ...body };
  };
  const gql = async <R, V>(doc: TadaDocumentNode<R, V>, variables?: V, token?: string | null): Promise<GqlResult<R>> =>
    gqlRaw<R>(textOf(doc), variables, token);
  const tokens = new Map<string, string>();
  const testApp: TestApp = {
    engine: ENGINE,
    url,
    app,
    config,
    dataSource,
    queries: queryCounter,
    demo,
    gql,
    gqlRaw,
    async login(username, password = DEMO_PASSWORD) {
      const key = `${username}\u0000${password}`;
      if (tokens.has(key)) return tokens.get(key)!;
      // Accounts with a second factor (the demo's privileged ones, or one a test bound) answer a fresh code.
      const otp = secondFactorSecretOf(url, username) ? await freshCode(url, username) : null;
      const result = await gql(LOGIN, { u: username, p: password, o: otp });
      const token = result.data?.login.token;
      if (!token) throw new Error(`login ${username} failed: ${JSON.stringify(result.errors)}`);
      tokens.set(key, token);
      return token;
    },
    async firstLogin(username, password, newPassword = `${password}!2`) {
      const first = await testApp.login(username, password);
      const changed = await gqlRaw(
        'mutation ($o: String!, $n: String!) { changePassword(oldPassword: $o, newPassword: $n) }',
        { o: password, n: newPassword },
        first,
      );
      if (changed.errors) throw new Error(`changePassword ${username} failed: ${JSON.stringify(changed.errors)}`);
      return testApp.login(username, newPassword);
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
  return testApp;
}

/** Asserts a GraphQL error code and returns the first error. */
export function expectError(result: GqlResult, code: string): GqlError {
  if (!result.errors?.length) throw new Error(`expected ${code}, got data ${JSON.stringify(result.data)}`);
  const error = result.errors[0];
  if (error.extensions.code !== code) throw new Error(`expected ${code}, got ${error.extensions.code}: ${error.message}`);
  return error;
}
