// Issue 16 in the web app: a task past its deadline with units not done says 已逾期 and its progress bar
// draws the statuses its legend names (item 10); the village profile reads 是/否 and units (item 15);
// pages show times in the platform's zone (item 9).
import type { Browser, Locator, Page } from 'playwright-core';
import { Role } from '../../src/common/auth-user.js';
import { User } from '../../src/identity/user.entity.js';
import { Region } from '../../src/regions/region.entity.js';
import { startTestApp, type TestApp } from '../support/harness.js';
import { describeBrowser, DESKTOP, ensureWebBuilt, launchBrowser, loginAs, shot } from '../support/browser.js';
import { graphql } from '../support/graphql.js';

const STATUSES = ['ACCEPTED', 'SUBMITTED', 'RETURNED', 'DRAFT', 'NOT_STARTED'] as const;
const TASKS = graphql(`
  {
    tasks(status: OPEN, take: 200) {
      items {
        id
        dueAt
        overdueCount
        assignmentCount
        progress {
          status
          count
        }
      }
    }
  }
`);

describeBrowser('browser: a county clerk’s day (issue 16)', () => {
  let server: TestApp;
  let browser: Browser;
  let page: Page;
  let townUser: string;
  let village: Region;

  beforeAll(async () => {
    ensureWebBuilt();
    server = await startTestApp('browser-clerk-day', { demo: { full: true } });
    village = await server.dataSource.getRepository(Region).findOneByOrFail({ code: '420683003200' });
    townUser = (await server.dataSource.getRepository(User).findOneByOrFail({ role: Role.TOWN_STAFF, regionId: village.parentId! }))
      .username;
    browser = await launchBrowser();
    // A browser set to UTC: the page must still show China time.
    const ctx = await browser.newContext({ viewport: DESKTOP, locale: 'zh-CN', timezoneId: 'UTC' });
    ctx.setDefaultTimeout(10_000);
    page = await ctx.newPage();
  }, 300_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  /** The bar and legend of one task as drawn inside `box`: every status the legend counts is drawn, as wide as its share; none that it does not. */
  async function expectBar(box: Locator, task: { id: number; assignmentCount: number; progress: { status: string; count: number }[] }) {
    for (const status of STATUSES) {
      const count = task.progress.find((entry) => entry.status === status)?.count ?? 0;
      await expect(box.getByTestId(`pb-legend-${status}`).textContent()).resolves.toContain(String(count));
      const seg = box.getByTestId(`pb-seg-${status}`);
      expect([task.id, status, await seg.count()]).toEqual([task.id, status, count > 0 ? 1 : 0]);
      if (count > 0) {
        const width = (await seg.boundingBox())!.width;
        const whole = (await seg.locator('..').boundingBox())!.width;
        expect(Math.abs(width / whole - count / task.assignmentCount)).toBeLessThan(0.02);
      }
    }
  }
  const stateText = (overdueCount: number) => (overdueCount > 0 ? `已逾期（${overdueCount} 个单位未交）` : '进行中');

  it('the task list: each open task says 已逾期 or 进行中 as item 8 counts it, its bar draws the legend’s statuses', async () => {
    const token = await server.login(townUser);
    const tasks = (await server.gql(TASKS, {}, token)).data!.tasks.items.slice(0, 20); // the first page
    await loginAs(page, server.url, townUser);
    await page.goto(`${server.url}/tasks`);
    await page.getByTestId(`task-${tasks[0].id}`).waitFor();
    for (const task of tasks) {
      const card = page.getByTestId(`task-${task.id}`);
      await expect(card.getByTestId('task-state').textContent()).resolves.toBe(stateText(task.overdueCount));
      await expectBar(card, task);
    }
    await shot(page, 'tasks-progress');
  });

  it('a task past its deadline with units not done says 已逾期 on its page; its due time is China time in a UTC browser', async () => {
    const token = await server.login(townUser);
    const late = (await server.gql(TASKS, {}, token)).data!.tasks.items.find((task) => task.overdueCount > 0);
    expect(late).toBeDefined(); // the demo has late villages in 环城街道
    expect(Date.parse(late!.dueAt)).toBeLessThan(Date.now());
    await page.goto(`${server.url}/tasks/${late!.id}`);
    await expect(page.getByTestId('task-state').textContent()).resolves.toBe(stateText(late!.overdueCount));
    const china = new Date(Date.parse(late!.dueAt) + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');
    await expect(page.locator('.page').first().textContent()).resolves.toContain(`截止 ${china}`);
    await expectBar(page.locator('.pb').first(), late!);
    await shot(page, 'task-overdue');
  });

  it('the village profile reads 是/否 and shows units; nothing dated after today', async () => {
    await loginAs(page, server.url, 'cun_420683003200');
    await page.goto(`${server.url}/villages/${village.id}`);
    const table = page.getByTestId('village-facts');
    await table.locator('tbody tr').first().waitFor();
    const rows = (await table.locator('tbody tr').allInnerTexts()).map((row) => row.split('\t').map((cell) => cell.trim()));
    const value = (name: string) => rows.find((row) => row[0] === name)?.[1];
    expect(rows.map((row) => row[1])).not.toContain('true');
    expect(rows.map((row) => row[1])).not.toContain('false');
    expect(rows.some((row) => row[1] === '是' || row[1] === '否')).toBe(true);
    expect(value('耕地面积')).toMatch(/^\d+(\.\d+)?亩$/);
    const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
    for (const row of rows) for (const day of row[2]?.match(/\d{4}-\d{2}-\d{2}/g) ?? []) expect(day <= today).toBe(true);
    await shot(page, 'village-profile-units');
  });
});
