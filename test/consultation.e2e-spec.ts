import { expectError, startTestApp, type TestApp } from './support/harness.js';
import { measureNPlusOne } from './support/n-plus-one.js';
import { graphql, type Input, type ResultOf } from './support/graphql.js';

const VILLAGES = graphql(`
  {
    regions(level: VILLAGE) {
      id
      code
      name
      parentId
    }
  }
`);
type Village = ResultOf<typeof VILLAGES>['regions'][number];
const TOWN_USERS = graphql(`
  query ($regionId: Int) {
    users(role: TOWN_STAFF, regionId: $regionId) {
      items {
        username
      }
    }
  }
`);
const CREATE = graphql(`
  mutation ($i: CreateConsultationInput!) {
    createConsultation(input: $i) {
      id
      title
      status
      formId
      department {
        name
      }
      createdBy {
        displayName
      }
      recipients {
        regionId
        answer
      }
    }
  }
`);
const ONE = graphql(`
  query ($id: Int!) {
    consultation(id: $id) {
      id
      title
      draft
      status
      formDraft {
        title
        fields
      }
      recipients {
        regionId
        townId
        region {
          name
        }
        answer
        comment
        answeredAt
        answeredBy {
          displayName
          unit
        }
      }
    }
  }
`);
const LIST = graphql(`
  query ($take: Int, $status: ConsultationStatus) {
    consultations(take: $take, status: $status) {
      totalItems
      items {
        id
        title
        formDraft {
          title
        }
        department {
          name
        }
        createdBy {
          displayName
        }
        recipients {
          region {
            name
          }
          answeredBy {
            displayName
          }
        }
      }
    }
  }
`);
const ANSWER = graphql(`
  mutation ($i: AnswerConsultationInput!) {
    answerConsultation(input: $i) {
      regionId
      answer
      comment
      answeredBy {
        displayName
      }
    }
  }
`);
const CLOSE = graphql(`
  mutation ($id: Int!) {
    closeConsultation(id: $id) {
      status
      closedAt
    }
  }
`);
const INBOX = graphql(`
  {
    messages(take: 50) {
      items {
        kind
        title
        body
        link
      }
    }
  }
`);
const CREATE_FORM = graphql(`
  mutation ($i: CreateFormInput!) {
    createForm(input: $i) {
      id
    }
  }
`);
const SUBMIT = graphql(`
  mutation ($i: SubmitAdmissionInput!) {
    submitAdmissionRequest(input: $i) {
      id
      status
      consultationId
    }
  }
`);
const REQUEST = graphql(`
  query ($id: Int!) {
    admissionRequest(id: $id) {
      id
      consultation {
        title
        recipients {
          region {
            name
          }
          answer
          comment
          answeredBy {
            displayName
          }
        }
      }
    }
  }
`);
const REQUESTS = graphql(`
  query ($take: Int, $departmentId: Int) {
    admissionRequests(take: $take, departmentId: $departmentId) {
      items {
        id
        consultation {
          title
          recipients {
            answer
            region {
              name
            }
            answeredBy {
              displayName
            }
          }
        }
      }
    }
  }
`);
const FORM_STATUS = graphql(`
  query ($id: Int!) {
    form(id: $id) {
      status
    }
  }
`);

