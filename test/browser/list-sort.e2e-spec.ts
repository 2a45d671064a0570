import type { Browser } from 'playwright-core';
import { startTestApp, type TestApp } from '../support/harness.js';
import { DESKTOP, describeBrowser, ensureWebBuilt, eventually, launchBrowser, loginAs } from '../support/browser.js';
import { admittedForm } from '../support/dispatch.js';

// Issue 16 item 12: the office finds a request by a word of its form title.
describeBrowser('browser: the review list searches by form title or department', () => {
  let server: TestApp;
  let browser: Browser;

  beforeAll(async () => {
    ensureWebBuilt();
    server = await startTestApp('browser-list-sort');
    browser = await launchBrowser();
    await admittedForm(server, '村级养老服务季报', [{ key: 'n', label: '户数', valueType: 'INTEGER', section: 'VILLAGE' }]);
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('准入审核: typing a part of a form title leaves only its request, with 共 1 条', async () => {
    const page = await (await browser.newContext({ viewport: DESKTOP, locale: 'zh-CN' })).newPage();
    await loginAs(page, server.url, 'jianfuban');
    await page.goto(`${server.url}/reviews`);
    await page.getByRole('radio', { name: '全部' }).click({ force: true });
    await page.getByTestId('review-search').fill('养老服务');
    expect(
      await eventually(
        () => page.getByTestId('review-total').textContent(),
        (text) => !!text?.includes('共 1 条'),
      ),
    ).toContain('共 1 条');
    expect(await page.locator('[data-test^="req-"] .req-title').allTextContents()).toEqual(['村级养老服务季报']);
  });
});
