import type { DataSource } from 'typeorm';

const MAX_STATEMENTS = 256;
const statements = new WeakMap<object, Map<string, { all(...params: unknown[]): unknown[] }>>();

type PromisePool = { query(sql: string, params: unknown[]): Promise<[unknown, unknown]> };
const promisePools = new WeakMap<object, PromisePool>();

/**
 * A read-only statement on a hot path (autofill), outside any transaction: on SQLite straight to
 * better-sqlite3's prepared statement, on MySQL straight to the mysql2 pool TypeORM opened (same
 * connection options), skipping TypeORM's per-statement query runner, broadcaster and awaits
 * (~70 µs each). Logged (and so counted) like every other statement. Rows come back as plain
 * objects with the column names of the SQL, as `dataSource.query` returns them.
 */
export async function hotRead<T = Record<string, unknown>>(ds: DataSource, sql: string, params: unknown[]): Promise<T[]> {
  if (ds.options.type !== 'better-sqlite3') {
    const pool = (ds.driver as unknown as { pool?: { promise(): PromisePool } }).pool;
    if (!pool?.promise) return ds.query(sql, params);
    let promisePool = promisePools.get(pool);
    if (!promisePool) promisePools.set(pool, (promisePool = pool.promise()));
    ds.logger.logQuery(sql, params);
    try {
      return (await promisePool.query(sql, params))[0] as T[];
    } catch (err) {
      ds.logger.logQueryError(err as Error, sql, params);
      throw err;
    }
  }
  const db = (ds.driver as unknown as { databaseConnection: { prepare(sql: string): { all(...value: unknown[]): unknown[] } } })
    .databaseConnection;
  let cache = statements.get(db);
  if (!cache) statements.set(db, (cache = new Map()));
  ds.logger.logQuery(sql, params);
  try {
    let stmt = cache.get(sql);
    if (!stmt) {
      if (cache.size >= MAX_STATEMENTS) cache.clear();
      cache.set(sql, (stmt = db.prepare(sql)));
    }
    return stmt.all(...params) as T[];
  } catch (err) {
    ds.logger.logQueryError(err as Error, sql, params);
    throw err;
  }
}
