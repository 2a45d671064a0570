import { Inject, Injectable, Logger } from '@nestjs/common';
import { Mutex } from 'async-mutex';
import { DataSource, EntityManager } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { driverErrorOf, isConnectionLost } from './db-errors.js';
import { AppError, databaseUnavailable, ErrorCode } from './errors.js';
import { immediateQueryRunner, SqliteWriteLockTimeout } from '../database/sqlite-write-lock.js';

const RETRYABLE_MYSQL = new Set([1213, 1205]); // deadlock, lock wait timeout
const MAX_ATTEMPTS = 3;

/**
 * Every write goes through run(). SQLite: TypeORM shares one better-sqlite3 connection, so
 * overlapping transactions would fail — writes are serialised by a mutex, and each takes the
 * database's write lock at its start (`BEGIN IMMEDIATE`, waited for without stopping the event
 * loop: database/sqlite-write-lock.ts), so a write of another process never breaks it. MySQL: a
 * deadlock or lock-wait timeout is retried up to 3 times with a short jittered back-off.
 */
@Injectable()
export class TransactionService {
  private readonly sqliteLock = new Mutex();
  private readonly log = new Logger('Transaction');
  /** afterCommit work per transaction's EntityManager (dropped with it when the transaction fails). */
  private readonly pending = new WeakMap<EntityManager, (() => Promise<void>)[]>();
  constructor(
    private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  get isSqlite(): boolean {
    return this.config.db.kind === 'sqlite';
  }

  /**
   * Work to do once the transaction that `em` belongs to has committed (outgoing notifications): never
   * run when it rolls back, and a failure of the work is logged, never thrown at the writer.
   */
  afterCommit(em: EntityManager, work: () => Promise<void>): void {
    const list = this.pending.get(em);
    if (list) list.push(work);
    else this.pending.set(em, [work]);
  }

  async run<T>(work: (em: EntityManager) => Promise<T>): Promise<T> {
    let committed: EntityManager | null = null;
    const tracked = async (em: EntityManager) => {
      const result = await work(em);
      committed = em;
      return result;
    };
    const result = await this.attempt(tracked);
    const after = committed ? this.pending.get(committed) : undefined;
    if (after) {
      this.pending.delete(committed!);
      for (const job of after) void job().catch((err: unknown) => this.log.error(`after-commit work failed: ${String(err)}`));
    }
    return result;
  }

  private async sqliteTransaction<T>(work: (em: EntityManager) => Promise<T>): Promise<T> {
    const runner = immediateQueryRunner(this.dataSource);
    try {
      return await runner.manager.transaction(work);
    } catch (err) {
      if (!(err instanceof SqliteWriteLockTimeout)) throw err;
      this.log.warn(err.message);
      throw new AppError(ErrorCode.DATABASE_UNAVAILABLE, '数据库正忙（其他服务进程正在写入），本次操作没有保存，请稍后重试', {
        retryable: true,
      });
    } finally {
      await runner.release();
    }
  }

  private async attempt<T>(work: (em: EntityManager) => Promise<T>): Promise<T> {
    if (this.isSqlite) return this.sqliteLock.runExclusive(() => this.sqliteTransaction(work));
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.dataSource.transaction(work);
      } catch (err) {
        if (isConnectionLost(err)) {
          // Killed or dropped mid-transaction: InnoDB rolled it back. Not retried here (a COMMIT cut off
          // may have landed): the client is told to send it again, and saves carry a clientId for that.
          this.log.warn(`transaction lost its database connection (${driverErrorOf(err).code ?? driverErrorOf(err).errno ?? 'closed'})`);
          throw databaseUnavailable();
        }
        const { errno } = driverErrorOf(err);
        if (errno === undefined || !RETRYABLE_MYSQL.has(errno) || attempt >= MAX_ATTEMPTS) throw err;
        this.log.warn(`transaction retried after MySQL error ${errno} (attempt ${attempt})`);
        await new Promise((resolve) => setTimeout(resolve, 10 * attempt + Math.random() * 20));
      }
    }
  }
}
