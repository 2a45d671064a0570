import { Injectable } from '@nestjs/common';
import { DataSource, In, type EntityManager } from 'typeorm';
import { Assignment } from './assignment.entity.js';
import { Submission } from '../filling/submission.entity.js';
import { ROLLUPS, rollupDelta, rollupRefill, rollupSelect, type AssignmentSnapshot } from './rollups.js';

const CHUNK = 400;

/**
 * Keeps the dashboard rollups (rollup.entities.ts) in step with assignments and submissions:
 * every writer passes the assignment's state before and after its change, in its own
 * transaction, and the differences are added with one upsert per rollup (`sum = sum + delta`), so
 * concurrent writers never overwrite each other's counts.
 */
@Injectable()
export class RollupService {
  constructor(private readonly dataSource: DataSource) {}

  private get sqlite(): boolean {
    return this.dataSource.options.type === 'better-sqlite3';
  }

  /** The rollup-relevant state of an assignment and its submission (if any). */
  snapshot(a: Assignment, sub: Submission | null): AssignmentSnapshot {
    return {
      taskId: a.taskId,
      formId: a.formId,
      departmentId: a.departmentId,
      regionId: a.regionId,
      townId: a.townId,
      dueAt: a.dueAt,
      status: a.status,
      submittedAt: a.submittedAt ?? null,
      sub: sub
        ? {
            status: sub.status,
            submittedAt: sub.submittedAt ?? null,
            kept: sub.autofilledKept,
            changed: sub.autofilledChanged,
            typed: sub.typed,
          }
        : null,
    };
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

  /** The current snapshots of the assignments of these tasks (with their submissions), by assignment id. */
  async snapshotsOfTasks(em: EntityManager, taskIds: number[]): Promise<Map<number, AssignmentSnapshot>> {
    const out = new Map<number, AssignmentSnapshot>();
    for (let i = 0; i < taskIds.length; i += CHUNK) {
      const list = await em.getRepository(Assignment).findBy({ taskId: In(taskIds.slice(i, i + CHUNK)) });
      const subs = new Map<number, Submission>();
      for (let j = 0; j < list.length; j += CHUNK)
        for (const sb of await em.getRepository(Submission).findBy({ assignmentId: In(list.slice(j, j + CHUNK).map((a) => a.id)) }))
          subs.set(sb.assignmentId, sb);
      for (const a of list) out.set(a.id, this.snapshot(a, subs.get(a.id) ?? null));
    }
    return out;
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
