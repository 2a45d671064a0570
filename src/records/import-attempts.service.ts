import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { hostname } from 'node:os';
import { DataSource, EntityManager, In, MoreThan } from 'typeorm';
import { ImportAttempt } from './import-attempt.entity.js';

/** Whether a process of this host still runs (signal 0 checks without sending anything). */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** A RUNNING import of another host older than this is taken for dead (no import runs a day). */
const FOREIGN_STALE_MS = 24 * 3600_000;

/**
 * The run record of every import (not of dry runs). `begin` commits a RUNNING row before the import's
 * transaction; `finish` marks it DONE inside that transaction (so the two commit together); `fail`
 * after a rollback. At start-up, RUNNING rows whose process is gone become INTERRUPTED: their rows
 * were rolled back with the transaction, and the file can be imported again.
 */
@Injectable()
export class ImportAttemptsService implements OnApplicationBootstrap {
  private readonly logger = new Logger('ImportAttempts');
  private readonly host = hostname().slice(0, 255);

  constructor(private readonly dataSource: DataSource) {}

  async onApplicationBootstrap(): Promise<void> {
    const marked = await this.markInterrupted();
    if (marked) this.logger.warn(`${marked} 个导入在上次运行中途停止，已标为“已中断”（未写入任何数据，可重新导入）`);
  }

  async begin(fileName: string, batchKey: string, startedBy: number | null): Promise<number> {
    const repo = this.dataSource.getRepository(ImportAttempt);
    const row = await repo.save(
      repo.create({ fileName: fileName.slice(0, 255), batchKey, startedBy, host: this.host, pid: process.pid, status: 'RUNNING' }),
    );
    return row.id;
  }

  async finish(em: EntityManager, id: number, batchId: number | null): Promise<void> {
    await em.getRepository(ImportAttempt).update({ id }, { status: 'DONE', endedAt: new Date(), batchId });
  }

  async fail(id: number): Promise<void> {
    await this.dataSource.getRepository(ImportAttempt).update({ id, status: 'RUNNING' }, { status: 'FAILED', endedAt: new Date() });
  }

  /** RUNNING rows of dead processes → INTERRUPTED; returns how many. */
  async markInterrupted(): Promise<number> {
    const repo = this.dataSource.getRepository(ImportAttempt);
    const running = await repo.findBy({ status: 'RUNNING' });
    const dead = running.filter((row) =>
      row.host === this.host ? row.pid !== process.pid && !alive(row.pid) : Date.now() - row.startedAt.getTime() > FOREIGN_STALE_MS,
    );
    if (!dead.length) return 0;
    await repo.update({ id: In(dead.map((row) => row.id)), status: 'RUNNING' }, { status: 'INTERRUPTED', endedAt: new Date() });
    return dead.length;
  }

  /** Interrupted imports of the last 30 days whose file has not been imported since, newest first. */
  async interrupted(): Promise<ImportAttempt[]> {
    const repo = this.dataSource.getRepository(ImportAttempt);
    const rows = await repo.find({
      where: { status: 'INTERRUPTED', startedAt: MoreThan(new Date(Date.now() - 30 * 24 * 3600_000)) },
      order: { id: 'DESC' },
      take: 50,
    });
    if (!rows.length) return rows;
    const redone = await repo.findBy({ status: 'DONE', batchKey: In([...new Set(rows.map((row) => row.batchKey))]) });
    return rows.filter((row) => !redone.some((done) => done.batchKey === row.batchKey && done.id > row.id));
  }
}
