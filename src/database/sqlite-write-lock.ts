import type { DataSource, QueryRunner } from 'typeorm';

/** The better-sqlite3 connection's pragma call (TypeORM keeps one connection per DataSource). */
interface RawSqlite {
  pragma(source: string): unknown;
}

/** How long a write waits for another process's write transaction: the connection's busy_timeout (data-source-options). */
export const SQLITE_WRITE_WAIT_MS = 10_000;

/** Thrown when another process held the database's write lock longer than SQLITE_WRITE_WAIT_MS. */
export class SqliteWriteLockTimeout extends Error {
  constructor() {
    super(`SQLite write lock not acquired within ${SQLITE_WRITE_WAIT_MS} ms`);
  }
}

/** SQLITE_BUSY (and its extended codes) from better-sqlite3, as TypeORM's QueryFailedError carries it. */
const isBusy = (err: unknown) => {
  const driver = (err as { driverError?: { code?: unknown } } | null)?.driverError;
  return typeof driver?.code === 'string' && driver.code.startsWith('SQLITE_BUSY');
};

/** Runners whose BEGIN is already BEGIN IMMEDIATE. */
const immediate = new WeakSet<QueryRunner>();

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A query runner whose transaction starts with `BEGIN IMMEDIATE` instead of TypeORM's deferred `BEGIN TRANSACTION`,
 * taking the write lock before the first statement. Why, with several processes on one database file (CLUSTER_WORKERS,
 * a CLI beside the server): a deferred transaction that reads first (the audit chain head, a row to check) and then
 * writes fails at once with SQLITE_BUSY when another process committed meanwhile — its snapshot can no longer become
 * a write. And the wait itself is SQLite's busy handler, which sleeps inside the synchronous driver and stops this
 * process's event loop (every request it serves) for as long as the other process writes. Here the lock is tried
 * without that wait (busy_timeout 0 for the one statement) and tried again after a timer, so the process keeps
 * answering reads while it waits; after SQLITE_WRITE_WAIT_MS it gives up (SqliteWriteLockTimeout).
 */
export function immediateQueryRunner(dataSource: DataSource): QueryRunner {
  const runner = dataSource.createQueryRunner();
  // TypeORM's better-sqlite3 driver hands out one shared runner for the whole DataSource: wrap it once. Wrapping it
  // again at every transaction stacked one more layer per transaction under every later query (the demo's year of
  // life, thousands of transactions, went from seconds to minutes and test/backup stalled).
  if (immediate.has(runner)) return runner;
  immediate.add(runner);
  const query = runner.query.bind(runner) as (sql: string, ...rest: unknown[]) => Promise<unknown>;
  // TypeORM's startTransaction sends this text when no transaction is open on the runner (savepoints otherwise).
  runner.query = (async (sql: string, ...rest: unknown[]) => {
    if (sql !== 'BEGIN TRANSACTION') return query(sql, ...rest);
    const raw = (await runner.connect()) as RawSqlite;
    const deadline = Date.now() + SQLITE_WRITE_WAIT_MS;
    for (let attempt = 0; ; attempt++) {
      raw.pragma('busy_timeout = 0');
      try {
        return await query('BEGIN IMMEDIATE');
      } catch (err) {
        if (!isBusy(err)) throw err;
        if (Date.now() >= deadline) throw new SqliteWriteLockTimeout();
      } finally {
        raw.pragma(`busy_timeout = ${SQLITE_WRITE_WAIT_MS}`);
      }
      // Another process's write transaction is short (an audit batch, a save): look again soon, then less often.
      await pause(attempt < 20 ? 1 : 5);
    }
  }) as QueryRunner['query'];
  return runner;
}
