import type { Browser, Page } from 'playwright-core';
import { startTestApp, type TestApp } from '../support/harness.js';
import {
  describeBrowser,
  DESKTOP,
  ensureWebBuilt,
  eventually,
  launchBrowser,
  loginAs,
  PHONE,
  shot,
  trackForeignRequests,
} from '../support/browser.js';
import { graphql } from '../support/graphql.js';

describeBrowser('browser: the department designs a form', () => {
  let server: TestApp;
  let browser: Browser;

  beforeAll(async () => {
    ensureWebBuilt();
    server = await startTestApp('browser-department');
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

  it('binds a field to the catalogue from the suggestions, sees an error beside its field, fixes it and saves', async () => {
    const page = await newPage();
    const foreign = trackForeignRequests(page, server.url);
    await loginAs(page, server.url, 'bm_mzj');
    await page.getByTestId('menu-forms').click();
    await page.getByTestId('new-form').click();
    await page.waitForURL(/\/forms\/new/);

    await page.getByTestId('form-title').fill('2025 年村级低保情况统计表');
    await page.getByTestId('form-duty').click();
    await page.locator('.el-select-dropdown__item:not(.is-disabled)').first().click();

    // The first village field: typing a label offers the catalogue's elements; choosing one binds it.
    const first = page.getByTestId('section-VILLAGE').locator('.field').first();
    await first.getByTestId('field-label').pressSequentially('低保户数', { delay: 30 });
    const suggestion = page.locator('.el-autocomplete-suggestion li', { hasText: '低保户数' }).first();
    await suggestion.waitFor();
    await shot(page, 'form-designer-suggest');
    await suggestion.click();
    await expect(first.getByTestId('field-binding').textContent()).resolves.toMatch(/已绑定数据元：低保户数 · 可自动填充/);

    // A resident section with its ID-number key, then a second field without its label. No key to type: the
    // department never sees one (the server makes it from the label).
    await page.getByTestId('add-field-RESIDENT').click();
    await page.getByTestId('add-field-VILLAGE').click();
    const second = page.getByTestId('section-VILLAGE').locator('.field').nth(1);
    expect(await second.locator('input[placeholder="如 population"]').count()).toBe(0);
    await page.getByTestId('save-form').click();
    const error = second.locator('.field-error');
    await expect(error.first().textContent()).resolves.toMatch(/标签/);
    await shot(page, 'form-designer-error');

    await second.getByTestId('field-label').fill('备注');
    // The resident list must hold as many rows as 低保户数, and at least one.
    const idKey = page.getByTestId('section-RESIDENT').locator('.field').first();
    await idKey.locator('[data-test="field-min-rows"] input, input[data-test="field-min-rows"]').fill('1');
    await idKey.locator('[data-test="field-row-count-key"]').click();
    await page.locator('.el-select-dropdown__item:visible', { hasText: '低保户数' }).click();
    await page.getByTestId('save-form').click();
    await page.waitForURL(/\/forms\/\d+$/);
    await page.getByText('草稿', { exact: true }).first().waitFor();
    await shot(page, 'form-designer-saved');

    const id = Number(/\/forms\/(\d+)$/.exec(page.url())![1]);
    const saved = (
      await server.gql(
        graphql(`
          query ($id: Int!) {
            form(id: $id) {
              title
              status
              currentVersion {
                fields {
                  key
                  section
                  minRows
                  rowCountKey
                  element {
                    code
                  }
                }
              }
            }
          }
        `),
        { id },
        await server.login('bm_mzj'),
      )
    ).data!.form;
    expect(saved.status).toBe('DRAFT');
    expect(saved.currentVersion!.fields.map((field: any) => field.key).sort()).toEqual(['beizhu', 'dibao_households', 'id_number']);
    expect(saved.currentVersion!.fields.find((field: any) => field.key === 'dibao_households')!.element!.code).toBe(
      'village.dibao_households',
    );
    expect(saved.currentVersion!.fields.find((field) => field.key === 'id_number')).toMatchObject({
      minRows: 1,
      rowCountKey: 'dibao_households',
    });
    expect(foreign).toEqual([]);
    await page.context().close();
  });

  it('the duty-item dropdown lists the department’s own items first, then the others by list, and searches', async () => {
    const page = await newPage();
    await loginAs(page, server.url, 'bm_mzj');
    // 本部门: the items whose 牵头部门 is 市民政局 (低保, 养老 …), whatever forms it has.
    const token = await server.login('bm_mzj');
    const departmentId = (
      await server.gql(
        graphql(`
          {
            me {
              departmentId
            }
          }
        `),
        {},
        token,
      )
    ).data!.me.departmentId!;
    const led = (
      await server.gql(
        graphql(`
          query Led($departmentId: Int) {
            dutyItems(departmentId: $departmentId, take: 200) {
              items {
                groupName
                name
                department {
                  name
                }
              }
            }
          }
        `),
        { departmentId },
        token,
      )
    ).data!.dutyItems.items;
    expect(new Set(led.map((item) => item.department?.name))).toEqual(new Set(['市民政局']));
    const own = led.map((item) => `${item.groupName} · ${item.name}`);
    expect(own).toEqual(expect.arrayContaining(['社会救助 · 低保对象初审与公示', '养老服务 · 留守老人关爱']));
    expect(own.length).toBeGreaterThan(0);
    await page.goto(`${server.url}/forms/new`);
    await page.getByTestId('form-duty').click();
    const groups = page.locator('.el-select-group__title:visible');
    await groups.first().waitFor();
    expect(await groups.allInnerTexts()).toEqual(['本部门（牵头事项）', '其他 · 主责清单', '其他 · 协助清单', '其他 · 负面清单']);
    const ownItems = await page.locator('[data-test="duty-group-OWN"] .el-select-dropdown__item').allInnerTexts();
    expect([...ownItems].sort()).toEqual([...own].sort());
    // Typing narrows the 133 items to those that match.
    await page.getByTestId('form-duty').locator('input').fill('留守老人');
    expect(
      await eventually(
        () => page.locator('.el-select-dropdown__item:visible').allInnerTexts(),
        (texts) => texts.length === 1,
      ),
    ).toEqual(['养老服务 · 留守老人关爱']);
    await page.locator('.el-select-dropdown__item:visible').first().click();
    await shot(page, 'duty-dropdown');
    await page.context().close();
  });

  it('the form list and designer fit a phone screen', async () => {
    const page = await newPage(PHONE);
    await loginAs(page, server.url, 'bm_mzj');
    await page.goto(`${server.url}/forms`);
    await page.getByTestId('forms-table').locator('tbody tr').first().waitFor();
    await shot(page, 'forms');
    await page.getByTestId('forms-table').locator('tbody tr').first().click();
    await page.waitForURL(/\/forms\/\d+$/);
    await page.getByTestId('section-VILLAGE').waitFor();
    await shot(page, 'form-designer');
    const overflow = await page.evaluate(() => (globalThis as any).document.documentElement.scrollWidth - (globalThis as any).innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await page.context().close();
  });
});
