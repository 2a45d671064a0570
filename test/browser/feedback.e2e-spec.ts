import type { Browser, Page } from 'playwright-core';
import { startTestApp, type TestApp } from '../support/harness.js';
import { describeBrowser, DESKTOP, ensureWebBuilt, eventually, launchBrowser, loginAs, PHONE, shot } from '../support/browser.js';

describeBrowser('browser: a complaint in one click, answered by the office', () => {
  let server: TestApp;
  let browser: Browser;

  beforeAll(async () => {
    ensureWebBuilt();
    server = await startTestApp('browser-feedback');
    browser = await launchBrowser();
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function newPage(viewport = DESKTOP): Promise<Page> {
    const ctx = await browser.newContext({ viewport, locale: 'zh-CN' });
    ctx.setDefaultTimeout(10_000);
    return ctx.newPage();
  }

  it('the cadre complains from the phone, the office answers, the cadre reads the answer', async () => {
    const cadre = await newPage(PHONE);
    await loginAs(cadre, server.url, 'cun_420683003200');
    await cadre.getByTestId('feedback-button').click();
    // An empty complaint is refused beside its fields.
    await cadre.getByTestId('feedback-submit').click();
    await cadre.locator('.el-dialog .el-form-item__error').first().waitFor();
    await cadre.getByTestId('feedback-title').fill('镇里通过微信群要求填报防汛物资表');
    await cadre.getByTestId('feedback-content').fill('本月第三次在微信群里收到未经准入的表格，要求当天报送');
    await shot(cadre, 'feedback-dialog');
    await cadre.getByTestId('feedback-submit').click();
    await cadre.getByText('已提交，减负办会尽快处理').waitFor();

    const office = await newPage();
    await loginAs(office, server.url, 'jianfuban');
    await expect(office.getByTestId('todo-feedback').locator('.stat').textContent()).resolves.toBe('1');
    await office.getByTestId('todo-feedback').click();
    const item = office.locator('.item[data-test^="feedback-"]', { hasText: '防汛物资表' });
    await item.waitFor();
    await item.locator('[data-test^="respond-"]').click();
    await office.locator('.el-message-box textarea').fill('已约谈相关部门，表格停止报送');
    await office.locator('.el-message-box .el-button--primary').click();
    // Answered, it leaves the queue of items waiting; it is under 全部 with the answer.
    await item.waitFor({ state: 'detached' });
    await office.locator('.el-radio-button', { hasText: '全部' }).click();
    expect(
      await eventually(
        () => item.textContent(),
        (text) => !!text?.includes('已约谈'),
      ),
    ).toContain('已答复');
    await shot(office, 'feedback-office');

    await cadre.goto(`${server.url}/my-feedback`);
    await expect(cadre.locator('.item[data-test^="feedback-"]').first().textContent()).resolves.toContain(
      '减负办答复：已约谈相关部门，表格停止报送',
    );
    await shot(cadre, 'feedback-answered');
    await cadre.context().close();
    await office.context().close();
  });
});
