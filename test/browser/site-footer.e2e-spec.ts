import type { Browser, Page } from 'playwright-core';
import { startTestApp, type TestApp } from '../support/harness.js';
import { describeBrowser, ensureWebBuilt, launchBrowser, PHONE, DESKTOP, shot } from '../support/browser.js';

const SPONSOR = '枣阳市人民政府办公室';
const TECH = '枣阳市大数据中心';
const ICP = '鄂ICP备12345678号-1';

describeBrowser('browser: the government footer on the log-in and public pages', () => {
  let branded: TestApp;
  let plain: TestApp;
  let browser: Browser;

  beforeAll(async () => {
    ensureWebBuilt();
    branded = await startTestApp('browser-footer', {
      demo: false,
      env: { SITE_SPONSOR: SPONSOR, SITE_TECH_SUPPORT: ` ${TECH} `, SITE_ICP: ICP },
    });
    plain = await startTestApp('browser-footer-unset', { demo: false });
    browser = await launchBrowser();
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await branded?.close();
    await plain?.close();
  });

  async function open(url: string, viewport = DESKTOP): Promise<Page> {
    const ctx = await browser.newContext({ viewport, locale: 'zh-CN' });
    ctx.setDefaultTimeout(10_000);
    const page = await ctx.newPage();
    await page.goto(url);
    return page;
  }

  it.each([DESKTOP, PHONE])(
    'log-in and public page show 主办单位, 技术支持 and the ICP number linked to the MIIT register (%o)',
    async (vp) => {
      for (const path of ['/login', '/public']) {
        const page = await open(`${branded.url}${path}`, vp);
        const footer = page.getByTestId('site-footer');
        await footer.waitFor();
        const text = (await footer.innerText()).replace(/\s+/g, ' ');
        expect(text).toContain(`主办单位：${SPONSOR}`);
        expect(text).toContain(`技术支持：${TECH}`);
        const icp = page.getByTestId('site-icp');
        expect(await icp.textContent()).toBe(ICP);
        expect(await icp.getAttribute('href')).toBe('https://beian.miit.gov.cn/');
        expect(await footer.isVisible()).toBe(true);
        // On a phone the footer fits the screen's width.
        const box = await footer.boundingBox();
        expect(box!.x + box!.width).toBeLessThanOrEqual(vp.width + 1);
        await shot(page, `footer${path.replace('/', '-')}`);
        await page.context().close();
      }
    },
  );

  it('with nothing configured there is no footer line at all, and nothing invented', async () => {
    const answer = await fetch(`${plain.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ siteFooter { sponsor techSupport icpNumber } }' }),
    });
    expect(await answer.json()).toEqual({ data: { siteFooter: { sponsor: null, techSupport: null, icpNumber: null } } });
    for (const path of ['/login', '/public']) {
      const page = await open(`${plain.url}${path}`);
      await page
        .getByText(path === '/login' ? '一表通' : '政务公开')
        .first()
        .waitFor();
      await page.waitForLoadState('networkidle');
      expect(await page.getByTestId('site-footer').count()).toBe(0);
      expect(await page.locator('body').innerText()).not.toMatch(/主办单位|技术支持|ICP/);
      await page.context().close();
    }
  });
});
