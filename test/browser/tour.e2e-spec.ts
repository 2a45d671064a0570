import type { Browser } from 'playwright-core';
import { startTestApp, type TestApp } from '../support/harness.js';
import { describeBrowser, DESKTOP, ensureWebBuilt, launchBrowser, loginAs, PHONE, shot, trackForeignRequests } from '../support/browser.js';

/** Every page in each role's menu: on a phone no sideways scrolling; no script error, nothing from outside; a screenshot at both widths. */
describeBrowser('browser: a tour of every page of every role', () => {
  let server: TestApp;
  let browser: Browser;

  beforeAll(async () => {
    ensureWebBuilt();
    server = await startTestApp('browser-tour');
    browser = await launchBrowser();
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const ROLES = ['cun_420683003200', 'zhen_huancheng', 'bm_mzj', 'jianfuban', 'lingdao', 'admin', 'anquan', 'shenji'];

  it.each(ROLES)('%s', async (username) => {
    for (const viewport of [PHONE]) {
      const ctx = await browser.newContext({ viewport, locale: 'zh-CN' });
      ctx.setDefaultTimeout(10_000);
      const page = await ctx.newPage();
      const foreign = trackForeignRequests(page, server.url);
      const errors: string[] = [];
      page.on('pageerror', (err) => errors.push(err.message));
      await loginAs(page, server.url, username);
      const paths: string[] = await page.evaluate(() =>
        [...(globalThis as any).document.querySelectorAll('[data-test^="menu-"]')].map((item: any) =>
          item.getAttribute('data-test').slice(5),
        ),
      );
      // The phone shows the menu in a drawer; the routes are the same.
      const routes = paths.length ? paths : await desktopMenu(username);
      expect(routes.length).toBeGreaterThan(0);
      for (const route of routes) {
        await page.goto(`${server.url}/${route === 'home' ? '' : route}`);
        await page.waitForLoadState('networkidle');
        await shot(page, `tour-${username}-${route}`);
        const overflow = await page.evaluate(
          () => (globalThis as any).document.documentElement.scrollWidth - (globalThis as any).innerWidth,
        );
        expect({ page: route, width: viewport.width, overflow: overflow > 0 }).toEqual({
          page: route,
          width: viewport.width,
          overflow: false,
        });
        await page.setViewportSize(DESKTOP);
        await page.waitForTimeout(300);
        await shot(page, `tour-${username}-${route}`);
        await page.setViewportSize(viewport);
      }
      expect(errors).toEqual([]);
      expect(foreign).toEqual([]);
      await ctx.close();
    }
  });

  async function desktopMenu(username: string): Promise<string[]> {
    const ctx = await browser.newContext({ viewport: DESKTOP });
    const page = await ctx.newPage();
    await loginAs(page, server.url, username);
    const paths: string[] = await page.evaluate(() =>
      [...(globalThis as any).document.querySelectorAll('[data-test^="menu-"]')].map((item: any) =>
        item.getAttribute('data-test').slice(5),
      ),
    );
    await ctx.close();
    return paths;
  }
});
