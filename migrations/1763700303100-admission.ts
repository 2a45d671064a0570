import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';
import { columns } from './columns.js';

export class Admission1763700303100 implements MigrationInterface {
  name = 'Admission1763700303100';

  async up(qr: QueryRunner): Promise<void> {
    const c = columns(qr);
    await qr.createTable(
      new Table({
        name: 'admission_request',
        columns: [
          c.id(),
          c.int('form_id'),
          c.int('form_version_id'),
          c.int('department_id'),
          c.int('duty_item_id'),
          c.varchar('status', 10),
          c.text('department_does'),
          c.text('village_does'),
          c.text('department_support'),
          c.text('legal_basis'),
          c.text('justification'),
          c.int('submitted_by'),
          c.datetime('submitted_at'),
          c.int('reviewer_id', { isNullable: true }),
          c.datetime('reviewed_at', { isNullable: true }),
          c.text('review_comment', { isNullable: true }),
          c.bool('cap_overridden', false),
          c.bool('system_rejected', false),
          c.text('analysis_json', { isNullable: true }),
          c.int('annual_entries', { default: 0 }),
          c.createdAt(),
          c.updatedAt(),
        ],
        indices: [
          c.index('idx_admission_request_dept_status', ['department_id', 'status']),
          c.index('idx_admission_request_status', ['status']),
          c.index('idx_admission_request_form', ['form_id']),
          c.index('idx_admission_request_duty', ['duty_item_id']),
        ],
      }),
    );
    await qr.createTable(
      new Table({
        name: 'admission_decision',
        columns: [
          c.id(),
          c.int('form_id'),
          c.int('request_id', { isNullable: true }),
          c.varchar('action', 16),
          c.varchar('from_status', 10, { isNullable: true }),
          c.varchar('to_status', 10),
          c.int('actor_id', { isNullable: true }),
          c.text('comment', { isNullable: true }),
          c.datetime('at'),
        ],
        indices: [c.index('idx_admission_decision_request', ['request_id']), c.index('idx_admission_decision_form', ['form_id'])],
      }),
    );
  }

  async down(qr: QueryRunner): Promise<void> {
    for (const t of ['admission_decision', 'admission_request']) await qr.dropTable(t);
  }
}
