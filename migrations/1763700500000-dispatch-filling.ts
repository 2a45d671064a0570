import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';
import { columns } from './columns.js';

export class DispatchFilling1763700500000 implements MigrationInterface {
  name = 'DispatchFilling1763700500000';

  async up(qr: QueryRunner): Promise<void> {
    const c = columns(qr);
    await qr.createTable(
      new Table({
        name: 'task',
        columns: [
          c.id(),
          c.int('form_id'),
          c.int('form_version_id'),
          c.int('department_id'),
          c.varchar('period', 10),
          c.varchar('period_start', 10),
          c.varchar('period_end', 10),
          c.datetime('due_at'),
          c.bool('auto_accept', false),
          c.varchar('status', 8),
          c.int('assignment_count'),
          c.int('created_by'),
          c.createdAt(),
          c.datetime('closed_at', { isNullable: true }),
        ],
        indices: [c.index('idx_task_department', ['department_id', 'id']), c.index('idx_task_form_period', ['form_id', 'period'])],
      }),
    );
    await qr.createTable(
      new Table({
        name: 'assignment',
        columns: [
          c.id(),
          c.int('task_id'),
          c.int('form_id'),
          c.varchar('period', 10),
          c.int('department_id'),
          c.int('region_id'),
          c.int('town_id'),
          c.varchar('status', 12),
          c.datetime('due_at'),
          c.datetime('submitted_at', { isNullable: true }),
          c.datetime('accepted_at', { isNullable: true }),
          c.int('reminder_count', { default: 0 }),
          c.datetime('last_reminded_at', { isNullable: true }),
          c.createdAt(),
        ],
        indices: [
          c.index('uq_assignment_form_region_period', ['form_id', 'region_id', 'period'], true),
          c.index('idx_assignment_task', ['task_id', 'status']),
          c.index('idx_assignment_region_due', ['region_id', 'due_at']),
          c.index('idx_assignment_town_due', ['town_id', 'due_at']),
          c.index('idx_assignment_department_due', ['department_id', 'due_at']),
        ],
      }),
    );
    await qr.createTable(
      new Table({
        name: 'submission',
        columns: [
          c.id(),
          c.int('assignment_id'),
          c.text('values_json'),
          c.int('row_count', { default: 0 }),
          c.varchar('status', 10),
          c.int('version'),
          c.int('autofilled_kept', { default: 0 }),
          c.int('autofilled_changed', { default: 0 }),
          c.int('typed', { default: 0 }),
          c.varchar('return_comment', 500, { isNullable: true }),
          c.int('reviewed_by', { isNullable: true }),
          c.datetime('reviewed_at', { isNullable: true }),
          c.datetime('submitted_at', { isNullable: true }),
          c.int('updated_by'),
          c.createdAt(),
          c.datetime('updated_at'),
        ],
        indices: [c.index('uq_submission_assignment', ['assignment_id'], true)],
      }),
    );
    await qr.createTable(
      new Table({
        name: 'submission_row',
        columns: [
          c.id(),
          c.int('submission_id'),
          c.int('position'),
          c.varchar('id_hash', 64, { isNullable: true }),
          c.varchar('id_cipher', 128, { isNullable: true }),
          c.varchar('id_masked', 18, { isNullable: true }),
          c.text('values_json'),
        ],
        indices: [
          c.index('uq_submission_row_position', ['submission_id', 'position'], true),
          c.index('idx_submission_row_id_hash', ['id_hash']),
        ],
      }),
    );
    await qr.createTable(
      new Table({
        name: 'submission_save',
        columns: [
          c.id(),
          c.int('assignment_id'),
          c.int('submission_id'),
          c.varchar('client_id', 64),
          c.varchar('payload_hash', 64),
          c.int('version'),
          c.int('created_by'),
          c.createdAt(),
        ],
        indices: [c.index('uq_submission_save_client', ['assignment_id', 'client_id'], true)],
      }),
    );
  }

  async down(qr: QueryRunner): Promise<void> {
    for (const t of ['submission_save', 'submission_row', 'submission', 'assignment', 'task']) await qr.dropTable(t);
  }
}
