import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';
import { columns } from './columns.js';

export class DispatchFilling1763700500000 implements MigrationInterface {
  name = 'DispatchFilling1763700500000';

  async up(qr: QueryRunner): Promise<void> {
    const col = columns(qr);
    await qr.createTable(
      new Table({
        name: 'task',
        columns: [
          col.id(),
          col.int('form_id'),
          col.int('form_version_id'),
          col.int('department_id'),
          col.varchar('period', 10),
          col.varchar('period_start', 10),
          col.varchar('period_end', 10),
          col.datetime('due_at'),
          col.bool('auto_accept', false),
          col.varchar('status', 8),
          col.int('assignment_count'),
          col.int('created_by'),
          col.createdAt(),
          col.datetime('closed_at', { isNullable: true }),
        ],
        indices: [col.index('idx_task_department', ['department_id', 'id']), col.index('idx_task_form_period', ['form_id', 'period'])],
      }),
    );
    await qr.createTable(
      new Table({
        name: 'assignment',
        columns: [
          col.id(),
          col.int('task_id'),
          col.int('form_id'),
          col.varchar('period', 10),
          col.int('department_id'),
          col.int('region_id'),
          col.int('town_id'),
          col.varchar('status', 12),
          col.datetime('due_at'),
          col.datetime('submitted_at', { isNullable: true }),
          col.datetime('accepted_at', { isNullable: true }),
          col.int('reminder_count', { default: 0 }),
          col.datetime('last_reminded_at', { isNullable: true }),
          col.createdAt(),
        ],
        indices: [
          col.index('uq_assignment_form_region_period', ['form_id', 'region_id', 'period'], true),
          col.index('idx_assignment_task', ['task_id', 'status']),
          col.index('idx_assignment_region_due', ['region_id', 'due_at']),
          col.index('idx_assignment_town_due', ['town_id', 'due_at']),
          col.index('idx_assignment_department_due', ['department_id', 'due_at']),
        ],
      }),
    );
    await qr.createTable(
      new Table({
        name: 'submission',
        columns: [
          col.id(),
          col.int('assignment_id'),
          col.text('values_json'),
          col.int('row_count', { default: 0 }),
          col.varchar('status', 10),
          col.int('version'),
          col.int('autofilled_kept', { default: 0 }),
          col.int('autofilled_changed', { default: 0 }),
          col.int('typed', { default: 0 }),
          col.varchar('return_comment', 500, { isNullable: true }),
          col.int('reviewed_by', { isNullable: true }),
          col.datetime('reviewed_at', { isNullable: true }),
          col.datetime('submitted_at', { isNullable: true }),
          col.int('updated_by'),
          col.createdAt(),
          col.datetime('updated_at'),
        ],
        indices: [col.index('uq_submission_assignment', ['assignment_id'], true)],
      }),
    );
    await qr.createTable(
      new Table({
        name: 'submission_row',
        columns: [
          col.id(),
          col.int('submission_id'),
          col.int('position'),
          col.varchar('id_hash', 64, { isNullable: true }),
          col.varchar('id_cipher', 128, { isNullable: true }),
          col.varchar('id_masked', 18, { isNullable: true }),
          col.text('values_json'),
        ],
        indices: [
          col.index('uq_submission_row_position', ['submission_id', 'position'], true),
          col.index('idx_submission_row_id_hash', ['id_hash']),
        ],
      }),
    );
    await qr.createTable(
      new Table({
        name: 'submission_save',
        columns: [
          col.id(),
          col.int('assignment_id'),
          col.int('submission_id'),
          col.varchar('client_id', 64),
          col.varchar('payload_hash', 64),
          col.int('version'),
          col.int('created_by'),
          col.createdAt(),
        ],
        indices: [col.index('uq_submission_save_client', ['assignment_id', 'client_id'], true)],
      }),
    );
  }

  async down(qr: QueryRunner): Promise<void> {
    for (const text of ['submission_save', 'submission_row', 'submission', 'assignment', 'task']) await qr.dropTable(text);
  }
}
