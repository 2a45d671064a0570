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

  it('the web session is an httpOnly cookie no script reads; anquan sees it on 会话与服务令牌, ends it, and the page is signed out', async () => {
    const cadre = await pageAs('zhen_juwan');
    // Nothing in the page's storage can sign a request: the credential is the httpOnly cookie.
    const stored = await cadre.evaluate(() => {
      const page = globalThis as unknown as { localStorage: Record<string, string>; document: { cookie: string } };
      return JSON.stringify({ ...page.localStorage }) + page.document.cookie;
    });
    expect(stored).not.toMatch(/eyJ/); // no JWT anywhere a script can reach
    const cookies = await cadre.context().cookies();
    expect(cookies.find((cookie) => cookie.name === 'onetable_session')).toMatchObject({ httpOnly: true, sameSite: 'Strict' });
    // 我的账号 lists the person's own sign-ins, this one marked, the browser named in words.
    await cadre.goto(`${server.url}/account`);
    await cadre.getByTestId('my-sessions').getByText('当前').waitFor();
    await expect(cadre.getByTestId('my-sessions').textContent()).resolves.toContain('Chrome');

    const security = await pageAs('anquan');
    await security.getByTestId('menu-sessions').click();
    await security.getByTestId('session-table').getByText('zhen_juwan').first().waitFor();
    await shot(security, 'sessions');
    // Issue a read-only service token for a big screen: shown once.
    await security.getByTestId('service-token-new').click();
    const dialog = security.locator('.el-dialog').last();
    await dialog.locator('input').first().fill('市指挥中心大屏');
    await security.getByTestId('service-token-issue').click();
    const token = await eventually(
      () => security.getByTestId('service-token-value').inputValue(),
      (value) => value.length > 20,
    );
    const answer = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: '{ me { role service } }' }),
    });
    expect(((await answer.json()) as { data: { me: unknown } }).data.me).toEqual({ role: 'VIEWER', service: true });
    await dialog.getByRole('button', { name: '已复制，关闭' }).click();

    // End zhen_juwan's session: the cadre's next page load is back at the log-in page.
    await security
      .getByTestId('session-table')
      .locator('tr', { hasText: 'zhen_juwan' })
      .first()
      .getByRole('button', { name: '结束', exact: true })
      .click();
    await security.locator('.el-message-box').last().locator('.el-button--primary').click();
    await security.getByText('会话已结束').waitFor();
    await new Promise((resolve) => setTimeout(resolve, 5200)); // past what the server trusts of a session it read (SESSION_CACHE_MS)
    await cadre.goto(`${server.url}/messages`);
    await cadre.waitForURL((url) => url.pathname === '/login');
    await security.context().close();

    // Logging out clears the cookie on the server's word.
    const again = await pageAs('zhen_juwan');
    await again.getByTestId('who').click();
    await again.getByTestId('logout').click();
    await again.waitForURL((url) => url.pathname === '/login');
    expect((await again.context().cookies()).find((cookie) => cookie.name === 'onetable_session')).toBeUndefined();
    await again.context().close();
    await cadre.context().close();
  });
});
