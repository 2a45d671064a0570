import type { Browser } from 'playwright-core';
import { startTestApp, type TestApp } from '../support/harness.js';
import { describeBrowser, DESKTOP, ensureWebBuilt, launchBrowser, submitLogin } from '../support/browser.js';

/** What a village cadre's browser may download, compressed, from the log-in page to its home page. */
const BUDGET_BYTES = 300 * 1024;

describeBrowser('browser: what the first visit downloads', () => {
  let server: TestApp;
  let browser: Browser;

  beforeAll(async () => {
    ensureWebBuilt();
    server = await startTestApp('browser-first-load');
    browser = await launchBrowser();
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('log-in → home of a village cadre transfers at most 300 KB, without the charts or the explorer', async () => {
    const ctx = await browser.newContext({ viewport: DESKTOP, locale: 'zh-CN' });
    ctx.setDefaultTimeout(15_000);
    const page = await ctx.newPage();
    // Bytes on the wire per response (headers and compressed body), as the browser counted them.
    const cdp = await ctx.newCDPSession(page);
    await cdp.send('Network.enable');
    const urls = new Map<string, string>();
    const encodings = new Map<string, string>();
    const bytes = new Map<string, number>();
    cdp.on('Network.responseReceived', (event) => {
      urls.set(event.requestId, event.response.url);
      const headers = Object.fromEntries(Object.entries(event.response.headers).map(([key, value]) => [key.toLowerCase(), value]));
      encodings.set(event.requestId, String(headers['content-encoding'] ?? ''));
    });
    cdp.on('Network.loadingFinished', (event) => bytes.set(event.requestId, event.encodedDataLength));

    await page.goto(`${server.url}/login`);
    await submitLogin(page, 'cun_420683003200');
    await page.waitForURL((url) => url.pathname === '/');
    await page.getByTestId('todo-due').waitFor();
    await page.waitForLoadState('networkidle');

    const rows = [...bytes].map(([id, size]) => {
      const url = new URL(urls.get(id) ?? 'about:blank');
      return { file: `${url.pathname}${url.pathname === '/graphql' ? ` (${id})` : ''}`, encoding: encodings.get(id) || '—', bytes: size };
    });
    const total = rows.reduce((sum, row) => sum + row.bytes, 0);
    // eslint-disable-next-line no-console
    console.log(
      `first load, log-in → home (village cadre), bytes transferred:\n${rows
        .sort((left, right) => right.bytes - left.bytes)
        .map((row) => `${String(row.bytes).padStart(8)}  ${row.encoding.padEnd(5)} ${row.file}`)
        .join('\n')}\n${String(total).padStart(8)}  total (${(total / 1024).toFixed(1)} KB of ${BUDGET_BYTES / 1024} KB)`,
    );
    const scripts = rows.filter((row) => /\.(js|css)$/.test(row.file));
    expect(scripts.length).toBeGreaterThan(3);
    // Every script and style sheet of any size came compressed.
    expect(scripts.filter((row) => row.bytes > 2048 && row.encoding === '—').map((row) => row.file)).toEqual([]);
    expect(rows.map((row) => row.file).filter((file) => /echarts|EChart|explorer|graphiql|monaco/i.test(file))).toEqual([]);
    expect(total).toBeLessThanOrEqual(BUDGET_BYTES);
    await ctx.close();
  });
});
