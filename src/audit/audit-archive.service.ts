import { Inject, Injectable, Logger } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { DataSource } from 'typeorm';
import { platformMonth, platformMonthStart } from '../common/platform-time.js';
import { RequestContext } from '../common/request-context.js';
import { TransactionService } from '../common/transaction.service.js';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { AuditArchive } from './audit-archive.entity.js';
import { AuditEvent } from './audit-event.entity.js';
import { GENESIS_HASH } from './audit-hash.js';
import { AuditSigner } from './audit-signing.js';
import { AuditService } from './audit.service.js';

const DAY_MS = 24 * 3600 * 1000;

/** The parts of an archive an auditor downloads: the events, their detached signature, the manifest. */
export type ArchivePart = 'jsonl' | 'sig' | 'manifest';

/** What the manifest (`audit-YYYY-MM.manifest.json`) states about its archive. */
export interface ArchiveManifest {
  format: 'onetable-audit-archive-v1';
  month: string;
  firstSeq: number;
  lastSeq: number;
  count: number;
  /** The hash before firstSeq: the previous month's last event's (or the genesis). */
  prevHash: string;
  lastHash: string;
  sha256: string;
  file: string;
  signature: string;
  publicKeySha256: string;
  createdAt: string;
}

/** One event as archived: every field the chain's MAC covers, and its hashes. */
export const archiveLine = (event: AuditEvent): string =>
  JSON.stringify({
    seq: event.seq,
    at: event.at.toISOString(),
    userId: event.userId,
    username: event.username,
    action: event.action,
    objectType: event.objectType,
    objectId: event.objectId,
    outcome: event.outcome,
    detail: event.detail,
    requestId: event.requestId,
    prevHash: event.prevHash,
    hash: event.hash,
  });

/**
 * Monthly signed archives of the audit chain and the purge retention allows. A month is archived once it is
 * over (platform time zone): its events in chain order as JSONL, a detached Ed25519 signature (`.sig`, raw
 * 64 bytes: `openssl pkeyutl -verify -rawin` reads it) and a manifest. Purge removes only archived months
 * wholly older than AUDIT_RETENTION_DAYS, oldest first, so what stays is one unbroken chain from a known hash.
 */
