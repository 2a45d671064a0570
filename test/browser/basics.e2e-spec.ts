import type { Browser, BrowserContext, Page } from 'playwright-core';
import { DEMO_PASSWORD, startTestApp, type TestApp } from '../support/harness.js';
import { describeBrowser, DESKTOP, ensureWebBuilt, launchBrowser, loginAs, PHONE, shot, trackForeignRequests } from '../support/browser.js';

describeBrowser('browser: log-in, home per role, village search', () => {
  let t: TestApp;
  let browser: Browser;

  beforeAll(async () => {
    ensureWebBuilt();
    t = await startTestApp('browser-basics');
    browser = await launchBrowser();
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  async function open(viewport: { width: number; height: number }): Promise<{ ctx: BrowserContext; page: Page; foreign: string[] }> {
    const ctx = await browser.newContext({ viewport, locale: 'zh-CN' });
    ctx.setDefaultTimeout(10_000);
    const page = await ctx.newPage();
    return { ctx, page, foreign: trackForeignRequests(page, t.url) };
  }

  it.each([DESKTOP, PHONE])('a wrong password is refused in Chinese, then the cadre logs in and sees what to do (%o)', async (vp) => {
    const { ctx, page, foreign } = await open(vp);
    await page.goto(`${t.url}/`);
    await page.waitForURL(/\/login/);
    await shot(page, 'login');
    await page.getByTestId('username').fill('cun_420683003200');
    await page.getByTestId('password').fill('wrong-password');
    await page.getByTestId('login-submit').click();
    await expect(page.getByTestId('login-error').textContent()).resolves.toMatch(/用户名或密码/);

    await page.getByTestId('password').fill(DEMO_PASSWORD);
    await page.getByTestId('login-submit').click();
    await page.waitForURL((u) => u.pathname === '/');
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
      ['admin', 'todo-users', 'menu-users'],
      ['shenji', 'todo-audit', 'menu-audit'],
    ];
    for (const [username, card, menu] of cases) {
      const { ctx, page } = await open(DESKTOP);
      await loginAs(page, t.url, username, DEMO_PASSWORD);
      await page.getByTestId(card).waitFor();
      await page.getByTestId(menu).waitFor();
      // The auditor sees the audit log and nothing else.
      if (username === 'shenji') expect(await page.getByTestId('menu-users').count()).toBe(0);
      await shot(page, `home-${username}`);
      await ctx.close();
    }
  });

  it.each([DESKTOP, PHONE])('a village is found by its pinyin initials and opens its profile (%o)', async (vp) => {
    const { ctx, page, foreign } = await open(vp);
    await loginAs(page, t.url, 'zhen_huancheng', DEMO_PASSWORD);
    await page.goto(`${t.url}/villages`);
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
    await loginAs(page, t.url, 'shenji', DEMO_PASSWORD);
    await page.goto(`${t.url}/audit`);
    await page.locator('tbody tr').first().waitFor();
    await page.getByTestId('verify-chain').click();
    await expect(page.getByTestId('verify-result').textContent()).resolves.toMatch(/哈希链完整/);
    await shot(page, 'audit');
    await ctx.close();
  });

  it('a page of the app opened directly by its address works after log-in (deep link)', async () => {
    const { ctx, page } = await open(DESKTOP);
    await page.goto(`${t.url}/catalog`);
    await page.waitForURL(/\/login\?next=/);
    await page.getByTestId('username').fill('admin');
    await page.getByTestId('password').fill(DEMO_PASSWORD);
    await page.getByTestId('login-submit').click();
    await page.waitForURL(/\/catalog$/);
    await page.getByText('village.households', { exact: true }).waitFor();
    await shot(page, 'catalog');
    await ctx.close();
  });
});
