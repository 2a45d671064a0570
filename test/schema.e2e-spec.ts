import { startTestApp, type TestApp } from './support/harness.js';

describe('schema: migrations are the schema', () => {
  let server: TestApp;
  beforeAll(async () => {
    server = await startTestApp('schema', { demo: false });
  });
  afterAll(() => server.close());

  it('every migration ran on a fresh database and the entities agree with the migrated schema', async () => {
    const pending = await server.dataSource.showMigrations();
    expect(pending).toBe(false);
    const diff = await server.dataSource.driver.createSchemaBuilder().log();
    expect(diff.upQueries.map((upQuery) => upQuery.query)).toEqual([]);
  });

  it('migrations can be reverted and applied again', async () => {
    const count = server.dataSource.migrations.length;
    for (let i = 0; i < count; i++) await server.dataSource.undoLastMigration({ transaction: 'each' });
    expect((await server.dataSource.query('SELECT COUNT(*) AS c FROM migrations'))[0].c).toEqual(0);
    await server.dataSource.runMigrations({ transaction: 'each' });
    const diff = await server.dataSource.driver.createSchemaBuilder().log();
    expect(diff.upQueries).toHaveLength(0);
  });
});
