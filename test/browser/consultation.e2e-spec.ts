import type { Browser, Page } from 'playwright-core';
import { startTestApp, type TestApp } from '../support/harness.js';
import { describeBrowser, DESKTOP, ensureWebBuilt, launchBrowser, loginAs, PHONE, shot, trackForeignRequests } from '../support/browser.js';
import { graphql } from '../support/graphql.js';

const STATEMENTS: Record<string, string> = {
  departmentDoes: '市民政局制定留守老人关爱政策并按季度汇总分析',
  villageDoes: '村委会每季度走访留守老人，核实名单并录入走访人次',
  departmentSupport: '提供上季度名单底册，安排专人电话答疑并承担走访补助',
  legalBasis: '《国务院关于加强农村留守老年人关爱服务工作的意见》第三条',
  justification: '掌握留守老人底数，及时发现独居失能老人并落实帮扶',
};
const VILLAGE_CODE = '420683003200';
const SUGGESTION = '建议改为半年报，独居老人数请从民政系统共享，不要村里再填。';

describeBrowser('browser: 征求意见 — department asks, a village answers on a phone, the office reads it on the request', () => {
  let server: TestApp;
  let browser: Browser;
  let formId: number;
  let villageName: string;

  beforeAll(async () => {
    ensureWebBuilt();
    server = await startTestApp('browser-consultation');
    browser = await launchBrowser();
    const mzj = await server.login('bm_mzj');
    const regions = (
      await server.gql(
        graphql(`
          {
            regions(level: VILLAGE) {
              code
              name
            }
          }
        `),
        {},
        mzj,
      )
    ).data!.regions;
    villageName = regions.find((region) => region.code === VILLAGE_CODE)!.name;
    const duty = (
      await server.gql(
        graphql(`
          {
            dutyItems(list: MAIN, groupName: "养老服务") {
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
          title: '留守老人走访情况表',
          dutyItemId: duty,
          targetLevel: 'VILLAGE',
          frequency: 'QUARTERLY',
          fields: [
            { key: 'visited', label: '本季度走访人次', valueType: 'INTEGER', required: true, section: 'VILLAGE' },
            { key: 'alone', label: '独居老人数', valueType: 'INTEGER', section: 'VILLAGE' },
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

  it('department → village answers → department applies with it → office sees the answer', async () => {
    // The department asks one village about its draft form.
    const dept = await newPage();
    const foreign = trackForeignRequests(dept, server.url);
    await loginAs(dept, server.url, 'bm_mzj');
    await dept.getByTestId('menu-consultations').click();
    await dept.getByTestId('consultation-new').click();
    await dept.getByTestId('consultation-title').fill('留守老人走访表征求意见');
    await dept.getByTestId('consultation-draft').fill('拟每季度请村委会走访留守老人并填报走访人次，请就频次和字段提出意见。');
    await dept.getByTestId('consultation-form').click();
    await dept.locator('.el-select-dropdown__item', { hasText: '留守老人走访情况表' }).click();
    await dept.getByTestId('consultation-villages').click();
    await dept.keyboard.type(villageName);
    await dept.locator('.el-select-dropdown__item', { hasText: villageName }).first().click();
    // Closes the village list (Escape would close the dialog with it).
    await dept.locator('.el-dialog__title').click();
    await dept.locator('.el-select-dropdown__item', { hasText: villageName }).first().waitFor({ state: 'hidden' });
    await shot(dept, 'consultation-create');
    await dept.getByTestId('consultation-submit').click();
    await dept.waitForURL(/\/consultations\/\d+$/);
    await dept
      .getByTestId(/^answer-/)
      .first()
      .waitFor();
    await expect(dept.getByTestId('consultation-answers').textContent()).resolves.toContain('未反馈');

    // The village hears of it in its messages and answers on a phone.
    const cadre = await newPage(PHONE);
    await loginAs(cadre, server.url, `cun_${VILLAGE_CODE}`);
    await cadre.getByTestId('messages-link').click();
    const message = cadre.locator('[data-test^="message-"]', { hasText: '市民政局就“留守老人走访表征求意见”征求意见' });
    await message.click();
    await cadre.waitForURL(/\/consultations\/\d+$/);
    await cadre.getByTestId('my-answer').waitFor();
    await expect(cadre.getByText('本季度走访人次').first().isVisible()).resolves.toBe(true);
    await cadre.getByTestId('answer-choice').getByText('有修改建议').click();
    // A suggestion without words is refused beside the box.
    await cadre.getByTestId('answer-submit').click();
    await expect(cadre.getByTestId('answer-error').textContent()).resolves.toContain('修改建议');
    await cadre.getByTestId('answer-comment').fill(SUGGESTION);
    await cadre.getByTestId('answer-submit').click();
    await expect(
      cadre
        .getByTestId(/^answer-\d+$/)
        .first()
        .textContent(),
    ).resolves.toContain(SUGGESTION);
    await shot(cadre, 'consultation-answer');
    await cadre.context().close();

    // The department applies for admission with the consultation attached (preselected for this form).
    await dept.goto(`${server.url}/forms/${formId}`);
    await expect(dept.getByTestId('admission-consultation').textContent()).resolves.toContain('留守老人走访表征求意见');
    for (const [key, value] of Object.entries(STATEMENTS)) await dept.getByTestId(`stmt-${key}`).fill(value);
    await dept.getByTestId('submit-admission').click();
    await expect(dept.getByTestId('request-status').first().textContent()).resolves.toContain('待审核');
    expect(foreign).toEqual([]);
    await dept.context().close();

    // The office reads the village's answer on the request it reviews.
    const office = await newPage();
    await loginAs(office, server.url, 'jianfuban');
    await office.goto(`${server.url}/reviews`);
    await office.locator('[data-test^="req-"]', { hasText: '留守老人走访情况表' }).first().click();
    const attached = office.getByTestId('request-consultation');
    await attached.waitFor();
    await expect(attached.textContent()).resolves.toContain(SUGGESTION);
    await expect(attached.textContent()).resolves.toContain(villageName);
    await expect(attached.textContent()).resolves.toContain('已反馈 1 / 1');
    await shot(office, 'consultation-review');
    await office.context().close();
  });
});
