import { Injectable, type BeforeApplicationShutdown } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { RequestContext } from '../common/request-context.js';
import { pageOf, type Page, type PageArgs } from '../common/paging.js';
import { TransactionService } from '../common/transaction.service.js';
import { AuditChainHead, AuditEvent } from './audit-event.entity.js';
import { canonicalOf, GENESIS_HASH, truncateToSecond } from './audit-hash.js';
import { KeyringService } from '../crypto/keyring.service.js';
import { lockForUpdate } from '../database/lock.js';
import { auditActionLabel, type AuditAction } from './audit-actions.js';
import { AuditArchive } from './audit-archive.entity.js';
import { AuditCheckpoints, type Checkpoint } from './audit-checkpoints.js';
import { detailText, objectTypeLabel, OUTCOME_LABELS } from './audit-details.js';
import { platformDateTimeSeconds, platformDay } from '../common/platform-time.js';

/** Rows in one audit export: a month of a county's log fits; a larger one is cut (the file says so) to be exported by parts. */
export const AUDIT_EXPORT_MAX = 50000;

export type AuditOutcome = 'SUCCESS' | 'FAILURE' | 'DENIED';

export interface AuditInput {
  action: AuditAction;
  objectType?: string;
  objectId?: string | number | null;
  outcome?: AuditOutcome;
  /** Never put a full ID number here; masked forms only. */
  detail?: Record<string, unknown>;
}

export interface AuditFilter {
  action?: string;
  userId?: number;
  username?: string;
  objectType?: string;
  objectId?: string;
  from?: Date;
  to?: Date;
}

/** At most this many read events in one group commit (recordRead). */
export const READ_AUDIT_BATCH = 200;

interface QueuedRead {
  ctx: RequestContext;
  input: AuditInput;
  resolve: () => void;
  reject: (err: unknown) => void;
}

