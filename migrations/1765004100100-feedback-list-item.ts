import { TableColumn, type MigrationInterface, type QueryRunner } from 'typeorm';
import { columns } from './columns.js';

const FEEDBACK_VIEW = ['type', 'status', 'from_monitoring_point', 'town_id', 'village_id', 'department_id', 'created_at'];

/**
 * A complaint may name the public-list item it is about (feedback.public_list_item_id, e.g. a certificate
 * a village was asked to issue). SQLite rebuilds the table to add a column, which fails while rm_feedback
 * reads it: the view is dropped first and created again, unchanged (see 1763701100000-read-models.ts).
 */
export class FeedbackListItem1765004100100 implements MigrationInterface {
  name = 'FeedbackListItem1765004100100';

  async up(qr: QueryRunner): Promise<void> {
    const col = columns(qr);
    await this.withoutView(qr, () => qr.addColumn('feedback', new TableColumn(col.int('public_list_item_id', { isNullable: true }))));
  }

  async down(qr: QueryRunner): Promise<void> {
    await this.withoutView(qr, () => qr.dropColumn('feedback', 'public_list_item_id'));
  }

  private async withoutView(qr: QueryRunner, change: () => Promise<void>): Promise<void> {
    const quote = (name: string) => qr.connection.driver.escape(name);
    await qr.query(`DROP VIEW ${quote('rm_feedback')}`);
    await change();
    await qr.query(`CREATE VIEW ${quote('rm_feedback')} AS SELECT ${FEEDBACK_VIEW.map(quote).join(', ')} FROM ${quote('feedback')}`);
  }
}
