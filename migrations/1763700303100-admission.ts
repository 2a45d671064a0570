import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';
import { columns } from './columns.js';

export class Admission1763700303100 implements MigrationInterface {
  name = 'Admission1763700303100';

  async up(qr: QueryRunner): Promise<void> {
    const col = columns(qr);
    await qr.createTable(
      new Table({
        name: 'admission_request',
        columns: [
          col.id(),
          col.int('form_id'),
          col.int('form_version_id'),
          col.int('department_id'),
          col.int('duty_item_id'),
          col.varchar('status', 10),
          col.text('department_does'),
          col.text('village_does'),
          col.text('department_support'),
          col.text('legal_basis'),
          col.text('justification'),
          col.int('submitted_by'),
          col.datetime('submitted_at'),
          col.int('reviewer_id', { isNullable: true }),
          col.datetime('reviewed_at', { isNullable: true }),
          col.text('review_comment', { isNullable: true }),
          col.bool('cap_overridden', false),
          col.bool('system_rejected', false),
          col.text('analysis_json', { isNullable: true }),
          col.int('annual_entries', { default: 0 }),
          col.createdAt(),
          col.updatedAt(),
        ],
        indices: [
          col.index('idx_admission_request_dept_status', ['department_id', 'status']),
          col.index('idx_admission_request_status', ['status']),
          col.index('idx_admission_request_form', ['form_id']),
          col.index('idx_admission_request_duty', ['duty_item_id']),
        ],
      }),
    );
    await qr.createTable(
      new Table({
        name: 'admission_decision',
        columns: [
          col.id(),
          col.int('form_id'),
          col.int('request_id', { isNullable: true }),
          col.varchar('action', 16),
          col.varchar('from_status', 10, { isNullable: true }),
          col.varchar('to_status', 10),
          col.int('actor_id', { isNullable: true }),
          col.text('comment', { isNullable: true }),
          col.datetime('at'),
        ],
        indices: [col.index('idx_admission_decision_request', ['request_id']), col.index('idx_admission_decision_form', ['form_id'])],
      }),
    );
  }

  async down(qr: QueryRunner): Promise<void> {
    for (const text of ['admission_decision', 'admission_request']) await qr.dropTable(text);
  }
}
