import type { Browser, Page } from 'playwright-core';
import { Role } from '../../src/common/auth-user.js';
import { hashPassword } from '../../src/identity/password.js';
import { User } from '../../src/identity/user.entity.js';
import { DEMO_PASSWORD, startTestApp, type TestApp } from '../support/harness.js';
import { describeBrowser, DESKTOP, ensureWebBuilt, launchBrowser, loginAs, PHONE, shot, submitLogin } from '../support/browser.js';
import { rememberSecondFactor, stepNow, totpCode } from '../support/totp.js';

describeBrowser('browser: signing in with a second factor, and binding one', () => {
  let server: TestApp;
  let browser: Browser;
  beforeAll(async () => {
    ensureWebBuilt();
    server = await startTestApp('browser-second-factor');
    browser = await launchBrowser();
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function open(viewport = DESKTOP): Promise<Page> {
    const ctx = await browser.newContext({ viewport, locale: 'zh-CN' });
    ctx.setDefaultTimeout(10_000);
    return ctx.newPage();
  }

  it('the auditor types the password, then the code from the authenticator, and reaches the audit work', async () => {
    const page = await open();
    await page.goto(`${server.url}/login`);
    await submitLogin(page, 'shenji');
    // The password was right: the page asks for the code and has not signed in yet.
    await page.getByTestId('otp').waitFor();
    expect(new URL(page.url()).pathname).toBe('/login');
    await page.getByTestId('otp').fill('000000');
    await page.getByTestId('login-submit').click();
    await expectText(page.getByTestId('login-error'), /动态验证码不正确/);
    await page.getByTestId('otp').fill(totpCode((await secretOf('shenji'))!, stepNow()));
    await page.getByTestId('login-submit').click();
    await page.waitForURL((url) => !url.pathname.startsWith('/login'));
    await page.getByText('审计', { exact: false }).first().waitFor();
    await page.context().close();
  });

  it.each([DESKTOP, PHONE])(
    'a new reviewer must bind an authenticator first: QR code, first code, ten recovery codes (%o)',
    async (viewport) => {
      const username = `jianfuban_${viewport.width}`;
      const repo = server.dataSource.getRepository(User);
      await repo.save(
        repo.create({ username, displayName: '新审核员', role: Role.OFFICE_REVIEWER, passwordHash: await hashPassword(DEMO_PASSWORD) }),
      );
      const page = await open(viewport);
      await page.goto(`${server.url}/login`);
      await submitLogin(page, username);
      await page.waitForURL(/\/account$/);
      await page.getByTestId('second-factor-required').waitFor();
      await page.getByTestId('second-factor-begin').click();
      const qr = await page.getByTestId('second-factor-qr').getAttribute('src');
      expect(qr).toMatch(/^data:image\/png;base64,/);
      const secret = (await page.getByTestId('second-factor-secret').textContent())!.trim();
      expect(secret).toMatch(/^[A-Z2-7]{32}$/);
      await shot(page, `second-factor-bind-${viewport.width}`);
      const step = stepNow();
      await page.getByTestId('second-factor-code').fill(totpCode(secret, step));
      await page.getByTestId('second-factor-confirm').click();
      const codes = page.getByTestId('recovery-codes').locator('li');
      await codes.first().waitFor();
      expect(await codes.count()).toBe(10);
      await page.getByTestId('recovery-saved').click();
      await page.waitForURL((url) => url.pathname === '/');
      await page.context().close();
      // From now on the password alone is not enough.
      rememberSecondFactor(server.url, username, secret, step);
      const again = await open(viewport);
      await loginAs(again, server.url, username);
      expect(new URL(again.url()).pathname).toBe('/');
      await again.context().close();
    },
  );

  async function secretOf(username: string) {
    return server.demo!.accounts.find((account) => account.username === username)?.secondFactorSecret;
  }
});

async function expectText(locator: import('playwright-core').Locator, pattern: RegExp) {
  await locator.waitFor();
  expect(await locator.textContent()).toMatch(pattern);
}
