import { Inject, Injectable, Logger } from '@nestjs/common';
import { Mutex } from 'async-mutex';
import { DataSource, EntityManager } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { driverErrorOf, isConnectionLost } from './db-errors.js';
import { databaseUnavailable } from './errors.js';

const RETRYABLE_MYSQL = new Set([1213, 1205]); // deadlock, lock wait timeout
const MAX_ATTEMPTS = 3;

/**
 * Every write goes through run(). SQLite: TypeORM shares one better-sqlite3 connection, so
 * overlapping transactions would fail — writes are serialised by a mutex. MySQL: a deadlock or
 * lock-wait timeout is retried up to 3 times with a short jittered back-off.
 */
@Injectable()
export class TransactionService {
  private readonly sqliteLock = new Mutex();
  private readonly log = new Logger('Transaction');
  constructor(
    private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  get isSqlite(): boolean {
    return this.config.db.kind === 'sqlite';
  }

  async run<T>(work: (em: EntityManager) => Promise<T>): Promise<T> {
    if (this.isSqlite) return this.sqliteLock.runExclusive(() => this.dataSource.transaction(work));
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
