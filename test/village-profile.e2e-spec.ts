import { FactSource } from '../src/records/fact.entity.js';
import { FactsService } from '../src/records/facts.service.js';
import { RequestContext } from '../src/common/request-context.js';
import { CatalogService } from '../src/catalog/catalog.service.js';
import { platformDay } from '../src/common/platform-time.js';
import { startTestApp, type TestApp } from './support/harness.js';
import { graphql } from './support/graphql.js';

// Issue 16, item 15: the village profile showed `true` for 是, numbers without their unit, and values
// dated after today.
describe('village profile: values as a clerk reads them, none dated in the future', () => {
  let server: TestApp;
  let cadre: string;
  const PROFILE = graphql(`
    query ($v: VillageRefInput) {
      subjectProfile(village: $v) {
        values {
          elementCode
          value
          unit
          text
          asOf
        }
      }
    }
  `);

  beforeAll(async () => {
    server = await startTestApp('village_profile', { demo: { full: true } });
    cadre = await server.login('cun_420683003200');
  }, 300_000);
  afterAll(() => server.close());

  const profile = async () => {
    const result = await server.gql(PROFILE, { v: { name: '土铺村' } }, cadre);
    expect(result.errors).toBeUndefined();
    return result.data!.subjectProfile.values;
  };

  it('booleans read 是/否 and numbers carry the catalogue unit; the stored value is unchanged for forms', async () => {
    const values = await profile();
    const units = new Map((await server.app.get(CatalogService).list()).map((element) => [element.code, element]));
    const booleans = values.filter((value) => units.get(value.elementCode)?.valueType === 'BOOLEAN');
    expect(booleans.length).toBeGreaterThan(0);
    for (const value of booleans) {
      expect(['true', 'false']).toContain(value.value);
      expect(value.text).toBe(value.value === 'true' ? '是' : '否');
    }
    const arable = values.find((value) => value.elementCode === 'village.arable_land')!;
    expect(arable.unit).toBe('亩');
    expect(arable.text).toBe(`${arable.value}亩`);
    const secretary = values.find((value) => value.elementCode === 'village.secretary_name')!;
    expect([secretary.unit, secretary.text]).toEqual([null, secretary.value]);
    for (const value of values.filter((one) => units.get(one.elementCode)?.unit && /^-?\d/.test(one.value ?? '')))
      expect(value.text).toBe(`${value.value}${units.get(value.elementCode)!.unit}`);
  });

  it('no value is dated after today, and no writer can date one so', async () => {
    const today = platformDay();
    expect((await profile()).filter((value) => value.asOf && value.asOf > today)).toEqual([]);
    // The one gate every writer passes (imports, accepted submissions, the demo): a fact dated tomorrow is refused.
    const facts = server.app.get(FactsService);
    const element = (await server.app.get(CatalogService).list()).find((one) => one.code === 'village.households')!;
    const [village]: { id: number }[] = await server.dataSource.query(`SELECT id FROM region WHERE code = ?`, ['420683003200']);
    const tomorrow = platformDay(Date.now() + 86_400_000);
    await expect(
      server.dataSource.transaction((em) =>
        facts.writeFacts(em, RequestContext.system(null), [
          {
            subjectType: 'VILLAGE',
            subjectId: village.id,
            elementId: element.id,
            value: '300',
            asOf: tomorrow,
            source: FactSource.IMPORT,
            sourceRef: 'test',
          },
        ]),
      ),
    ).rejects.toThrow(/晚于今天/);
    expect((await profile()).filter((value) => value.asOf && value.asOf > today)).toEqual([]);
  });
});
