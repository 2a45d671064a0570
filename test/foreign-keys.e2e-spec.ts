import { startTestApp, type TestApp } from './support/harness.js';

// ARCHITECTURE.md, "Foreign keys: none": modules refer to each other's rows by id and the owner checks them.
// The migrated schema declares no foreign key on either engine, and SQLite's connection does not claim to enforce any.
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

  it('the SQLite connection runs with foreign_keys off (it said ON with none declared)', async () => {
    if (app.engine !== 'sqlite') return;
    const rows: { foreign_keys: number }[] = await app.dataSource.query('PRAGMA foreign_keys');
    expect(rows[0].foreign_keys).toBe(0);
  });
});
