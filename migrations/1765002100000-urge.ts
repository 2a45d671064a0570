import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';
import { columns } from './columns.js';

const URGE_VIEW = ['task_id', 'assignment_id', 'region_id', 'town_id', 'department_id', 'urged_at'];

/**
 * 催办 (src/dispatch/urge.entity.ts): one row per urged assignment and platform day (the rate limit), and
 * its read model rm_urge for the dashboards (urged units, done after being urged).
 */
export class Urge1765002100000 implements MigrationInterface {
  name = 'Urge1765002100000';

  async up(qr: QueryRunner): Promise<void> {
    const col = columns(qr);
    await qr.createTable(
      new Table({
        name: 'urge',
        columns: [
          col.id(),
          col.int('task_id'),
          col.int('assignment_id'),
          col.int('region_id'),
          col.int('town_id'),
          col.int('department_id'),
          col.varchar('day', 10),
          col.varchar('note', 200, { isNullable: true }),
          col.int('urged_by'),
          col.varchar('urger_role', 20),
          col.datetime('urged_at'),
        ],
        indices: [col.index('uq_urge_assignment_day', ['assignment_id', 'day'], true), col.index('idx_urge_task', ['task_id', 'day'])],
      }),
    );
    const quote = (name: string) => qr.connection.driver.escape(name);
    await qr.query(`CREATE VIEW ${quote('rm_urge')} AS SELECT ${URGE_VIEW.map(quote).join(', ')} FROM ${quote('urge')}`);
  }

  async down(qr: QueryRunner): Promise<void> {
    await qr.query(`DROP VIEW ${qr.connection.driver.escape('rm_urge')}`);
    await qr.dropTable('urge');
  }
}
