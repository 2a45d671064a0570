import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { makeIdNumber } from '../../src/common/id-number.js';
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

const VILLAGE = '420683003200'; // 土铺村, 环城街道
const KNOWN_ID = makeIdNumber('420683', '19800101', 123);
const NEW_ID = makeIdNumber('420683', '19920505', 456);
const STATEMENTS = {
  departmentDoes: '市民政局制定低保政策并按年度汇总分析各村情况',
  villageDoes: '村委会每年核实低保户名单并填写家庭基本情况',
  departmentSupport: '提供上年度名单底册，安排专人电话答疑并承担核查补助',
  legalBasis: '《社会救助暂行办法》第十一条',
  justification: '掌握低保对象底数，及时发现应保未保对象并落实救助',
};

// Needs autofill (records, issue 4) and dispatch/filling (issue 5); until both are merged the suite says so and skips.
const APIS_PRESENT = existsSync('src/filling/autofill.service.ts') && existsSync('src/filling/filling.service.ts');
if (!APIS_PRESENT) console.warn('[browser] cadre story skipped: autofill or dispatch/filling is not merged yet');

(APIS_PRESENT ? describeBrowser : describe.skip)('browser: the village cadre fills a form end to end', () => {
  let server: TestApp;
  let browser: Browser;
  let dir: string;

  beforeAll(async () => {
    ensureWebBuilt();
    server = await startTestApp('browser-cadre');
    browser = await launchBrowser();
    dir = mkdtempSync(join(tmpdir(), 'onetable-cadre-'));
    writeFileSync(join(dir, '村级历史数据.csv'), `村代码,户籍人口,户数\n${VILLAGE},1234,410\n`);
    writeFileSync(join(dir, '居民历史数据.csv'), `身份证号,姓名,联系电话,村代码\n${KNOWN_ID},张秀英,13800001234,${VILLAGE}\n`);

    // A department's form admitted by the office and dispatched to the village (the admission story has its own suite).
    const mzj = await server.login('bm_mzj');
    const office = await server.login('jianfuban');
    const els = Object.fromEntries(
      (
        await server.gql(
          graphql(`
            {
              dataElements {
                id
                code
              }
            }
          `),
          {},
          mzj,
        )
      ).data!.dataElements.map((dataElement: any) => [dataElement.code, dataElement.id]),
    );
    const duty = (
      await server.gql(
        graphql(`
          {
            dutyItems(list: MAIN, take: 1) {
              items {
                id
              }
            }
          }
        `),
        {},
        mzj,
      )
    ).data!.dutyItems.items[0].id;
    const form = await server.gql(
      graphql(`
        mutation ($i: CreateFormInput!) {
          createForm(input: $i) {
            id
          }
        }
      `),
      {
        i: {
          title: '低保家庭情况年报',
          dutyItemId: duty,
          targetLevel: 'VILLAGE',
          frequency: 'YEARLY',
          fields: [
            {
              key: 'population',
              label: '户籍人口',
              valueType: 'INTEGER',
              required: true,
              section: 'VILLAGE',
              elementId: els['village.registered_population'],
            },
            {
              key: 'households',
              label: '户数',
              valueType: 'INTEGER',
              required: true,
              section: 'VILLAGE',
              elementId: els['village.households'],
            },
            { key: 'dibao_visits', label: '本年走访低保户次数', valueType: 'INTEGER', required: true, section: 'VILLAGE', min: 0 },
            {
              key: 'id_number',
              label: '身份证号',
              valueType: 'ID_NUMBER',
              required: true,
              section: 'RESIDENT',
              elementId: els['resident.id_number'],
            },
            { key: 'name', label: '姓名', valueType: 'TEXT', required: true, section: 'RESIDENT', elementId: els['resident.name'] },
            { key: 'phone', label: '联系电话', valueType: 'PHONE', section: 'RESIDENT', elementId: els['resident.phone'] },
          ],
        },
      },
      mzj,
    );
    const formId = form.data!.createForm.id;
    const req = await server.gql(
      graphql(`
        mutation ($i: SubmitAdmissionInput!) {
          submitAdmissionRequest(input: $i) {
            id
          }
        }
      `),
      { i: { formId, ...STATEMENTS } },
      mzj,
    );
    const ok = await server.gql(
      graphql(`
        mutation ($i: ReviewAdmissionInput!) {
          reviewAdmissionRequest(input: $i) {
            status
          }
        }
      `),
      { i: { id: req.data!.submitAdmissionRequest.id, decision: 'APPROVE' } },
      office,
    );
    expect(ok.data!.reviewAdmissionRequest.status).toBe('APPROVED');
    const village = (
      await server.gql(
        graphql(`
          {
            searchVillages(query: "土铺村") {
              id
            }
          }
        `),
        {},
        mzj,
      )
    ).data!.searchVillages[0].id;
    const due = new Date(Date.now() + 7 * 86400_000).toISOString();
    const task = await server.gql(
      graphql(`
        mutation ($i: CreateTaskInput!) {
          createTask(input: $i) {
            id
            assignmentCount
          }
        }
      `),
      {
        i: { formId, period: String(new Date().getFullYear()), dueAt: due, villageIds: [village] },
      },
      mzj,
    );
    expect(task.data?.createTask.assignmentCount).toBe(1);
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

  it('the administrator imports the history that autofill will use', async () => {
    const page = await newPage();
    await loginAs(page, server.url, 'admin');
    await page.goto(`${server.url}/imports`);
    for (const text of ['村级历史数据.csv', '居民历史数据.csv']) {
      await page.getByTestId('import-file').setInputFiles(join(dir, text));
      await page.locator('.el-date-editor input').fill('2024-12-31');
      await page.keyboard.press('Enter');
      await page.getByTestId('import-go').click();
      await page.locator('[data-test="import-report"], [data-test="import-error"]').first().waitFor();
      if (await page.getByTestId('import-error').count())
        throw new Error(`import refused: ${await page.getByTestId('import-error').textContent()}`);
      await expect(page.getByTestId('import-report').textContent()).resolves.toMatch(/导入完成：共 1 行，可导入 1 行/);
      await expect(page.getByTestId('import-as-of').textContent()).resolves.toBe('数据日期：2024-12-31');
    }
    await shot(page, 'imports');
    await page.context().close();
  });

  it('on a phone: opens the assignment, sees autofilled values with their source, a row fills from its ID number, an error shows beside its field, then submits', async () => {
    const page = await newPage(PHONE);
    const foreign = trackForeignRequests(page, server.url);
    await loginAs(page, server.url, `cun_${VILLAGE}`);
    await expect(page.getByTestId('todo-due').locator('.stat').textContent()).resolves.toBe('1');
    await page.getByTestId('todo-due').click();
    await page.locator('[data-test^="assignment-"]').first().click();
    await page.waitForURL(/\/assignments\/\d+$/);

    // Village header: filled on open, with source and date; the 2024 value is older than this year's period.
    await page.getByTestId('autofill-note').waitFor();
    const population = page.getByTestId('v-population');
    await expect(population.locator('input').inputValue()).resolves.toBe('1234');
    await expect(population.getByTestId('provenance').textContent()).resolves.toMatch(/历史导入 · 2024-12-31.*较旧/);
    expect(await population.getAttribute('class')).toContain('stale');
    await shot(page, 'fill-autofilled');

    // Resident rows: a known ID number fills the row; a new one is flagged as not in the database.
    const row0 = page.getByTestId('row-0');
    await row0.getByTestId('row-id').pressSequentially(KNOWN_ID, { delay: 10 });
    expect(
      await eventually(
        () => row0.getByTestId('r-name').locator('input').inputValue(),
        (text) => text !== '',
      ),
    ).toBe('张秀英');
    await expect(row0.getByTestId('r-name').getByTestId('provenance').textContent()).resolves.toMatch(/历史导入/);
    await expect(row0.getByTestId('r-phone').locator('input').inputValue()).resolves.toBe('13800001234');
    await page.getByTestId('add-row').click();
    const row1 = page.getByTestId('row-1');
    await row1.getByTestId('row-id').pressSequentially(NEW_ID.slice(0, 17) + (NEW_ID[17] === '0' ? '1' : '0'), { delay: 10 });
    await expect(row1.getByTestId('field-error').first().textContent()).resolves.toMatch(/校验/);
    await row1.getByTestId('row-id').fill('');
    await row1.getByTestId('row-id').pressSequentially(NEW_ID, { delay: 10 });
    await row1.getByText('库中暂无').waitFor();
    await row1.getByTestId('r-name').locator('input').fill('李建国');
    await shot(page, 'fill-rows');

    // The draft saves itself.
    expect(
      await eventually(
        () => page.getByTestId('save-state').textContent(),
        (text) => /已自动保存/.test(text ?? ''),
      ),
    ).toMatch(/已自动保存/);

    // Submitting without the required typed field: the error is beside that field, in Chinese.
    await page.getByTestId('submit').click();
    const visits = page.getByTestId('v-dibao_visits');
    await expect(visits.getByTestId('field-error').textContent()).resolves.toMatch(/本年走访低保户次数.*必填/);
    await shot(page, 'fill-error');
    await visits.locator('input').fill('-3');
    await page.getByTestId('submit').click();
    expect(
      await eventually(
        () => visits.getByTestId('field-error').textContent(),
        (text) => !/必填/.test(text ?? ''),
      ),
    ).toMatch(/0/);
    await visits.locator('input').fill('12');
    await page.getByTestId('submit').click();
    expect(
      await eventually(
        () => page.getByTestId('fill-status').textContent(),
        (text) => !!text?.includes('已提交'),
      ),
    ).toContain('已提交');
    await shot(page, 'fill-submitted');
    expect(foreign).toEqual([]);
    await page.context().close();

    // What the town will review: two rows, the typed value, counts of autofilled fields.
    const item = (
      await server.gql(
        graphql(`
          {
            myAssignments(status: SUBMITTED) {
              items {
                submission {
                  status
                  rowCount
                  autofilledKept
                  typed
                  values {
                    key
                    value
                  }
                }
              }
            }
          }
        `),
        {},
        await server.login('zhen_huancheng'),
      )
    ).data!.myAssignments.items[0];
    expect(item.submission).toMatchObject({ status: 'SUBMITTED', rowCount: 2 });
    expect(item.submission!.values).toEqual(
      expect.arrayContaining([
        { key: 'dibao_visits', value: '12' },
        { key: 'population', value: '1234' },
      ]),
    );
    expect(item.submission!.autofilledKept).toBeGreaterThan(0);
  });

  it('the town returns it with a reason; the cadre reads it, fixes a value and resubmits without retyping ID numbers', async () => {
    const town = await newPage();
    await loginAs(town, server.url, 'zhen_huancheng');
    await town.getByTestId('todo-submissions').click();
    await town.locator('[data-test^="assignment-"]').first().click();
    await town.getByTestId('review-submission').waitFor();
    await town.getByTestId('review-submission-comment').fill('户数与上年相差较大，请核实后再报');
    await town.getByTestId('return-submission').click();
    expect(
      await eventually(
        () => town.getByTestId('fill-status').textContent(),
        (text) => !!text?.includes('被退回'),
      ),
    ).toContain('被退回');
    await shot(town, 'town-review');
    await town.context().close();

    const cadre = await newPage(PHONE);
    await loginAs(cadre, server.url, `cun_${VILLAGE}`);
    await cadre.goto(`${server.url}/assignments`);
    await cadre.getByRole('tab', { name: '被退回' }).click();
    await cadre.locator('[data-test^="assignment-"]').first().click();
    await expect(cadre.getByTestId('return-reason').textContent()).resolves.toContain('户数与上年相差较大');
    await cadre.getByTestId('masked-note').waitFor();
    await shot(cadre, 'fill-returned');

    // The fix and resubmission: the saved rows keep their ID numbers without being typed again.
    const town2 = await server.login('zhen_huancheng');
    const before = (
      await server.gql(
        graphql(`
          {
            myAssignments(status: ALL) {
              items {
                submission {
                  rows {
                    idMasked
                    values {
                      key
                      value
                    }
                  }
                }
              }
            }
          }
        `),
        {},
        town2,
      )
    ).data!.myAssignments.items[0].submission!.rows;
    await cadre.getByTestId('v-dibao_visits').locator('input').fill('13');
    await cadre.getByTestId('submit').click();
    expect(
      await eventually(
        () => cadre.getByTestId('fill-status').textContent(),
        (text) => !!text?.includes('已提交'),
      ),
    ).toContain('已提交');
    await cadre.context().close();
    const after = (
      await server.gql(
        graphql(`
          {
            myAssignments(status: SUBMITTED) {
              items {
                submission {
                  rows {
                    idMasked
                    values {
                      key
                      value
                    }
                  }
                  values {
                    key
                    value
                  }
                }
              }
            }
          }
        `),
        {},
        town2,
      )
    ).data!.myAssignments.items[0].submission;
    expect(after!.values).toEqual(expect.arrayContaining([{ key: 'dibao_visits', value: '13' }]));
    expect(after!.rows).toEqual(before);
    expect(after!.rows.map((row: any) => row.idMasked)).toEqual([
      expect.stringMatching(/^\d{6}\*+\d{3}[\dX]$/),
      expect.stringMatching(/^\d{6}\*+\d{3}[\dX]$/),
    ]);
  });
});
