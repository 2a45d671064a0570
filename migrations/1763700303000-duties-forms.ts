import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';
import { columns } from './columns.js';

export class DutiesForms1763700303000 implements MigrationInterface {
  name = 'DutiesForms1763700303000';

  async up(qr: QueryRunner): Promise<void> {
    const col = columns(qr);
    await qr.createTable(
      new Table({
        name: 'duty_item',
        columns: [col.id(), col.varchar('list', 10), col.varchar('group_name', 64), col.varchar('name', 128), col.createdAt()],
        indices: [col.index('idx_duty_item_list_group', ['list', 'group_name'])],
      }),
    );
    await qr.createTable(
      new Table({
        name: 'form',
        columns: [
          col.id(),
          col.varchar('title', 128),
          col.varchar('description', 500, { isNullable: true }),
          col.int('department_id'),
          col.int('duty_item_id'),
          col.varchar('target_level', 10),
          col.varchar('frequency', 12),
          col.varchar('status', 10),
          col.int('current_version_id', { isNullable: true }),
          col.int('current_version_no', { default: 0 }),
          col.int('created_by'),
          col.createdAt(),
          col.updatedAt(),
        ],
        indices: [
          col.index('idx_form_department_status', ['department_id', 'status']),
          col.index('idx_form_status_level', ['status', 'target_level']),
          col.index('idx_form_duty_item', ['duty_item_id']),
        ],
      }),
    );
    await qr.createTable(
      new Table({
        name: 'form_version',
        columns: [
          col.id(),
          col.int('form_id'),
          col.int('version_no'),
          col.datetime('submitted_at', { isNullable: true }),
          col.datetime('approved_at', { isNullable: true }),
          col.int('created_by'),
          col.createdAt(),
        ],
        indices: [col.index('uq_form_version_no', ['form_id', 'version_no'], true)],
      }),
    );
    await qr.createTable(
      new Table({
        name: 'form_field',
        columns: [
          col.id(),
          col.int('version_id'),
          col.int('position'),
          col.varchar('field_key', 64),
          col.varchar('label', 128),
          col.varchar('value_type', 12),
          col.bool('required', false),
          col.varchar('section', 10),
          col.int('element_id', { isNullable: true }),
          col.text('options_json', { isNullable: true }),
          col.double('min_value', { isNullable: true }),
          col.double('max_value', { isNullable: true }),
          col.int('max_length', { isNullable: true }),
        ],
        indices: [
          col.index('uq_form_field_key', ['version_id', 'field_key'], true),
          col.index('idx_form_field_element', ['element_id', 'version_id']),
        ],
      }),
    );
  }

  async down(qr: QueryRunner): Promise<void> {
    for (const text of ['form_field', 'form_version', 'form', 'duty_item']) await qr.dropTable(text);
  }
}
