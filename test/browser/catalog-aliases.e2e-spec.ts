// Issue 13 item 4 in the web app: ADMIN edits a data element's aliases on the catalogue page, and the
// import page warns at the top of its report about columns it did not import.
import type { Browser, Page } from 'playwright-core';
import { fixtureId, toCsv } from '../../bench/fixtures.js';
import { makeIdNumber } from '../../src/common/id-number.js';
import { startTestApp, type TestApp } from '../support/harness.js';
import { describeBrowser, DESKTOP, ensureWebBuilt, eventually, launchBrowser, loginAs, shot } from '../support/browser.js';
import { graphql } from '../support/graphql.js';

const ELEMENTS = graphql(`
  query {
    dataElements {
      code
      aliases
    }
  }
`);

describeBrowser('browser: data element aliases and the ignored-columns notice', () => {
  let server: TestApp;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    ensureWebBuilt();
    server = await startTestApp('browser-aliases');
    browser = await launchBrowser();
    const ctx = await browser.newContext({ viewport: DESKTOP, locale: 'zh-CN' });
    ctx.setDefaultTimeout(10_000);
    page = await ctx.newPage();
    await loginAs(page, server.url, 'admin');
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const aliasesOf = async (code: string) => {
    const token = await server.login('admin');
    return (await server.gql(ELEMENTS, {}, token)).data!.dataElements.find((element) => element.code === code)!.aliases;
  };

  // Types a column name into the alias select as a user does, picks the option the select offers for it,
  // waits for the tag, then closes the option list (it lies over the dialog's buttons) with a click on the title.
  const addAlias = async (alias: string) => {
    const select = page.getByTestId('alias-input');
    await select.locator('input').first().fill(alias);
    await page.locator('.el-select-dropdown__item:visible').filter({ hasText: alias }).first().click();
    await select.locator('.el-tag').filter({ hasText: alias }).waitFor();
    await page.locator('.el-dialog__title').filter({ hasText: '的别名' }).click();
  };

  it('ADMIN adds an alias to 户籍地址 in a dialog; one naming another element is refused in Chinese', async () => {
    await page.goto(`${server.url}/catalog`);
    await page.getByPlaceholder('按名称或编码筛选').fill('户籍地址');
    await page.getByTestId('catalog-edit-aliases').first().click();
    await addAlias('现住址');
    await page.getByTestId('alias-save').click();
    await expect(
      eventually(
        () => aliasesOf('resident.household_address'),
        (list) => list.includes('现住址'),
      ),
    ).resolves.toContain('现住址');
    await expect(page.getByTestId('catalog-alias').filter({ hasText: '现住址' }).count()).resolves.toBe(1);

    await page.getByTestId('catalog-edit-aliases').first().click();
    await addAlias('手机号码');
    await page.getByTestId('alias-save').click();
    await expect(page.getByTestId('alias-error').textContent()).resolves.toContain('联系电话');
    await shot(page, 'catalog-alias-conflict');
    expect(await aliasesOf('resident.household_address')).not.toContain('手机号码');
  });

  it('a dry run of a file with unknown columns warns at the top of the report, naming each column', async () => {
    await page.goto(`${server.url}/imports`);
    const csv = toCsv(['身份证号', '村名', '家庭人口数', '帮扶责任人'], [[fixtureId(501), '土铺村', 4, '张干部']]);
    await page.getByTestId('import-file').setInputFiles({ name: '未知列.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await page.getByTestId('import-dry').click();
    const alert = page.getByTestId('import-ignored');
    await alert.waitFor();
    await expect(alert.textContent()).resolves.toMatch(/“家庭人口数”、“帮扶责任人”/);
    await shot(page, 'import-ignored-columns');
  });

  it('a resident looked up on a village’s page shows where they lived, the current village marked', async () => {
    const id = makeIdNumber('420683', '19700101', 7);
    const post = (lines: string[], name: string) =>
      fetch(`${server.url}/api/imports`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}` },
        body: (() => {
          const form = new FormData();
          form.append('file', new Blob([`${lines.join('\n')}\n`]), name);
          return form;
        })(),
      });
    const token = await server.login('admin');
    expect((await post(['身份证号,姓名,村名,日期', `${id},居一,土铺村,2025-06-30`], '现在.csv')).status).toBe(201);
    expect((await post(['身份证号,姓名,村名,镇,日期', `${id},居一,沙河社区,环城街道,2019-03-31`], '旧.csv')).status).toBe(201);
    const [village]: { id: number }[] = await server.dataSource.query(`SELECT id FROM region WHERE code = ?`, ['420683003200']);
    await page.goto(`${server.url}/villages/${village.id}`);
    await page.getByTestId('resident-id').fill(id);
    await page.getByTestId('resident-id').press('Enter');
    const entries = page.getByTestId('residence');
    await entries.first().waitFor();
    await expect(entries.allTextContents()).resolves.toEqual([
      expect.stringMatching(/环城街道 土铺村（2025-06-30）\s*现居住地/),
      expect.stringMatching(/环城街道 沙河社区（2019-03-31）$/),
    ]);
    await shot(page, 'resident-residences');
  });

  it('a long file shows the rows read and written while it is imported, then the summary', async () => {
    await page.goto(`${server.url}/imports`);
    const rows: string[][] = [];
    const born = (i: number) => new Date(Date.UTC(1950, 0, 1 + Math.floor(i / 1000))).toISOString().slice(0, 10).replaceAll('-', '');
    for (let i = 0; i < 60_000; i++) rows.push([makeIdNumber('420683', born(i), i % 1000), `居民${i}`, '土铺村', '2024-12-31']);
    const csv = toCsv(['身份证号', '姓名', '村名', '日期'], rows);
    await page.getByTestId('import-file').setInputFiles({ name: '六万行.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await page.getByTestId('import-go').click();
    const text = page.getByTestId('import-progress-text');
    await text.filter({ hasText: /已读取 [1-9]\d* 行，已写入 [1-9]\d* 行/ }).waitFor({ timeout: 60_000 });
    await page.getByTestId('import-summary').waitFor({ timeout: 120_000 });
    await expect(page.getByTestId('import-summary').textContent()).resolves.toContain('共 60000 行，可导入 60000 行');
    await expect(text.count()).resolves.toBe(0);
  }, 180_000);
});
