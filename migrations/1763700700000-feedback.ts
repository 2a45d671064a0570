import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';
import { columns } from './columns.js';

export class Feedback1763700700000 implements MigrationInterface {
  name = 'Feedback1763700700000';

  async up(qr: QueryRunner): Promise<void> {
    const c = columns(qr);
    await qr.createTable(
      new Table({
        name: 'feedback',
        columns: [
          c.id(),
          c.varchar('type', 12),
          c.varchar('complaint_kind', 24, { isNullable: true }),
          c.varchar('title', 100),
          c.text('content'),
          c.varchar('status', 12),
          c.int('region_id'),
          c.int('village_id', { isNullable: true }),
          c.int('town_id'),
          c.bool('from_monitoring_point', false),
          c.int('department_id', { isNullable: true }),
          c.int('form_id', { isNullable: true }),
          c.int('filed_by_id'),
          c.createdAt(),
          c.int('acknowledged_by_id', { isNullable: true }),
          c.datetime('acknowledged_at', { isNullable: true }),
          c.text('response', { isNullable: true }),
          c.int('responded_by_id', { isNullable: true }),
          c.datetime('responded_at', { isNullable: true }),
          c.text('resolution', { isNullable: true }),
          c.int('resolved_by_id', { isNullable: true }),
          c.datetime('resolved_at', { isNullable: true }),
        ],
        indices: [
          c.index('idx_feedback_village', ['village_id', 'id']),
          c.index('idx_feedback_town', ['town_id', 'id']),
          c.index('idx_feedback_status', ['status', 'id']),
          c.index('idx_feedback_monitoring', ['from_monitoring_point', 'id']),
          c.index('idx_feedback_department', ['department_id']),
        ],
      }),
    );
  }

  async down(qr: QueryRunner): Promise<void> {
    await qr.dropTable('feedback');
  }
}
