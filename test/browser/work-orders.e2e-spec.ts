// Issue 19 item 6: a work order (派单) walked through the browser — the department creates it with the three
// clarities and its support stated, the office approves it in its admission review, the town 派发 it to one
// of its villages with a note and an earlier deadline, the village 接收 and reports 办结 on a phone; each step
// shows on the order's 纪实 for the department and the office.
import type { Browser, Page } from 'playwright-core';
import { startTestApp, type TestApp } from '../support/harness.js';
import {
  answerConfirm,
  describeBrowser,
  DESKTOP,
  ensureWebBuilt,
  eventually,
  launchBrowser,
  loginAs,
  PHONE,
  shot,
  sidewaysScroll,
  touchTargets,
  trackForeignRequests,
} from '../support/browser.js';
import { villageAccounts } from '../support/dispatch.js';
import { submittedOrder } from '../support/orders.js';
import { platformDay } from '../../src/common/platform-time.js';
import type { Region } from '../../src/regions/region.entity.js';

const TITLE = '冬季困难群众走访慰问';
const STEP_ORDER = ['部门提交', '减负办准入', '镇(街道)派发', '村(社区)接收', '村(社区)办结'];

describeBrowser('browser: a work order from the department to the village, with its record (纪实)', () => {
  let server: TestApp;
  let browser: Browser;
  let cadre: string;
  let town: string;
  let village: Region;
  let townName: string;
  let orderId: number;
  const earlier = platformDay(Date.now() + 7 * 86_400_000);

  beforeAll(async () => {
    ensureWebBuilt();
    server = await startTestApp('browser-work-orders');
    browser = await launchBrowser();
    const accounts = await villageAccounts(server);
    cadre = accounts.cadre;
    town = accounts.town;
    village = accounts.village;
    townName = (await server.dataSource.query(`SELECT name FROM region WHERE id = ?`, [accounts.village.parentId]))[0].name;
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
  const pick = async (page: Page, select: string, option: string) => {
    await page.getByTestId(select).click();
    await page.locator('.el-select-dropdown__item:visible', { hasText: option }).first().click();
  };
  /** The timeline's step names, top to bottom. */
  const steps = (page: Page) => page.getByTestId('order-timeline').locator('.el-timeline-item b').allInnerTexts();

  it('the department creates an order: support must be answered (无 is an answer), then it waits for the office', async () => {
    const page = await newPage();
    const foreign = trackForeignRequests(page, server.url);
    await loginAs(page, server.url, 'bm_mzj');
    await page.getByTestId('menu-orders').click();
    await page.getByTestId('new-order').click();
    await page.getByTestId('order-kind').locator('.el-radio-button', { hasText: '工作任务' }).click();
    await page.getByTestId('order-title').fill(TITLE);
    await pick(page, 'order-duty', '特困人员走访');
    await page.getByTestId('order-content').fill('入冬前走访本村困难群众一次，查看取暖和生活物资，发现困难当天报镇(街道)');
    await pick(page, 'order-towns', townName);
    await page.keyboard.press('Escape');
    await page.getByTestId('order-department-does').fill('市民政局提供困难群众名单，安排临时救助资金，汇总走访情况并跟进救助');
    await page.getByTestId('order-village-does').fill('村(社区)干部入冬前走访名单内的困难群众一次，记录困难并当天报镇(街道)');
    await page.getByTestId('order-legal-basis').fill('《社会救助暂行办法》第四十七条');
    await page.getByTestId('order-justification').fill('入冬前掌握困难群众取暖和生活情况，及时救助');
    // Support not answered: refused beside its fields, nothing made.
    await page.getByTestId('order-submit').click();
    const fundsItem = page.locator('.el-form-item', { has: page.getByTestId('order-funds-choice') });
    await expect(fundsItem.locator('.el-form-item__error').textContent()).resolves.toContain('不下拨资金请填 0');
    const staffItem = page.locator('.el-form-item', { has: page.getByTestId('order-staff-choice') });
    await expect(staffItem.locator('.el-form-item__error').textContent()).resolves.toContain('没有请写“无”');
    expect(Number((await server.dataSource.query(`SELECT COUNT(*) AS c FROM work_order`))[0].c)).toBe(0);
    await shot(page, 'order-support-missing');
    // Funds 5,000 yuan, no staff (无), materials named.
    await page.getByTestId('order-funds-choice').locator('.el-radio-button', { hasText: '有' }).click();
    await page.getByTestId('order-funds').locator('input').fill('5000');
    await page.getByTestId('order-staff-choice').locator('.el-radio-button', { hasText: '无' }).click();
    await page.getByTestId('order-materials-choice').locator('.el-radio-button', { hasText: '有' }).click();
    await page.getByTestId('order-materials').fill('棉被 20 床');
    await page.getByTestId('order-submit').click();
    await page.waitForURL(/\/orders\/\d+$/);
    orderId = Number(/\/orders\/(\d+)$/.exec(page.url())![1]);
    expect(
      await eventually(
        () => page.getByTestId('order-status').textContent(),
        (text) => !!text?.includes('待审核'),
      ),
    ).toContain('待审核');
    await expect(page.getByTestId('order-funds').textContent()).resolves.toContain('5,000 元');
    expect(await steps(page)).toEqual(['部门提交']);
    await shot(page, 'order-submitted');
    expect(foreign).toEqual([]);
    await page.context().close();
  });

  it('the office finds it in its admission review beside the forms, with its support, and approves it', async () => {
    const page = await newPage();
    await loginAs(page, server.url, 'jianfuban');
    await page.goto(`${server.url}/reviews`);
    const request = page.locator('[data-test^="req-"]', { hasText: TITLE });
    await request.click();
    await expect(request.getByTestId('req-kind').textContent()).resolves.toBe('工作任务');
    const detail = page.getByTestId('request-detail');
    await expect(detail.getByTestId('req-funds').textContent()).resolves.toContain('5,000 元');
    await expect(detail.textContent()).resolves.toContain('棉被 20 床');
    await shot(page, 'order-in-review');
    // The order's own page: approve there (asked once), the record grows.
    await detail.getByTestId('open-order').click();
    await page.waitForURL(new RegExp(`/orders/${orderId}$`));
    await page.getByTestId('approve').click();
    await answerConfirm(page, 'confirm');
    await eventually(
      () => page.getByTestId('order-status').textContent(),
      (text) => !!text?.includes('已准入'),
    );
    expect(await steps(page)).toEqual(STEP_ORDER.slice(0, 2));
    await expect(page.getByTestId(`town-${village.parentId}`).textContent()).resolves.toContain('待派发');
    await page.context().close();
  });

  it('the town 派发 to one of its villages, with a note and an earlier deadline', async () => {
    const page = await newPage();
    await loginAs(page, server.url, town);
    await page.getByTestId('menu-order-dispatch').click();
    await page.getByTestId(`order-${orderId}`).click();
    const box = page.getByTestId('dispatch-box');
    await box.getByTestId('pick-none').click();
    await box.getByTestId(`pick-${village.id}`).click();
    await box.getByTestId('dispatch-note').fill('请于周五前将走访记录交镇民政办');
    await box.locator('.el-date-editor input').fill(earlier);
    await box.locator('.el-date-editor input').press('Enter');
    await shot(page, 'order-dispatch');
    await box.getByTestId('dispatch').click();
    await page.getByTestId(`village-${village.id}`).waitFor();
    await expect(page.getByTestId(`village-${village.id}`).textContent()).resolves.toContain('待接收');
    await expect(page.getByTestId(`town-${village.parentId}`).textContent()).resolves.toContain(`镇定期限 ${earlier}`);
    expect(await steps(page)).toEqual(STEP_ORDER.slice(0, 3));
    await page.context().close();
  });

  it('the village receives and reports done on a phone: 44-px controls, no sideways scrolling', async () => {
    const page = await newPage(PHONE);
    await loginAs(page, server.url, cadre);
    await page.goto(`${server.url}/my-orders`);
    const item = page.getByTestId(`order-${orderId}`);
    await expect(item.getByTestId('order-village-state').textContent()).resolves.toBe('待接收');
    const check = async (name: string) => {
      await shot(page, name);
      expect((await touchTargets(page, ['.el-checkbox'])).filter((target) => target.height < 44)).toEqual([]);
      expect(await sidewaysScroll(page)).toBeLessThanOrEqual(0);
    };
    await check('phone-my-orders');
    await item.click();
    const box = page.getByTestId('village-box');
    await expect(box.textContent()).resolves.toContain(`完成期限 ${earlier}`);
    await expect(box.textContent()).resolves.toContain('请于周五前将走访记录交镇民政办');
    await check('phone-order-receive');
    // Done before received is not offered; received, the note is asked for.
    expect(await page.getByTestId('complete').count()).toBe(0);
    await box.getByTestId('receive').click();
    await box.getByTestId('done-note').waitFor();
    await check('phone-order-complete');
    await box.getByTestId('complete').click();
    await expect(box.locator('.el-form-item__error').textContent()).resolves.toContain('2 到 500 个字');
    await box.getByTestId('done-note').fill('已走访 6 户困难群众，取暖物资齐全，1 户需临时救助已报镇');
    await box.getByTestId('complete').click();
    await expect(box.getByTestId('my-done').textContent()).resolves.toContain('已走访 6 户困难群众');
    expect(await steps(page)).toEqual(STEP_ORDER);
    await check('phone-order-done');
    await page.context().close();
  });

  it.each([
    ['the department', 'bm_mzj'],
    ['the office', 'jianfuban'],
  ])('%s sees every step on the order’s record, with who and when, and the village done', async (_who, username) => {
    const page = await newPage();
    await loginAs(page, server.url, username);
    await page.goto(`${server.url}/orders/${orderId}`);
    await page.getByTestId('order-timeline').locator('.el-timeline-item').nth(4).waitFor();
    expect(await steps(page)).toEqual(STEP_ORDER);
    const timeline = await page.getByTestId('order-timeline').innerText();
    for (const text of ['市民政局', village.name, '镇民政办', '已走访 6 户困难群众']) expect(timeline).toContain(text);
    // Each step has its time (YYYY-MM-DD HH:mm in the platform's zone).
    expect(await page.getByTestId('order-timeline').locator('.el-timeline-item__timestamp').allInnerTexts()).toEqual(
      Array(5).fill(expect.stringMatching(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/)),
    );
    await expect(page.getByTestId(`village-${village.id}`).textContent()).resolves.toContain('已办结');
    await shot(page, `order-record-${username}`);
    await page.context().close();
  });

  it('the department withdraws a pending order, edits it and submits it again; the record keeps each step', async () => {
    const { id } = await submittedOrder(server, { title: '秸秆禁烧巡查', townIds: [village.parentId!] });
    const page = await newPage();
    await loginAs(page, server.url, 'bm_mzj');
    await page.goto(`${server.url}/orders/${id}`);
    await page.getByTestId('withdraw-order').click();
    await page.locator('.el-message-box input').fill('需先征求镇(街道)意见');
    await page.locator('.el-message-box .el-button--primary').click();
    await eventually(
      () => page.getByTestId('order-status').textContent(),
      (text) => !!text?.includes('已撤回'),
    );
    await page.getByTestId('edit-order').click();
    await page.waitForURL(new RegExp(`/orders/${id}/edit$`));
    // The form comes back as it was sent: title, support (无 chosen again), towns.
    const title = await eventually(
      () => page.getByTestId('order-title').inputValue(),
      (text) => text !== '',
    );
    expect(title).toBe('秸秆禁烧巡查');
    await expect(page.getByTestId('order-staff-choice').locator('.is-active').textContent()).resolves.toContain('无');
    await page.getByTestId('order-title').fill('秸秆禁烧巡查（已征求镇街意见）');
    await page.getByTestId('order-submit').click();
    await page.waitForURL(new RegExp(`/orders/${id}$`));
    // The URL changes before the order page replaces the edit page (whose title input reads as ""): wait for the page.
    const shownTitle = await eventually(
      () =>
        page
          .getByTestId('order-title')
          .textContent()
          .catch(() => ''),
      (text) => text === '秸秆禁烧巡查（已征求镇街意见）',
    );
    expect(shownTitle).toBe('秸秆禁烧巡查（已征求镇街意见）');
    await expect(page.getByTestId('order-status').textContent()).resolves.toContain('待审核');
    expect(
      await eventually(
        () => steps(page),
        (shown) => shown.length === 3,
      ),
    ).toEqual(['部门提交', '部门撤回', '部门提交']);
    await page.context().close();
  });
});
