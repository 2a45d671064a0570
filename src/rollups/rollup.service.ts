import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { ROLLUPS, rollupDelta, rollupRefill, rollupSelect, type AssignmentSnapshot } from './rollups.js';

const CHUNK = 400;

/**
 * Keeps the dashboard rollups (rollup.entities.ts) in step with assignments and submissions:
 * every writer (dispatch, filling) passes the assignment's figures before and after its change, in its own
 * transaction, and the differences are added with one upsert per rollup (`sum = sum + delta`), so
 * concurrent writers never overwrite each other's counts.
 */
@Injectable()
export class RollupService {
  constructor(private readonly dataSource: DataSource) {}

  private get sqlite(): boolean {
    return this.dataSource.options.type === 'better-sqlite3';
  }

  /** Adds the change of these assignments (before → after; null before: new) to every rollup, inside `em`'s transaction. */
  async apply(em: EntityManager, changes: { before: AssignmentSnapshot | null; after: AssignmentSnapshot | null }[]): Promise<void> {
    for (const [def, rows] of rollupDelta(changes)) {
      const cols = [...def.keys, ...def.attrs, ...def.sums];
      const bump = [
        ...def.attrs.map((c) => (this.sqlite ? `${c} = excluded.${c}` : `${c} = VALUES(${c})`)),
        ...def.sums.map((c) => (this.sqlite ? `${c} = ${c} + excluded.${c}` : `${c} = ${c} + VALUES(${c})`)),
      ].join(', ');
      const tail = this.sqlite ? `ON CONFLICT (${def.keys.join(', ')}) DO UPDATE SET ${bump}` : `ON DUPLICATE KEY UPDATE ${bump}`;
      for (let i = 0; i < rows.length; i += CHUNK) {
        const chunk = rows.slice(i, i + CHUNK);
        const params = chunk.flatMap((r) => [...r.key, ...r.attrs, ...r.sums].map((v) => this.param(v)));
        const values = chunk.map(() => `(${cols.map(() => '?').join(', ')})`).join(', ');
        await em.query(`INSERT INTO ${def.table} (${cols.join(', ')}) VALUES ${values} ${tail}`, params);
      }
    }
  }

  /** A value as the driver stores it: SQLite keeps datetimes as UTC text, as TypeORM writes them. */
  private param(v: unknown): unknown {
    if (v instanceof Date && this.sqlite) return v.toISOString().replace('T', ' ').replace('Z', '');
    return v;
  }

  /** Recomputes every rollup from the source tables (after bulk loads that bypass the services). */
  async rebuild(em: EntityManager = this.dataSource.manager): Promise<void> {
    for (const def of ROLLUPS) {
      await em.query(`DELETE FROM ${def.table}`);
      await em.query(rollupRefill(def, this.sqlite));
    }
  }

  /**
   * Differences between the stored rollups and a recomputation from the source tables, one line
   * per differing row naming the columns (empty: in step). Rows whose sums are all zero count as absent.
   */
  async drift(): Promise<string[]> {
    const out: string[] = [];
    for (const def of ROLLUPS) {
      const cols = [...def.attrs, ...def.sums];
      const read = async (sql: string) => {
        const rows = new Map<string, string[]>();
        for (const r of await this.dataSource.query(sql)) {
          if (def.sums.every((c) => Number(r[c] ?? 0) === 0)) continue;
          rows.set(def.keys.map((c) => `${c}=${r[c]}`).join(' '), [
            ...def.attrs.map((c) => this.attr(r[c])),
            ...def.sums.map((c) => String(Number(r[c] ?? 0))),
          ]);
        }
        return rows;
      };
      const stored = await read(`SELECT * FROM ${def.table}`);
      const fresh = await read(rollupSelect(def, this.sqlite));
      for (const k of new Set([...stored.keys(), ...fresh.keys()])) {
        const [a, b] = [stored.get(k), fresh.get(k)];
        const diff = cols
          .filter((_, i) => a?.[i] !== b?.[i])
          .map((c) => `${c} ${a ? a[cols.indexOf(c)] : '—'} → ${b ? b[cols.indexOf(c)] : '—'}`);
        if (diff.length) out.push(`${def.table} ${k}: ${diff.join(', ')}`);
      }
    }
    return out;
  }

  private attr(v: unknown): string {
    if (v instanceof Date) return String(v.getTime());
    const s = String(v);
    return /^\d{4}-\d\d-\d\d[ T]\d\d:\d\d/.test(s) ? String(new Date(s.replace(' ', 'T') + (s.endsWith('Z') ? '' : 'Z')).getTime()) : s;
  }
}
