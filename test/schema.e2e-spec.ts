import { startTestApp, type TestApp } from './support/harness.js';

describe('schema: migrations are the schema', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp('schema', { demo: false });
  });
  afterAll(() => t.close());

  it('every migration ran on a fresh database and the entities agree with the migrated schema', async () => {
    const pending = await t.dataSource.showMigrations();
    expect(pending).toBe(false);
    const diff = await t.dataSource.driver.createSchemaBuilder().log();
    expect(diff.upQueries.map((q) => q.query)).toEqual([]);
  });

  it('migrations can be reverted and applied again', async () => {
    const n = t.dataSource.migrations.length;
    for (let i = 0; i < n; i++) await t.dataSource.undoLastMigration({ transaction: 'each' });
    expect((await t.dataSource.query('SELECT COUNT(*) AS c FROM migrations'))[0].c).toEqual(0);
    await t.dataSource.runMigrations({ transaction: 'each' });
    const diff = await t.dataSource.driver.createSchemaBuilder().log();
    expect(diff.upQueries).toHaveLength(0);
  });
});
