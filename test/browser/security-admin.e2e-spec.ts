import type { Browser, Page } from 'playwright-core';
import { startTestApp, type TestApp } from '../support/harness.js';
import { DESKTOP, describeBrowser, ensureWebBuilt, eventually, launchBrowser, loginAs, shot } from '../support/browser.js';

/**
 * 三员分立 in the browser: the security administrator resets an account on 用户管理 (a security administrator's row has
 * no buttons); the person signing in with the temporary password is sent to 修改密码 and works only after changing it.
 */
describeBrowser('browser: the security administrator’s users page and a forced password change', () => {
  let server: TestApp;
  let browser: Browser;

  beforeAll(async () => {
    ensureWebBuilt();
    server = await startTestApp('browser-security-admin');
    browser = await launchBrowser();
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function pageAs(username: string, password?: string): Promise<Page> {
    const ctx = await browser.newContext({ viewport: DESKTOP, locale: 'zh-CN' });
    ctx.setDefaultTimeout(10_000);
    const page = await ctx.newPage();
    await loginAs(page, server.url, username, password);
    return page;
  }

  it('anquan resets lingdao’s password; lingdao must change it before the dashboard opens', async () => {
    const security = await pageAs('anquan');
    await security.getByTestId('menu-users').click();
    await security.getByTestId('user-search').fill('anquan');
    await eventually(
      () => security.getByTestId('user-total').textContent(),
      (text) => !!text?.startsWith('共 1 个账号'),
    );
    await security.getByTestId('user-table').getByText('服务器上管理').waitFor();
    expect(await security.getByTestId('reset-anquan').count()).toBe(0);

    await security.getByTestId('user-search').fill('lingdao');
    await security.getByTestId('reset-lingdao').click();
    const box = security.locator('.el-message-box').last();
    await box.locator('input').fill('Temp#Reset2025');
    await box.locator('.el-button--primary').click();
    await security.getByTestId('user-table').getByText('待改密码').waitFor();
    await shot(security, 'users-reset');
    await security.context().close();

    const viewer = await pageAs('lingdao', 'Temp#Reset2025');
    await viewer.waitForURL((url) => url.pathname === '/account');
    await expect(viewer.getByTestId('password-change-required').textContent()).resolves.toContain('请先设置新密码');
    // Nothing else opens until the password is changed.
    await viewer.goto(`${server.url}/dashboard`);
    await viewer.waitForURL((url) => url.pathname === '/account');
    await viewer.getByTestId('old-password').fill('Temp#Reset2025');
    await viewer.getByTestId('new-password').fill('Own#Choice2025');
    await shot(viewer, 'password-change-required');
    await viewer.getByTestId('change-password').click();
    await viewer.waitForURL((url) => url.pathname === '/');
    await viewer.getByTestId('todo-dashboard').waitFor();
    await viewer.context().close();
  });
});
