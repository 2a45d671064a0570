import type { Browser, Page } from 'playwright-core';
import { startTestApp, type TestApp } from '../support/harness.js';
import { describeBrowser, ensureWebBuilt, launchBrowser, loginAs, PHONE, shot, touchTargets } from '../support/browser.js';
import { admittedForm, assignmentOf, dispatchTask, villageAccounts } from '../support/dispatch.js';

// Issue 16: on a 390-px phone every input, select and button is at least 44 px high (a 30-px input and a
// 24-px feedback button are hard to hit with a thumb), and the catalogue does not scroll sideways.
describeBrowser('browser: a phone gets touch targets of 44 px and no sideways scrolling', () => {
  let server: TestApp;
  let browser: Browser;
  let cadre: string;
  let assignmentId: number;

  beforeAll(async () => {
    ensureWebBuilt();
    server = await startTestApp('browser-phone');
    browser = await launchBrowser();
    const accounts = await villageAccounts(server);
    cadre = accounts.cadre;
    const { formId } = await admittedForm(server, '村集体经济季报', [
      { key: 'income', label: '集体经营性收入', valueType: 'DECIMAL', required: true, section: 'VILLAGE', min: 0 },
      { key: 'note', label: '情况说明', valueType: 'TEXT', section: 'VILLAGE' },
      { key: 'kind', label: '村类型', valueType: 'ENUM', options: ['农业村', '城郊村'], section: 'VILLAGE' },
      { key: 'merged', label: '是否合并村', valueType: 'BOOLEAN', section: 'VILLAGE' },
    ]);
    const taskId = await dispatchTask(server, formId, '2025-Q3', [accounts.village.parentId!]);
    assignmentId = await assignmentOf(server, await server.login(cadre), taskId);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function phonePage(): Promise<Page> {
    const context = await browser.newContext({ viewport: PHONE, locale: 'zh-CN' });
    return context.newPage();
  }

  async function expectTouchable(page: Page, name: string) {
    const targets = await touchTargets(page);
    await shot(page, `phone-${name}`);
    expect(targets.length).toBeGreaterThan(0);
    expect(targets.filter((target) => target.height < 44)).toEqual([]);
    return targets;
  }

  it('log-in page: the username, password and log-in button are 44 px high', async () => {
    const page = await phonePage();
    await page.goto(`${server.url}/login`);
    await page.getByTestId('login-submit').waitFor();
    const targets = await expectTouchable(page, 'login');
    expect(targets.length).toBeGreaterThanOrEqual(3);
    await page.context().close();
  });

  it('home and fill pages: inputs, selects, the save buttons and the feedback button are 44 px high', async () => {
    const page = await phonePage();
    await loginAs(page, server.url, cadre);
    await page.getByTestId('feedback-button').waitFor();
    await page.locator('.card-link').first().waitFor();
    const home = await expectTouchable(page, 'home');
    expect(home.some((target) => target.what.includes('一键反馈'))).toBe(true);

    await page.goto(`${server.url}/assignments/${assignmentId}`);
    await page.getByTestId('v-income').locator('input').waitFor();
    await page.getByTestId('submit').waitFor();
    const fill = await expectTouchable(page, 'fill');
    // The form's fields (a number, a text, a select, yes/no buttons) and the two save buttons were measured.
    expect(fill.filter((target) => target.what.includes('el-input__wrapper')).length).toBeGreaterThanOrEqual(2);
    expect(fill.filter((target) => target.what.includes('el-select__wrapper')).length).toBeGreaterThanOrEqual(1);
    expect(fill.filter((target) => target.what.includes('el-radio-button__inner')).length).toBe(2);
    expect(fill.filter((target) => /保存草稿|提交/.test(target.what)).length).toBe(2);
    await page.context().close();
  });

  it('catalogue: 44-px controls, elements as cards, and the page does not scroll sideways at 390 px', async () => {
    const page = await phonePage();
    await loginAs(page, server.url, 'admin');
    await page.goto(`${server.url}/catalog`);
    await page.getByTestId('catalog-card').first().waitFor();
    await expectTouchable(page, 'catalog');
    const { scrollWidth, clientWidth } = await page.evaluate(() => {
      const scrolling = (globalThis as any).document.scrollingElement;
      return { scrollWidth: scrolling.scrollWidth as number, clientWidth: scrolling.clientWidth as number };
    });
    expect(scrollWidth).toBeLessThanOrEqual(clientWidth);
    // No card is wider than the window either (an overflowing card would be clipped, not scrolled).
    const widest = await page
      .getByTestId('catalog-card')
      .evaluateAll((cards) => Math.max(...cards.map((card) => card.getBoundingClientRect().right)));
    expect(widest).toBeLessThanOrEqual(PHONE.width);
    await page.context().close();
  });
});
