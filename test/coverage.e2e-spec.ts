import { startTestApp, type TestApp } from './support/harness.js';
import { fixture, upload } from './support/upload.js';
import { graphql } from './support/graphql.js';

// The admission analysis reports how much of a proposed form the shared database already knows.
describe('admission analysis: coverage read from the shared database', () => {
  let server: TestApp;
  beforeAll(async () => {
    server = await startTestApp('coverage');
  });
  afterAll(() => server.close());

  it('a bound field’s coverage is the share of villages with a current value; unknown elements stay at 0', async () => {
    const admin = await server.login('admin');
    const imported = await upload(server.url, admin, fixture('villages.xlsx'), 'villages.xlsx');
    expect(imported.body.importedRows).toBe(3);

    const dept = await server.login('bm_mzj');
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
          dept,
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
        dept,
      )
    ).data!.dutyItems.items[0].id;
    const form = await server.gql(
      graphql(`
        mutation ($i: CreateFormInput!) {
          createForm(input: $i) {
            id
          }
        }
      `),
      {
        i: {
          title: '村情基本信息季报',
          dutyItemId: duty,
          targetLevel: 'VILLAGE',
          frequency: 'QUARTERLY',
          fields: [
            { key: 'pop', label: '户籍人口', valueType: 'INTEGER', section: 'VILLAGE', elementId: els['village.registered_population'] },
            { key: 'grids', label: '网格数', valueType: 'INTEGER', section: 'VILLAGE', elementId: els['village.grids'] },
          ],
        },
      },
      dept,
    );
    const res = await server.gql(
      graphql(`
        mutation ($i: SubmitAdmissionInput!) {
          submitAdmissionRequest(input: $i) {
            analysis {
              fields {
                key
                coverage
              }
            }
          }
        }
      `),
      {
        i: {
          formId: form.data!.createForm.id,
          departmentDoes: '市局统一制定口径，汇总全市村情数据并负责核查',
          villageDoes: '村委会每季度核对户籍人口和网格数后在平台确认',
          departmentSupport: '市局提供培训，往期数据已导入平台可自动带出',
          legalBasis: '《湖北省村民委员会组织法实施办法》相关规定',
          justification: '掌握村情底数，替代各部门分别索要的人口类报表',
        },
      },
      dept,
    );
    expect(res.errors).toBeUndefined();
    const villages = (
      await server.gql(
        graphql(`
          {
            regions(level: VILLAGE) {
              id
            }
          }
        `),
        {},
        dept,
      )
    ).data!.regions.length;
    const cov = Object.fromEntries(res.data!.submitAdmissionRequest.analysis!.fields.map((field: any) => [field.key, field.coverage]));
    expect(cov.pop).toBeCloseTo(3 / villages, 3); // the stored report keeps three decimals
    expect(cov.grids).toBe(0);
  });
});