@Injectable()
export class AuditArchiveService {
  private readonly log = new Logger('AuditArchive');
  constructor(
    private readonly dataSource: DataSource,
    private readonly tx: TransactionService,
    private readonly audit: AuditService,
    private readonly signer: AuditSigner,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  get dir(): string {
    return this.config.audit.archiveDir;
  }

  list(): Promise<AuditArchive[]> {
    return this.dataSource.getRepository(AuditArchive).find({ order: { month: 'DESC' } });
  }

  /** Archives every complete month not yet archived, oldest first; returns the months written. */
  async archiveDue(now = new Date()): Promise<AuditArchive[]> {
    const written: AuditArchive[] = [];
    const events = this.dataSource.getRepository(AuditEvent);
    const thisMonth = platformMonth(now);
    for (;;) {
      const last = await this.dataSource.getRepository(AuditArchive).createQueryBuilder('a').orderBy('a.lastSeq', 'DESC').getOne();
      const after = last?.lastSeq ?? 0;
      const oldest = await events
        .createQueryBuilder('e')
        .select('MIN(e.at)', 'at')
        .where('e.seq > :after', { after })
        .getRawOne<{ at: unknown }>();
      if (!oldest?.at) break;
      const month = platformMonth(asDate(oldest.at));
      if (month >= thisMonth) break;
      const [year, mon] = month.split('-').map(Number);
      const end = platformMonthStart(year, mon); // the next month's first instant
      const top = await events
        .createQueryBuilder('e')
        .select('MAX(e.seq)', 'seq')
        .where('e.seq > :after AND e.at < :end', { after, end })
        .getRawOne<{ seq: unknown }>();
      const lastSeq = Number(top!.seq);
      written.push(await this.write(month, after, last?.lastHash ?? GENESIS_HASH, lastSeq));
    }
    return written;
  }

  private async write(month: string, after: number, prevHash: string, lastSeq: number): Promise<AuditArchive> {
    const lines: string[] = [];
    let prev = prevHash;
    let expect = after + 1;
    for (let from = after; from < lastSeq;) {
      const rows = await this.dataSource
        .getRepository(AuditEvent)
        .createQueryBuilder('e')
        .where('e.seq > :from AND e.seq <= :lastSeq', { from, lastSeq })
        .orderBy('e.seq', 'ASC')
        .take(2000)
        .getMany();
      if (!rows.length) break;
      for (const row of rows) {
        // An archive is one unbroken piece of the chain, or none: a broken chain is the auditor's finding first.
        if (row.seq !== expect || row.prevHash !== prev)
          throw new Error(`audit chain broken at seq ${expect}; month ${month} not archived (run verifyAuditChain)`);
        lines.push(archiveLine(row));
        prev = row.hash;
        expect++;
      }
      from = rows[rows.length - 1].seq;
    }
    const body = Buffer.from(lines.join('\n') + '\n');
    const sha256 = createHash('sha256').update(body).digest('hex');
    const signature = this.signer.sign(body);
    const fileName = `audit-${month}.jsonl`;
    const manifest: ArchiveManifest = {
      format: 'onetable-audit-archive-v1',
      month,
      firstSeq: after + 1,
      lastSeq,
      count: lines.length,
      prevHash,
      lastHash: prev,
      sha256,
      file: fileName,
      signature: `${fileName}.sig`,
      publicKeySha256: this.signer.fingerprint,
      createdAt: new Date().toISOString(),
    };
    mkdirSync(this.dir, { recursive: true });
    // Written under temporary names and renamed: a crash leaves no half archive under the real name.
    for (const [name, content] of [
      [fileName, body],
      [`${fileName}.sig`, signature],
      [`audit-${month}.manifest.json`, Buffer.from(JSON.stringify(manifest, null, 2) + '\n')],
    ] as const) {
      writeFileSync(resolve(this.dir, `${name}.tmp`), content, { mode: 0o640 });
      renameSync(resolve(this.dir, `${name}.tmp`), resolve(this.dir, name));
    }
    return this.tx.run(async (em) => {
      const row = await em.getRepository(AuditArchive).save(
        em.getRepository(AuditArchive).create({
          month,
          firstSeq: after + 1,
          lastSeq,
          eventCount: lines.length,
          prevHash,
          lastHash: prev,
          sha256,
          fileName,
          purgedAt: null,
        }),
      );
      await this.audit.record(em, RequestContext.system(), {
        action: 'audit.archive',
        objectType: 'audit_archive',
        objectId: row.id,
        detail: { month, firstSeq: row.firstSeq, lastSeq, count: lines.length, sha256 },
      });
      this.log.log(`archived audit month ${month}: events ${row.firstSeq}–${lastSeq}`);
      return row;
    });
  }

  /**
   * Deletes the events of archived months that ended more than AUDIT_RETENTION_DAYS ago, oldest first; stops at
   * the first month not archived or not yet old enough, so the chain left in the database is unbroken.
   */
  async purge(now = new Date()): Promise<AuditArchive[]> {
    const cutoff = now.getTime() - this.config.audit.retentionDays * DAY_MS;
    const archives = await this.dataSource.getRepository(AuditArchive).find({ order: { firstSeq: 'ASC' } });
    const purged: AuditArchive[] = [];
    for (const archive of archives) {
      if (archive.purgedAt) continue;
      const [year, mon] = archive.month.split('-').map(Number);
      if (platformMonthStart(year, mon).getTime() > cutoff) break;
      // The archive must still be on disk and unchanged before its events leave the database.
      const file = resolve(this.dir, archive.fileName);
      if (!existsSync(file) || createHash('sha256').update(readFileSync(file)).digest('hex') !== archive.sha256) {
        this.log.error(`audit archive ${archive.fileName} missing or changed: month ${archive.month} not purged`);
        break;
      }
      await this.tx.run(async (em) => {
        await em
          .getRepository(AuditEvent)
          .createQueryBuilder()
          .delete()
          .where('seq >= :first AND seq <= :last', { first: archive.firstSeq, last: archive.lastSeq })
          .execute();
        await em.getRepository(AuditArchive).update({ id: archive.id }, { purgedAt: now });
        await this.audit.record(em, RequestContext.system(), {
          action: 'audit.purge',
          objectType: 'audit_archive',
          objectId: archive.id,
          detail: { month: archive.month, firstSeq: archive.firstSeq, lastSeq: archive.lastSeq, count: archive.eventCount },
        });
      });
      purged.push({ ...archive, purgedAt: now });
    }
    return purged;
  }

  /** One part of an archive, for the auditor's download. */
  async file(id: number, part: ArchivePart): Promise<{ archive: AuditArchive; name: string; content: Buffer } | null> {
    const archive = await this.dataSource.getRepository(AuditArchive).findOneBy({ id });
    if (!archive) return null;
    const name = part === 'jsonl' ? archive.fileName : part === 'sig' ? `${archive.fileName}.sig` : `audit-${archive.month}.manifest.json`;
    const path = resolve(this.dir, name);
    if (!existsSync(path)) return null;
    return { archive, name, content: readFileSync(path) };
  }
}

/** MIN(at) comes back as a Date (MySQL) or as 'YYYY-MM-DD HH:MM:SS' UTC text (SQLite). */
function asDate(value: unknown): Date {
  if (value instanceof Date) return value;
  const text = String(value);
  return new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(text) ? text : `${text.replace(' ', 'T')}Z`);
}
