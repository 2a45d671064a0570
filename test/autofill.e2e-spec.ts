import { fixtureId } from '../bench/fixtures.js';
import { FormVersion } from '../src/forms/form-version.entity.js';
import { User } from '../src/identity/user.entity.js';
import { Region } from '../src/regions/region.entity.js';
import { expectError, startTestApp, type TestApp } from './support/harness.js';
import { fixture, upload } from './support/upload.js';
import { graphql, type Input } from './support/graphql.js';

const AUTOFILL = graphql(`
  query ($codes: [String!]!, $v: VillageRefInput!, $ids: [String!], $p: Date) {
    autofillElements(elementCodes: $codes, village: $v, idNumbers: $ids, periodStart: $p) {
      village {
        id
        name
        town
        code
      }
      values {
        key
        value
        asOf
        source
        sourceRef
        found
        stale
      }
      residents {
        index
        valid
        reason
        idMasked
        known
        values {
          key
          value
          asOf
          source
          derived
          found
          stale
        }
      }
    }
  }
`);
const PROFILE = graphql(`
  query ($v: VillageRefInput, $id: String) {
    subjectProfile(village: $v, idNumber: $id) {
      subjectType
      village {
        name
        town
      }
      resident {
        idMasked
        gender
        birthDate
        village {
          name
        }
      }
      values {
        key
        elementName
        value
        asOf
        source
        sourceRef
        derived
      }
    }
  }
`);

