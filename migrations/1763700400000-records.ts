import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';
import { columns } from './columns.js';

export class Records1763700400000 implements MigrationInterface {
  name = 'Records1763700400000';

  async up(qr: QueryRunner): Promise<void> {
    const c = columns(qr);
    await qr.createTable(
      new Table({
        name: 'resident',
        columns: [
          c.id(),
          c.varchar('id_hash', 64),
          c.varchar('id_cipher', 128),
          c.varchar('id_masked', 18),
          c.varchar('birth_date', 10),
          c.varchar('gender', 2),
          c.int('village_id', { isNullable: true }),
          c.createdAt(),
        ],
        indices: [c.index('uq_resident_id_hash', ['id_hash'], true), c.index('idx_resident_village', ['village_id'])],
      }),
    );
    await qr.createTable(
      new Table({
        name: 'fact',
        columns: [
          c.id(),
          c.varchar('subject_type', 10),
          c.int('subject_id'),
          c.int('element_id'),
          c.text('value'),
          c.varchar('as_of', 10),
          c.varchar('source', 12),
          c.varchar('source_ref', 64, { isNullable: true }),
          c.createdAt('recorded_at'),
        ],
        indices: [c.index('idx_fact_subject', ['subject_type', 'subject_id', 'element_id', 'as_of'])],
      }),
    );
    await qr.createTable(
      new Table({
        name: 'current_fact',
        columns: [
          c.id(),
          c.varchar('subject_type', 10),
          c.int('subject_id'),
          c.int('element_id'),
          c.text('value'),
          c.varchar('as_of', 10),
          c.varchar('source', 12),
          c.varchar('source_ref', 64, { isNullable: true }),
          c.int('fact_id'),
          c.updatedAt(),
        ],
        indices: [c.index('uq_current_fact', ['subject_type', 'subject_id', 'element_id'], true)],
      }),
    );
    await qr.createTable(
      new Table({
        name: 'import_batch',
        columns: [
          c.id(),
          c.varchar('file_name', 255),
          c.varchar('file_hash', 64),
          c.varchar('kind', 10),
          c.varchar('as_of', 10, { isNullable: true }),
          c.int('total_rows'),
          c.int('imported_rows'),
          c.int('error_rows'),
          c.int('duplicate_rows'),
          c.int('facts_added'),
          c.int('facts_unchanged'),
          c.int('residents_created'),
          c.text('errors_json'),
          c.int('error_count'),
          c.text('ignored_columns_json'),
          c.int('duration_ms'),
          c.int('created_by', { isNullable: true }),
          c.createdAt(),
        ],
        indices: [c.index('uq_import_batch_hash', ['file_hash'], true)],
      }),
    );
  }

  async down(qr: QueryRunner): Promise<void> {
    for (const t of ['import_batch', 'current_fact', 'fact', 'resident']) await qr.dropTable(t);
  }
}
