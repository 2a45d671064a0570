import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';
import { columns } from './columns.js';

/** The rollups filled from the tables as they were when this migration was written (frozen: later code may read other views). */
const REFILL = {
  sqlite: [
    "INSERT INTO rollup_task_town (task_id, town_id, department_id, form_id, due_at, total, not_started, draft, submitted, returned, accepted, submitted_ever, on_time, kept, changed, typed) SELECT a.task_id AS task_id, a.town_id AS town_id, MIN(a.department_id) AS department_id, MIN(a.form_id) AS form_id, MIN(a.due_at) AS due_at, COUNT(*) AS total, SUM(CASE WHEN a.status = 'NOT_STARTED' THEN 1 ELSE 0 END) AS not_started, SUM(CASE WHEN a.status = 'DRAFT' THEN 1 ELSE 0 END) AS draft, SUM(CASE WHEN a.status = 'SUBMITTED' THEN 1 ELSE 0 END) AS submitted, SUM(CASE WHEN a.status = 'RETURNED' THEN 1 ELSE 0 END) AS returned, SUM(CASE WHEN a.status = 'ACCEPTED' THEN 1 ELSE 0 END) AS accepted, SUM(CASE WHEN a.submitted_at IS NOT NULL THEN 1 ELSE 0 END) AS submitted_ever, SUM(CASE WHEN a.submitted_at IS NOT NULL AND a.submitted_at <= a.due_at THEN 1 ELSE 0 END) AS on_time, SUM(CASE WHEN sb.status IN ('SUBMITTED','ACCEPTED') THEN sb.autofilled_kept ELSE 0 END) AS kept, SUM(CASE WHEN sb.status IN ('SUBMITTED','ACCEPTED') THEN sb.autofilled_changed ELSE 0 END) AS changed, SUM(CASE WHEN sb.status IN ('SUBMITTED','ACCEPTED') THEN sb.typed ELSE 0 END) AS typed FROM assignment a LEFT JOIN submission sb ON sb.assignment_id = a.id GROUP BY a.task_id, a.town_id",
    "INSERT INTO rollup_fill_month (month, town_id, department_id, kept, other) SELECT SUBSTR(sb.submitted_at, 1, 7) AS month, a.town_id AS town_id, a.department_id AS department_id, SUM(sb.autofilled_kept) AS kept, SUM(sb.autofilled_changed + sb.typed) AS other FROM submission sb INNER JOIN assignment a ON a.id = sb.assignment_id WHERE sb.status IN ('SUBMITTED','ACCEPTED') AND sb.submitted_at IS NOT NULL GROUP BY SUBSTR(sb.submitted_at, 1, 7), a.town_id, a.department_id",
    "INSERT INTO rollup_village_year (year, region_id, department_id, town_id, fills_due, typed, kept) SELECT CAST(SUBSTR(a.due_at, 1, 4) AS INTEGER) AS year, a.region_id AS region_id, a.department_id AS department_id, MIN(a.town_id) AS town_id, COUNT(*) AS fills_due, SUM(CASE WHEN sb.status IN ('SUBMITTED','ACCEPTED') THEN sb.typed ELSE 0 END) AS typed, SUM(CASE WHEN sb.status IN ('SUBMITTED','ACCEPTED') THEN sb.autofilled_kept ELSE 0 END) AS kept FROM assignment a LEFT JOIN submission sb ON sb.assignment_id = a.id GROUP BY CAST(SUBSTR(a.due_at, 1, 4) AS INTEGER), a.region_id, a.department_id",
  ],
  mysql: [
    "INSERT INTO rollup_task_town (task_id, town_id, department_id, form_id, due_at, total, not_started, draft, submitted, returned, accepted, submitted_ever, on_time, kept, changed, typed) SELECT a.task_id AS task_id, a.town_id AS town_id, MIN(a.department_id) AS department_id, MIN(a.form_id) AS form_id, MIN(a.due_at) AS due_at, COUNT(*) AS total, SUM(CASE WHEN a.status = 'NOT_STARTED' THEN 1 ELSE 0 END) AS not_started, SUM(CASE WHEN a.status = 'DRAFT' THEN 1 ELSE 0 END) AS draft, SUM(CASE WHEN a.status = 'SUBMITTED' THEN 1 ELSE 0 END) AS submitted, SUM(CASE WHEN a.status = 'RETURNED' THEN 1 ELSE 0 END) AS returned, SUM(CASE WHEN a.status = 'ACCEPTED' THEN 1 ELSE 0 END) AS accepted, SUM(CASE WHEN a.submitted_at IS NOT NULL THEN 1 ELSE 0 END) AS submitted_ever, SUM(CASE WHEN a.submitted_at IS NOT NULL AND a.submitted_at <= a.due_at THEN 1 ELSE 0 END) AS on_time, SUM(CASE WHEN sb.status IN ('SUBMITTED','ACCEPTED') THEN sb.autofilled_kept ELSE 0 END) AS kept, SUM(CASE WHEN sb.status IN ('SUBMITTED','ACCEPTED') THEN sb.autofilled_changed ELSE 0 END) AS changed, SUM(CASE WHEN sb.status IN ('SUBMITTED','ACCEPTED') THEN sb.typed ELSE 0 END) AS typed FROM assignment a LEFT JOIN submission sb ON sb.assignment_id = a.id GROUP BY a.task_id, a.town_id",
    "INSERT INTO rollup_fill_month (month, town_id, department_id, kept, other) SELECT SUBSTR(sb.submitted_at, 1, 7) AS month, a.town_id AS town_id, a.department_id AS department_id, SUM(sb.autofilled_kept) AS kept, SUM(sb.autofilled_changed + sb.typed) AS other FROM submission sb INNER JOIN assignment a ON a.id = sb.assignment_id WHERE sb.status IN ('SUBMITTED','ACCEPTED') AND sb.submitted_at IS NOT NULL GROUP BY SUBSTR(sb.submitted_at, 1, 7), a.town_id, a.department_id",
    "INSERT INTO rollup_village_year (year, region_id, department_id, town_id, fills_due, typed, kept) SELECT CAST(SUBSTR(a.due_at, 1, 4) AS SIGNED) AS year, a.region_id AS region_id, a.department_id AS department_id, MIN(a.town_id) AS town_id, COUNT(*) AS fills_due, SUM(CASE WHEN sb.status IN ('SUBMITTED','ACCEPTED') THEN sb.typed ELSE 0 END) AS typed, SUM(CASE WHEN sb.status IN ('SUBMITTED','ACCEPTED') THEN sb.autofilled_kept ELSE 0 END) AS kept FROM assignment a LEFT JOIN submission sb ON sb.assignment_id = a.id GROUP BY CAST(SUBSTR(a.due_at, 1, 4) AS SIGNED), a.region_id, a.department_id",
  ],
};

