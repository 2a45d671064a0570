import type { Browser, Page } from 'playwright-core';
import { Assignment } from '../../src/dispatch/assignment.entity.js';
import { Region } from '../../src/regions/region.entity.js';
import { startTestApp, type TestApp } from '../support/harness.js';
import { DESKTOP, describeBrowser, ensureWebBuilt, eventually, launchBrowser, loginAs, shot } from '../support/browser.js';
import { admittedForm, dispatchTask, villageAccounts } from '../support/dispatch.js';
import { graphql } from '../support/graphql.js';

// Issue 16 item 12: the lists a clerk reaches for can be searched, sorted and counted.
describeBrowser('browser: lists have a search box, sortable columns and a totals line', () => {
  let server: TestApp;
  let browser: Browser;
  let taskId: number;
  let tupu: Region;

  beforeAll(async () => {
    ensureWebBuilt();
    server = await startTestApp('browser-lists');
    browser = await launchBrowser();
    const accounts = await villageAccounts(server);
    tupu = accounts.village;
    const { formId } = await admittedForm(server, '低保户季报', [
      { key: 'n', label: '低保户数', valueType: 'INTEGER', required: true, section: 'VILLAGE', min: 0 },
    ]);
    taskId = await dispatchTask(server, formId, '2025-Q1', [tupu.parentId!]);
    const assignment = await server.dataSource.getRepository(Assignment).findOneByOrFail({ taskId, regionId: tupu.id });
    const saved = await server.gql(
      graphql(`
        mutation ($i: SaveSubmissionInput!) {
          saveSubmission(input: $i) {
            id
          }
        }
      `),
      {
        i: {
          assignmentId: assignment.id,
          clientId: 'lists-submit-1',
          expectedVersion: 0,
          submit: true,
          values: [{ key: 'n', value: '12' }],
        },
      },
      await server.login(accounts.cadre),
    );
    if (saved.errors) throw new Error(JSON.stringify(saved.errors));
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function pageAs(username: string): Promise<Page> {
    const page = await (await browser.newContext({ viewport: DESKTOP, locale: 'zh-CN' })).newPage();
    await loginAs(page, server.url, username);
    return page;
  }
  const cells = (page: Page, table: string, column: number) =>
    page.getByTestId(table).locator(`.el-table__body tr td:nth-child(${column})`).allTextContents();

  it('users: the security administrator searches 647 accounts by unit on the server and sorts them by username', async () => {
    const page = await pageAs('anquan');
    await page.goto(`${server.url}/users`);
    await page.getByTestId('user-search').fill('土铺村');
    expect(
      await eventually(
        () => page.getByTestId('user-total').textContent(),
        (text) => !!text?.startsWith('共 1 个账号'),
      ),
    ).toContain('共 1 个账号');
    expect(await cells(page, 'user-table', 1)).toEqual(['cun_420683003200']);

    await page.getByTestId('user-search').fill('环城');
    const total = await eventually(
      () => page.getByTestId('user-total').textContent(),
      (text) => Number(/共 (\d+) 个账号/.exec(text ?? '')?.[1]) > 1,
    );
    expect(Number(/共 (\d+) 个账号/.exec(total ?? '')![1])).toBeGreaterThan(20);
    const header = page.getByTestId('user-table').locator('.el-table__header th', { hasText: '用户名' });
    await header.click(); // ascending
    const up = await eventually(
      () => cells(page, 'user-table', 1),
      (names) => names.length > 1 && names.join() === [...names].sort().join(),
    );
    expect(up).toEqual([...up].sort());
    await header.click(); // descending: the server's order over all matches, not this page's
    const down = await eventually(
      () => cells(page, 'user-table', 1),
      (names) => names[0] !== up[0],
    );
    expect(down).toEqual([...down].sort().reverse());
    expect(down[0] > up[up.length - 1]).toBe(true);
    await shot(page, 'users-search');
    await page.context().close();
  });

  it('tasks and a task’s units: search, totals and sorting', async () => {
    const page = await pageAs('bm_mzj');
    await page.goto(`${server.url}/tasks`);
    await page.getByTestId('tasks-search').fill('没有这张表');
    await eventually(
      () => page.locator('[data-test^="task-"].item').count(),
      (count) => count === 0,
    );
    await page.getByTestId('tasks-search').fill('低保');
    await page.getByTestId(`task-${taskId}`).waitFor();
    expect(await page.getByTestId('tasks-total').textContent()).toContain('共 1 个任务');

    await page.goto(`${server.url}/tasks/${taskId}`);
    const units = await server.dataSource.getRepository(Region).countBy({ parentId: tupu.parentId! });
    const totals = await eventually(
      () => page.getByTestId('units-total').textContent(),
      (text) => !!text?.includes(`共 ${units} 个单位`),
    );
    expect(totals).toContain('已提交待审核 1');
    await page.getByTestId('units-search').fill('土铺');
    expect(
      await eventually(
        async () => (await page.getByTestId('units-total').textContent())?.trim(),
        (text) => !!text?.startsWith('共 1 个单位'),
      ),
    ).toMatch(/^共 1 个单位 · 已提交待审核 1/);
    expect(await cells(page, 'task-assignments', 1)).toEqual([tupu.name]);
    // Sorting by state puts the submitted unit first when descending, across all the task's units.
    await page.getByTestId('units-search').fill('');
    const stateHeader = page.getByTestId('task-assignments').locator('.el-table__header th', { hasText: '状态' });
    await stateHeader.click();
    await stateHeader.click();
    expect((await cells(page, 'task-assignments', 1))[0]).toBe(tupu.name);
    await shot(page, 'task-units-search');
    await page.context().close();
  });

  it('villages: the search result is counted and its population summed', async () => {
    const page = await pageAs('bm_mzj');
    await page.goto(`${server.url}/villages`);
    await page.getByTestId('village-query').fill('土铺');
    const text = await eventually(
      () =>
        page
          .getByTestId('village-total')
          .textContent()
          .catch(() => ''),
      (value) => !!value?.includes('人口合计'),
    );
    const shown = await server.dataSource.getRepository(Region).findBy({ name: tupu.name });
    const sum = shown.reduce((total, village) => total + (village.population ?? 0), 0);
    expect(text).toContain(`共 ${shown.length} 个村(社区)`);
    expect(text).toContain(`人口合计 ${sum.toLocaleString('zh-CN')}`);
    await page.context().close();
  });
});
