import type { Browser, Page } from 'playwright-core';
import { startTestApp, type TestApp } from '../support/harness.js';
import { describeBrowser, DESKTOP, ensureWebBuilt, eventually, launchBrowser, loginAs, PHONE, shot } from '../support/browser.js';

describeBrowser('browser: the public lists — certificates villages do not issue and the nameplate standard', () => {
  let server: TestApp;
  let browser: Browser;

  beforeAll(async () => {
    ensureWebBuilt();
    server = await startTestApp('browser-public-lists');
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

  it('a resident on a phone, without logging in, reads both lists beside the QR code', async () => {
    const page = await newPage(PHONE);
    await page.goto(`${server.url}/public`);
    const certificates = page.getByTestId('public-certificates');
    const kinship = certificates.getByTestId('certificate-item').filter({ hasText: '亲属关系证明' });
    await kinship.waitFor();
    await expect(kinship.textContent()).resolves.toMatch(/替代方式：.*户口簿/);
    await expect(certificates.locator('.el-card__header').textContent()).resolves.toMatch(/村\(社区\)不应出具的证明事项（\d+ 项）/);
    const plates = page.getByTestId('public-nameplates');
    await expect(plates.locator('.el-card__header').textContent()).resolves.toContain('（4+8+2）');
    await expect(plates.textContent()).resolves.toContain('村务监督委员会');
    await page.getByTestId('public-qr').waitFor();
    // Readable on a phone: nothing wider than the screen.
    const overflow = await page.evaluate(() => (globalThis as any).document.documentElement.scrollWidth - (globalThis as any).innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await shot(page, 'public-lists-phone');
    await page.context().close();
  });

  it('the office adds a certificate (a missing field is refused beside it) and it appears on the public page', async () => {
    const office = await newPage();
    await loginAs(office, server.url, 'jianfuban');
    await office.locator('.el-menu-item', { hasText: '公开清单维护' }).click();
    await office.getByTestId('list-items-table').locator('tbody tr').first().waitFor();
    await office.getByTestId('list-item-add').click();
    await office.getByTestId('list-item-name').fill('房屋租赁证明');
    await office.getByTestId('list-item-basis').fill('《枣阳市村(社区)减负清单》');
    await office.getByTestId('list-item-save').click();
    await expect(office.locator('.el-dialog .el-form-item__error').first().textContent()).resolves.toContain('替代方式');
    await office.getByTestId('list-item-alternative').fill('凭房屋租赁合同办理，或向住建部门查询租赁备案');
    await office.getByTestId('list-item-save').click();
    await office.getByText('已新增，排在清单末尾').waitFor();
    await expect(office.getByTestId('list-items-table').locator('tbody tr').last().textContent()).resolves.toContain('房屋租赁证明');
    await shot(office, 'public-lists-office');

    const resident = await newPage(PHONE);
    await resident.goto(`${server.url}/public`);
    const items = resident.getByTestId('certificate-item');
    await items.first().waitFor();
    await expect(items.last().textContent()).resolves.toContain('房屋租赁证明');
    await office.context().close();
    await resident.context().close();
  });

  it('a cadre’s complaint names a certificate from the dropdown, and the office sees which', async () => {
    const cadre = await newPage(PHONE);
    await loginAs(cadre, server.url, 'cun_420683003200');
    await cadre.getByTestId('feedback-button').click();
    await cadre.getByTestId('feedback-list-item').click();
    await cadre.locator('.el-select-dropdown__item:visible', { hasText: '亲属关系证明' }).click();
    await cadre.getByTestId('feedback-title').fill('要求村里开具清单外证明');
    await cadre.getByTestId('feedback-content').fill('保险公司理赔要求村委会开具亲属关系证明');
    await shot(cadre, 'public-lists-complaint');
    await cadre.getByTestId('feedback-submit').click();
    await cadre.getByText('已提交，减负办会尽快处理').waitFor();

    const office = await newPage();
    await loginAs(office, server.url, 'jianfuban');
    await office.goto(`${server.url}/feedback`);
    const item = office.locator('.item[data-test^="feedback-"]', { hasText: '要求村里开具清单外证明' });
    await item.waitFor();
    expect(
      await eventually(
        () => item.getByTestId('feedback-list-item').textContent(),
        (text) => !!text?.includes('亲属关系证明'),
      ),
    ).toContain('不应出具的证明事项');
    await cadre.context().close();
    await office.context().close();
  });
});
