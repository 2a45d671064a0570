import type { EntityManager } from 'typeorm';

/** Rows per multi-row statement, kept under SQLite's and MySQL's placeholder limits. */
export const MAX_PARAMS = 30000;

/**
 * Multi-row INSERT with positional parameters, chunked; returns the ids given to the rows in
 * order. Ids are consecutive within one statement (SQLite: writes are serialised, last rowid;
 * MySQL/InnoDB: a simple multi-row insert gets a consecutive block, first insertId).
 */
export async function bulkInsert(em: EntityManager, table: string, cols: string[], rows: unknown[][], wantIds = false): Promise<number[]> {
  const ids: number[] = [];
  if (!rows.length) return ids;
  const sqlite = em.connection.driver.options.type === 'better-sqlite3';
  const per = Math.max(1, Math.floor(MAX_PARAMS / cols.length));
  const rowSql = `(${cols.map(() => '?').join(',')})`;
  const head = `INSERT INTO ${table} (${cols.join(',')}) VALUES `;
  for (let i = 0; i < rows.length; i += per) {
    const chunk = rows.slice(i, i + per);
    const params: unknown[] = [];
    for (const r of chunk) for (const v of r) params.push(v);
    const res: any = await em.query(head + Array(chunk.length).fill(rowSql).join(','), params);
    if (!wantIds) continue;
    if (sqlite) {
      const last = Number(res);
      for (let k = chunk.length - 1; k >= 0; k--) ids.push(last - k);
    } else {
      const first = Number(res.insertId);
      for (let k = 0; k < chunk.length; k++) ids.push(first + k);
    }
  }
  return ids;
}

/** Runs `fn` over `items` in slices (e.g. for `IN (…)` lists). */
export async function inSlices<T, R>(items: T[], size: number, fn: (slice: T[]) => Promise<R[]>): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < items.length; i += size) out.push(...(await fn(items.slice(i, i + size))));
  return out;
}

export const placeholders = (n: number) => Array(n).fill('?').join(',');
