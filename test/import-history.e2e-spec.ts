// What the shared database remembers across imports, told over HTTP as a clerk would see it:
// corrections on the same date, where residents live, files tried again, every refused row, and
// no date from the future.
import { fixtureId } from '../bench/fixtures.js';
import { platformDay } from '../src/common/platform-time.js';
import { startTestApp, type TestApp } from './support/harness.js';
import { upload } from './support/upload.js';
import { graphql } from './support/graphql.js';

const AUTOFILL = graphql(`
  query ($codes: [String!]!, $v: VillageRefInput!, $ids: [String!]) {
    autofillElements(elementCodes: $codes, village: $v, idNumbers: $ids) {
      residents {
        known
        values {
          key
          value
          asOf
          sourceRef
        }
      }
    }
  }
`);

const PROFILE = graphql(`
  query ($id: String!) {
    subjectProfile(idNumber: $id) {
      resident {
        village {
          name
        }
        residences {
          village {
            name
            town
          }
          asOf
          current
        }
      }
    }
  }
`);

describe('records: import history — corrections, residence, re-runs, refused rows, dates', () => {
  let server: TestApp;
  let admin: string;
  let cadre: string;
  beforeAll(async () => {
    server = await startTestApp('import_history');
    admin = await server.login('admin');
    cadre = await server.login('cun_420683003200'); // 土铺村
  });
  afterAll(() => server.close());

  const csv = (lines: string[]) => Buffer.from(`${lines.join('\n')}\n`);
  const nameOf = async (id: string) => {
    const af = await server.gql(AUTOFILL, { codes: ['resident.name'], v: { name: '土铺村' }, ids: [id] }, cadre);
    expect(af.errors).toBeUndefined();
    return af.data!.autofillElements.residents[0].values[0];
  };
  const historyOf = async (id: string, code: string): Promise<string[]> => {
    const rows: { value: string }[] = await server.dataSource.query(
      `SELECT f.value FROM fact f JOIN resident r ON r.id = f.subject_id JOIN data_element e ON e.id = f.element_id
       WHERE f.subject_type = 'RESIDENT' AND e.code = ? AND r.id_masked = ? ORDER BY f.id`,
      [code, `${id.slice(0, 6)}********${id.slice(14)}`],
    );
    return rows.map((row) => row.value);
  };

  it('a correction on the same as-of date wins: A (张三), B (张三丰), C (张三 again) → 张三, and the history keeps all three', async () => {
    const id = fixtureId(101);
    const fileA = await upload(server.url, admin, csv(['身份证号,姓名,村名', `${id},张三,土铺村`]), 'a.csv', { asOf: '2025-01-01' });
    expect(fileA.body).toMatchObject({ importedRows: 1, factsAdded: 1 });
    const fileB = await upload(server.url, admin, csv(['身份证号,姓名,村名', `${id},张三丰,土铺村`]), 'b.csv', { asOf: '2025-01-01' });
    expect(fileB.body).toMatchObject({ importedRows: 1, factsAdded: 1, factsUnchanged: 0 });
    expect(await nameOf(id)).toMatchObject({ value: '张三丰', asOf: '2025-01-01', sourceRef: `import_batch:${fileB.body.batchId}` });
    // C is another file (columns in another order) saying 张三 again, for the same date.
    const fileC = await upload(server.url, admin, csv(['姓名,身份证号,村名', `张三,${id},土铺村`]), 'c.csv', { asOf: '2025-01-01' });
    expect(fileC.body).toMatchObject({ importedRows: 1, factsAdded: 1, factsUnchanged: 0 });
    expect(await nameOf(id)).toMatchObject({ value: '张三', asOf: '2025-01-01', sourceRef: `import_batch:${fileC.body.batchId}` });
    expect(await historyOf(id, 'resident.name')).toEqual(['张三', '张三丰', '张三']);
  });
  it('no fact is dated after the day it is recorded: a future as-of is refused, a row dated in the future is a row error', async () => {
    const tomorrow = platformDay(Date.now() + 24 * 3600 * 1000);
    const future = await upload(server.url, admin, csv(['身份证号,姓名,村名', `${fixtureId(111)},未来,土铺村`]), 'future.csv', {
      asOf: '2099-01-01',
    });
    expect(future.status).toBe(400);
    expect(future.body.error).toMatchObject({ code: 'BAD_USER_INPUT', message: expect.stringContaining('晚于今天') });
    expect(future.body.error.details).toEqual([{ field: 'asOf', message: '数据日期不能晚于今天' }]);

    const rows = await upload(
      server.url,
      admin,
      csv(['身份证号,姓名,村名,日期', `${fixtureId(112)},今天,土铺村,${platformDay()}`, `${fixtureId(113)},明天,土铺村,${tomorrow}`]),
      'dates.csv',
    );
    expect(rows.body).toMatchObject({ totalRows: 2, importedRows: 1, errorRows: 1 });
    expect(rows.body.errors).toEqual([{ row: 3, column: '日期', reason: expect.stringContaining(`数据日期 ${tomorrow} 晚于今天`) }]);
    expect(await nameOf(fixtureId(113))).toMatchObject({ value: null });
    expect(await nameOf(fixtureId(112))).toMatchObject({ value: '今天', asOf: platformDay() });
  });
  it('a file is keyed with its as-of date, and a file that imported nothing can be run again', async () => {
    const id = fixtureId(121);
    const file = csv(['身份证号,姓名,村名', `${id},周一,土铺村`]);
    const first = await upload(server.url, admin, file, 'keyed.csv', { asOf: '2024-06-30' });
    expect(first.body).toMatchObject({ alreadyImported: false, importedRows: 1 });
    const again = await upload(server.url, admin, file, 'keyed.csv', { asOf: '2024-06-30' });
    expect(again.body).toMatchObject({ alreadyImported: true, batchId: first.body.batchId, importedRows: 1 });
    expect(again.body.notices[0]).toContain(`导入（批次 ${first.body.batchId}）`);
    // The same bytes as of another date are another import.
    const later = await upload(server.url, admin, file, 'keyed.csv', { asOf: '2024-12-31' });
    expect(later.body).toMatchObject({ alreadyImported: false, importedRows: 1 });
    expect(later.body.batchId).not.toBe(first.body.batchId);
    expect(await nameOf(id)).toMatchObject({ value: '周一', asOf: '2024-12-31' });

    // Every row refused (an unknown village name): nothing imported, so the same file runs again.
    const refused = csv(['身份证号,姓名,村名', `${fixtureId(122)},周二,土埔村`]);
    const none = await upload(server.url, admin, refused, 'refused.csv', { asOf: '2024-06-30' });
    expect(none.body).toMatchObject({ importedRows: 0, errorRows: 1 });
    const retry = await upload(server.url, admin, refused, 'refused.csv', { asOf: '2024-06-30' });
    expect(retry.body).toMatchObject({ alreadyImported: false, importedRows: 0, errorRows: 1 });
    expect(retry.body.batchId).toBeGreaterThan(none.body.batchId!);
  });
  it('an older file adds history but never moves a resident: the village that holds them still autofills them', async () => {
    const id = fixtureId(131);
    const now = await upload(server.url, admin, csv(['身份证号,姓名,村名,日期', `${id},吴一,土铺村,2025-06-30`]), 'now.csv');
    expect(now.body).toMatchObject({ importedRows: 1, residentsCreated: 1 });
    // A file from 2020 puts them in another village (沙河社区, 环城街道) and spells the name differently.
    const old = await upload(server.url, admin, csv(['身份证号,姓名,村名,镇,日期', `${id},吴壹,沙河社区,环城街道,2020-01-01`]), 'old.csv');
    expect(old.body).toMatchObject({ importedRows: 1, residentsCreated: 0, factsAdded: 1 });
    const af = await server.gql(AUTOFILL, { codes: ['resident.name'], v: { name: '土铺村' }, ids: [id] }, cadre);
    expect(af.data!.autofillElements.residents[0]).toMatchObject({ known: true, values: [{ value: '吴一', asOf: '2025-06-30' }] });
    expect(await historyOf(id, 'resident.name')).toEqual(['吴一', '吴壹']);
    // Residence is itself dated: the 2020 village is kept in the history, the current one stays 土铺村.
    const residencesAs = async (token: string) => (await server.gql(PROFILE, { id }, token)).data!.subjectProfile.resident!;
    expect(await residencesAs(admin)).toEqual({
      village: { name: '土铺村' },
      residences: [
        { village: { name: '土铺村', town: '环城街道' }, asOf: '2025-06-30', current: true },
        { village: { name: '沙河社区', town: '环城街道' }, asOf: '2020-01-01', current: false },
      ],
    });
    // 土铺村's cadre sees the resident, but not where else they lived: another village's record is not theirs.
    expect((await residencesAs(cadre)).residences).toEqual([
      { village: { name: '土铺村', town: '环城街道' }, asOf: '2025-06-30', current: true },
    ]);
    // The same file again adds nothing to the history.
    await upload(server.url, admin, csv(['身份证号,姓名,村名,镇,日期', `${id},吴壹,沙河社区,环城街道,2020-01-01`]), 'old-again.csv');
    expect((await residencesAs(admin)).residences).toHaveLength(2);
    // A newer file does move them.
    const newer = await upload(
      server.url,
      admin,
      csv(['身份证号,姓名,村名,镇,日期', `${id},吴一,沙河社区,环城街道,2025-09-30`]),
      'new.csv',
    );
    expect(newer.body).toMatchObject({ importedRows: 1 });
    const [row]: { village_as_of: string }[] = await server.dataSource.query(`SELECT village_as_of FROM resident WHERE id_masked = ?`, [
      `${id.slice(0, 6)}********${id.slice(14)}`,
    ]);
    expect(row.village_as_of).toBe('2025-09-30');
    expect((await residencesAs(admin)).residences.map((entry) => [entry.village.name, entry.asOf, entry.current])).toEqual([
      ['沙河社区', '2025-09-30', true],
      ['土铺村', '2025-06-30', false],
      ['沙河社区', '2020-01-01', false],
    ]);
    // Now that they live in 沙河社区, 土铺村's cadre no longer finds them.
    expect((await server.gql(PROFILE, { id }, cadre)).errors?.[0].extensions.code).toBe('NOT_FOUND');
  });
});
