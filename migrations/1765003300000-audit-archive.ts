import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';
import { columns } from './columns.js';

/**
 * 审计归档 (src/audit/audit-archive.service.ts): one row per month of the audit chain written to a signed file;
 * purged_at once its events have left the database after AUDIT_RETENTION_DAYS (the chain then starts from
 * the newest purged month's last_hash).
 */
export class AuditArchive1765003300000 implements MigrationInterface {
  name = 'AuditArchive1765003300000';

  async up(qr: QueryRunner): Promise<void> {
    const col = columns(qr);
    await qr.createTable(
      new Table({
        name: 'audit_archive',
        columns: [
          col.id(),
          col.varchar('month', 7),
          col.int('first_seq'),
          col.int('last_seq'),
          col.int('event_count'),
          col.varchar('prev_hash', 64),
          col.varchar('last_hash', 64),
          col.varchar('sha256', 64),
          col.varchar('file_name', 64),
          col.createdAt(),
          col.datetime('purged_at', { isNullable: true }),
        ],
        indices: [col.index('uq_audit_archive_month', ['month'], true)],
      }),
    );
  }

  async down(qr: QueryRunner): Promise<void> {
    await qr.dropTable('audit_archive');
  }
}
