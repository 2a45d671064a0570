import { existsSync, statSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { startTestApp, type TestApp } from '../support/harness.js';
import {
  describeBrowser,
  DESKTOP,
  ensureWebBuilt,
  eventually,
  launchBrowser,
  loginAs,
  PHONE,
  shot,
  trackForeignRequests,
} from '../support/browser.js';
import { graphql } from '../support/graphql.js';

// Needs dispatch/filling (issue 5); until it is merged the suite says so and skips.
const APIS_PRESENT = existsSync('src/filling/filling.service.ts');
if (!APIS_PRESENT) console.warn('[browser] dispatch story skipped: dispatch/filling is not merged yet');

const STATEMENTS = {
  departmentDoes: '市民政局制定留守老人关爱政策并按季度汇总分析',
  villageDoes: '村委会每季度走访留守老人，核实名单并录入基本情况',
  departmentSupport: '提供上季度名单底册，安排专人电话答疑并承担走访补助',
  legalBasis: '《国务院关于加强农村留守老年人关爱服务工作的意见》第三条',
  justification: '掌握留守老人底数，及时发现独居失能老人并落实帮扶',
};

(APIS_PRESENT ? describeBrowser : describe.skip)('browser: the department dispatches an admitted form and follows it', () => {
  let server: TestApp;
  let browser: Browser;

  beforeAll(async () => {
    ensureWebBuilt();
    server = await startTestApp('browser-dispatch');
    browser = await launchBrowser();
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
    const formId = (
      await server.gql(
        graphql(`
          mutation ($i: CreateFormInput!) {
            createForm(input: $i) {
              id
            }
          }
        `),
        {
          i: {
            title: '留守老人季度走访表',
            dutyItemId: duty,
            targetLevel: 'VILLAGE',
            frequency: 'QUARTERLY',
            fields: [
              {
                key: 'population',
                label: '户籍人口',
                valueType: 'INTEGER',
                required: true,
                section: 'VILLAGE',
                elementId: els['village.registered_population'],
              },
              { key: 'visits', label: '走访人次', valueType: 'INTEGER', required: true, section: 'VILLAGE', min: 0 },
            ],
          },
        },
        mzj,
      )
    ).data!.createForm.id;
    const req = await server.gql(
      graphql(`
        mutation ($i: SubmitAdmissionInput!) {
          submitAdmissionRequest(input: $i) {
            id
          }
        }
      `),
      { i: { formId, ...STATEMENTS } },
      mzj,
    );
    await server.gql(
      graphql(`
        mutation ($i: ReviewAdmissionInput!) {
          reviewAdmissionRequest(input: $i) {
            status
          }
        }
      `),
      { i: { id: req.data!.submitAdmissionRequest.id, decision: 'APPROVE' } },
      await server.login('jianfuban'),
    );
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function newPage(viewport = DESKTOP): Promise<Page> {
    const ctx = await browser.newContext({ viewport, locale: 'zh-CN', acceptDownloads: true });
    ctx.setDefaultTimeout(10_000);
    return ctx.newPage();
  }

  it('dispatches to one town, sees its progress by village, downloads the data as .xlsx', async () => {
    const page = await newPage();
    const foreign = trackForeignRequests(page, server.url);
    await loginAs(page, server.url, 'bm_mzj');
    await page.goto(`${server.url}/tasks`);
    await page.getByTestId('new-task').click();
    await page.getByTestId('task-form').click();
    await page.locator('.el-select-dropdown__item', { hasText: '留守老人季度走访表' }).click();
    expect(await page.getByTestId('task-period').inputValue()).toMatch(/^\d{4}-Q[1-4]$/);
    await page.locator('.el-radio-button', { hasText: '按镇(街道)' }).click();
    await page.getByTestId('task-towns').click();
    await page.locator('.el-select-dropdown__item', { hasText: '环城街道' }).click();
    await page.keyboard.press('Escape');
    await shot(page, 'dispatch');
    await page.getByTestId('task-submit').click();
    await page.waitForURL(/\/tasks\/\d+$/);
    await page.getByTestId('task-assignments').locator('tbody tr').first().waitFor();
    const rows = await page.getByTestId('task-assignments').locator('tbody tr').count();
    const [{ n }] = await server.dataSource.query(
      `SELECT COUNT(*) AS n FROM region r JOIN region tn ON tn.id = r.parent_id WHERE tn.name = '环城街道'`,
    );
    expect(rows).toBe(Math.min(Number(n), 20));
    await expect(page.getByTestId('task-progress').textContent()).resolves.toContain(`0/${n} 已完成`);
    await shot(page, 'task-progress');

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export').click()]);
    expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
    const file = await download.path();
    expect(statSync(file!).size).toBeGreaterThan(1000);
    expect(foreign).toEqual([]);
    await page.context().close();
  });

  it('the town follows the same task on a phone', async () => {
    const page = await newPage(PHONE);
    await loginAs(page, server.url, 'zhen_huancheng');
    await page.goto(`${server.url}/tasks`);
    await page.locator('[data-test^="task-"]').first().click();
    await page.waitForURL(/\/tasks\/\d+$/);
    const text = await eventually(
      () => page.getByTestId('task-progress').textContent(),
      (str) => /已完成/.test(str ?? ''),
    );
    expect(text).toMatch(/0\/\d+ 已完成/);
    await shot(page, 'task-progress-town');
    await page.context().close();
  });

  it('a deadline picked in a browser set to New York is the end of that day in the platform’s zone (Asia/Shanghai)', async () => {
    const ctx = await browser.newContext({ viewport: DESKTOP, locale: 'zh-CN', timezoneId: 'America/New_York' });
    ctx.setDefaultTimeout(10_000);
    const page = await ctx.newPage();
    await loginAs(page, server.url, 'bm_mzj');
    await page.goto(`${server.url}/tasks`);
    await page.getByTestId('new-task').click();
    await page.getByTestId('task-form').click();
    await page.locator('.el-select-dropdown__item', { hasText: '留守老人季度走访表' }).click();
    // The period and the proposed deadline follow the platform's calendar: 14 days on, end of the day in China.
    const chinaNow = new Date(Date.now() + 8 * 3600_000);
    expect(await page.getByTestId('task-period').inputValue()).toBe(
      `${chinaNow.getUTCFullYear()}-Q${Math.ceil((chinaNow.getUTCMonth() + 1) / 3)}`,
    );
    const inFortnight = new Date(Date.UTC(chinaNow.getUTCFullYear(), chinaNow.getUTCMonth(), chinaNow.getUTCDate() + 14));
    const due = page.locator('.el-form-item', { hasText: '截止时间' }).locator('input');
    expect(await due.inputValue()).toBe(`${inFortnight.toISOString().slice(0, 10)} 23:59:59`);
    await due.fill('2026-12-31 23:59:59');
    await due.press('Enter');
    await page.locator('.el-radio-button', { hasText: '按镇(街道)' }).click();
    await page.getByTestId('task-towns').click();
    await page.locator('.el-select-dropdown__item', { hasText: '琚湾镇' }).click();
    await page.keyboard.press('Escape');
    await page.getByTestId('task-submit').click();
    await page.waitForURL(/\/tasks\/\d+$/);
    const id = Number(/\/tasks\/(\d+)$/.exec(page.url())![1]);
    const answer = await server.gql(
      graphql(`
        query ($id: Int!) {
          task(id: $id) {
            dueAt
          }
        }
      `),
      { id },
      await server.login('bm_mzj'),
    );
    // 2026-12-31 23:59:59 in Shanghai (UTC+8), not in New York (which would be 2027-01-01T04:59:59Z).
    expect(new Date(answer.data!.task.dueAt as string).toISOString()).toBe('2026-12-31T15:59:59.000Z');
    await page.goto(`${server.url}/tasks`);
    await expect(page.getByText('截止 2026-12-31 23:59').first().textContent()).resolves.toContain('2026-12-31 23:59');
    await ctx.close();
  });
});
