import { AsyncLocalStorage } from 'node:async_hooks';
import { Inject, Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { DataSource, type QueryRunner } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../config/config.js';

/** How often each replica is checked (reachable, lag); a replica found unfit is skipped until a later check passes. */
export const REPLICA_CHECK_MS = 2000;
/** How long after a person's own write their lag-tolerant reads still go to the primary (read-your-writes). */
export const OWN_WRITE_WINDOW_MS = 10_000;

export interface ReplicaStatus {
  index: number;
  healthy: boolean;
  lagSeconds: number | null;
  reason?: string;
}

type PoolConnection = { query(sql: string, cb: (err: Error | null, rows: unknown) => void): void; release(): void };
type PoolCluster = { getConnection(pattern: string, cb: (err: Error | null, conn: PoolConnection) => void): void };

/**
 * Reads that tolerate lag (dashboards, insights) on a read replica, through TypeORM replication
 * (`replication: { master, slaves }` in data-source-options.ts; each replica is TypeORM's pool `SLAVE<i>`).
 * Everything else — every write, every transaction, every read not wrapped in `lagTolerant` — runs on
 * the primary, TypeORM's default. A replica is used only while its last check (every REPLICA_CHECK_MS)
 * found it reachable, replicating, and no more than REPLICA_MAX_LAG_SECONDS behind; otherwise, and
 * for OWN_WRITE_WINDOW_MS after the caller's own write (noted per user in this process by
 * `noteWrite`), the read runs on the primary. Without DATABASE_REPLICA_URLS it is a no-op.
 */
@Injectable()
export class ReplicaReads implements OnModuleInit, OnModuleDestroy {
  private readonly runner = new AsyncLocalStorage<QueryRunner>();
  private status: ReplicaStatus[] = [];
  private next = 0;
  private timer?: NodeJS.Timeout;
  private readonly recentWriters = new Map<number, number>();
  /** Reads served per target since start: the tests' and the log's view of the routing. */
  readonly served = { replica: 0, primary: 0 };

  constructor(
    private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  get enabled(): boolean {
    return (this.config.db.replicaUrls?.length ?? 0) > 0;
  }

  async onModuleInit(): Promise<void> {
    if (!this.enabled) return;
    this.status = this.config.db.replicaUrls!.map((_, index) => ({ index, healthy: false, lagSeconds: null, reason: '尚未检查' }));
    await this.check();
    this.timer = setInterval(() => void this.check(), REPLICA_CHECK_MS);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    if (this.timer) clearInterval(this.timer);
  }

  /** The replicas as the last check found them (for /health). */
  replicas(): ReplicaStatus[] {
    return this.status.map((status) => ({ ...status }));
  }

  /** The caller wrote: their lag-tolerant reads go to the primary for OWN_WRITE_WINDOW_MS. */
  noteWrite(userId: number | undefined): void {
    if (!this.enabled || userId === undefined) return;
    const now = Date.now();
    this.recentWriters.set(userId, now + OWN_WRITE_WINDOW_MS);
    if (this.recentWriters.size > 10_000) for (const [id, until] of this.recentWriters) if (until < now) this.recentWriters.delete(id);
  }

  /** The query runner of the lag-tolerant read in progress, if any: pass it to createQueryBuilder / query. */
  current(): QueryRunner | undefined {
    return this.runner.getStore();
  }

  /** Runs `work` with a replica's query runner in scope (`current()`) when one is fit, else on the primary. */
  async lagTolerant<T>(userId: number | undefined, work: () => Promise<T>): Promise<T> {
    const index = this.pick(userId);
    if (index === undefined) {
      this.served.primary++;
      return work();
    }
    let conn: PoolConnection;
    try {
      conn = await this.connection(index);
    } catch {
      this.markDown(index, '连接失败');
      this.served.primary++;
      return work();
    }
    const qr = this.dataSource.createQueryRunner('slave');
    Object.assign(qr, { databaseConnection: conn, databaseConnectionPromise: Promise.resolve(conn) });
    this.served.replica++;
    try {
      return await this.runner.run(qr, work);
    } catch (err) {
      // A replica failing mid-read (gone, killed): the answer still comes, from the primary.
      if (!isConnectionError(err)) throw err;
      this.markDown(index, '读取失败');
      this.served.primary++;
      return work();
    } finally {
      await qr.release();
    }
  }

  private pick(userId: number | undefined): number | undefined {
    if (!this.enabled) return undefined;
    if (userId !== undefined && (this.recentWriters.get(userId) ?? 0) > Date.now()) return undefined;
    const fit = this.status.filter((status) => status.healthy);
    if (fit.length === 0) return undefined;
    return fit[this.next++ % fit.length].index;
  }

  private markDown(index: number, reason: string): void {
    this.status[index] = { index, healthy: false, lagSeconds: null, reason };
  }

  private connection(index: number): Promise<PoolConnection> {
    const cluster = (this.dataSource.driver as unknown as { poolCluster: PoolCluster }).poolCluster;
    return new Promise((ok, fail) => cluster.getConnection(`SLAVE${index}`, (err, conn) => (err ? fail(err) : ok(conn))));
  }

  /** Each replica: reachable, both replication threads running, Seconds_Behind_Master within the bound. */
  async check(): Promise<ReplicaStatus[]> {
    const bound = this.config.db.replicaMaxLagSeconds ?? 5;
    await Promise.all(
      this.status.map(async ({ index }) => {
        try {
          const conn = await withTimeout(this.connection(index), 2000);
          try {
            const rows = await withTimeout(
              new Promise<Record<string, unknown>[]>((ok, fail) =>
                conn.query('SHOW SLAVE STATUS', (err, found) => (err ? fail(err) : ok(found as Record<string, unknown>[]))),
              ),
              2000,
            );
            const row = rows[0];
            const lag = row?.Seconds_Behind_Master == null ? null : Number(row.Seconds_Behind_Master);
            const running = row?.Slave_IO_Running === 'Yes' && row?.Slave_SQL_Running === 'Yes';
            if (!row) this.status[index] = { index, healthy: false, lagSeconds: null, reason: '不是副本' };
            else if (!running || lag === null) this.status[index] = { index, healthy: false, lagSeconds: lag, reason: '复制已停止' };
            else if (lag > bound) this.status[index] = { index, healthy: false, lagSeconds: lag, reason: `延迟超过 ${bound} 秒` };
            else this.status[index] = { index, healthy: true, lagSeconds: lag };
          } finally {
            conn.release();
          }
        } catch {
          this.markDown(index, '无法连接');
        }
      }),
    );
    return this.replicas();
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout;
  return Promise.race([
    promise,
    new Promise<T>((_, fail) => {
      timer = setTimeout(() => fail(new Error('timeout')), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

function isConnectionError(err: unknown): boolean {
  const code = (err as { code?: string; driverError?: { code?: string } })?.driverError?.code ?? (err as { code?: string })?.code;
  return typeof code === 'string' && /^(PROTOCOL_|ECONN|ETIMEDOUT|ER_CONNECTION_KILLED|EPIPE)/.test(code);
}