const STATEMENTS = {
  departmentDoes: '市民政局制定留守老人关爱政策并按季度汇总分析',
  villageDoes: '村委会每季度走访留守老人，核实名单并录入基本情况',
  departmentSupport: '提供上季度名单底册，安排专人电话答疑并承担走访补助',
  legalBasis: '《国务院关于加强农村留守老年人关爱服务工作的意见》第三条',
  justification: '掌握留守老人底数，及时发现独居失能老人并落实帮扶',
};
const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('consultation (征求意见): a department asks towns and villages about a draft; the answers go with its admission request', () => {
  let server: TestApp;
  let mzj: string, nyncj: string, office: string, auditor: string;
  let cadreA: string, cadreB: string, cadreX: string, townA: string, townC: string;
  let vA: Village, vB: Village, vX: Village, townCId: number;
  let dutyItemId: number;
  let formId: number;
  let consultationId: number;

  beforeAll(async () => {
    server = await startTestApp('consultation');
    const admin = await server.login('admin');
    const security = await server.login('anquan');
    [mzj, nyncj, office, auditor] = await Promise.all(['bm_mzj', 'bm_nyncj', 'jianfuban', 'shenji'].map((name) => server.login(name)));
    const villages = (await server.gql(VILLAGES, {}, admin)).data!.regions;
    vA = villages[0];
    [vB, vX] = villages.filter((village) => village.parentId === vA.parentId && village.id !== vA.id);
    const vC = villages.find((village) => village.parentId !== vA.parentId)!;
    townCId = vC.parentId!;
    [cadreA, cadreB, cadreX] = await Promise.all([vA, vB, vX].map((village) => server.login(`cun_${village.code}`)));
    const townUser = async (regionId: number) => (await server.gql(TOWN_USERS, { regionId }, security)).data!.users.items[0].username;
    townA = await server.login(await townUser(vA.parentId!));
    townC = await server.login(await townUser(townCId));
    dutyItemId = (
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
    formId = await newForm('留守老人走访情况表');
  });
  afterAll(() => server.close());

  const newForm = async (title: string) => {
    const res = await server.gql(
      CREATE_FORM,
      {
        i: {
          title,
          dutyItemId,
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
    expect(res.errors).toBeUndefined();
    return res.data!.createForm.id;
  };
  const total = async (token: string) => (await server.gql(LIST, {}, token)).data!.consultations.totalItems;
  const base = (): Input<'CreateConsultationInput'> => ({
    title: '留守老人走访表征求意见',
    draft: '拟每季度请村委会走访留守老人并填报走访人次，请就填报频次和字段提出意见。',
    dueAt: inDays(7),
    regionIds: [vA.id, vB.id, townCId],
  });

  it('refuses bad input with the field named, and creates nothing', async () => {
    const before = await total(office);
    const cases: [Partial<Input<'CreateConsultationInput'>>, string, string][] = [
      [{ title: '  ' }, 'title', '标题'],
      [{ draft: ' ' }, 'draft', '草稿'],
      [{ dueAt: inDays(-1) }, 'dueAt', '截止时间'],
      [{ regionIds: [] }, 'regionIds', '至少选择'],
      [{ regionIds: [vA.id, 987654] }, 'regionIds', '987654'],
    ];
    for (const [change, field, words] of cases) {
      const error = expectError(await server.gql(CREATE, { i: { ...base(), ...change } }, mzj), 'BAD_USER_INPUT');
      expect(error.extensions.details!.map((detail) => detail.field)).toContain(field);
      expect(error.message).toContain(words);
    }
    // The city itself is no town or village; another department's form is not this one's to consult on.
    const city = (
      await server.gql(
        graphql(`
          {
            regions(level: CITY) {
              id
            }
          }
        `),
        {},
        mzj,
      )
    ).data!.regions[0].id;
    expect(expectError(await server.gql(CREATE, { i: { ...base(), regionIds: [city] } }, mzj), 'BAD_USER_INPUT').message).toContain(
      '只能向镇(街道)或村(社区)征求意见',
    );
    const foreign = expectError(await server.gql(CREATE, { i: { ...base(), formId } }, nyncj), 'BAD_USER_INPUT');
    expect(foreign.extensions.details![0].field).toBe('formId');
    expect(expectError(await server.gql(CREATE, { i: base() }, cadreA), 'FORBIDDEN').message).toMatch(/无权/);
    expectError(await server.gql(CREATE, { i: base() }, office), 'FORBIDDEN');
    expect(await total(office)).toBe(before);
  });

  it('a department asks two villages and a town about its draft form; each gets a message', async () => {
    const res = await server.gql(CREATE, { i: { ...base(), formId } }, mzj);
    expect(res.errors).toBeUndefined();
    const made = res.data!.createConsultation;
    consultationId = made.id;
    expect(made).toMatchObject({ status: 'OPEN', formId, department: { name: '市民政局' } });
    expect(made.createdBy!.displayName).toBeTruthy();
    expect(made.recipients.map((recipient) => recipient.regionId).sort()).toEqual([vA.id, vB.id, townCId].sort());
    expect(made.recipients.every((recipient) => recipient.answer === null)).toBe(true);
    for (const token of [cadreA, cadreB, townC]) {
      const asked = (await server.gql(INBOX, {}, token)).data!.messages.items.filter((message) => message.kind === 'CONSULTATION_ASKED');
      expect(asked).toHaveLength(1);
      expect(asked[0]).toMatchObject({ title: '市民政局就“留守老人走访表征求意见”征求意见', link: `/consultations/${consultationId}` });
      expect(asked[0].body).toContain('前反馈');
    }
    // Village X of the same town was not asked: no message.
    const x = (await server.gql(INBOX, {}, cadreX)).data!.messages.items;
    expect(x.some((message) => message.kind === 'CONSULTATION_ASKED')).toBe(false);
  });

  it('each sees what is theirs: a village its own row, a town its villages’, other villages and departments nothing', async () => {
    const seen = async (token: string) => (await server.gql(ONE, { id: consultationId }, token)).data!.consultation;
    const asVillage = await seen(cadreA);
    expect(asVillage).toMatchObject({
      title: '留守老人走访表征求意见',
      formDraft: { title: '留守老人走访情况表', fields: ['本季度走访人次', '独居老人数'] },
    });
    expect(asVillage.recipients.map((recipient) => recipient.regionId)).toEqual([vA.id]);
    expect((await seen(townA)).recipients.map((recipient) => recipient.regionId).sort()).toEqual([vA.id, vB.id].sort());
    expect((await seen(townC)).recipients.map((recipient) => recipient.regionId)).toEqual([townCId]);
    expect((await seen(mzj)).recipients).toHaveLength(3);
    expect((await seen(office)).recipients).toHaveLength(3);
    for (const token of [cadreX, nyncj]) {
      const error = expectError(await server.gql(ONE, { id: consultationId }, token), 'NOT_FOUND');
      expect(error.message).toBe(expectError(await server.gql(ONE, { id: 987654 }, token), 'NOT_FOUND').message);
      expect(await total(token)).toBe(0);
    }
    expectError(await server.gql(ONE, { id: consultationId }, auditor), 'FORBIDDEN');
    expect(await total(cadreA)).toBe(1);
    expect(await total(townA)).toBe(1);
  });

  it('the asked answer: a blank suggestion is refused, an answer may be changed until the deadline, others cannot answer', async () => {
    const blank = expectError(
      await server.gql(ANSWER, { i: { consultationId, answer: 'SUGGEST', comment: '   ' } }, cadreA),
      'BAD_USER_INPUT',
    );
    expect(blank.extensions.details![0].field).toBe('comment');
    expect(blank.message).toContain('修改建议');
    const first = await server.gql(ANSWER, { i: { consultationId, answer: 'AGREE' } }, cadreA);
    expect(first.errors).toBeUndefined();
    expect(first.data!.answerConsultation).toMatchObject({ regionId: vA.id, answer: 'AGREE', comment: null });
    // Answering again before the deadline changes the answer (the last one counts).
    const second = await server.gql(
      ANSWER,
      { i: { consultationId, answer: 'SUGGEST', comment: '建议改为半年一次，独居老人数可从民政系统共享。' } },
      cadreA,
    );
    expect(second.data!.answerConsultation).toMatchObject({ answer: 'SUGGEST', comment: '建议改为半年一次，独居老人数可从民政系统共享。' });
    expect((await server.gql(ANSWER, { i: { consultationId, answer: 'NO_OPINION' } }, townC)).errors).toBeUndefined();
    // Not asked, or not a town or village: no answer.
    const notAsked = expectError(await server.gql(ANSWER, { i: { consultationId, answer: 'AGREE' } }, cadreX), 'NOT_FOUND');
    expect(notAsked.message).toBe(
      expectError(await server.gql(ANSWER, { i: { consultationId: 987654, answer: 'AGREE' } }, cadreX), 'NOT_FOUND').message,
    );
    expectError(await server.gql(ANSWER, { i: { consultationId, answer: 'AGREE' } }, townA), 'NOT_FOUND');
    expectError(await server.gql(ANSWER, { i: { consultationId, answer: 'AGREE' } }, mzj), 'FORBIDDEN');
    // Town A reads its village's answer; the village does not see the town's.
    const fromTown = (await server.gql(ONE, { id: consultationId }, townA)).data!.consultation.recipients;
    expect(fromTown.find((recipient) => recipient.regionId === vA.id)).toMatchObject({
      answer: 'SUGGEST',
      region: { name: vA.name },
      answeredBy: { displayName: expect.any(String), unit: vA.name },
    });
    expect(fromTown.find((recipient) => recipient.regionId === vB.id)!.answer).toBeNull();
  });

  it('after the deadline or the close an answer is CONSULTATION_CLOSED and changes nothing; closing twice is CONFLICT', async () => {
    const short = (await server.gql(CREATE, { i: { ...base(), dueAt: new Date(Date.now() + 1500).toISOString() } }, mzj)).data!
      .createConsultation.id;
    await sleep(2000);
    const late = expectError(await server.gql(ANSWER, { i: { consultationId: short, answer: 'AGREE' } }, cadreB), 'CONSULTATION_CLOSED');
    expect(late.message).toContain('已过反馈截止时间');
    expect((await server.gql(ONE, { id: short }, mzj)).data!.consultation.recipients.every((recipient) => !recipient.answer)).toBe(true);

    expectError(await server.gql(CLOSE, { id: consultationId }, nyncj), 'NOT_FOUND');
    expectError(await server.gql(CLOSE, { id: consultationId }, cadreA), 'FORBIDDEN');
    const closed = (await server.gql(CLOSE, { id: consultationId }, mzj)).data!.closeConsultation;
    expect(closed.status).toBe('CLOSED');
    expect(closed.closedAt).toBeTruthy();
    expect(expectError(await server.gql(CLOSE, { id: consultationId }, mzj), 'CONFLICT').message).toContain('已经结束');
    const after = expectError(await server.gql(ANSWER, { i: { consultationId, answer: 'AGREE' } }, cadreB), 'CONSULTATION_CLOSED');
    expect(after.message).toContain('已由发起部门结束');
    expect((await server.gql(LIST, { status: 'CLOSED' }, mzj)).data!.consultations.totalItems).toBe(1);
  });

  let requestId: number;
  it('the department attaches its own consultation to its admission request; another department’s is refused and nothing changes', async () => {
    const foreign = (await server.gql(CREATE, { i: { ...base(), title: '农业局的征求意见', regionIds: [vA.id] } }, nyncj)).data!
      .createConsultation.id;
    const refused = expectError(await server.gql(SUBMIT, { i: { formId, ...STATEMENTS, consultationId: foreign } }, mzj), 'BAD_USER_INPUT');
    expect(refused.extensions.details![0].field).toBe('consultationId');
    expect(refused.message).toContain('不是本部门发起的');
    expect((await server.gql(FORM_STATUS, { id: formId }, mzj)).data!.form.status).toBe('DRAFT');
    const res = await server.gql(SUBMIT, { i: { formId, ...STATEMENTS, consultationId } }, mzj);
    expect(res.errors).toBeUndefined();
    expect(res.data!.submitAdmissionRequest).toMatchObject({ status: 'PENDING', consultationId });
    requestId = res.data!.submitAdmissionRequest.id;
  });

  it('the office reads the answers on the request it reviews', async () => {
    for (const token of [office, mzj]) {
      const request = (await server.gql(REQUEST, { id: requestId }, token)).data!.admissionRequest;
      expect(request.consultation!.title).toBe('留守老人走访表征求意见');
      const byName = Object.fromEntries(request.consultation!.recipients.map((recipient) => [recipient.region.name, recipient]));
      expect(byName[vA.name]).toMatchObject({ answer: 'SUGGEST', comment: '建议改为半年一次，独居老人数可从民政系统共享。' });
      expect(byName[vA.name].answeredBy!.displayName).toBeTruthy();
      expect(byName[vB.name]).toMatchObject({ answer: null, answeredBy: null });
      expect(Object.values(byName).find((recipient) => recipient.answer === 'NO_OPINION')).toBeTruthy();
    }
    expectError(await server.gql(REQUEST, { id: requestId }, nyncj), 'NOT_FOUND');
  });

  it('lists load consultations and their answers in a fixed number of statements (no N+1)', async () => {
    // Two more requests with consultations, so a page holds several.
    for (const title of ['留守儿童关爱情况表', '困境老人探访表']) {
      const form = await newForm(title);
      const asked = (await server.gql(CREATE, { i: { ...base(), title: `${title}征求意见`, formId: form } }, mzj)).data!.createConsultation
        .id;
      await server.gql(ANSWER, { i: { consultationId: asked, answer: 'AGREE' } }, cadreA);
      expect((await server.gql(SUBMIT, { i: { formId: form, ...STATEMENTS, consultationId: asked } }, mzj)).errors).toBeUndefined();
    }
    const department = (
      await server.gql(
        graphql(`
          {
            me {
              departmentId
            }
          }
        `),
        {},
        mzj,
      )
    ).data!.me.departmentId;
    const requests = await measureNPlusOne(server, {
      query: REQUESTS,
      token: office,
      variables: { departmentId: department },
      items: (data) => data.admissionRequests.items,
      sizes: [1, 3],
    });
    expect(requests.large.queries).toBe(requests.small.queries);
    const lists = await measureNPlusOne(server, { query: LIST, token: mzj, items: (data) => data.consultations.items, sizes: [1, 4] });
    expect(lists.large.queries).toBe(lists.small.queries);
  });

  it('creating, answering and closing are in the audit log', async () => {
    const res = await server.gql(
      graphql(`
        query ($id: String) {
          auditEvents(filter: { objectType: "consultation", objectId: $id }) {
            items {
              action
              outcome
            }
          }
        }
      `),
      { id: String(consultationId) },
      auditor,
    );
    const actions = res.data!.auditEvents.items.map((item) => item.action);
    expect(actions).toEqual(
      expect.arrayContaining(['consultation.create', 'consultation.answer', 'consultation.answer', 'consultation.close']),
    );
    expect(actions.filter((action) => action === 'consultation.answer')).toHaveLength(3);
  });
});
