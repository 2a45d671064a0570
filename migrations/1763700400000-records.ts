import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';
import { columns } from './columns.js';

export class Records1763700400000 implements MigrationInterface {
  name = 'Records1763700400000';

  async up(qr: QueryRunner): Promise<void> {
    const col = columns(qr);
    await qr.createTable(
      new Table({
        name: 'resident',
        columns: [
          col.id(),
          col.varchar('id_hash', 64),
          col.varchar('id_cipher', 128),
          col.varchar('id_masked', 18),
          col.varchar('birth_date', 10),
          col.varchar('gender', 2),
          col.int('village_id', { isNullable: true }),
          col.createdAt(),
        ],
        indices: [col.index('uq_resident_id_hash', ['id_hash'], true), col.index('idx_resident_village', ['village_id'])],
      }),
    );
    await qr.createTable(
      new Table({
        name: 'fact',
        columns: [
          col.id(),
          col.varchar('subject_type', 10),
          col.int('subject_id'),
          col.int('element_id'),
          col.text('value'),
          col.varchar('as_of', 10),
          col.varchar('source', 12),
          col.varchar('source_ref', 64, { isNullable: true }),
          col.createdAt('recorded_at'),
        ],
        indices: [col.index('idx_fact_subject', ['subject_type', 'subject_id', 'element_id', 'as_of'])],
      }),
    );
    await qr.createTable(
      new Table({
        name: 'current_fact',
        columns: [
          col.id(),
          col.varchar('subject_type', 10),
          col.int('subject_id'),
          col.int('element_id'),
          col.text('value'),
          col.varchar('as_of', 10),
          col.varchar('source', 12),
          col.varchar('source_ref', 64, { isNullable: true }),
          col.int('fact_id'),
          col.updatedAt(),
        ],
        indices: [col.index('uq_current_fact', ['subject_type', 'subject_id', 'element_id'], true)],
      }),
    );
    await qr.createTable(
      new Table({
        name: 'import_batch',
        columns: [
          col.id(),
          col.varchar('file_name', 255),
          col.varchar('file_hash', 64),
          col.varchar('kind', 10),
          col.varchar('as_of', 10, { isNullable: true }),
          col.int('total_rows'),
          col.int('imported_rows'),
          col.int('error_rows'),
          col.int('duplicate_rows'),
          col.int('facts_added'),
          col.int('facts_unchanged'),
          col.int('residents_created'),
          col.text('errors_json'),
          col.int('error_count'),
          col.text('ignored_columns_json'),
          col.int('duration_ms'),
          col.int('created_by', { isNullable: true }),
          col.createdAt(),
        ],
        indices: [col.index('uq_import_batch_hash', ['file_hash'], true)],
      }),
    );
  }

  async down(qr: QueryRunner): Promise<void> {
    for (const text of ['import_batch', 'current_fact', 'fact', 'resident']) await qr.dropTable(text);
  }
}
