import { startTestApp, type TestApp } from './support/harness.js';

// ARCHITECTURE.md, "Foreign keys: none": modules refer to each other's rows by id and the owner checks them.
// The migrated schema declares no foreign key on either engine.
describe('schema: no foreign keys, as decided', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp('foreign-keys', { demo: false });
  });
  afterAll(() => app.close());

  it('no migrated table declares a foreign key', async () => {
    const tables = (await app.dataSource.createQueryRunner().getTables()).filter((table) => table.name !== 'migrations');
    expect(tables.length).toBeGreaterThan(20);
    expect(tables.filter((table) => table.foreignKeys.length).map((table) => table.name)).toEqual([]);
  });

  it('SQLite itself lists no foreign key on any table', async () => {
    if (app.engine !== 'sqlite') return;
    const tables: { name: string }[] = await app.dataSource.query(`SELECT name FROM sqlite_master WHERE type = 'table'`);
    expect(tables.length).toBeGreaterThan(20);
    const withKeys: string[] = [];
    for (const table of tables)
      if ((await app.dataSource.query(`SELECT * FROM pragma_foreign_key_list(?)`, [table.name])).length) withKeys.push(table.name);
    expect(withKeys).toEqual([]);
  });
});
