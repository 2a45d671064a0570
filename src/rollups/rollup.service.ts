import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import {
  ALL_ROLLUPS,
  ORDER_ROLLUPS,
  orderRollupDelta,
  rollupDelta,
  rollupRefill,
  rollupSelect,
  type AnyRollupDef,
  type AssignmentSnapshot,
  type OrderVillageSnapshot,
  type RollupRow,
} from './rollups.js';

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
    await this.add(em, rollupDelta(changes));
  }

  /** The same for work orders' villages (派发, 接收, 办结), inside the orders module's transaction. */
  async applyOrders(
    em: EntityManager,
    changes: { before: OrderVillageSnapshot | null; after: OrderVillageSnapshot | null }[],
  ): Promise<void> {
    await this.add(em, orderRollupDelta(changes));
  }

  private async add(em: EntityManager, delta: Map<AnyRollupDef, RollupRow[]>): Promise<void> {
    for (const [def, rows] of delta) {
      const cols = [...def.keys, ...def.attrs, ...def.sums];
      const bump = [
        ...def.attrs.map((attr) => (this.sqlite ? `${attr} = excluded.${attr}` : `${attr} = VALUES(${attr})`)),
        ...def.sums.map((sum) => (this.sqlite ? `${sum} = ${sum} + excluded.${sum}` : `${sum} = ${sum} + VALUES(${sum})`)),
      ].join(', ');
      const tail = this.sqlite ? `ON CONFLICT (${def.keys.join(', ')}) DO UPDATE SET ${bump}` : `ON DUPLICATE KEY UPDATE ${bump}`;
      for (let i = 0; i < rows.length; i += CHUNK) {
        const chunk = rows.slice(i, i + CHUNK);
        const params = chunk.flatMap((rollupRow) =>
          [...rollupRow.key, ...rollupRow.attrs, ...rollupRow.sums].map((item) => this.param(item)),
        );
        const values = chunk.map(() => `(${cols.map(() => '?').join(', ')})`).join(', ');
        await em.query(`INSERT INTO ${def.table} (${cols.join(', ')}) VALUES ${values} ${tail}`, params);
      }
    }
  }

  /** A value as the driver stores it: SQLite keeps datetimes as UTC text, as TypeORM writes them. */
  private param(value: unknown): unknown {
    if (value instanceof Date && this.sqlite) return value.toISOString().replace('T', ' ').replace('Z', '');
    return value;
  }

  /** Recomputes every rollup from the source tables (after bulk loads that bypass the services). */
  async rebuild(em: EntityManager = this.dataSource.manager): Promise<void> {
    await this.refill(em, ALL_ROLLUPS);
  }

  /** Recomputes the orders' rollups alone (the demo's time travel moves orders' dates behind the services). */
  async rebuildOrders(em: EntityManager): Promise<void> {
    await this.refill(em, ORDER_ROLLUPS);
  }

  private async refill(em: EntityManager, defs: AnyRollupDef[]): Promise<void> {
    for (const def of defs) {
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
    for (const def of ALL_ROLLUPS) {
      const cols = [...def.attrs, ...def.sums];
      const read = async (sql: string) => {
        const rows = new Map<string, string[]>();
        for (const row of await this.dataSource.query(sql)) {
          if (def.sums.every((sum) => Number(row[sum] ?? 0) === 0)) continue;
          rows.set(def.keys.map((key) => `${key}=${row[key]}`).join(' '), [
            ...def.attrs.map((attr) => this.attr(row[attr])),
            ...def.sums.map((sum) => String(Number(row[sum] ?? 0))),
          ]);
        }
        return rows;
      };
      const stored = await read(`SELECT * FROM ${def.table}`);
      const fresh = await read(rollupSelect(def, this.sqlite));
      for (const k of new Set([...stored.keys(), ...fresh.keys()])) {
        const [texts, textsB] = [stored.get(k), fresh.get(k)];
        const diff = cols
          .filter((_, i) => texts?.[i] !== textsB?.[i])
          .map((col) => `${col} ${texts ? texts[cols.indexOf(col)] : '—'} → ${textsB ? textsB[cols.indexOf(col)] : '—'}`);
        if (diff.length) out.push(`${def.table} ${k}: ${diff.join(', ')}`);
      }
    }
    return out;
  }

  private attr(value: unknown): string {
    if (value instanceof Date) return String(value.getTime());
    const text = String(value);
    return /^\d{4}-\d\d-\d\d[ T]\d\d:\d\d/.test(text)
      ? String(new Date(text.replace(' ', 'T') + (text.endsWith('Z') ? '' : 'Z')).getTime())
      : text;
  }
}
