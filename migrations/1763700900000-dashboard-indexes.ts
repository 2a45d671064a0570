import { TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * Covering indexes for the dashboards (insights): city-wide aggregates read an index instead of
 * the table — assignments by due date with status, submission time and scope columns; submissions
 * by status and time with the autofill counts, and by assignment for the burden joins; open tasks.
 * One index per step (MySQL DDL is not transactional).
 */
export const DASHBOARD_INDEXES: [string, string, string[]][] = [
  ['assignment', 'idx_assignment_due_cover', ['due_at', 'status', 'submitted_at', 'region_id', 'town_id', 'department_id']],
  ['submission', 'idx_submission_status_submitted', ['status', 'submitted_at', 'autofilled_kept', 'autofilled_changed', 'typed']],
  ['submission', 'idx_submission_assignment_cover', ['assignment_id', 'status', 'typed', 'autofilled_kept', 'autofilled_changed']],
  ['task', 'idx_task_status', ['status', 'id']],
];

export class DashboardIndexes1763700900000 implements MigrationInterface {
  name = 'DashboardIndexes1763700900000';

  async up(qr: QueryRunner): Promise<void> {
    for (const [table, name, columnNames] of DASHBOARD_INDEXES) await qr.createIndex(table, new TableIndex({ name, columnNames }));
  }

  async down(qr: QueryRunner): Promise<void> {
    for (const [table, name] of [...DASHBOARD_INDEXES].reverse()) await qr.dropIndex(table, name);
  }
}
