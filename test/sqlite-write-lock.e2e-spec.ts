import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import Database from 'better-sqlite3';
import { TransactionService } from '../src/common/transaction.service.js';
import { ENGINE, startTestApp, type TestApp } from './support/harness.js';

// SQLite only: how TransactionService begins a write on the embedded database (database/sqlite-write-lock.ts).
(ENGINE === 'sqlite' ? describe : describe.skip)('SQLite writes begin with the write lock (BEGIN IMMEDIATE)', () => {
  let server: TestApp;
  let tx: TransactionService;
  beforeAll(async () => {
    server = await startTestApp('sqlite-write-lock', { demo: false });
    tx = server.app.get(TransactionService);
  });
  afterAll(() => server?.close());

  it('a transaction holds the database write lock from its first statement, even one that only reads', async () => {
    const other = new Database(server.config.db.sqlitePath!, { timeout: 0 });
    try {
      const inside = await tx.run(async (em) => {
        await em.query('SELECT COUNT(*) AS n FROM region');
        // Another process asking for the write lock now is refused at once: ours is taken (a deferred BEGIN would
        // hold nothing until its first write, and then fail with "database is locked" had the other one written).
        try {
          other.exec('BEGIN IMMEDIATE');
          other.exec('ROLLBACK');
          return 'free';
        } catch (err) {
          return (err as { code?: string }).code;
        }
      });
      expect(inside).toBe('SQLITE_BUSY');
      // Once committed, the lock is free again.
      other.exec('BEGIN IMMEDIATE');
      other.exec('ROLLBACK');
    } finally {
      other.close();
    }
  });

  it('the runner is prepared once: a thousand transactions leave its query function as the first one made it', async () => {
    // TypeORM's better-sqlite3 driver shares one query runner; wrapping it again at every transaction stacked a layer
    // per transaction under every later query (a year of demo life went from seconds to minutes).
    await tx.run((em) => em.query('SELECT 1'));
    const runner = server.dataSource.createQueryRunner();
    const prepared = runner.query;
    for (let i = 0; i < 1000; i++) await tx.run((em) => em.query('SELECT 1'));
    expect(server.dataSource.createQueryRunner()).toBe(runner);
    expect(runner.query).toBe(prepared);
  });
});