describe('records: autofill by village or ID number, and the one-click profile', () => {
  let server: TestApp;
  let admin: string;
  let cadre: string; // 土铺村
  let otherTown: string;
  let tupu: Region;
  let batch: number;
  beforeAll(async () => {
    server = await startTestApp('autofill');
    admin = await server.login('admin');
    cadre = await server.login('cun_420683003200');
    tupu = await server.dataSource.getRepository(Region).findOneByOrFail({ code: '420683003200' });
    const town = await server.dataSource.getRepository(User).findOneByOrFail({ role: 'TOWN_STAFF' as any, regionId: tupu.parentId! });
    const other = await server.dataSource
      .getRepository(User)
      .createQueryBuilder('u')
      .where("u.role = 'TOWN_STAFF' AND u.regionId <> :r", { r: tupu.parentId })
      .getOneOrFail();
    otherTown = await server.login(other.username);
    void town;
    batch = (await upload(server.url, admin, fixture('villages.xlsx'), 'villages.xlsx')).body.batchId!;
    await upload(server.url, admin, fixture('residents.csv'), 'residents.csv');
  });
  afterAll(() => server.close());

  it('fills a village by id, by name and by name + town, with provenance; stale when older than the period', async () => {
    const byId = await server.gql(
      AUTOFILL,
      { codes: ['village.registered_population', 'village.households', 'village.grids'], v: { id: tupu.id }, p: '2025-01-01' },
      cadre,
    );
    expect(byId.errors).toBeUndefined();
    expect(byId.data!.autofillElements.village).toEqual({ id: tupu.id, name: '土铺村', town: '环城街道', code: '420683003200' });
    expect(byId.data!.autofillElements.values).toEqual([
      {
        key: 'village.registered_population',
        value: '1320',
        asOf: '2024-12-31',
        source: 'IMPORT',
        sourceRef: `import_batch:${batch}`,
        found: true,
        stale: true,
      },
      {
        key: 'village.households',
        value: '356',
        asOf: '2024-12-31',
        source: 'IMPORT',
        sourceRef: `import_batch:${batch}`,
        found: true,
        stale: true,
      },
      { key: 'village.grids', value: null, asOf: null, source: null, sourceRef: null, found: false, stale: false },
    ]);
    const fresh = await server.gql(AUTOFILL, { codes: ['village.households'], v: { name: ' 土铺村 ' }, p: '2024-10-01' }, cadre);
    expect(fresh.data!.autofillElements.values[0]).toMatchObject({ value: '356', stale: false });
    const withTown = await server.gql(AUTOFILL, { codes: ['village.households'], v: { name: '新集村', town: '七方镇' } }, admin);
    expect(withTown.data!.autofillElements.values[0].value).toBe('520');
  });

  it('an ambiguous name lists the candidates with their towns; an unknown one the closest names', async () => {
    const amb = expectError(
      await server.gql(AUTOFILL, { codes: ['village.households'], v: { name: '新集村' } }, admin),
      'AMBIGUOUS_VILLAGE',
    );
    expect(amb.message).toContain('七方镇');
    const cands = amb.extensions.candidates as any[];
    expect(cands.length).toBeGreaterThanOrEqual(2);
    expect(cands.map((cand) => cand.town)).toEqual(expect.arrayContaining(['七方镇', '杨垱镇']));
    expect(cands.every((cand) => cand.name === '新集村')).toBe(true);
    const nf = expectError(await server.gql(AUTOFILL, { codes: ['village.households'], v: { name: '土铺' } }, admin), 'NOT_FOUND');
    expect(nf.message).toContain('土铺村');
    expect((nf.extensions.candidates as any[])[0]).toMatchObject({ name: '土铺村', town: '环城街道' });
    expectError(await server.gql(AUTOFILL, { codes: ['village.households'], v: { name: '新集村', town: '北城街道' } }, admin), 'NOT_FOUND');
    expectError(await server.gql(AUTOFILL, { codes: ['village.households'], v: {} }, admin), 'BAD_USER_INPUT');
  });

  it('fills resident rows by ID number: valid + known, invalid with reason, valid + unknown, another village’s resident refused', async () => {
    const ids = [fixtureId(1), '420683199001011234', fixtureId(99), fixtureId(9), 'abc'];
    const res = await server.gql(
      AUTOFILL,
      { codes: ['resident.name', 'resident.gender', 'resident.birth_date', 'resident.education'], v: { id: tupu.id }, ids },
      cadre,
    );
    expect(res.errors).toBeUndefined();
    const [known, invalid, unknown, elsewhere, junk] = res.data!.autofillElements.residents;
    expect(known).toMatchObject({ index: 0, valid: true, known: true, reason: null, idMasked: `420683********${fixtureId(1).slice(14)}` });
    expect(known.values.map((value: any) => [value.key, value.value, value.source, value.derived])).toEqual([
      ['resident.name', '张三', 'IMPORT', false],
      ['resident.gender', fixtureId(1)[16] === '1' || Number(fixtureId(1)[16]) % 2 ? '男' : '女', null, true],
      ['resident.birth_date', `${fixtureId(1).slice(6, 10)}-${fixtureId(1).slice(10, 12)}-${fixtureId(1).slice(12, 14)}`, null, true],
      ['resident.education', '初中', 'IMPORT', false],
    ]);
    expect(invalid).toMatchObject({ valid: false, known: false, values: [] });
    expect(invalid.reason).toContain('校验位');
    expect(unknown).toMatchObject({ valid: true, known: false, reason: null });
    expect(unknown.values.map((value: any) => value.found)).toEqual([false, true, true, false]);
    // Registered in another village: the very same answer as an unknown number (no reason, no values).
    expect(elsewhere).toMatchObject({ valid: true, known: false, reason: null });
    expect(elsewhere.values.map((value: any) => [value.key, value.found, value.source])).toEqual(
      unknown.values.map((value: any) => [value.key, value.found, value.source]),
    );
    expect(elsewhere.values[0]).toMatchObject({ value: null, found: false });
    expect(junk).toMatchObject({ valid: false, reason: expect.stringContaining('18 位') });
    // No full ID number comes back anywhere in the answer.
    expect(JSON.stringify(res.data)).not.toMatch(/\d{17}[\dX]/);
    // The look-up by ID number is audited like any read of personal data (who, which village, how many), without the numbers.
    const audit = await server.gql(
      graphql(`
        {
          auditEvents(filter: { action: "resident.autofill" }) {
            items {
              username
              objectType
              objectId
              detail
            }
          }
        }
      `),
      {},
      await server.login('shenji'),
    );
    const events = audit.data!.auditEvents.items;
    expect(events[0]).toMatchObject({ objectType: 'region', objectId: String(tupu.id) });
    expect(JSON.parse(events[0].detail!)).toMatchObject({ idNumbers: 5, known: 1 });
    expect(JSON.stringify(events)).not.toMatch(/\d{17}[\dX]/);
  });

  it('refuses a village outside the caller’s scope (cadre: another village; town: another town’s village)', async () => {
    // Out of scope answers NOT_FOUND with the same message as a village id that does not exist.
    const absent = expectError(await server.gql(AUTOFILL, { codes: ['village.households'], v: { id: 987654321 } }, cadre), 'NOT_FOUND');
    const gqlError = expectError(
      await server.gql(AUTOFILL, { codes: ['village.households'], v: { name: '新集村', town: '七方镇' } }, cadre),
      'NOT_FOUND',
    );
    expect(gqlError.message).toBe(absent.message);
    expectError(await server.gql(AUTOFILL, { codes: ['village.households'], v: { id: tupu.id } }, otherTown), 'NOT_FOUND');
    expectError(
      await server.gql(AUTOFILL, { codes: ['village.households'], v: { id: tupu.id } }, await server.login('bm_mzj')),
      'FORBIDDEN',
    );
  });

  it('costs the same number of SQL statements for 1 or 20 ID numbers', async () => {
    const gql = (ids: string[]) =>
      server.gql(AUTOFILL, { codes: ['village.households', 'resident.name', 'resident.phone'], v: { id: tupu.id }, ids }, cadre);
    const one = await server.countQueries(() => gql([fixtureId(1)]));
    const many = await server.countQueries(() => gql(Array.from({ length: 20 }, (_, i) => fixtureId(i + 1))));
    expect(many.result.data!.autofillElements.residents).toHaveLength(20);
    expect(many.queries).toBe(one.queries);
    // Six reads, and the audit event of the look-up by ID number (written in its own transaction).
    expect(one.queries).toBeLessThanOrEqual(6 + 3);
  });

  it('autofills a form version through its bound fields (village header and resident rows)', async () => {
    const mzj = await server.login('bm_mzj');
    const els = Object.fromEntries(
      (
        await server.gql(
          graphql(`
            {
              dataElements {
                id
                code
              }
            }
          `),
          {},
          mzj,
        )
      ).data!.dataElements.map((dataElement: any) => [dataElement.code, dataElement.id]),
    );
    const duty = (
      await server.gql(
        graphql(`
          {
            dutyItems(list: MAIN, take: 1) {
              items {
                id
              }
            }
          }
        `),
        {},
        mzj,
      )
    ).data!.dutyItems.items[0].id;
    const fields: Input<'FieldInput'>[] = [
      { key: 'pop', label: '户籍人口', valueType: 'INTEGER', section: 'VILLAGE', elementId: els['village.registered_population'] },
      { key: 'note', label: '备注', valueType: 'TEXT', section: 'VILLAGE' },
      { key: 'sfz', label: '身份证号', valueType: 'ID_NUMBER', required: true, section: 'RESIDENT', elementId: els['resident.id_number'] },
      { key: 'xm', label: '姓名', valueType: 'TEXT', section: 'RESIDENT', elementId: els['resident.name'] },
      { key: 'xb', label: '性别', valueType: 'ENUM', options: ['男', '女'], section: 'RESIDENT', elementId: els['resident.gender'] },
    ];
    const res = await server.gql(
      graphql(`
        mutation ($i: CreateFormInput!) {
          createForm(input: $i) {
            currentVersion {
              id
            }
          }
        }
      `),
      { i: { title: '自动填写测试表', dutyItemId: duty, targetLevel: 'VILLAGE', frequency: 'YEARLY', fields } },
      mzj,
    );
    expect(res.errors).toBeUndefined();
    const versionId = res.data!.createForm.currentVersion!.id;
    const result = graphql(`
      query ($f: Int!, $v: VillageRefInput!, $ids: [String!]) {
        autofill(formVersionId: $f, village: $v, idNumbers: $ids) {
          values {
            key
            value
          }
          residents {
            idMasked
            values {
              key
              value
              derived
            }
          }
        }
      }
    `);
    // A draft is not visible to the grassroots.
    expectError(await server.gql(result, { f: versionId, v: { id: tupu.id }, ids: [] }, cadre), 'NOT_FOUND');
    await server.dataSource.getRepository(FormVersion).update({ id: versionId }, { approvedAt: new Date() });
    const gqlResult = await server.gql(result, { f: versionId, v: { id: tupu.id }, ids: [fixtureId(1)] }, cadre);
    expect(gqlResult.errors).toBeUndefined();
    expect(gqlResult.data!.autofill.values).toEqual([{ key: 'pop', value: '1320' }]);
    expect(gqlResult.data!.autofill.residents[0].values.map((value: any) => value.key)).toEqual(['sfz', 'xm', 'xb']);
    expect(gqlResult.data!.autofill.residents[0].values[1]).toEqual({ key: 'xm', value: '张三', derived: false });
    expect(gqlResult.data!.autofill.residents[0].values[0].value).toBe(gqlResult.data!.autofill.residents[0].idMasked);
  });

  it('subjectProfile: a village with provenance; a resident by full ID is audited with the masked number only', async () => {
    const res = await server.gql(PROFILE, { v: { name: '土铺村' } }, cadre);
    expect(res.errors).toBeUndefined();
    expect(res.data!.subjectProfile).toMatchObject({
      subjectType: 'VILLAGE',
      village: { name: '土铺村', town: '环城街道' },
      resident: null,
    });
    expect(res.data!.subjectProfile.values.find((x: any) => x.key === 'village.registered_population')).toMatchObject({
      elementName: '户籍人口',
      value: '1320',
      asOf: '2024-12-31',
      source: 'IMPORT',
    });
    const viewer = await server.login('lingdao');
    expect((await server.gql(PROFILE, { v: { id: tupu.id } }, viewer)).data!.subjectProfile.subjectType).toBe('VILLAGE');
    expectError(await server.gql(PROFILE, { id: fixtureId(1) }, viewer), 'FORBIDDEN');

    const masked = `420683********${fixtureId(1).slice(14)}`;
    const gqlResult = await server.gql(PROFILE, { id: fixtureId(1) }, cadre);
    expect(gqlResult.errors).toBeUndefined();
    expect(gqlResult.data!.subjectProfile.resident).toMatchObject({ idMasked: masked, village: { name: '土铺村' } });
    expect(gqlResult.data!.subjectProfile.values.map((x: any) => x.key)).toEqual(
      expect.arrayContaining(['resident.gender', 'resident.name', 'resident.phone']),
    );
    // Another village's resident: not found for this cadre (existence not revealed), and the attempt is audited.
    expectError(await server.gql(PROFILE, { id: fixtureId(9) }, cadre), 'NOT_FOUND');
    expectError(await server.gql(PROFILE, { id: '420683199001011234' }, cadre), 'INVALID_ID_NUMBER');
    expectError(await server.gql(PROFILE, { v: { name: '新集村', town: '七方镇' } }, cadre), 'NOT_FOUND');
    const audit = await server.gql(
      graphql(`
        {
          auditEvents(filter: { action: "resident.lookup" }) {
            items {
              username
              outcome
              detail
            }
          }
        }
      `),
      {},
      await server.login('shenji'),
    );
    const items = audit.data!.auditEvents.items;
    expect(items.map((item: any) => item.outcome).sort()).toEqual(['DENIED', 'SUCCESS']);
    expect(JSON.stringify(items)).toContain(masked);
    expect(JSON.stringify(items)).not.toMatch(/\d{17}[\dX]/);
  });
});
