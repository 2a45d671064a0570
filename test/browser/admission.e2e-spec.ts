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
  trackForeignRequests,
} from '../support/browser.js';
import { graphql } from '../support/graphql.js';

const STATEMENTS: Record<string, string> = {
  departmentDoes: '市民政局制定留守老人关爱政策并按季度汇总分析',
  villageDoes: '村委会每季度走访留守老人，核实名单并录入基本情况',
  departmentSupport: '提供上季度名单底册，安排专人电话答疑并承担走访补助',
  legalBasis: '《国务院关于加强农村留守老年人关爱服务工作的意见》第三条',
  justification: '掌握留守老人底数，及时发现独居失能老人并落实帮扶',
};

describeBrowser('browser: department → office admission', () => {
  let server: TestApp;
  let browser: Browser;
  let formId: number;

  beforeAll(async () => {
    ensureWebBuilt();
    server = await startTestApp('browser-admission');
    browser = await launchBrowser();
    // The form itself is designed in department.e2e-spec; here it is made through the API.
    const mzj = await server.login('bm_mzj');
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
    const res = await server.gql(
      graphql(`
        mutation ($i: CreateFormInput!) {
          createForm(input: $i) {
            id
          }
        }
      `),
      {
        i: {
          title: '农村留守老人关爱服务情况表',
          dutyItemId: duty,
          targetLevel: 'VILLAGE',
          frequency: 'QUARTERLY',
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
              key: 'id_number',
              label: '身份证号',
              valueType: 'ID_NUMBER',
              required: true,
              section: 'RESIDENT',
              elementId: els['resident.id_number'],
            },
            { key: 'name', label: '姓名', valueType: 'TEXT', required: true, section: 'RESIDENT', elementId: els['resident.name'] },
          ],
        },
      },
      mzj,
    );
    formId = res.data!.createForm.id;
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

  async function fillStatements(page: Page, overrides: Record<string, string> = {}) {
    for (const [k, value] of Object.entries({ ...STATEMENTS, ...overrides })) await page.getByTestId(`stmt-${k}`).fill(value);
  }

  it('submits with the three statements, is returned with a comment, resubmits and is approved', async () => {
    const dept = await newPage();
    const foreign = trackForeignRequests(dept, server.url);
    await loginAs(dept, server.url, 'bm_mzj');
    await dept.goto(`${server.url}/forms/${formId}`);
    // A boilerplate statement is refused beside its field.
    await fillStatements(dept, { departmentSupport: '无' });
    await dept.getByTestId('submit-admission').click();
    const support = dept.locator('.el-form-item', { has: dept.getByTestId('stmt-departmentSupport') });
    await expect(support.locator('.el-form-item__error').textContent()).resolves.toMatch(/\S/);
    await shot(dept, 'admission-error');
    await fillStatements(dept);
    await dept.getByTestId('submit-admission').click();
    await expect(dept.getByTestId('request-status').first().textContent()).resolves.toContain('待审核');
    await shot(dept, 'admission-submitted');

    // The office sees it in the queue with its analysis, and a return needs a comment.
    const office = await newPage();
    await loginAs(office, server.url, 'jianfuban');
    await office.getByTestId('todo-reviews').click();
    await office.getByTestId('request-detail').getByText('农村留守老人关爱服务情况表').first().waitFor();
    await office.getByTestId('analysis').waitFor();
    await office.getByTestId('return').click();
    await expect(office.locator('.el-form-item__error').first().textContent()).resolves.toMatch(/退回必须写明/);
    await shot(office, 'review-error');
    await office.getByTestId('review-comment-input').fill('请补充留守老人的联系电话字段后再报');
    await office.getByTestId('return').click();
    await office.getByText('没有申请').waitFor();

    // The department reads the comment, resubmits; the office approves.
    await dept.reload();
    await expect(dept.getByTestId('review-comment').first().textContent()).resolves.toContain('请补充留守老人的联系电话字段');
    await shot(dept, 'admission-returned');
    await dept.getByTestId('submit-admission').click();
    await dept.getByTestId('request-status').filter({ hasText: '待审核' }).first().waitFor();

    await office.reload();
    // 准入 asks once: cancelled, the request stays in the queue; confirmed, it is approved.
    await office.getByTestId('approve').click();
    await expect(answerConfirm(office, 'cancel')).resolves.toMatch(/准入后.*不能撤回.*确定准入吗/);
    await office.getByTestId('request-detail').getByText('农村留守老人关爱服务情况表').first().waitFor();
    expect(await office.getByText('没有申请').count()).toBe(0);
    await office.getByTestId('approve').click();
    await answerConfirm(office, 'confirm');
    await office.getByText('没有申请').waitFor();
    const form = (
      await server.gql(
        graphql(`
          query ($id: Int!) {
            form(id: $id) {
              status
              currentVersionNo
            }
          }
        `),
        { id: formId },
        await server.login('bm_mzj'),
      )
    ).data!.form;
    expect(form.status).toBe('ACTIVE');

    // The office's dashboard counts it: one village form active, one request returned once, by 市民政局.
    await office.goto(`${server.url}/dashboard`);
    await office.getByTestId('chart-decisions').locator('canvas').waitFor();
    await expect(office.getByTestId('kpis').textContent()).resolves.toMatch(/1\s*\/\s*19.*准入申请（退回 1，不予准入 0）/s);
    await shot(office, 'dashboard');
    expect(foreign).toEqual([]);
    await dept.context().close();
    await office.context().close();
  });

  it('the review queue works on a phone', async () => {
    const page = await newPage(PHONE);
    await loginAs(page, server.url, 'jianfuban');
    await page.goto(`${server.url}/reviews`);
    await page
      .getByRole('radio', { name: '已准入' })
      .click({ force: true })
      .catch(() => page.getByText('已准入').first().click());
    await page.locator('[data-test^="req-"]').first().click();
    await page.getByTestId('analysis').waitFor();
    await shot(page, 'reviews');
    await page.context().close();
  });

  it('不予准入 asks once: cancelled, the request stays pending; confirmed, it is rejected', async () => {
    const mzj = await server.login('bm_mzj');
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
    const created = await server.gql(
      graphql(`
        mutation ($i: CreateFormInput!) {
          createForm(input: $i) {
            id
          }
        }
      `),
      {
        i: {
          title: '村级留守老人走访台账',
          dutyItemId: duty,
          targetLevel: 'VILLAGE',
          frequency: 'MONTHLY',
          fields: [{ key: 'visits', label: '本月走访次数', valueType: 'INTEGER', required: true, section: 'VILLAGE' }],
        },
      },
      mzj,
    );
    const otherFormId = created.data!.createForm.id;
    const applied = await server.gql(
      graphql(`
        mutation ($i: SubmitAdmissionInput!) {
          submitAdmissionRequest(input: $i) {
            id
          }
        }
      `),
      {
        i: {
          formId: otherFormId,
          departmentDoes: STATEMENTS.departmentDoes,
          villageDoes: STATEMENTS.villageDoes,
          departmentSupport: STATEMENTS.departmentSupport,
          legalBasis: STATEMENTS.legalBasis,
          justification: STATEMENTS.justification,
        },
      },
      mzj,
    );
    expect(applied.errors).toBeUndefined();
    const FORM_STATUS = graphql(`
      query ($id: Int!) {
        form(id: $id) {
          status
        }
      }
    `);
    const status = async () => (await server.gql(FORM_STATUS, { id: otherFormId }, mzj)).data!.form!.status;
    const pending = await status();

    const office = await newPage();
    await loginAs(office, server.url, 'jianfuban');
    await office.goto(`${server.url}/reviews`);
    await office.locator('[data-test^="req-"]').filter({ hasText: '村级留守老人走访台账' }).first().click();
    await office.getByTestId('review-comment-input').fill('与市民政局已有的走访记录重复，无需村里再报');
    await office.getByTestId('reject').click();
    await expect(answerConfirm(office, 'cancel')).resolves.toMatch(/不予准入后.*不能撤回.*确定不予准入吗/);
    expect(await status()).toBe(pending);
    await office.getByTestId('reject').click();
    await answerConfirm(office, 'confirm');
    expect(
      await eventually(
        () => status(),
        (value) => value === 'REJECTED',
      ),
    ).toBe('REJECTED');
    await office.context().close();
  });
});
