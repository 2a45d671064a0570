import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startTestApp, type TestApp } from '../support/harness.js';
import {
  describeBrowser,
  DESKTOP,
  ensureWebBuilt,
  launchBrowser,
  loginAs,
  submitLogin,
  PHONE,
  shot,
  trackForeignRequests,
  enterSecondFactor,
} from '../support/browser.js';
import { graphql, type Input, type TadaDocumentNode } from '../support/graphql.js';

describeBrowser('browser: log-in, home per role, village search', () => {
  let server: TestApp;
  let browser: Browser;

  beforeAll(async () => {
    ensureWebBuilt();
    server = await startTestApp('browser-basics');
    browser = await launchBrowser();
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function open(viewport: { width: number; height: number }): Promise<{ ctx: BrowserContext; page: Page; foreign: string[] }> {
    const ctx = await browser.newContext({ viewport, locale: 'zh-CN' });
    ctx.setDefaultTimeout(10_000);
    const page = await ctx.newPage();
    return { ctx, page, foreign: trackForeignRequests(page, server.url) };
  }

  it.each([DESKTOP, PHONE])('a wrong password is refused in Chinese, then the cadre logs in and sees what to do (%o)', async (vp) => {
    const { ctx, page, foreign } = await open(vp);
    await page.goto(`${server.url}/`);
    await page.waitForURL(/\/login/);
    await shot(page, 'login');
    await submitLogin(page, 'cun_420683003200', 'wrong-password');
    await expect(page.getByTestId('login-error').textContent()).resolves.toMatch(/用户名或密码/);

    await submitLogin(page, 'cun_420683003200');
    await page.waitForURL((url) => url.pathname === '/');
    await expect(page.getByTestId('who').textContent()).resolves.toContain('土铺村');
    await page.getByTestId('todo-due').waitFor();
    await shot(page, 'home-cadre');
    expect(foreign).toEqual([]);
    await ctx.close();
  });

  it('each role lands on its own home page with its own menu', async () => {
    const cases: [string, string, string][] = [
      ['bm_mzj', 'todo-admission', 'menu-forms'],
      ['jianfuban', 'todo-reviews', 'menu-reviews'],
      ['zhen_juwan', 'todo-submissions', 'menu-submissions'],
      ['lingdao', 'todo-dashboard', 'menu-dashboard'],
      ['admin', 'todo-imports', 'menu-imports'],
      ['anquan', 'todo-users', 'menu-users'],
      ['shenji', 'todo-audit', 'menu-audit'],
    ];
    for (const [username, card, menu] of cases) {
      const { ctx, page } = await open(DESKTOP);
      await loginAs(page, server.url, username);
      await page.getByTestId(card).waitFor();
      await page.getByTestId(menu).waitFor();
      // 三员分立: accounts are the security administrator's alone; the auditor sees the audit log and nothing else.
      if (username !== 'anquan') expect(await page.getByTestId('menu-users').count()).toBe(0);
      if (username === 'anquan') expect(await page.getByTestId('menu-imports').count()).toBe(0);
      await shot(page, `home-${username}`);
      await ctx.close();
    }
  });

  it.each([DESKTOP, PHONE])('a village is found by its pinyin initials and opens its profile (%o)', async (vp) => {
    const { ctx, page, foreign } = await open(vp);
    await loginAs(page, server.url, 'zhen_huancheng');
    await page.goto(`${server.url}/villages`);
    await page.getByTestId('village-query').fill('tpc');
    const row = page.getByTestId('village-results').locator('tbody tr', { hasText: '土铺村' });
    await row.waitFor();
    await shot(page, 'villages');
    await row.click();
    await page.waitForURL(/\/villages\/\d+/);
    await page.getByTestId('village-profile').getByText('环城街道').waitFor();
    await shot(page, 'village-profile');
    expect(foreign).toEqual([]);
    await ctx.close();
  });

  it('the auditor verifies the audit chain, which records the log-ins above', async () => {
    const { ctx, page } = await open(DESKTOP);
    await loginAs(page, server.url, 'shenji');
    await page.goto(`${server.url}/audit`);
    await page.locator('tbody tr').first().waitFor();
    await page.getByTestId('verify-chain').click();
    await expect(page.getByTestId('verify-result').textContent()).resolves.toMatch(/哈希链完整/);
    await shot(page, 'audit');
    await ctx.close();
  });

  it('a page of the app opened directly by its address works after log-in (deep link)', async () => {
    const { ctx, page } = await open(DESKTOP);
    await page.goto(`${server.url}/catalog`);
    await page.waitForURL(/\/login\?next=/);
    await submitLogin(page, 'admin');
    await enterSecondFactor(page, server.url, 'admin');
    await page.waitForURL(/\/catalog$/);
    await page.getByText('village.households', { exact: true }).waitFor();
    await shot(page, 'catalog');
    await ctx.close();
  });

  it.each([DESKTOP, PHONE])(
    'the public disclosure page needs no log-in and shows the lists, the town contacts and a QR code (%o)',
    async (vp) => {
      const { ctx, page, foreign } = await open(vp);
      await page.goto(`${server.url}/public`);
      await page.getByTestId('duties-MAIN').locator('tbody tr').first().waitFor();
      expect(await page.getByTestId('town-contacts').locator('tbody tr').count()).toBe(17);
      await expect(page.getByTestId('town-contacts').textContent()).resolves.toMatch(/琚湾镇.*0710-6\d{6}/);
      const qr = await page.getByTestId('public-qr').getAttribute('src');
      expect(qr).toMatch(/^data:image\/png;base64,/);
      // PUBLIC_URL unset and opened on the server's own machine: the QR falls back to this address, and says it is only for testing.
      await expect(page.getByTestId('public-url').textContent()).resolves.toBe(`${server.url}/public`);
      await expect(page.getByTestId('public-url-hint').textContent()).resolves.toMatch(/未设置对外地址 PUBLIC_URL.*仅供测试/);
      await shot(page, 'public');
      expect(foreign).toEqual([]);
      await ctx.close();
    },
  );

  it('without PUBLIC_URL the office’s 政务公开维护 page warns that the printed QR code uses the browser’s address', async () => {
    const { ctx, page } = await open(DESKTOP);
    await loginAs(page, server.url, 'jianfuban');
    await page.goto(`${server.url}/contacts`);
    await expect(page.getByTestId('public-url-hint').textContent()).resolves.toMatch(/未设置对外地址 PUBLIC_URL.*仅供测试.*PUBLIC_URL/);
    await expect(page.getByTestId('public-url').textContent()).resolves.toBe(`${server.url}/public`);
    await shot(page, 'contacts-public-url-unset');
    await ctx.close();
  });

  /** A small year of platform life played through the API: one form approved, one returned, one rejected; the approved one dispatched to 土铺村's town, 土铺村 submits and is accepted. */
  async function dashboardStory() {
    const ok = async <R, V>(doc: TadaDocumentNode<R, V>, variables: V, token: string): Promise<R> => {
      const result = await server.gql(doc, variables, token);
      if (result.errors) throw new Error(JSON.stringify(result.errors));
      return result.data!;
    };
    const [mzj, nyncj, office] = await Promise.all(['bm_mzj', 'bm_nyncj', 'jianfuban'].map((username) => server.login(username)));
    const fields: Input<'FieldInput'>[] = [
      { key: 'wells', label: '水井数', valueType: 'INTEGER', required: true, section: 'VILLAGE', min: 0 },
      { key: 'ponds', label: '当家塘数', valueType: 'INTEGER', required: true, section: 'VILLAGE', min: 0 },
    ];
    const statements = {
      departmentDoes: '市局负责制定统计口径、汇总全市数据并承担核查工作',
      villageDoes: '村委会每季度核对本村水井和当家塘数量并在平台填报',
      departmentSupport: '市局提供培训和技术指导，并将往期数据预先导入平台',
      legalBasis: '《中华人民共和国水法》第二十三条及省水利厅相关通知',
      justification: '掌握农村小型水利设施底数，支撑抗旱调度和维修资金分配',
    };
    const propose = async (token: string, title: string, decision: Input<'ReviewDecision'>, comment?: string) => {
      const duty = (
        await ok(
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
          token,
        )
      ).dutyItems.items[0].id;
      const form = (
        await ok(
          graphql(`
            mutation ($i: CreateFormInput!) {
              createForm(input: $i) {
                id
              }
            }
          `),
          { i: { title, dutyItemId: duty, targetLevel: 'VILLAGE', frequency: 'QUARTERLY', fields } },
          token,
        )
      ).createForm;
      const req = (
        await ok(
          graphql(`
            mutation ($i: SubmitAdmissionInput!) {
              submitAdmissionRequest(input: $i) {
                id
              }
            }
          `),
          { i: { formId: form.id, ...statements } },
          token,
        )
      ).submitAdmissionRequest;
      await ok(
        graphql(`
          mutation ($i: ReviewAdmissionInput!) {
            reviewAdmissionRequest(input: $i) {
              status
            }
          }
        `),
        { i: { id: req.id, decision, comment } },
        office,
      );
      return form.id;
    };
    const formId = await propose(mzj, '农村小型水利设施季报', 'APPROVE');
    await propose(nyncj, '农田水利设施统计表', 'REJECT', '与市民政局已准入的表单重复，请使用共享数据');
    await propose(mzj, '水井清查补充表', 'RETURN', '请说明与季报的区别并合并字段');
    const villages = (
      await ok(
        graphql(`
          {
            searchVillages(query: "土铺村") {
              id
              town {
                id
              }
            }
          }
        `),
        {},
        office,
      )
    ).searchVillages;
    const townId = villages[0].town!.id;
    const quarter = `${new Date().getUTCFullYear()}-Q${Math.floor(new Date().getUTCMonth() / 3) + 1}`;
    const task = (
      await ok(
        graphql(`
          mutation ($i: CreateTaskInput!) {
            createTask(input: $i) {
              id
            }
          }
        `),
        {
          i: { formId, period: quarter, dueAt: new Date(Date.now() + 10 * 86400000).toISOString(), townIds: [townId] },
        },
        mzj,
      )
    ).createTask;
    const cadre = await server.login('cun_420683003200');
    const mine = (
      await ok(
        graphql(`
          {
            myAssignments(status: ALL) {
              items {
                id
                task {
                  id
                }
              }
            }
          }
        `),
        {},
        cadre,
      )
    ).myAssignments.items.find((x: any) => x.task.id === task.id);
    const sub = (
      await ok(
        graphql(`
          mutation ($i: SaveSubmissionInput!) {
            saveSubmission(input: $i) {
              id
            }
          }
        `),
        {
          i: {
            assignmentId: mine!.id,
            clientId: 'dashboard-save-0001',
            expectedVersion: 0,
            submit: true,
            values: [
              { key: 'wells', value: '12' },
              { key: 'ponds', value: '3' },
            ],
          },
        },
        cadre,
      )
    ).saveSubmission;
    await ok(
      graphql(`
        mutation ($id: Int!) {
          reviewSubmission(submissionId: $id, decision: ACCEPT) {
            status
          }
        }
      `),
      { id: sub.id },
      await server.login('zhen_huancheng'),
    );
  }

  it('the dashboard shows the KPI cards and the charts of a small story, at 1366 and on a phone without sideways scrolling', async () => {
    await dashboardStory();
    for (const vp of [DESKTOP, PHONE]) {
      const { ctx, page, foreign } = await open(vp);
      const errors: string[] = [];
      page.on('pageerror', (err) => errors.push(err.message));
      await loginAs(page, server.url, 'lingdao');
      await page.goto(`${server.url}/dashboard`);
      await page.getByTestId('kpi-completion').waitFor();
      // One village form active against the cap of 19; three requests, one returned, one rejected.
      await expect(page.getByTestId('kpi-cap').textContent()).resolves.toMatch(/1\s*\/\s*19/);
      await expect(page.getByTestId('kpi-requests').textContent()).resolves.toMatch(/3\s*准入申请（退回 1，不予准入 1）/);
      await expect(page.getByTestId('kpi-completion').textContent()).resolves.toMatch(/\d+\.\d%\s*完成率（已交 1 \/ 下发 \d+）/);
      for (const chart of ['chart-towns', 'chart-trends', 'chart-decisions', 'chart-burden'])
        await page.getByTestId(chart).locator('canvas').waitFor();
      // The town chart opens on the whole year; choosing the task shows that task by town.
      await expect(page.getByTestId('card-towns').textContent()).resolves.toContain(`${new Date().getFullYear()} 年全部任务`);
      await page.getByTestId('task-select').click();
      await page.locator('.el-select-dropdown__item:visible', { hasText: '农村小型水利设施季报' }).click();
      await expect(page.getByTestId('card-towns').textContent()).resolves.toContain('农村小型水利设施季报');
      await page.getByTestId('chart-towns').locator('canvas').waitFor();
      await expect(page.getByTestId('department-stats').textContent()).resolves.toMatch(/市民政局/);
      // Work orders beside the forms (#19 item 5): none in this story, so the card counts zeros, in Chinese.
      await expect(page.getByTestId('kpi-orders').textContent()).resolves.toMatch(/0\s*派发到村的派单（村次）/);
      await expect(page.getByTestId('kpi-funds').textContent()).resolves.toMatch(/0 元\s*随派单下沉经费/);
      await page.getByTestId('empty-order-months').waitFor();
      await page.waitForLoadState('networkidle');
      await page.waitForTimeout(300);
      const overflow = await page.evaluate(() => (globalThis as any).document.documentElement.scrollWidth - (globalThis as any).innerWidth);
      expect(overflow).toBeLessThanOrEqual(0);
      await shot(page, 'dashboard-data');
      expect(errors).toEqual([]);
      expect(foreign).toEqual([]);
      await ctx.close();
    }
  });

  it('the GraphQL explorer asks for a log-in first, then is bundled and runs offline', async () => {
    const { ctx, page, foreign } = await open(DESKTOP);
    await page.goto(`${server.url}/explorer`);
    await page.getByText('GraphQL 调试台需要先登录').waitFor();
    await loginAs(page, server.url, 'admin');
    await page.goto(`${server.url}/explorer`);
    await page.locator('.graphiql-container').waitFor();
    await shot(page, 'explorer');
    expect(foreign).toEqual([]);
    await ctx.close();
  });
});
