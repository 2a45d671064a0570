import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { TransactionService } from '../src/common/transaction.service.js';
import { MessageKind } from '../src/messages/message.entity.js';
import { MessagesService } from '../src/messages/messages.service.js';
import { eventually } from './support/browser.js';
import { startTestApp, type TestApp } from './support/harness.js';
import { graphql, type TadaDocumentNode } from './support/graphql.js';

// Issue 16 item 3: outgoing channels (a WeCom/DingTalk-style webhook, an SMS gateway) behind one
// interface, configured by environment, delivered after the event's transaction commits.
describe('message channels: webhook and SMS after commit', () => {
  let server: TestApp;
  let hook: Server;
  let mzj: string, office: string;
  const received: { path: string; body: string }[] = [];
  let failNext = false;

  const ID_NUMBER = /\d{17}[\dXx]/;
  const PHONE = /1[3-9]\d{9}/;

  async function ok<R, V>(doc: TadaDocumentNode<R, V>, variables: V, token: string): Promise<R> {
    const result = await server.gql(doc, variables, token);
    if (result.errors) throw new Error(JSON.stringify(result.errors));
    return result.data!;
  }
  const read = (req: IncomingMessage) =>
    new Promise<string>((resolve) => {
      let body = '';
      req.setEncoding('utf8');
      req.on('data', (chunk: string) => (body += chunk));
      req.on('end', () => resolve(body));
    });
  const STATEMENTS = {
    departmentDoes: '市局负责制定统计口径、汇总全市数据并承担核查工作',
    villageDoes: '村委会每季度核对本村水井数量并在平台填报',
    departmentSupport: '市局提供培训和技术指导，并将往期数据预先导入平台',
    legalBasis: '《中华人民共和国水法》第二十三条',
    justification: '掌握农村小型水利设施底数，支撑抗旱调度',
  };
  const SUBMIT = graphql(`
    mutation ($i: SubmitAdmissionInput!) {
      submitAdmissionRequest(input: $i) {
        id
      }
    }
  `);
  const REVIEW = graphql(`
    mutation ($i: ReviewAdmissionInput!) {
      reviewAdmissionRequest(input: $i) {
        status
      }
    }
  `);
  let formId: number;

  beforeAll(async () => {
    hook = createServer((req, res) => {
      void read(req).then((body) => {
        received.push({ path: req.url ?? '', body });
        res.statusCode = failNext ? 500 : 200;
        res.end('{"errcode":0}');
      });
    });
    await new Promise<void>((resolve) => hook.listen(0, '127.0.0.1', resolve));
    const port = (hook.address() as AddressInfo).port;
    server = await startTestApp('message_channels', {
      env: { MESSAGE_WEBHOOK_URL: `http://127.0.0.1:${port}/robot/send?key=test`, MESSAGE_SMS_URL: `http://127.0.0.1:${port}/sms` },
    });
    [mzj, office] = await Promise.all([server.login('bm_mzj'), server.login('jianfuban')]);
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
    formId = (
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
            title: '渠道水井季报',
            dutyItemId: duty,
            targetLevel: 'VILLAGE',
            frequency: 'QUARTERLY',
            fields: [{ key: 'wells', label: '水井数', valueType: 'INTEGER', required: true, section: 'VILLAGE', min: 0 }],
          },
        },
        mzj,
      )
    ).createForm.id;
  });
  afterAll(async () => {
    await server?.close();
    await new Promise((resolve) => hook?.close(resolve));
  });

  it('an event’s message reaches the webhook and the SMS gateway as JSON, with no ID number or phone', async () => {
    const request = (await ok(SUBMIT, { i: { formId, ...STATEMENTS } }, mzj)).submitAdmissionRequest;
    // The office's comment holds an ID number and a phone: they stay out of what leaves the platform.
    await ok(
      REVIEW,
      { i: { id: request.id, decision: 'RETURN', comment: '请核对样表中 420683195001011234 的口径，或致电 13912345678' } },
      office,
    );
    const got = await eventually(
      async () => received.slice(),
      (list) => list.length >= 2,
    );
    const webhook = got.find((item) => item.path.startsWith('/robot/send'))!;
    const sms = got.find((item) => item.path === '/sms')!;
    expect(JSON.parse(webhook.body)).toMatchObject({
      msgtype: 'text',
      text: { content: '【一表通】表单“渠道水井季报”被退回修改' },
      message: { kind: 'ADMISSION_DECIDED', link: `/forms/${formId}`, role: 'DEPARTMENT_STAFF' },
    });
    expect(JSON.parse(sms.body)).toMatchObject({ text: '【一表通】表单“渠道水井季报”被退回修改', to: { role: 'DEPARTMENT_STAFF' } });
    for (const item of got) {
      expect(item.body).not.toMatch(ID_NUMBER);
      expect(item.body).not.toMatch(PHONE);
    }
    // In-app, the department reads the comment (masked).
    const inbox = await ok(
      graphql(`
        {
          messages(take: 5) {
            items {
              body
            }
          }
        }
      `),
      {},
      mzj,
    );
    expect(inbox.messages.items[0].body).toContain('请核对样表中');
    expect(inbox.messages.items[0].body).not.toMatch(ID_NUMBER);
    expect(inbox.messages.items[0].body).not.toMatch(PHONE);
  });

  it('a failing webhook never rolls the event back; a failed event sends nothing', async () => {
    received.length = 0;
    failNext = true;
    await ok(
      graphql(`
        mutation ($id: Int!) {
          updateForm(id: $id, input: { description: "已补充口径" }) {
            id
          }
        }
      `),
      { id: formId },
      mzj,
    );
    const request = (await ok(SUBMIT, { i: { formId, ...STATEMENTS } }, mzj)).submitAdmissionRequest;
    const approved = await ok(REVIEW, { i: { id: request.id, decision: 'APPROVE' } }, office);
    expect(approved.reviewAdmissionRequest.status).toBe('APPROVED');
    await eventually(
      async () => received.length,
      (count) => count >= 2,
    );
    failNext = false;
    const titles = await ok(
      graphql(`
        {
          messages(take: 1) {
            items {
              title
            }
          }
        }
      `),
      {},
      mzj,
    );
    expect(titles.messages.items[0].title).toBe('表单“渠道水井季报”已准入');

    // A message posted in a transaction that then fails: nothing stored, nothing sent.
    received.length = 0;
    await expect(
      server.app.get(TransactionService).run(async (em) => {
        await server.app.get(MessagesService).post(em, [{ kind: MessageKind.ACCEPTED, title: '不应发出', body: '回滚', departmentId: 1 }]);
        throw new Error('the event failed');
      }),
    ).rejects.toThrow('the event failed');
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(received).toEqual([]);
  });
});
