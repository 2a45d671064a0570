import { TableColumn, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { columns } from './columns.js';

/**
 * A duty item's 牵头部门 (src/duties/duty-item.entity.ts): the city department that leads it, so a
 * department finds its own items first when it names the item a form serves. Existing rows stay
 * null (no lead yet) until an administrator sets one; the demo sets them all.
 */
export class DutyItemDepartment1765002200000 implements MigrationInterface {
  name = 'DutyItemDepartment1765002200000';

  async up(qr: QueryRunner): Promise<void> {
    const col = columns(qr);
    await qr.addColumn('duty_item', new TableColumn(col.int('department_id', { isNullable: true })));
    await qr.createIndex('duty_item', new TableIndex(col.index('idx_duty_item_department', ['department_id'])));
  }

  async down(qr: QueryRunner): Promise<void> {
    await qr.dropIndex('duty_item', 'idx_duty_item_department');
    await qr.dropColumn('duty_item', 'department_id');
  }
}
