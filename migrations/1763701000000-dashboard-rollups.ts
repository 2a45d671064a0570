import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';
import { ROLLUPS, rollupRefill } from '../src/rollups/rollups.js';
import { columns } from './columns.js';

/**
 * Dashboard rollups (src/dispatch/rollup.entities.ts): running totals per task and town, per
 * month of submission, and per village and year, kept by the writers in their transactions. The
 * existing assignments and submissions are counted in once here.
 */
export class DashboardRollups1763701000000 implements MigrationInterface {
  name = 'DashboardRollups1763701000000';

  async up(qr: QueryRunner): Promise<void> {
    const c = columns(qr);
    const sum = (name: string) => c.int(name, { default: 0 });
    await qr.createTable(
      new Table({
        name: 'rollup_task_town',
        columns: [
          c.int('task_id', { isPrimary: true }),
          c.int('town_id', { isPrimary: true }),
          c.int('department_id'),
          c.int('form_id'),
          c.datetime('due_at'),
          ...[
            'total',
            'not_started',
            'draft',
            'submitted',
            'returned',
            'accepted',
            'submitted_ever',
            'on_time',
            'kept',
            'changed',
            'typed',
          ].map(sum),
        ],
        indices: [
          c.index('idx_rollup_task_town_due', ['due_at', 'town_id', 'department_id']),
          c.index('idx_rollup_task_town_town', ['town_id', 'due_at']),
          c.index('idx_rollup_task_town_department', ['department_id', 'due_at']),
        ],
      }),
    );
    await qr.createTable(
      new Table({
        name: 'rollup_fill_month',
        columns: [
          c.varchar('month', 7, { isPrimary: true }),
          c.int('town_id', { isPrimary: true }),
          c.int('department_id', { isPrimary: true }),
          sum('kept'),
          sum('other'),
        ],
        indices: [
          c.index('idx_rollup_fill_month_town', ['town_id', 'month']),
          c.index('idx_rollup_fill_month_department', ['department_id', 'month']),
        ],
      }),
    );
    await qr.createTable(
      new Table({
        name: 'rollup_village_year',
        columns: [
          c.int('year', { isPrimary: true }),
          c.int('region_id', { isPrimary: true }),
          c.int('department_id', { isPrimary: true }),
          c.int('town_id'),
          sum('fills_due'),
          sum('typed'),
          sum('kept'),
        ],
        indices: [
          c.index('idx_rollup_village_year_town', ['year', 'town_id']),
          c.index('idx_rollup_village_year_department', ['year', 'department_id']),
        ],
      }),
    );
    for (const def of ROLLUPS) await qr.query(rollupRefill(def, c.sqlite));
  }

  async down(qr: QueryRunner): Promise<void> {
    for (const t of ['rollup_village_year', 'rollup_fill_month', 'rollup_task_town']) await qr.dropTable(t);
  }
}
