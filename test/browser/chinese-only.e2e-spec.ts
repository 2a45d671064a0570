// Issue 16 item 11: staff see Chinese, never the platform's internal English (field keys, data-element codes,
// audit action codes, JSON, enum values). Keys and codes remain for the administrator.
import type { Browser, Page } from 'playwright-core';
import { startTestApp, type TestApp } from '../support/harness.js';
import { describeBrowser, DESKTOP, ensureWebBuilt, eventually, launchBrowser, loginAs, shot } from '../support/browser.js';
import { graphql } from '../support/graphql.js';
import { villageAccounts } from '../support/dispatch.js';
import { approvedOrder } from '../support/orders.js';

/** Internal English a clerk must not meet: dotted codes (village.households, user.login), JSON, enum values. */
const INTERNAL = [
  /\b[a-z]+(?:_[a-z]+)*\.[a-z]+(?:_[a-z]+)*\b/,
  /\{"/,
  /\b(?:DRAFT|ACTIVE|PENDING|SUBMITTED|ACCEPTED|RETURNED|REJECTED|RETIRED|VILLAGE|RESIDENT|MAIN|ASSIST|NEGATIVE|SUCCESS|FAILURE|INTEGER|TEXT|ENUM)\b/,
];
/** Web addresses (the office's PUBLIC_URL hint names one) are not internal English. */
const leaks = (text: string) => {
  const words = text.replace(/(?:https?:\/\/)?[\w-]+(?:\.[\w-]+)*\.(?:gov\.cn|cn|com)\S*/g, '').replace(/https?:\/\/\S+/g, '');
  return INTERNAL.map((pattern) => pattern.exec(words)?.[0]).filter(Boolean);
};

describeBrowser('browser: staff see Chinese only', () => {
  let server: TestApp;
  let browser: Browser;
  /** A work order sent to 土铺村: each role's order pages show one (its kind, status, support, record). */
  let orderId: number;

  beforeAll(async () => {
    ensureWebBuilt();
    server = await startTestApp('browser-chinese');
    browser = await launchBrowser();
    const tupu = await villageAccounts(server);
    orderId = await approvedOrder(server, {
      title: '冬季困难群众走访慰问',
      townIds: [tupu.village.parentId!],
      village: { id: tupu.village.id, townUser: tupu.town },
    });
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function newPage(): Promise<Page> {
    const ctx = await browser.newContext({ viewport: DESKTOP, locale: 'zh-CN' });
    ctx.setDefaultTimeout(10_000);
    return ctx.newPage();
  }
  async function settled(page: Page) {
    await page.waitForLoadState('networkidle');
    await page.waitForTimeout(200);
    return page.locator('body').innerText();
  }

  it('the department designs a form with no key to type and no element code; the server makes keys from the labels', async () => {
    const page = await newPage();
    await loginAs(page, server.url, 'bm_mzj');
    await page.goto(`${server.url}/forms/new`);
    await page.getByTestId('form-title').fill('留守儿童季度走访表');
    await page.getByTestId('form-duty').click();
    await page.locator('.el-select-dropdown__item:not(.is-disabled)').first().click();
    const first = page.getByTestId('section-VILLAGE').locator('.field').first();
    expect(await page.getByText('键', { exact: true }).count()).toBe(0);
    await first.getByTestId('field-label').pressSequentially('户籍人口', { delay: 30 });
    const suggestion = page.locator('.el-autocomplete-suggestion li', { hasText: '户籍人口' }).first();
    await suggestion.waitFor();
    expect(leaks(await suggestion.innerText())).toEqual([]);
    await suggestion.click();
    await expect(first.getByTestId('field-binding').textContent()).resolves.not.toMatch(/village\./);
    await page.getByTestId('add-field-VILLAGE').click();
    await page.getByTestId('section-VILLAGE').locator('.field').nth(1).getByTestId('field-label').fill('本季度走访次数');
    await page.getByTestId('add-field-VILLAGE').click();
    await page.getByTestId('section-VILLAGE').locator('.field').nth(2).getByTestId('field-label').fill('备注');
    await page.getByTestId('add-field-VILLAGE').click();
    await page.getByTestId('section-VILLAGE').locator('.field').nth(3).getByTestId('field-label').fill('备注');
    await page.getByTestId('save-form').click();
    await page.waitForURL(/\/forms\/\d+$/);
    expect(leaks(await settled(page))).toEqual([]);
    await shot(page, 'designer-no-keys');
    const id = Number(/\/forms\/(\d+)$/.exec(page.url())![1]);
    const saved = await server.gql(
      graphql(`
        query ($id: Int!) {
          form(id: $id) {
            currentVersion {
              fields {
                key
                label
              }
            }
          }
        }
      `),
      { id },
      await server.login('bm_mzj'),
    );
    expect(saved.data!.form!.currentVersion!.fields.map((field) => field.key)).toEqual([
      'registered_population',
      'benjiduzoufangcishu',
      'beizhu',
      'beizhu_2',
    ]);
    await page.context().close();
  });

  it('the auditor reads actions and details in Chinese, and filters by a Chinese action name', async () => {
    const page = await newPage();
    await loginAs(page, server.url, 'shenji');
    await page.goto(`${server.url}/audit`);
    await page.locator('tbody tr').first().waitFor();
    const text = await settled(page);
    expect(leaks(text)).toEqual([]);
    expect(text).toContain('新建表单');
    expect(text).toContain('登录');
    await expect(page.getByTestId('audit-detail').filter({ hasText: '标题：' }).first().textContent()).resolves.toContain(
      '留守儿童季度走访表',
    );
    await page.getByTestId('audit-action').click();
    await page.locator('.el-select-dropdown__item:visible', { hasText: '新建表单' }).click();
    const rows = await eventually(
      () => page.locator('.el-table__body-wrapper tbody tr').allInnerTexts(),
      (texts) => texts.length > 0 && texts.every((row) => row.includes('新建表单')),
    );
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.filter((row) => !row.includes('新建表单'))).toEqual([]);
    // By user: the auditor's own looks at the log are there, in Chinese, with what they filtered.
    await page.goto(`${server.url}/audit`);
    await page.locator('tbody tr').first().waitFor();
    // Element Plus puts the test id on the <input> itself.
    await page.getByTestId('audit-user').fill('shenji');
    await page.getByTestId('audit-user').press('Enter');
    const own = await eventually(
      () => page.locator('.el-table__body-wrapper tbody tr').allInnerTexts(),
      (texts) => texts.length > 0 && texts.every((row) => row.includes('shenji')),
    );
    expect(own.some((row) => row.includes('查看审计日志') && row.includes('筛选条件'))).toBe(true);
    expect(leaks(own.join('\n'))).toEqual([]);
    // The export of what the filters select: an Excel file under a Chinese name.
    const [file] = await Promise.all([page.waitForEvent('download'), page.getByTestId('audit-export').click()]);
    expect(file.suggestedFilename()).toMatch(/^审计日志-\d{4}-\d{2}-\d{2}\.xlsx$/);
    await shot(page, 'audit-chinese');
    await page.context().close();
  });

  const WALK: [string, string[]][] = [
    // ORDER: the work order made above (its page, with the record, for every role on its way).
    [
      'cun_420683003200',
      ['/', '/assignments', '/my-orders', '/orders/ORDER', '/consultations', '/order-burden', '/my-feedback', '/villages', '/catalog'],
    ],
    [
      'zhen_huancheng',
      [
        '/',
        '/submissions',
        '/order-dispatch',
        '/orders/ORDER',
        '/consultations',
        '/tasks',
        '/my-feedback',
        '/dashboard',
        '/villages',
        '/catalog',
      ],
    ],
    [
      'bm_mzj',
      [
        '/',
        '/forms',
        '/forms/new',
        '/admission',
        '/orders',
        '/orders/new',
        '/orders/ORDER',
        '/consultations',
        '/tasks',
        '/dashboard',
        '/villages',
        '/catalog',
      ],
    ],
    [
      'jianfuban',
      [
        '/',
        '/reviews',
        '/order-reviews',
        '/orders/ORDER',
        '/forms',
        '/feedback',
        '/tasks',
        '/dashboard',
        '/villages',
        '/catalog',
        '/contacts',
        '/public-lists',
      ],
    ],
  ];
  it.each(WALK)('%s walks every page of its menu and meets no internal English', async (username, paths) => {
    const page = await newPage();
    await loginAs(page, server.url, username);
    const seen: Record<string, (string | undefined)[]> = {};
    for (const path of paths.map((one) => one.replace('ORDER', String(orderId)))) {
      await page.goto(`${server.url}${path}`);
      const found = leaks(await settled(page));
      if (found.length) seen[path] = found;
    }
    expect(seen).toEqual({});
    await page.context().close();
  });
});
