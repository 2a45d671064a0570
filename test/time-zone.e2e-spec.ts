import ExcelJS from 'exceljs';
import { startTestApp, type TestApp } from './support/harness.js';
import { graphql, type TadaDocumentNode } from './support/graphql.js';

// Issue 16, item 9: the Excel export wrote submission times in UTC, 8 hours off the page. Every time
// shown or exported is in the platform's time zone (TIME_ZONE, default Asia/Shanghai).
describe('time zone: the export shows the times the page shows', () => {
  let server: TestApp;
  let mzj: string;

  async function ok<R, V>(doc: TadaDocumentNode<R, V>, variables: V, token?: string): Promise<R> {
    const result = await server.gql(doc, variables, token);
    if (result.errors) throw new Error(JSON.stringify(result.errors));
    return result.data!;
  }
  /** What a clerk in China reads for an instant (UTC+8, no daylight saving), worked out by hand. */
  const chinaText = (iso: string) => new Date(Date.parse(iso) + 8 * 3600_000).toISOString().slice(0, 19).replace('T', ' ');

  beforeAll(async () => {
    server = await startTestApp('time_zone', { demo: { full: true } });
    mzj = await server.login('bm_mzj');
  });
  afterAll(() => server.close());

  it('the platform tells the web app its zone, without a log-in', async () => {
    expect(
      (
        await ok(
          graphql(`
            {
              timeZone
            }
          `),
          {},
        )
      ).timeZone,
    ).toBe('Asia/Shanghai');
  });

  it("a task's .xlsx gives each submission time in China time, as GraphQL's instant reads in China", async () => {
    const tasks = (
      await ok(
        graphql(`
          {
            tasks(take: 50) {
              items {
                id
              }
            }
          }
        `),
        {},
        mzj,
      )
    ).tasks.items;
    let checked = 0;
    for (const { id } of tasks) {
      const units = (
        await ok(
          graphql(`
            query ($taskId: Int!) {
              assignments(taskId: $taskId, take: 200) {
                items {
                  submittedAt
                  status
                  region {
                    code
                  }
                }
              }
            }
          `),
          { taskId: id },
          mzj,
        )
      ).assignments.items.filter((unit) => unit.submittedAt && ['SUBMITTED', 'ACCEPTED'].includes(unit.status));
      if (!units.length) continue;
      const res = await fetch(`${server.url}/api/tasks/${id}/export.xlsx`, { headers: { authorization: `Bearer ${mzj}` } });
      expect(res.status).toBe(200);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(Buffer.from(await res.arrayBuffer()) as any);
      const shown = new Map<string, unknown>();
      wb.getWorksheet('村表头')!.eachRow((row, rowNo) => {
        if (rowNo > 1) shown.set(String(row.getCell(1).value), row.getCell(5).value);
      });
      for (const unit of units) {
        expect([unit.region.code, shown.get(unit.region.code)]).toEqual([unit.region.code, chinaText(unit.submittedAt!)]);
        checked++;
      }
      if (checked >= 20) break;
    }
    expect(checked).toBeGreaterThan(0);
  });
});
