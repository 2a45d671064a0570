import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Read models (src/<module>/<module>.read-models.ts): one view per table another module reads, each a
 * plain projection of its owner's table with the column names unchanged — no joins, no expressions, so
 * SQLite flattens it and MySQL merges it into the reading query and the tables' indexes are still used.
 * Written out here as they are at this migration; an owner that changes its table changes its view in
 * the same migration. TypeORM does not see these views (it manages only views listed in its
 * typeorm_metadata table, i.e. @ViewEntity), so the schema check compares tables alone.
 *
 * SQLite: TypeORM alters a table by rebuilding it (create temporary_x, copy, drop x, rename), and the
 * rename fails while a view reads x ("error in view rm_x: no such table"). A later migration that alters
 * a table behind a read model drops that view first and creates it again afterwards (both ways, up and down).
 */
export const READ_MODEL_VIEWS: [view: string, table: string, columns: string[]][] = [
  ['rm_form', 'form', ['id', 'title', 'department_id', 'target_level', 'status']],
  [
    'rm_admission_request',
    'admission_request',
    ['id', 'form_id', 'department_id', 'status', 'submitted_at', 'reviewed_at', 'system_rejected', 'annual_entries'],
  ],
  ['rm_admission_decision', 'admission_decision', ['id', 'request_id', 'form_id', 'action', 'at']],
  ['rm_task', 'task', ['id', 'department_id', 'status', 'period', 'due_at']],
  [
    'rm_assignment',
    'assignment',
    ['id', 'task_id', 'form_id', 'department_id', 'region_id', 'town_id', 'status', 'due_at', 'submitted_at'],
  ],
  ['rm_submission', 'submission', ['assignment_id', 'status', 'submitted_at', 'autofilled_kept', 'autofilled_changed', 'typed']],
  ['rm_feedback', 'feedback', ['type', 'status', 'from_monitoring_point', 'town_id', 'village_id', 'department_id', 'created_at']],
  [
    'rm_rollup_task_town',
    'rollup_task_town',
    [
      'task_id',
      'town_id',
      'department_id',
      'due_at',
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
    ],
  ],
  ['rm_rollup_fill_month', 'rollup_fill_month', ['month', 'town_id', 'department_id', 'kept', 'other']],
  ['rm_rollup_village_year', 'rollup_village_year', ['year', 'region_id', 'department_id', 'town_id', 'fills_due', 'typed', 'kept']],
];

export class ReadModels1763701100000 implements MigrationInterface {
  name = 'ReadModels1763701100000';

  async up(qr: QueryRunner): Promise<void> {
    const quote = (name: string) => qr.connection.driver.escape(name);
    for (const [view, table, cols] of READ_MODEL_VIEWS)
      await qr.query(`CREATE VIEW ${quote(view)} AS SELECT ${cols.map(quote).join(', ')} FROM ${quote(table)}`);
  }

  async down(qr: QueryRunner): Promise<void> {
    const quote = (name: string) => qr.connection.driver.escape(name);
    for (const [view] of [...READ_MODEL_VIEWS].reverse()) await qr.query(`DROP VIEW ${quote(view)}`);
  }
}
