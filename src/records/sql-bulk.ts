import type { EntityManager } from 'typeorm';

/** Rows per multi-row statement, kept under SQLite's and MySQL's placeholder limits. */
export const MAX_PARAMS = 30000;
/** And at most this many rows per statement, however few parameters each row has. */
const MAX_ROWS = 5000;

/** A value better-sqlite3 binds as a named parameter (booleans it cannot bind). */
const bindable = (value: unknown) => value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'bigint';

/**
 * Multi-row INSERT with positional parameters, chunked; returns the ids given to the rows in
 * order. Ids are consecutive within one statement (SQLite: writes are serialised, last rowid;
 * MySQL/InnoDB: a simple multi-row insert gets a consecutive block, first insertId).
 *
 * On SQLite a column that holds the same value in every row (an import's subject type, date and
 * source) is bound once per statement as a named parameter rather than once per row: binding is
 * most of the cost of a bulk insert there (an import's fact rows go from 7 parameters to 3).
 */
export async function bulkInsert(
  em: EntityManager,
  table: string,
  cols: string[],
  rows: unknown[][],
  wantIds = false,
  /** Rows that repeat a unique key are passed over (SQLite INSERT OR IGNORE, MySQL INSERT IGNORE); no ids then. */
  ignoreDuplicates = false,
): Promise<number[]> {
  const ids: number[] = [];
  if (!rows.length) return ids;
  const sqlite = em.connection.driver.options.type === 'better-sqlite3';
  if (ignoreDuplicates && wantIds) throw new Error('bulkInsert: ids are not consecutive when duplicates are passed over');
  const first = rows[0];
  const constant = cols.map((_, j) => sqlite && bindable(first[j]) && rows.every((row) => row[j] === first[j]));
  const varying = cols.map((_, j) => j).filter((j) => !constant[j]);
  const named: Record<string, unknown> = {};
  cols.forEach((_, j) => constant[j] && (named[`c${j}`] = first[j]));
  const hasNamed = varying.length < cols.length;
  const per = Math.min(MAX_ROWS, Math.max(1, Math.floor(MAX_PARAMS / Math.max(1, varying.length))));
  const rowSql = `(${cols.map((_, j) => (constant[j] ? `@c${j}` : '?')).join(',')})`;
  const verb = !ignoreDuplicates ? 'INSERT' : sqlite ? 'INSERT OR IGNORE' : 'INSERT IGNORE';
  const head = `${verb} INTO ${table} (${cols.join(',')}) VALUES `;
  for (let i = 0; i < rows.length; i += per) {
    const end = Math.min(rows.length, i + per);
    const params: unknown[] = [];
    for (let k = i; k < end; k++) {
      const row = rows[k];
      for (const j of varying) params.push(row[j]);
    }
    if (hasNamed) params.push(named);
    // SQLite (TypeORM's better-sqlite3 driver) answers an INSERT with the last row id; mysql2 with a result header.
    const res: number | { insertId: number } = await em.query(
      head +
        Array(end - i)
          .fill(rowSql)
          .join(','),
      params,
    );
    if (!wantIds) continue;
    if (sqlite) {
      const last = Number(res as number);
      for (let k = end - i - 1; k >= 0; k--) ids.push(last - k);
    } else {
      const first = Number((res as { insertId: number }).insertId);
      for (let k = 0; k < end - i; k++) ids.push(first + k);
    }
  }
  return ids;
}

/**
 * INSERT … SELECT of the rows of `from` with the given ids (any order): consecutive ids go by
 * range (`BETWEEN`), the rest by `IN` lists. Lets a bulk write derive rows from rows it has just
 * written (current values from facts) without sending their values again.
 */
export async function copyRowsById(
  em: EntityManager,
  into: string,
  intoCols: string[],
  from: string,
  fromCols: string[],
  ids: number[],
): Promise<void> {
  if (!ids.length) return;
  const sorted = [...ids].sort((left, right) => left - right);
  const head = `INSERT INTO ${into} (${intoCols.join(',')}) SELECT ${fromCols.join(',')} FROM ${from} WHERE `;
  const loose: number[] = [];
  for (let i = 0; i < sorted.length;) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j] + 1) j++;
    if (j - i + 1 >= 16) await em.query(`${head}id BETWEEN ? AND ?`, [sorted[i], sorted[j]]);
    else for (let k = i; k <= j; k++) loose.push(sorted[k]);
    i = j + 1;
  }
  await inSlices(loose, 500, async (nums) => {
    await em.query(`${head}id IN (${placeholders(nums.length)})`, nums);
    return [];
  });
}

/** Runs `fn` over `items` in slices (e.g. for `IN (…)` lists). */
export async function inSlices<T, R>(items: T[], size: number, fn: (slice: T[]) => Promise<R[]>): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < items.length; i += size) out.push(...(await fn(items.slice(i, i + size))));
  return out;
}

export const placeholders = (num: number) => Array(num).fill('?').join(',');
