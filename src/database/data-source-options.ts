import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { DataSourceOptions, Logger, LoggerOptions } from 'typeorm';
import type { AppConfig } from '../config/config.js';
import { SnakeNamingStrategy } from './naming.strategy.js';
import { SQLITE_WRITE_WAIT_MS } from './sqlite-write-lock.js';

/** What the app's schema is made of (src/schema/: every entity and every migration, listed at the top of the house). */
export interface SchemaParts {
  entities: DataSourceOptions['entities'];
  migrations: DataSourceOptions['migrations'];
}

/** The one function that turns configuration into DataSource options: app, CLI and tests share it (through src/schema/). */
export function dataSourceOptions(db: AppConfig['db'], schema: SchemaParts, logger?: Logger): DataSourceOptions {
  const common = {
    entities: schema.entities,
    migrations: schema.migrations,
    migrationsTableName: 'migrations',
    namingStrategy: new SnakeNamingStrategy(),
    synchronize: false,
    migrationsRun: false,
    logger,
    logging: logger ? (['query', 'error'] as LoggerOptions) : false,
  };
  if (db.kind === 'mysql') {
    return {
      ...common,
      type: db.flavor ?? 'mysql',
      url: db.url,
      // DATABASE_REPLICA_URLS: TypeORM replication, the primary as MASTER and each replica as SLAVE<i>;
      // src/database/replica-reads.ts picks the replica (health, lag) for the reads that tolerate lag.
      ...(db.replicaUrls?.length
        ? {
            replication: {
              master: { url: db.url },
              slaves: db.replicaUrls.map((url) => ({ url })),
              // Every read not explicitly routed stays on the primary (TypeORM would send query-builder SELECTs to a replica).
              defaultMode: 'master',
              canRetry: true,
              removeNodeErrorCount: 1_000_000,
              restoreNodeTimeout: 1000,
            },
          }
        : {}),
      timezone: 'Z',
      charset: 'utf8mb4_unicode_ci',
      supportBigNumbers: true,
      bigNumberStrings: false,
      extra: { connectionLimit: 20, enableKeepAlive: true, keepAliveInitialDelay: 10000, maxIdle: 10, idleTimeout: 60000 },
    } as DataSourceOptions;
  }
  mkdirSync(dirname(db.sqlitePath!), { recursive: true });
  return {
    ...common,
    type: 'better-sqlite3',
    database: db.sqlitePath!,
    enableWAL: true,
    timeout: SQLITE_WRITE_WAIT_MS,
    prepareDatabase: (conn: { pragma(source: string): unknown }) => {
      conn.pragma(`busy_timeout = ${SQLITE_WRITE_WAIT_MS}`);
      conn.pragma('synchronous = NORMAL');
      // No foreign_keys pragma here: no key is declared (ARCHITECTURE.md, "Foreign keys: none"); TypeORM turns it on itself.
      conn.pragma('cache_size = -65536'); // 64 MB page cache: bulk imports keep indexes in memory
    },
  } as DataSourceOptions;
}

/** MariaDB answers as MySQL but reports column defaults differently; TypeORM must be told which. */
export async function detectMysqlFlavor(db: AppConfig['db']): Promise<AppConfig['db']> {
  if (db.kind !== 'mysql' || db.flavor) return db;
  const { createConnection } = await import('mysql2/promise');
  const conn = await createConnection({ uri: db.url, connectTimeout: 10000 });
  try {
    const [rows] = await conn.query('SELECT VERSION() AS v');
    return { ...db, flavor: String((rows as { v: string }[])[0].v).includes('MariaDB') ? 'mariadb' : 'mysql' };
  } finally {
    await conn.end();
  }
}
