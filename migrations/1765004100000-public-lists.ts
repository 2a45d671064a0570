import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';
import { columns } from './columns.js';

/**
 * The office's public lists (src/public-lists/public-list-item.entity.ts): certificates villages may not be
 * asked to issue, and the nameplate standard ("4+8+2"); retired items are kept for the complaints naming them.
 */
export class PublicLists1765004100000 implements MigrationInterface {
  name = 'PublicLists1765004100000';

  async up(qr: QueryRunner): Promise<void> {
    const col = columns(qr);
    await qr.createTable(
      new Table({
        name: 'public_list_item',
        columns: [
          col.id(),
          col.varchar('list', 12),
          col.varchar('name', 64),
          col.varchar('category', 12, { isNullable: true }),
          col.varchar('basis', 200, { isNullable: true }),
          col.varchar('alternative', 200, { isNullable: true }),
          col.varchar('note', 200, { isNullable: true }),
          col.int('sort_order'),
          col.datetime('retired_at', { isNullable: true }),
          col.createdAt(),
          col.updatedAt(),
        ],
        indices: [
          col.index('uq_public_list_item_name', ['list', 'name'], true),
          col.index('idx_public_list_item_order', ['list', 'sort_order']),
        ],
      }),
    );
  }

  async down(qr: QueryRunner): Promise<void> {
    await qr.dropTable('public_list_item');
  }
}
