import type { DataSource } from 'typeorm';

const MAX_STATEMENTS = 256;
const statements = new WeakMap<object, Map<string, { all(...params: unknown[]): unknown[] }>>();

/**
 * A read-only statement on a hot path (autofill): on SQLite straight to better-sqlite3's prepared
 * statement, skipping TypeORM's per-statement query runner, broadcaster and awaits (~70 µs each);
 * on MySQL through TypeORM as usual. Logged (and so counted) like every other statement. Rows come
 * back as plain objects with the column names of the SQL, as `dataSource.query` returns them.
 */
export async function hotRead<T = any>(ds: DataSource, sql: string, params: unknown[]): Promise<T[]> {
  if (ds.options.type !== 'better-sqlite3') return ds.query(sql, params);
  const db = (ds.driver as unknown as { databaseConnection: { prepare(sql: string): { all(...p: unknown[]): unknown[] } } }).databaseConnection;
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
  } catch (e) {
    ds.logger.logQueryError(e as Error, sql, params);
    throw e;
  }
}
