import type { Browser, Page } from 'playwright-core';
import { Assignment } from '../../src/dispatch/assignment.entity.js';
import { User } from '../../src/identity/user.entity.js';
import { startTestApp, type TestApp } from '../support/harness.js';
import { DESKTOP, describeBrowser, ensureWebBuilt, launchBrowser, loginAs, PHONE, shot } from '../support/browser.js';
import { admittedForm, dispatchTask, villageAccounts } from '../support/dispatch.js';
import { graphql } from '../support/graphql.js';

const SAVE = graphql(`
  mutation ($i: SaveSubmissionInput!) {
    saveSubmission(input: $i) {
      id
    }
  }
`);

// Issue 16 item 13: the town reviewer reads a village's submission as text (not disabled inputs), with who
// submitted it and when, and each value beside the previous period's, changes marked ↑/↓.
describeBrowser('browser: the reviewer reads a submission beside the previous period', () => {
  let server: TestApp;
  let browser: Browser;
  let townUser: string;
  let cadreName: string;
  let q2: number;

  beforeAll(async () => {
    ensureWebBuilt();
    server = await startTestApp('browser-review-view');
    browser = await launchBrowser();
    const accounts = await villageAccounts(server);
    townUser = accounts.town;
    cadreName = (await server.dataSource.getRepository(User).findOneByOrFail({ username: accounts.cadre })).displayName;
    const cadre = await server.login(accounts.cadre);
    const { formId } = await admittedForm(server, '村情季报', [
      { key: 'population', label: '常住人口', valueType: 'INTEGER', required: true, section: 'VILLAGE', min: 0 },
      { key: 'households', label: '户数', valueType: 'INTEGER', section: 'VILLAGE', min: 0 },
      { key: 'merged', label: '是否合并村', valueType: 'BOOLEAN', section: 'VILLAGE' },
      { key: 'remark', label: '情况说明', valueType: 'TEXT', section: 'VILLAGE' },
    ]);
    const ids: number[] = [];
    for (const [period, values] of [
      ['2025-Q1', { population: '1200', households: '400', merged: 'false', remark: '无' }],
      ['2025-Q2', { population: '1180', households: '400', merged: 'false', remark: '外出务工增加' }],
    ] as const) {
      const taskId = await dispatchTask(server, formId, period, [accounts.village.parentId!]);
      const assignment = await server.dataSource.getRepository(Assignment).findOneByOrFail({ taskId, regionId: accounts.village.id });
      const saved = await server.gql(
        SAVE,
        {
          i: {
            assignmentId: assignment.id,
            clientId: `review-view-${period}`,
            expectedVersion: 0,
            submit: true,
            values: Object.entries(values).map(([key, value]) => ({ key, value })),
          },
        },
        cadre,
      );
      if (saved.errors) throw new Error(JSON.stringify(saved.errors));
      ids.push(assignment.id);
    }
    q2 = ids[1];
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function open(viewport = DESKTOP): Promise<Page> {
    const page = await (await browser.newContext({ viewport, locale: 'zh-CN' })).newPage();
    await loginAs(page, server.url, townUser);
    await page.goto(`${server.url}/assignments/${q2}`);
    await page.getByTestId('submission-view').waitFor();
    return page;
  }

  it('shows text, not inputs; the submitter and time; each value beside 上期 with the change marked', async () => {
    const page = await open();
    const view = page.getByTestId('submission-view');
    expect(await view.locator('input, textarea, .el-select').count()).toBe(0);
    expect(await page.locator('main input:disabled').count()).toBe(0);
    const submittedBy = await page.getByTestId('submitted-by').textContent();
    expect(submittedBy).toContain(`提交人：${cadreName}`);
    expect(submittedBy).toMatch(/提交时间：\d{4}-\d{2}-\d{2} \d{2}:\d{2}/);
    expect(await page.getByTestId('previous-period').textContent()).toContain('2025-Q1 期');

    const population = page.getByTestId('ro-population');
    expect(await population.getByTestId('ro-value').textContent()).toBe('1180');
    expect(await population.getByTestId('ro-change').textContent()).toBe('↓20');
    expect(await population.getByTestId('ro-previous').textContent()).toBe('上期 1200');
    expect(await population.getAttribute('class')).toContain('changed');

    const households = page.getByTestId('ro-households');
    expect(await households.getByTestId('ro-change').count()).toBe(0);
    expect(await households.getAttribute('class')).not.toContain('changed');
    expect(await page.getByTestId('ro-merged').getByTestId('ro-value').textContent()).toBe('否');
    expect(await page.getByTestId('ro-remark').getByTestId('ro-change').textContent()).toBe('有变化');
    expect(await page.getByTestId('ro-remark').getByTestId('ro-previous').textContent()).toBe('上期 无');

    // The reviewer still accepts or returns from the same page.
    await page.getByTestId('accept-submission').waitFor();
    await shot(page, 'review-view');
    await page.context().close();
  });

  it('reads on a phone without scrolling sideways', async () => {
    const page = await open(PHONE);
    const { scrollWidth, clientWidth } = await page.evaluate(() => {
      const scrolling = (globalThis as any).document.scrollingElement;
      return { scrollWidth: scrolling.scrollWidth as number, clientWidth: scrolling.clientWidth as number };
    });
    expect(scrollWidth).toBeLessThanOrEqual(clientWidth);
    await shot(page, 'review-view');
    await page.context().close();
  });
});
