import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';
import { columns } from './columns.js';

export class DutiesForms1763700303000 implements MigrationInterface {
  name = 'DutiesForms1763700303000';

  async up(qr: QueryRunner): Promise<void> {
    const c = columns(qr);
    await qr.createTable(
      new Table({
        name: 'duty_item',
        columns: [c.id(), c.varchar('list', 10), c.varchar('group_name', 64), c.varchar('name', 128), c.createdAt()],
        indices: [c.index('idx_duty_item_list_group', ['list', 'group_name'])],
      }),
    );
    await qr.createTable(
      new Table({
        name: 'form',
        columns: [
          c.id(),
          c.varchar('title', 128),
          c.varchar('description', 500, { isNullable: true }),
          c.int('department_id'),
          c.int('duty_item_id'),
          c.varchar('target_level', 10),
          c.varchar('frequency', 12),
          c.varchar('status', 10),
          c.int('current_version_id', { isNullable: true }),
          c.int('current_version_no', { default: 0 }),
          c.int('created_by'),
          c.createdAt(),
          c.updatedAt(),
        ],
        indices: [
          c.index('idx_form_department_status', ['department_id', 'status']),
          c.index('idx_form_status_level', ['status', 'target_level']),
          c.index('idx_form_duty_item', ['duty_item_id']),
        ],
      }),
    );
    await qr.createTable(
      new Table({
        name: 'form_version',
        columns: [
          c.id(),
          c.int('form_id'),
          c.int('version_no'),
          c.datetime('submitted_at', { isNullable: true }),
          c.datetime('approved_at', { isNullable: true }),
          c.int('created_by'),
          c.createdAt(),
        ],
        indices: [c.index('uq_form_version_no', ['form_id', 'version_no'], true)],
      }),
    );
    await qr.createTable(
      new Table({
        name: 'form_field',
        columns: [
          c.id(),
          c.int('version_id'),
          c.int('position'),
          c.varchar('field_key', 64),
          c.varchar('label', 128),
          c.varchar('value_type', 12),
          c.bool('required', false),
          c.varchar('section', 10),
          c.int('element_id', { isNullable: true }),
          c.text('options_json', { isNullable: true }),
          c.double('min_value', { isNullable: true }),
          c.double('max_value', { isNullable: true }),
          c.int('max_length', { isNullable: true }),
        ],
        indices: [
          c.index('uq_form_field_key', ['version_id', 'field_key'], true),
          c.index('idx_form_field_element', ['element_id', 'version_id']),
        ],
      }),
    );
  }

  async down(qr: QueryRunner): Promise<void> {
    for (const t of ['form_field', 'form_version', 'form', 'duty_item']) await qr.dropTable(t);
  }
}
