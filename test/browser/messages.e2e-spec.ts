import type { Browser, Page } from 'playwright-core';
import { Role } from '../../src/common/auth-user.js';
import { User } from '../../src/identity/user.entity.js';
import { Region } from '../../src/regions/region.entity.js';
import { startTestApp, type TestApp } from '../support/harness.js';
import { graphql, type TadaDocumentNode } from '../support/graphql.js';
import { describeBrowser, DESKTOP, ensureWebBuilt, eventually, launchBrowser, loginAs, PHONE, shot } from '../support/browser.js';

// Issue 16 items 1–2 in the browser: the unread badge, the 消息 page, a message leading to its task; a town urging a village.
describeBrowser('browser: messages and urging', () => {
  let server: TestApp;
  let browser: Browser;
  let taskId: number;
  let villageA: Region, villageA2: Region;
  let townUser: string;

  async function ok<R, V>(doc: TadaDocumentNode<R, V>, variables: V, token: string): Promise<R> {
    const result = await server.gql(doc, variables, token);
    if (result.errors) throw new Error(JSON.stringify(result.errors));
    return result.data!;
  }

  beforeAll(async () => {
    ensureWebBuilt();
    server = await startTestApp('browser-messages');
    browser = await launchBrowser();
    villageA = await server.dataSource.getRepository(Region).findOneByOrFail({ code: '420683003200' });
    villageA2 = (await server.dataSource.getRepository(Region).findBy({ parentId: villageA.parentId! })).find(
      (village) => village.id !== villageA.id,
    )!;
    townUser = (await server.dataSource.getRepository(User).findOneByOrFail({ role: Role.TOWN_STAFF, regionId: villageA.parentId! }))
      .username;
    const [mzj, office] = await Promise.all([server.login('bm_mzj'), server.login('jianfuban')]);
    const duty = (
      await ok(
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
    ).dutyItems.items[0].id;
    const form = (
      await ok(
        graphql(`
          mutation ($i: CreateFormInput!) {
            createForm(input: $i) {
              id
            }
          }
        `),
        {
          i: {
            title: '农村水井季报',
            dutyItemId: duty,
            targetLevel: 'VILLAGE',
            frequency: 'QUARTERLY',
            fields: [{ key: 'wells', label: '水井数', valueType: 'INTEGER', required: true, section: 'VILLAGE', min: 0 }],
          },
        },
        mzj,
      )
    ).createForm.id;
    const request = (
      await ok(
        graphql(`
          mutation ($i: SubmitAdmissionInput!) {
            submitAdmissionRequest(input: $i) {
              id
            }
          }
        `),
        {
          i: {
            formId: form,
            departmentDoes: '市局负责制定统计口径、汇总全市数据并承担核查工作',
            villageDoes: '村委会每季度核对本村水井数量并在平台填报',
            departmentSupport: '市局提供培训和技术指导，并将往期数据预先导入平台',
            legalBasis: '《中华人民共和国水法》第二十三条',
            justification: '掌握农村小型水利设施底数，支撑抗旱调度',
          },
        },
        mzj,
      )
    ).submitAdmissionRequest.id;
    await ok(
      graphql(`
        mutation ($i: ReviewAdmissionInput!) {
          reviewAdmissionRequest(input: $i) {
            status
          }
        }
      `),
      { i: { id: request, decision: 'APPROVE' } },
      office,
    );
    taskId = (
      await ok(
        graphql(`
          mutation ($i: CreateTaskInput!) {
            createTask(input: $i) {
              id
            }
          }
        `),
        {
          i: { formId: form, period: '2031-Q1', dueAt: new Date(Date.now() + 10 * 86400000).toISOString(), townIds: [villageA.parentId!] },
        },
        mzj,
      )
    ).createTask.id;
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
  const badge = (page: Page) => page.getByTestId('unread-badge').locator('.el-badge__content');

  it('a cadre sees the unread badge, opens 消息, clicks the message and lands on the task; the badge drops', async () => {
    const cadre = await newPage(PHONE);
    await loginAs(cadre, server.url, `cun_${villageA.code}`);
    await expect(
      eventually(
        () => badge(cadre).textContent(),
        (text) => text?.trim() === '1',
      ),
    ).resolves.toBe('1');
    await cadre.getByTestId('messages-link').click();
    await cadre.waitForURL((url) => url.pathname === '/messages');
    const item = cadre.locator('[data-test^="message-"]', { hasText: '新任务：农村水井季报（2031-Q1）' });
    await item.waitFor();
    await shot(cadre, 'messages-cadre');
    await item.click();
    await cadre.waitForURL((url) => /^\/assignments\/\d+$/.test(url.pathname));
    await cadre.getByText('农村水井季报').first().waitFor();
    await expect(
      eventually(
        () => badge(cadre).isVisible(),
        (shown) => !shown,
      ),
    ).resolves.toBe(false);
    await cadre.context().close();
  });

  it('a town user urges one village from the task page; the village hears it', async () => {
    const town = await newPage();
    await loginAs(town, server.url, townUser);
    await town.goto(`${server.url}/tasks/${taskId}`);
    await town.getByTestId(`urge-${villageA2.id}`).click();
    const box = town.locator('.el-message-box').last();
    await box.locator('input').fill('请本周五前提交');
    await box.locator('.el-button--primary').click();
    await town.getByText('已催办 1 个单位').waitFor();
    await expect(town.getByTestId('urge-summary').textContent()).resolves.toContain('已催办 1 次');
    await shot(town, 'messages-town-urged');
    // A second urge of the same village today is refused, with the reason.
    await town.getByTestId(`urge-${villageA2.id}`).click();
    await town.locator('.el-message-box').last().locator('.el-button--primary').click();
    await town.getByText('每个单位每天只能催办一次').waitFor();
    await town.context().close();

    const cadre2 = await server.login(`cun_${villageA2.code}`);
    const messages = await ok(
      graphql(`
        {
          messages(take: 20) {
            items {
              kind
              body
            }
          }
        }
      `),
      {},
      cadre2,
    );
    expect(messages.messages.items.filter((message) => message.kind === 'URGED').map((message) => message.body)).toEqual([
      expect.stringContaining('附言：请本周五前提交'),
    ]);
  });
});