@Injectable()
export class AuditService implements BeforeApplicationShutdown {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tx: TransactionService,
    private readonly keys: KeyringService,
    private readonly checkpoints: AuditCheckpoints,
  ) {
    // A database of before key ids: its first configured key must verify the chain's first event.
    keys.addLegacyProbe(async (ring) => {
      const first = await dataSource.getRepository(AuditEvent).findOneBy({ seq: 1 });
      return !first || first.hash.includes(':') || ring.checkChain(canonicalOf(first), first.hash) === 'ok';
    });
  }

  /**
   * Appends an event inside the caller's transaction: if this write fails, the action fails.
   * The chain head is locked (MySQL: FOR UPDATE; SQLite: writes are already serialised).
   */
  async record(em: EntityManager, ctx: RequestContext, input: AuditInput): Promise<AuditEvent> {
    return (await this.append(em, [{ ctx, input }]))[0];
  }

  /** Events appended to the chain in order, under one lock of its head: one INSERT and one head UPDATE for them all. */
  private async append(em: EntityManager, items: { ctx: RequestContext; input: AuditInput }[]): Promise<AuditEvent[]> {
    let head = await this.lockHead(em);
    if (!head) {
      // First event ever: two writers may both get here; INSERT IGNORE lets one row win, then both lock it.
      await em
        .createQueryBuilder()
        .insert()
        .into(AuditChainHead)
        .values({ id: 1, lastSeq: 0, lastHash: GENESIS_HASH })
        .orIgnore()
        .execute();
      head = await this.lockHead(em);
      if (!head) throw new Error('audit chain head missing after insert');
    }
    let { lastSeq: seq, lastHash: prevHash } = head;
    const events = items.map(({ ctx, input }) => {
      const auditEvent = em.getRepository(AuditEvent).create({
        seq: ++seq,
        // The demo's simulated history stamps the time it stands for (the chain orders by seq, not by time).
        at: truncateToSecond(ctx.asOf ?? new Date()),
        userId: ctx.user?.id ?? null,
        username: ctx.user?.username ?? null,
        action: input.action,
        objectType: input.objectType ?? null,
        objectId: input.objectId == null ? null : String(input.objectId),
        outcome: input.outcome ?? 'SUCCESS',
        detail: input.detail ? JSON.stringify(input.detail) : null,
        requestId: ctx.requestId,
        prevHash,
      });
      auditEvent.hash = prevHash = this.keys.ring.sealChain(canonicalOf(auditEvent));
      return auditEvent;
    });
    await em.getRepository(AuditEvent).insert(events);
    await em.getRepository(AuditChainHead).update({ id: 1 }, { lastSeq: seq, lastHash: prevHash });
    return events;
  }

  /**
   * A read of personal data (autofill by ID number, a resident look-up, a phone shown in full): resolves once its
   * event is committed, so the caller answers only after that — no answer without its audit row, and nothing to lose
   * if the process dies. The events of reads that arrive together are group-committed: one transaction appends every
   * event queued meanwhile (at most READ_AUDIT_BATCH), so the chain head is locked once per batch rather than once
   * per read, which serialised processes on the head (MySQL: its row lock; SQLite: the database's write lock). An
   * event's content is what record() would write; a batch that fails fails every read in it.
   */
  recordRead(ctx: RequestContext, input: AuditInput): Promise<void> {
    return new Promise((resolve, reject) => {
      this.readQueue.push({ ctx, input, resolve, reject });
      this.draining ??= this.drainReads();
    });
  }

  private readonly readQueue: QueuedRead[] = [];
  private draining: Promise<void> | null = null;

  private async drainReads(): Promise<void> {
    // The reads answered in this turn of the event loop join the first batch.
    await new Promise((resolve) => setImmediate(resolve));
    while (this.readQueue.length) {
      const batch = this.readQueue.splice(0, READ_AUDIT_BATCH);
      try {
        await this.tx.run((em) => this.append(em, batch));
        for (const item of batch) item.resolve();
      } catch (err) {
        for (const item of batch) item.reject(err);
      }
    }
    this.draining = null;
  }

  /** On shutdown: the reads already queued are written before the database closes (their requests await them). */
  async beforeApplicationShutdown() {
    await this.draining;
  }

  private lockHead(em: EntityManager): Promise<AuditChainHead | null> {
    const qb = lockForUpdate(em.getRepository(AuditChainHead).createQueryBuilder('h').where('h.id = 1'));
    return qb.getOne();
  }

  /** For events outside any other write (a refused login, a look-up): their own transaction. */
  recordAlone(ctx: RequestContext, input: AuditInput): Promise<AuditEvent> {
    return this.tx.run((em) => this.record(em, ctx, input));
  }

  /** The auditor's page of the log; the read itself is recorded (its filters and how many events it showed). */
  async read(ctx: RequestContext, filter: AuditFilter, page: PageArgs): Promise<Page<AuditEvent>> {
    const found = await this.list(filter, page);
    await this.recordAlone(ctx, {
      action: 'audit.read',
      objectType: 'audit_event',
      detail: { filter: filterDetail(filter), shown: found.items.length, total: found.totalItems },
    });
    return found;
  }

  /**
   * The events a filter selects as an Excel file, newest first, in Chinese (action names, outcomes, object types,
   * details), at most AUDIT_EXPORT_MAX rows; the export is itself recorded (filters, rows written).
   */
  async exportXlsx(ctx: RequestContext, filter: AuditFilter): Promise<{ fileName: string; buffer: Buffer; rows: number; total: number }> {
    const [events, total] = await this.filtered(filter).orderBy('e.seq', 'DESC').take(AUDIT_EXPORT_MAX).getManyAndCount();
    const ExcelJS = (await import('exceljs')).default;
    const wb = new ExcelJS.Workbook();
    wb.creator = 'OneTable';
    const sheet = wb.addWorksheet('审计日志');
    sheet.addRow(['序号', '时间', '用户', '动作', '结果', '对象类型', '对象编号', '详情', '请求号']);
    for (const event of events)
      sheet.addRow([
        event.seq,
        platformDateTimeSeconds(event.at),
        event.username ?? '（未登录）',
        auditActionLabel(event.action),
        OUTCOME_LABELS[event.outcome] ?? event.outcome,
        objectTypeLabel(event.objectType),
        event.objectId ?? '',
        detailText(event.detail),
        event.requestId ?? '',
      ]);
    if (total > events.length) sheet.addRow([`仅导出最新的 ${AUDIT_EXPORT_MAX} 条（共 ${total} 条），请缩小时间范围分次导出`]);
    sheet.getRow(1).font = { bold: true };
    sheet.views = [{ state: 'frozen', ySplit: 1 }];
    sheet.columns.forEach((column, index) => (column.width = index === 7 ? 60 : 18));
    const buffer = Buffer.from(await wb.xlsx.writeBuffer());
    await this.recordAlone(ctx, {
      action: 'audit.export',
      objectType: 'audit_event',
      detail: { filter: filterDetail(filter), rows: events.length, total },
    });
    return { fileName: `审计日志-${platformDay()}.xlsx`, buffer, rows: events.length, total };
  }

  async list(filter: AuditFilter, page: PageArgs): Promise<Page<AuditEvent>> {
    const { take, skip } = pageOf(page);
    const [items, totalItems] = await this.filtered(filter).orderBy('e.seq', 'DESC').take(take).skip(skip).getManyAndCount();
    return { items, totalItems };
  }

  /** The events a filter selects, unordered and unpaged (the page and the export share it). */
  filtered(filter: AuditFilter) {
    const qb = this.dataSource.getRepository(AuditEvent).createQueryBuilder('e');
    if (filter.action) qb.andWhere('e.action = :action', { action: filter.action });
    if (filter.userId) qb.andWhere('e.userId = :userId', { userId: filter.userId });
    if (filter.username) qb.andWhere('e.username = :username', { username: filter.username });
    if (filter.objectType) qb.andWhere('e.objectType = :ot', { ot: filter.objectType });
    if (filter.objectId) qb.andWhere('e.objectId = :oid', { oid: filter.objectId });
    if (filter.from) qb.andWhere('e.at >= :from', { from: filter.from });
    if (filter.to) qb.andWhere('e.at < :to', { to: filter.to });
    return qb;
  }

  /**
   * Where the chain in the database starts: after the newest archived month whose events retention purged
   * (its last hash), or at the genesis.
   */
  async chainBase(): Promise<{ seq: number; hash: string }> {
    const purged = await this.dataSource
      .getRepository(AuditArchive)
      .createQueryBuilder('a')
      .where('a.purgedAt IS NOT NULL')
      .orderBy('a.lastSeq', 'DESC')
      .getOne();
    return purged ? { seq: purged.lastSeq, hash: purged.lastHash } : { seq: 0, hash: GENESIS_HASH };
  }

  /** Appends the chain head to the signed checkpoint file, unless the newest checkpoint already holds it. */
  async checkpoint(now = new Date()): Promise<Checkpoint | null> {
    const head = await this.dataSource.getRepository(AuditChainHead).findOneBy({ id: 1 });
    if (!head || head.lastSeq === 0) return null;
    const { newest } = this.checkpoints.read();
    if (newest && newest.seq === head.lastSeq && newest.hash === head.lastHash) return null;
    const base = await this.chainBase();
    return this.checkpoints.append({ seq: head.lastSeq, hash: head.lastHash, count: head.lastSeq - base.seq, at: now.toISOString() });
  }

  /**
   * Walks the chain from its base; the first event whose hash, link or sequence does not hold is reported. Then
   * the head row, then the newest signed checkpoint (outside the database): the chain must still reach it with
   * the same hash, or its newest events were deleted or rewritten.
   */
  async verify(): Promise<{ ok: boolean; checked: number; firstBrokenSeq: number | null; reason: string | null }> {
    const { newest: checkpoint, badLines } = this.checkpoints.read();
    if (badLines.length)
      return {
        ok: false,
        checked: 0,
        firstBrokenSeq: null,
        reason: `检查点文件第 ${badLines.slice(0, 5).join('、')} 行的签名无效（检查点被篡改或不是本平台签名密钥所签）`,
      };
    const repo = this.dataSource.getRepository(AuditEvent);
    const base = await this.chainBase();
    let prev = base.hash;
    let expectSeq = base.seq + 1;
    let checked = 0;
    const rewritten = (cp: Checkpoint, found: string) =>
      `最新的审计事件被删除或改写：检查点（${platformDateTimeSeconds(cp.at)}）记录到第 ${cp.seq} 条，${found}`;
    const batch = 2000;
    for (let after = base.seq; ;) {
      const rows = await repo.createQueryBuilder('e').where('e.seq > :after', { after }).orderBy('e.seq', 'ASC').take(batch).getMany();
      for (const row of rows) {
        checked++;
        if (row.seq !== expectSeq) return { ok: false, checked, firstBrokenSeq: expectSeq, reason: `序号 ${expectSeq} 缺失（事件被删除）` };
        if (row.prevHash !== prev) return { ok: false, checked, firstBrokenSeq: row.seq, reason: `序号 ${row.seq} 的前序哈希与链不符` };
        const seal = this.keys.ring.checkChain(canonicalOf(row), row.hash);
        // Old events keep the key that sealed them (a rotation does not rewrite the chain): verifying them needs that key.
        if (typeof seal === 'object')
          return {
            ok: false,
            checked,
            firstBrokenSeq: row.seq,
            reason: `序号 ${row.seq} 起的事件由密钥 ${seal.missingKey} 封存，未配置该密钥（PII_KEYS_OLD），无法核验`,
          };
        if (seal === 'bad')
          return { ok: false, checked, firstBrokenSeq: row.seq, reason: `序号 ${row.seq} 的内容与哈希不符（事件被修改）` };
        if (checkpoint && row.seq === checkpoint.seq && row.hash !== checkpoint.hash)
          return { ok: false, checked, firstBrokenSeq: row.seq, reason: rewritten(checkpoint, `库中该条的哈希与检查点不符`) };
        prev = row.hash;
        expectSeq++;
      }
      if (rows.length < batch) break;
      after = rows[rows.length - 1].seq;
    }
    const head = await this.dataSource.getRepository(AuditChainHead).findOneBy({ id: 1 });
    if (head && head.lastSeq !== expectSeq - 1)
      return { ok: false, checked, firstBrokenSeq: expectSeq, reason: `链尾缺失：应有 ${head.lastSeq} 条` };
    if (checkpoint && checkpoint.seq > expectSeq - 1)
      return {
        ok: false,
        checked,
        firstBrokenSeq: expectSeq,
        reason: rewritten(checkpoint, `库中只到第 ${expectSeq - 1} 条（其后的事件已不在库中）`),
      };
    return { ok: true, checked, firstBrokenSeq: null, reason: null };
  }
}

/** A filter as the audit row of a read records it: only what was set, times as ISO text. */
export function filterDetail(filter: AuditFilter): Record<string, string | number> {
  const out: Record<string, string | number> = {};
  for (const [key, value] of Object.entries(filter))
    if (value != null && value !== '') out[key] = value instanceof Date ? value.toISOString() : (value as string | number);
  return out;
}
