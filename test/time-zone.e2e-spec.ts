import ExcelJS from 'exceljs';
import { startTestApp, type TestApp } from './support/harness.js';
import { expectRollupsMatchRaw } from './support/rollups.js';
import { RollupService } from '../src/rollups/rollup.service.js';
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
  }, 300_000);
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

  it("the dashboard trend's months are China's months (a fill at 00:30 on the 1st counts in the new month), rollups and raw alike", async () => {
    const lingdao = await server.login('lingdao');
    const sqlite = server.engine === 'sqlite';
    const sqlTime = (iso: string) => (sqlite ? iso.slice(0, 23).replace('T', ' ') : new Date(iso));
    // A Date from MySQL, UTC text without a zone from SQLite, or an ISO instant.
    const instant = (value: Date | string) =>
      value instanceof Date ? value : new Date(value.includes('T') ? value : value.replace(' ', 'T') + 'Z');
    const chinaMonth = (value: Date | string) => chinaText(instant(value).toISOString()).slice(0, 7);
    // The first instant of this month and of the last one in China (UTC+8), worked out by hand.
    const [year, mon] = chinaText(new Date().toISOString()).slice(0, 7).split('-').map(Number);
    const thisMonth = new Date(Date.UTC(year, mon - 1, 1) - 8 * 3600_000);
    const lastMonth = new Date(Date.UTC(year, mon - 2, 1) - 8 * 3600_000);
    const halfPast = (at: Date) => new Date(at.getTime() + 30 * 60_000).toISOString();
    // Half past midnight on the 1st in China is still the month before in UTC.
    expect(halfPast(thisMonth).slice(0, 7)).not.toBe(chinaMonth(halfPast(thisMonth)));

    // Move a few assignments' deadlines, submissions and complaints to those half-past-midnights.
    const some = async (sql: string) => (await server.dataSource.query(sql)).map((row: { id: number }) => row.id);
    const dueIds = await some(`SELECT id FROM task ORDER BY id LIMIT 2`); // whole tasks: a task's units share its deadline
    const fillIds = await some(`SELECT id FROM submission WHERE status IN ('SUBMITTED','ACCEPTED') ORDER BY id LIMIT 4`);
    const complaintIds = await some(`SELECT id FROM feedback WHERE type = 'COMPLAINT' ORDER BY id LIMIT 3`);
    expect([dueIds.length, fillIds.length, complaintIds.length]).toEqual([2, 4, 3]);
    const at = (i: number) => sqlTime(halfPast(i % 2 ? lastMonth : thisMonth));
    for (const [i, id] of dueIds.entries()) {
      await server.dataSource.query('UPDATE task SET due_at = ? WHERE id = ?', [at(i), id]);
      await server.dataSource.query('UPDATE assignment SET due_at = ? WHERE task_id = ?', [at(i), id]);
    }
    for (const [i, id] of fillIds.entries())
      await server.dataSource.query('UPDATE submission SET submitted_at = ? WHERE id = ?', [at(i), id]);
    for (const [i, id] of complaintIds.entries())
      await server.dataSource.query('UPDATE feedback SET created_at = ? WHERE id = ?', [at(i), id]);
    await server.dataSource.transaction((em) => server.app.get(RollupService).rebuild(em));

    // What a clerk counts by hand, month by month in China time.
    const count = async (sql: string) => {
      const by = new Map<string, number>();
      for (const row of (await server.dataSource.query(sql)) as { t: Date | string }[])
        by.set(chinaMonth(row.t), (by.get(chinaMonth(row.t)) ?? 0) + 1);
      return by;
    };
    const due = await count(`SELECT due_at AS t FROM assignment`);
    const complaints = await count(`SELECT created_at AS t FROM feedback WHERE type = 'COMPLAINT'`);
    const trends = (
      await ok(
        graphql(`
          {
            trends(months: 3) {
              month
              assignmentsDue
              complaints
            }
          }
        `),
        {},
        lingdao,
      )
    ).trends;
    const months = [2, 1, 0].map((back) => new Date(Date.UTC(year, mon - 1 - back, 1)).toISOString().slice(0, 7));
    expect(trends).toEqual(months.map((month) => ({ month, assignmentsDue: due.get(month) ?? 0, complaints: complaints.get(month) ?? 0 })));
    expect(trends[2].assignmentsDue).toBeGreaterThan(0);
    // The fills' month rollup (rebuilt above, kept by every submit) agrees with the fills counted one by one.
    await expectRollupsMatchRaw(server, { lingdao, mzj }, year);
    expect(await server.app.get(RollupService).drift()).toEqual([]);
  });
});
