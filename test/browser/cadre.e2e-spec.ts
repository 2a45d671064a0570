import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { makeIdNumber } from '../../src/common/id-number.js';
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
  trackForeignRequests,
} from '../support/browser.js';
import { graphql, type Input } from '../support/graphql.js';

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
  let els: Record<string, number>;
  let duty: number;

  beforeAll(async () => {
    ensureWebBuilt();
    server = await startTestApp('browser-cadre');
    browser = await launchBrowser();
    dir = mkdtempSync(join(tmpdir(), 'onetable-cadre-'));
    writeFileSync(join(dir, '村级历史数据.csv'), `村代码,户籍人口,户数\n${VILLAGE},1234,410\n`);
    writeFileSync(join(dir, '居民历史数据.csv'), `身份证号,姓名,联系电话,村代码\n${KNOWN_ID},张秀英,13800001234,${VILLAGE}\n`);

    const mzj = await server.login('bm_mzj');
    els = Object.fromEntries(
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
    duty = (
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
    await admitAndDispatch('低保家庭情况年报', [
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
    ]);
  }, 180_000);
  /** A department's form admitted by the office and dispatched to the village (the admission story has its own suite). */
  async function admitAndDispatch(title: string, fields: Input<'FieldInput'>[]): Promise<number> {
    const mzj = await server.login('bm_mzj');
    const office = await server.login('jianfuban');
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
          title,
          dutyItemId: duty,
          targetLevel: 'VILLAGE',
          frequency: 'YEARLY',
          fields,
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
    return task.data!.createTask.id;
  }

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

    // Submitting asks once; cancelled, nothing is sent and the form stays a draft.
    await page.getByTestId('submit').click();
    await expect(answerConfirm(page, 'cancel')).resolves.toMatch(/提交后不能再修改.*确定提交吗/);
    await expect(page.getByTestId('fill-status').textContent()).resolves.toContain('草稿');
    expect(await page.getByTestId('field-error').count()).toBe(0);

    // Submitting without the required typed field: the error is beside that field, in Chinese.
    await page.getByTestId('submit').click();
    await answerConfirm(page, 'confirm');
    const visits = page.getByTestId('v-dibao_visits');
    await expect(visits.getByTestId('field-error').textContent()).resolves.toMatch(/本年走访低保户次数.*必填/);
    await shot(page, 'fill-error');
    await visits.locator('input').fill('-3');
    await page.getByTestId('submit').click();
    await answerConfirm(page, 'confirm');
    expect(
      await eventually(
        () => visits.getByTestId('field-error').textContent(),
        (text) => !/必填/.test(text ?? ''),
      ),
    ).toMatch(/0/);
    await visits.locator('input').fill('12');
    await page.getByTestId('submit').click();
    await answerConfirm(page, 'confirm');
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

    // Saving a draft keeps the reason in view, on the form and in the list, until the form is submitted again.
    await cadre.getByTestId('save-draft').click();
    expect(
      await eventually(
        () => cadre.getByTestId('fill-status').textContent(),
        (text) => !!text?.includes('草稿'),
      ),
    ).toContain('草稿');
    await expect(cadre.getByTestId('return-reason').textContent()).resolves.toContain('户数与上年相差较大');
    await cadre.reload();
    await expect(cadre.getByTestId('return-reason').textContent()).resolves.toContain('户数与上年相差较大');
    await cadre.goto(`${server.url}/assignments`);
    await cadre.getByRole('tab', { name: '待填' }).click();
    await expect(cadre.getByTestId('list-return-reason').first().textContent()).resolves.toContain('户数与上年相差较大');
    await cadre.locator('[data-test^="assignment-"]').first().click();
    await cadre.getByTestId('return-reason').waitFor();

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
    await answerConfirm(cadre, 'confirm');
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

  it("the town's 通过 asks once: cancelled, the submission stays 已提交; confirmed, it is 已通过", async () => {
    const town = await newPage();
    await loginAs(town, server.url, 'zhen_huancheng');
    await town.getByTestId('todo-submissions').click();
    await town.locator('[data-test^="assignment-"]').first().click();
    await town.getByTestId('review-submission').waitFor();
    await town.getByTestId('accept-submission').click();
    await expect(answerConfirm(town, 'cancel')).resolves.toMatch(/通过后数据写回共享库.*不能撤回.*确定通过吗/);
    await expect(town.getByTestId('fill-status').textContent()).resolves.toContain('已提交');
    await town.reload();
    await expect(town.getByTestId('fill-status').textContent()).resolves.toContain('已提交');
    await town.getByTestId('accept-submission').click();
    await answerConfirm(town, 'confirm');
    expect(
      await eventually(
        () => town.getByTestId('fill-status').textContent(),
        (text) => !!text?.includes('已通过'),
      ),
    ).toContain('已通过');
    await town.context().close();
  });

  it('a resident list tied to a count field: the page says so and refuses to submit 残疾人数 47 with no rows', async () => {
    const taskId = await admitAndDispatch('残疾人基本情况年报', [
      { key: 'disabled', label: '残疾人数', valueType: 'INTEGER', required: true, section: 'VILLAGE', min: 0 },
      {
        key: 'id_number',
        label: '身份证号',
        valueType: 'ID_NUMBER',
        required: true,
        section: 'RESIDENT',
        elementId: els['resident.id_number'],
        minRows: 1,
        rowCountKey: 'disabled',
      },
      { key: 'name', label: '姓名', valueType: 'TEXT', required: true, section: 'RESIDENT', elementId: els['resident.name'] },
    ]);
    const token = await server.login(`cun_${VILLAGE}`);
    const ASSIGNMENTS = graphql(`
      {
        myAssignments(status: ALL) {
          items {
            id
            status
            task {
              id
            }
          }
        }
      }
    `);
    const mine = async () => (await server.gql(ASSIGNMENTS, {}, token)).data!.myAssignments.items.find((item) => item.task.id === taskId)!;
    const page = await newPage(PHONE);
    await loginAs(page, server.url, `cun_${VILLAGE}`);
    await page.goto(`${server.url}/assignments/${(await mine()).id}`);
    await expect(page.getByTestId('rows-rule').textContent()).resolves.toMatch(/提交时居民明细至少 1 行，且行数应与“残疾人数”一致/);
    await page.getByTestId('v-disabled').locator('input').fill('47');
    await page.getByTestId('submit').click();
    await expect(page.getByTestId('rows-error').textContent()).resolves.toMatch(
      /居民明细至少需要 1 行（现有 0 行）；居民明细有 0 行，应与“残疾人数”（47）一致/,
    );
    await expect(page.getByTestId('fill-error').textContent()).resolves.toMatch(/不能提交/);
    expect(await page.locator('.el-message-box').count()).toBe(0);
    await shot(page, 'fill-rows-required');
    await page.context().close();
    expect((await mine()).status).not.toBe('SUBMITTED');
  });
});
