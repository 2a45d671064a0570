import { Role } from '../src/common/auth-user.js';
import { User } from '../src/identity/user.entity.js';
import { Region } from '../src/regions/region.entity.js';
import { startTestApp, type TestApp } from './support/harness.js';
import { graphql, type TadaDocumentNode } from './support/graphql.js';

// Issue 16, item 8: one definition of 已逾期 (src/dispatch/overdue.ts). On a year of demo life, every
// place that counts or marks overdue must agree: a town's dashboard, its home card, its 已逾期 tab and
// task progress; a village's home card, the items marked 已逾期 and its own dashboard.
describe('overdue: one definition, the same count everywhere', () => {
  let server: TestApp;
  let town: string, cadre: string;
  let townId: number;

  async function ok<R, V>(doc: TadaDocumentNode<R, V>, variables: V, token: string): Promise<R> {
    const result = await server.gql(doc, variables, token);
    if (result.errors) throw new Error(JSON.stringify(result.errors));
    return result.data!;
  }

  const MY = graphql(`
    query ($s: AssignmentView, $skip: Int, $take: Int) {
      myAssignments(status: $s, skip: $skip, take: $take) {
        totalItems
        items {
          id
          status
          dueAt
          overdue
          task {
            id
            status
          }
        }
      }
    }
  `);
  /** Every item of a view (paged as the list pages). */
  async function all(token: string, view: 'ALL' | 'OVERDUE' | 'RETURNED' | 'TODO') {
    const items = [];
    for (let skip = 0; ; skip += 200) {
      const page = (await ok(MY, { s: view, skip, take: 200 }, token)).myAssignments;
      items.push(...page.items);
      if (items.length >= page.totalItems) return { totalItems: page.totalItems, items };
    }
  }
  /** What the home card shows: the OVERDUE view's total. */
  const homeCount = async (token: string) => (await ok(MY, { s: 'OVERDUE', take: 1 }, token)).myAssignments.totalItems;
  const OVERVIEW = graphql(`
    {
      overview {
        assignments {
          overdue
        }
      }
    }
  `);
  const dashboardCount = async (token: string) => (await ok(OVERVIEW, {}, token)).overview.assignments.overdue;

  beforeAll(async () => {
    server = await startTestApp('overdue', { demo: { full: true } });
    const village = await server.dataSource.getRepository(Region).findOneByOrFail({ code: '420683003200' });
    townId = village.parentId!;
    const townUser = await server.dataSource.getRepository(User).findOneByOrFail({ role: Role.TOWN_STAFF, regionId: townId });
    [town, cadre] = await Promise.all([server.login(townUser.username), server.login('cun_420683003200')]);
  }, 300_000);
  afterAll(() => server.close());

  it('a town: dashboard, yearly progress, home card, 已逾期 tab, items marked and task progress agree', async () => {
    const overdueTab = await all(town, 'OVERDUE');
    const count = overdueTab.totalItems;
    expect(count).toBeGreaterThan(0); // the demo has late villages in 环城街道
    expect(overdueTab.items).toHaveLength(count);
    expect(overdueTab.items.every((item) => item.overdue)).toBe(true);
    expect(await homeCount(town)).toBe(count);
    expect(await dashboardCount(town)).toBe(count);

    // Every item the town can see is marked overdue exactly when it is in the 已逾期 tab.
    const everything = await all(town, 'ALL');
    const marked = everything.items.filter((item) => item.overdue);
    expect(marked.map((item) => item.id).sort()).toEqual(overdueTab.items.map((item) => item.id).sort());
    // Closed tasks' unfilled assignments are not overdue (nobody can fill them any more); late submissions are not either.
    expect(everything.items.some((item) => item.task.status === 'CLOSED' && item.status === 'NOT_STARTED')).toBe(true);
    expect(marked.every((item) => item.task.status === 'OPEN' && ['NOT_STARTED', 'DRAFT', 'RETURNED'].includes(item.status))).toBe(true);

    // The city dashboard's per-town chart (this year and last: overdue tasks are recent), as the viewer sees it.
    const viewer = await server.login('lingdao');
    const year = new Date().getUTCFullYear();
    let chart = 0;
    for (const y of [year - 1, year]) {
      const rows = (
        await ok(
          graphql(`
            query ($y: Int!) {
              townProgress(year: $y) {
                regionId
                overdue
              }
            }
          `),
          { y },
          viewer,
        )
      ).townProgress;
      chart += rows.find((row) => row.regionId === townId)?.overdue ?? 0;
    }
    expect(chart).toBe(count);

    // Task progress, task by task: totals, the villages marked 逾期, and the task's own overdue count.
    const byTask = new Map<number, number>();
    for (const item of overdueTab.items) byTask.set(item.task.id, (byTask.get(item.task.id) ?? 0) + 1);
    const tasks = new Set(everything.items.filter((item) => item.task.status === 'OPEN').map((item) => item.task.id));
    for (const taskId of tasks) {
      const progress = await ok(
        graphql(`
          query ($taskId: Int!) {
            task(id: $taskId) {
              overdueCount
            }
            taskProgress(taskId: $taskId, take: 200) {
              totals {
                overdue
              }
              villages {
                overdue
              }
            }
          }
        `),
        { taskId },
        town,
      );
      // The task list's 已逾期 tag counts the same units.
      expect([taskId, progress.task.overdueCount]).toEqual([taskId, byTask.get(taskId) ?? 0]);
      expect([taskId, progress.taskProgress.totals.overdue]).toEqual([taskId, byTask.get(taskId) ?? 0]);
      expect([taskId, progress.taskProgress.villages.filter((village) => village.overdue).length]).toEqual([
        taskId,
        byTask.get(taskId) ?? 0,
      ]);
    }
  });

  it('a village cadre: home card, items marked 已逾期 in every tab and its dashboard agree', async () => {
    const count = await homeCount(cadre);
    expect(count).toBeGreaterThan(0); // 土铺村 is late with at least one form
    const overdueTab = await all(cadre, 'OVERDUE');
    expect(overdueTab.items).toHaveLength(count);
    for (const view of ['ALL', 'TODO', 'RETURNED'] as const) {
      const marked = (await all(cadre, view)).items.filter((item) => item.overdue).map((item) => item.id);
      expect([view, marked.every((id) => overdueTab.items.some((item) => item.id === id))]).toEqual([view, true]);
      if (view !== 'RETURNED') expect([view, marked.length]).toEqual([view, count]);
    }
    expect(await dashboardCount(cadre)).toBe(count);
  });
});