/**
 * Dashboard rollups (src/dispatch/rollup.entities.ts): running totals per task and town, per
 * month of submission, and per village and year, kept by the writers in their transactions. The
 * existing assignments and submissions are counted in once here.
 */
export class DashboardRollups1763701000000 implements MigrationInterface {
  name = 'DashboardRollups1763701000000';

  async up(qr: QueryRunner): Promise<void> {
    const col = columns(qr);
    const sum = (name: string) => col.int(name, { default: 0 });
    await qr.createTable(
      new Table({
        name: 'rollup_task_town',
        columns: [
          col.int('task_id', { isPrimary: true }),
          col.int('town_id', { isPrimary: true }),
          col.int('department_id'),
          col.int('form_id'),
          col.datetime('due_at'),
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
          col.index('idx_rollup_task_town_due', ['due_at', 'town_id', 'department_id']),
          col.index('idx_rollup_task_town_town', ['town_id', 'due_at']),
          col.index('idx_rollup_task_town_department', ['department_id', 'due_at']),
        ],
      }),
    );
    await qr.createTable(
      new Table({
        name: 'rollup_fill_month',
        columns: [
          col.varchar('month', 7, { isPrimary: true }),
          col.int('town_id', { isPrimary: true }),
          col.int('department_id', { isPrimary: true }),
          sum('kept'),
          sum('other'),
        ],
        indices: [
          col.index('idx_rollup_fill_month_town', ['town_id', 'month']),
          col.index('idx_rollup_fill_month_department', ['department_id', 'month']),
        ],
      }),
    );
    await qr.createTable(
      new Table({
        name: 'rollup_village_year',
        columns: [
          col.int('year', { isPrimary: true }),
          col.int('region_id', { isPrimary: true }),
          col.int('department_id', { isPrimary: true }),
          col.int('town_id'),
          sum('fills_due'),
          sum('typed'),
          sum('kept'),
        ],
        indices: [
          col.index('idx_rollup_village_year_town', ['year', 'town_id']),
          col.index('idx_rollup_village_year_department', ['year', 'department_id']),
        ],
      }),
    );
    for (const sql of col.sqlite ? REFILL.sqlite : REFILL.mysql) await qr.query(sql);
  }

  async down(qr: QueryRunner): Promise<void> {
    for (const text of ['rollup_village_year', 'rollup_fill_month', 'rollup_task_town']) await qr.dropTable(text);
  }
}
