import { fixtureId, toCsv } from '../bench/fixtures.js';
import { makeIdNumber } from '../src/common/id-number.js';
import { expectError, startTestApp, type TestApp } from './support/harness.js';
import { graphql } from './support/graphql.js';
import { upload } from './support/upload.js';

const PROGRESS = graphql(`
  query ($key: String!) {
    importProgress(key: $key) {
      fileName
      dryRun
      rowsRead
      rowsWritten
      rowsRefused
      done
      elapsedMs
    }
  }
`);
const CREATE_USER = graphql(`
  mutation ($input: CreateUserInput!) {
    createUser(input: $input) {
      id
    }
  }
`);

const ROWS = 24_000;
/** A resident file of ROWS rows, every 100th refused (unknown village). */
function longFile(): Buffer {
  const rows: (string | number)[][] = [];
  const born = (i: number) => new Date(Date.UTC(1950, 0, 1 + Math.floor(i / 1000))).toISOString().slice(0, 10).replaceAll('-', '');
  for (let i = 0; i < ROWS; i++)
    rows.push([makeIdNumber('420683', born(i), i % 1000), `居民${i}`, i % 100 === 99 ? '没有这个村' : '土铺村', '汉族', '2024-12-31']);
  return Buffer.from(toCsv(['身份证号', '姓名', '村名', '民族', '日期'], rows));
}

describe('records: the uploader follows a long import’s progress (rows read / written / refused)', () => {
  let server: TestApp;
  let admin: string;
  beforeAll(async () => {
    server = await startTestApp('import-progress');
    admin = await server.login('admin');
  });
  afterAll(() => server.close());

  const progressOf = async (key: string, token = admin) => (await server.gql(PROGRESS, { key }, token)).data?.importProgress ?? null;

  it('polled during the upload, the figures grow batch by batch and end equal to the report', async () => {
    const key = 'c0ffee00-1111-4222-8333-444455556666';
    expect(await progressOf(key)).toBeNull();
    let finished = false;
    const answer = upload(server.url, admin, longFile(), '长文件.csv', { progressKey: key }).finally(() => (finished = true));
    const seen: NonNullable<Awaited<ReturnType<typeof progressOf>>>[] = [];
    while (!finished) {
      // In this in-process server the import runs on the request thread (no worker under Jest): on a loaded machine a
      // batch can hold it past the 5 s keep-alive timeout, and a poll sent on that idle connection meets its close
      // ("other side closed", seen once in CI). The browser polls again; so does this loop.
      const now = await progressOf(key).catch((err: Error) => {
        if (!/fetch failed/.test(err.message)) throw err;
        return null;
      });
      if (now) seen.push(now);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    const { status, body } = await answer;
    expect(status).toBe(201);
    expect(body.importedRows).toBe(ROWS - ROWS / 100);

    // The page saw the import part-way, and the figures never went back.
    const partWay = seen.filter((item) => !item.done && item.rowsRead > 0 && item.rowsRead < ROWS);
    expect(partWay.length).toBeGreaterThan(0);
    for (let i = 1; i < seen.length; i++) {
      expect(seen[i].rowsRead).toBeGreaterThanOrEqual(seen[i - 1].rowsRead);
      expect(seen[i].rowsWritten).toBeGreaterThanOrEqual(seen[i - 1].rowsWritten);
    }
    expect(partWay[0]).toMatchObject({ fileName: '长文件.csv', dryRun: false });

    const last = await progressOf(key);
    expect(last).toMatchObject({ done: true, rowsRead: ROWS, rowsWritten: body.importedRows, rowsRefused: body.errorRows, dryRun: false });
    expect(last!.elapsedMs).toBeGreaterThan(0);
  });

  it('another administrator cannot read someone’s progress; a malformed key is refused and nothing is imported', async () => {
    const key = 'dry-run-key-0001';
    const csv = Buffer.from(toCsv(['身份证号', '姓名', '村名'], [[fixtureId(42), '试', '土铺村']]));
    const dry = await upload(server.url, admin, csv, '试.csv', { progressKey: key, dryRun: 'true' });
    expect(dry.status).toBe(201);
    expect(await progressOf(key)).toMatchObject({ done: true, dryRun: true, rowsRead: 1, rowsWritten: 1 });

    const created = await server.gql(
      CREATE_USER,
      { input: { username: 'admin_progress2', displayName: '第二管理员', password: 'Second#Admin2025', role: 'ADMIN' } },
      await server.login('anquan'),
    );
    expect(created.errors).toBeUndefined();
    const other = await server.firstLogin('admin_progress2', 'Second#Admin2025');
    expect(await progressOf(key, other)).toBeNull();

    expect(expectError(await server.gql(PROGRESS, { key: '<script>' }, admin), 'BAD_USER_INPUT').message).toMatch(/进度编号/);
    const before = await server.gql(PROGRESS, { key }, admin);
    const bad = await upload(server.url, admin, csv, '试.csv', { progressKey: 'x'.repeat(65) });
    expect(bad.body.error.code).toBe('BAD_USER_INPUT');
    expect(bad.body.error.message).toMatch(/进度编号/);
    expect(before.data?.importProgress?.dryRun).toBe(true);
  });

  it('a village cadre cannot ask', async () => {
    const cadre = await server.login('cun_420683003200');
    expectError(await server.gql(PROGRESS, { key: 'c0ffee00-1111-4222-8333-444455556666' }, cadre), 'FORBIDDEN');
  });
});
