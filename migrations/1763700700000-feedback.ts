import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';
import { columns } from './columns.js';

export class Feedback1763700700000 implements MigrationInterface {
  name = 'Feedback1763700700000';

  async up(qr: QueryRunner): Promise<void> {
    const col = columns(qr);
    await qr.createTable(
      new Table({
        name: 'feedback',
        columns: [
          col.id(),
          col.varchar('type', 12),
          col.varchar('complaint_kind', 24, { isNullable: true }),
          col.varchar('title', 100),
          col.text('content'),
          col.varchar('status', 12),
          col.int('region_id'),
          col.int('village_id', { isNullable: true }),
          col.int('town_id'),
          col.bool('from_monitoring_point', false),
          col.int('department_id', { isNullable: true }),
          col.int('form_id', { isNullable: true }),
          col.int('filed_by_id'),
          col.createdAt(),
          col.int('acknowledged_by_id', { isNullable: true }),
          col.datetime('acknowledged_at', { isNullable: true }),
          col.text('response', { isNullable: true }),
          col.int('responded_by_id', { isNullable: true }),
          col.datetime('responded_at', { isNullable: true }),
          col.text('resolution', { isNullable: true }),
          col.int('resolved_by_id', { isNullable: true }),
          col.datetime('resolved_at', { isNullable: true }),
        ],
        indices: [
          col.index('idx_feedback_village', ['village_id', 'id']),
          col.index('idx_feedback_town', ['town_id', 'id']),
          col.index('idx_feedback_status', ['status', 'id']),
          col.index('idx_feedback_monitoring', ['from_monitoring_point', 'id']),
          col.index('idx_feedback_department', ['department_id']),
        ],
      }),
    );
  }

  async down(qr: QueryRunner): Promise<void> {
    await qr.dropTable('feedback');
  }
}
