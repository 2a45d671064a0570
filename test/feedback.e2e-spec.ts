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
      monitoringPoint
    }
  }
`);
type Village = ResultOf<typeof VILLAGES>['regions'][number];
const USERS = graphql(`
  query ($role: Role, $regionId: Int, $departmentId: Int) {
    users(role: $role, regionId: $regionId, departmentId: $departmentId) {
      items {
        username
      }
    }
  }
`);
const ACKNOWLEDGE = graphql(`
  mutation ($id: Int!) {
    acknowledgeFeedback(id: $id) {
      status
    }
  }
`);
const RESPOND = graphql(`
  mutation ($id: Int!, $response: String!) {
    respondToFeedback(id: $id, response: $response) {
      status
    }
  }
`);
const RESOLVE = graphql(`
  mutation ($id: Int!, $resolution: String) {
    resolveFeedback(id: $id, resolution: $resolution) {
      status
    }
  }
`);

const FILE = graphql(`
  mutation ($i: FileFeedbackInput!) {
    fileFeedback(input: $i) {
      id
      type
      complaintKind
      status
      title
      formId
      fromMonitoringPoint
      villageId
      townId
      region {
        name
      }
      town {
        name
      }
      department {
        name
      }
      filedBy {
        displayName
        unit
      }
    }
  }
`);
const ONE = graphql(`
  query ($id: Int!) {
    feedback(id: $id) {
      id
      status
      response
      respondedBy {
        displayName
        unit
      }
      resolution
      resolvedBy {
        displayName
      }
      acknowledgedBy {
        displayName
      }
      region {
        name
      }
    }
  }
`);
const LIST = graphql(`
  query ($f: FeedbackFilterInput, $take: Int) {
    feedbackList(filter: $f, take: $take) {
      totalItems
      items {
        id
        title
        fromMonitoringPoint
      }
    }
  }
`);

describe('feedback: complaints and suggestions from villages and towns, answered by the office', () => {
  let server: TestApp;
  let admin: string, security: string, office: string, auditor: string, dept: string;
  let vA: Village, vB: Village, vC: Village, vM: Village;
  let cadreA: string, cadreB: string, cadreC: string, cadreM: string, townA: string, townC: string;
  let departmentId: number;
  const townUser = async (townId: number) =>
    (await server.gql(USERS, { role: 'TOWN_STAFF', regionId: townId }, security)).data!.users.items[0].username;

  beforeAll(async () => {
    server = await startTestApp('feedback');
    admin = await server.login('admin');
    security = await server.login('anquan');
    office = await server.login('jianfuban');
    auditor = await server.login('shenji');
    const villages = (await server.gql(VILLAGES, {}, admin)).data!.regions;
    const plain = villages.filter((village) => !village.monitoringPoint);
    vA = plain[0];
    vB = plain.find((item) => item.parentId === vA.parentId && item.id !== vA.id)!;
    vC = plain.find((item) => item.parentId !== vA.parentId)!;
    vM = villages.find((village) => village.monitoringPoint && village.parentId !== vA.parentId)!;
    expect([vA, vB, vC, vM].every(Boolean)).toBe(true);
    [cadreA, cadreB, cadreC, cadreM] = await Promise.all([vA, vB, vC, vM].map((item) => server.login(`cun_${item.code}`)));
    townA = await server.login(await townUser(vA.parentId!));
    townC = await server.login(await townUser(vC.parentId!));
    const depts = (
      await server.gql(
        graphql(`
          {
            departments {
              id
              name
              code
            }
          }
        `),
        {},
        admin,
      )
    ).data!.departments;
    departmentId = depts[0].id;
    const bm = (await server.gql(USERS, { role: 'DEPARTMENT_STAFF', departmentId }, security)).data!.users.items[0].username;
    dept = await server.login(bm);
  });
  afterAll(() => server.close());

  const totalFor = async (token: string, value: Record<string, unknown> = {}) =>
    (await server.gql(LIST, { f: value }, token)).data!.feedbackList.totalItems as number;

  let complaintId: number;
  it('a village files a complaint naming a department and a form', async () => {
    const res = await server.gql(
      FILE,
      {
        i: {
          type: 'COMPLAINT',
          complaintKind: 'FORM_OUTSIDE_PLATFORM',
          title: '部门绕开平台要求填报',
          content: '某局通过微信群要求报送低保户台账，未经平台。',
          departmentId,
          formId: 42,
        },
      },
      cadreA,
    );
    expect(res.errors).toBeUndefined();
    const fileFeedback = res.data!.fileFeedback;
    complaintId = fileFeedback.id;
    expect(fileFeedback).toMatchObject({
      type: 'COMPLAINT',
      complaintKind: 'FORM_OUTSIDE_PLATFORM',
      status: 'OPEN',
      formId: 42,
      fromMonitoringPoint: false,
      villageId: vA.id,
      townId: vA.parentId,
      region: { name: vA.name },
      filedBy: { displayName: expect.any(String), unit: vA.name },
    });
    expect(fileFeedback.department!.name).toBeTruthy();
    expect(fileFeedback.town.name).toBeTruthy();
  });

  it('refuses bad input with field details and writes nothing', async () => {
    const before = await totalFor(office);
    const base: Input<'FileFeedbackInput'> = { type: 'COMPLAINT', complaintKind: 'OTHER', title: '标题', content: '内容' };
    const noKind = expectError(await server.gql(FILE, { i: { ...base, complaintKind: null } }, cadreA), 'BAD_USER_INPUT');
    expect(noKind.extensions.details).toEqual([{ field: 'complaintKind', message: expect.stringContaining('投诉须选择类别') }]);
    expectError(await server.gql(FILE, { i: { ...base, type: 'SUGGESTION' } }, cadreA), 'BAD_USER_INPUT');
    const dep = expectError(await server.gql(FILE, { i: { ...base, departmentId: 999999 } }, cadreA), 'BAD_USER_INPUT');
    expect(dep.extensions.details![0].field).toBe('departmentId');
    const blank = expectError(await server.gql(FILE, { i: { ...base, title: '   ' } }, cadreA), 'BAD_USER_INPUT');
    expect(blank.message).toContain('标题');
    expectError(await server.gql(FILE, { i: { ...base, formId: 0 } }, cadreA), 'BAD_USER_INPUT');
    expect(await totalFor(office)).toBe(before);
  });

  it('only villages and towns file; only the office handles; departments and auditors do not read', async () => {
    const suggestion: Input<'FileFeedbackInput'> = { type: 'SUGGESTION', title: '建议', content: '内容' };
    expect(expectError(await server.gql(FILE, { i: suggestion }, office), 'FORBIDDEN').message).toMatch(/无权/);
    expectError(await server.gql(FILE, { i: suggestion }, dept), 'FORBIDDEN');
    expectError(await server.gql(ACKNOWLEDGE, { id: complaintId }, cadreA), 'FORBIDDEN');
    expectError(await server.gql(RESPOND, { id: complaintId, response: 'x' }, townA), 'FORBIDDEN');
    expectError(await server.gql(LIST, {}, dept), 'FORBIDDEN');
    expectError(await server.gql(LIST, {}, auditor), 'FORBIDDEN');
    expectError(await server.gql(ONE, { id: complaintId }, dept), 'FORBIDDEN');
  });

  it('the office acknowledges, responds and resolves, each step only from the right state', async () => {
    expect(expectError(await server.gql(RESOLVE, { id: complaintId }, office), 'CONFLICT').message).toContain('待受理');
    expect((await server.gql(ACKNOWLEDGE, { id: complaintId }, office)).data!.acknowledgeFeedback.status).toBe('ACKNOWLEDGED');
    expect(expectError(await server.gql(ACKNOWLEDGE, { id: complaintId }, office), 'CONFLICT').message).toContain('已受理');
    expectError(await server.gql(RESPOND, { id: complaintId, response: '  ' }, office), 'BAD_USER_INPUT');
    const answer = '已责成该局停止平台外填报，相关数据改由平台共享。';
    expect((await server.gql(RESPOND, { id: complaintId, response: answer }, office)).data!.respondToFeedback.status).toBe('RESPONDED');
    expectError(await server.gql(RESPOND, { id: complaintId, response: '再答复' }, office), 'CONFLICT');
    expect((await server.gql(RESOLVE, { id: complaintId, resolution: '已整改' }, office)).data!.resolveFeedback.status).toBe('RESOLVED');
    expectError(await server.gql(RESOLVE, { id: complaintId }, office), 'CONFLICT');
    expectError(await server.gql(ACKNOWLEDGE, { id: 999999 }, office), 'NOT_FOUND');

    // The filer and its town see the answer.
    for (const token of [cadreA, townA]) {
      const seen = (await server.gql(ONE, { id: complaintId }, token)).data!.feedback;
      expect(seen).toMatchObject({ status: 'RESOLVED', response: answer, resolution: '已整改', region: { name: vA.name } });
      // Staff who handled it: display name and unit only (no username, role, last login or lock state).
      expect(seen.respondedBy).toEqual({ displayName: '减负办审核员（王主任）', unit: null });
      expect(seen).toMatchObject({
        acknowledgedBy: { displayName: '减负办审核员（王主任）' },
        resolvedBy: { displayName: '减负办审核员（王主任）' },
      });
      const nosy = await server.gqlRaw(
        'query ($id: Int!) { feedback(id: $id) { respondedBy { username role lastLoginAt lockedUntil } } }',
        { id: complaintId },
        token,
      );
      expect(nosy.errors![0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
    }
  });

  it('each step is in the audit log, with who and what', async () => {
    const res = await server.gql(
      graphql(`
        query ($id: String) {
          auditEvents(filter: { objectType: "feedback", objectId: $id }) {
            items {
              action
              username
              outcome
            }
          }
        }
      `),
      { id: String(complaintId) },
      auditor,
    );
    expect(res.data!.auditEvents.items.map((item: any) => `${item.action}:${item.username}`).reverse()).toEqual([
      `feedback.file:cun_${vA.code}`,
      'feedback.acknowledge:jianfuban',
      'feedback.respond:jianfuban',
      'feedback.resolve:jianfuban',
    ]);
  });

  it('a village sees only its own feedback; a town its own and its villages; the office all', async () => {
    const town = await server.gql(
      FILE,
      { i: { type: 'COMPLAINT', complaintKind: 'UNREASONABLE_DEADLINE', title: '时限太紧', content: '要求当天报送' } },
      townA,
    );
    const townItem = town.data!.fileFeedback;
    expect(townItem).toMatchObject({ villageId: null, townId: vA.parentId, fromMonitoringPoint: false });
    const fromC = (await server.gql(FILE, { i: { type: 'SUGGESTION', title: '建议合并表格', content: '两张表可合并' } }, cadreC)).data!
      .fileFeedback;

    const ids = async (token: string) =>
      (await server.gql(LIST, { take: 200 }, token)).data!.feedbackList.items.map((item: any) => item.id).sort();
    expect(await ids(cadreA)).toEqual([complaintId]);
    expect(await ids(cadreB)).toEqual([]);
    expect(await ids(cadreC)).toEqual([fromC.id]);
    expect(await ids(townA)).toEqual([complaintId, townItem.id].sort());
    expect(await ids(townC)).toEqual([fromC.id]);
    expect(await ids(office)).toEqual([complaintId, townItem.id, fromC.id].sort());
    // A filter cannot widen the scope.
    expect(await totalFor(cadreB, { villageId: vA.id })).toBe(0);
    expect(await totalFor(townC, { townId: vA.parentId })).toBe(0);

    // By id: another village's (same town), the town's own, another town's — all answered exactly
    // like an id that does not exist, so existence cannot be probed.
    const absent = expectError(await server.gql(ONE, { id: 987654321 }, cadreB), 'NOT_FOUND');
    for (const [id, token] of [
      [complaintId, cadreB],
      [townItem.id, cadreA],
      [complaintId, cadreC],
      [fromC.id, townA],
    ] as const) {
      const refused = await server.gql(ONE, { id }, token);
      expect(refused.data ?? null).toBeNull();
      expect(expectError(refused, 'NOT_FOUND').message).toBe(absent.message);
    }
    expect((await server.gql(ONE, { id: fromC.id }, office)).data!.feedback.id).toBe(fromC.id);
    expect((await server.gql(ONE, { id: fromC.id }, await server.login('lingdao'))).data!.feedback.id).toBe(fromC.id);
  });

  it('feedback from monitoring-point villages is flagged and can be shown apart', async () => {
    const fileFeedback = (
      await server.gql(
        FILE,
        { i: { type: 'COMPLAINT', complaintKind: 'DUPLICATE_FORM', title: '重复填报', content: '与人口表重复' } },
        cadreM,
      )
    ).data!.fileFeedback;
    expect(fileFeedback.fromMonitoringPoint).toBe(true);
    const monitored = (await server.gql(LIST, { f: { monitoringPoint: true } }, office)).data!.feedbackList;
    expect(monitored.items.map((item: any) => item.id)).toEqual([fileFeedback.id]);
    const others = (await server.gql(LIST, { f: { monitoringPoint: false } }, office)).data!.feedbackList;
    expect(others.items.map((item: any) => item.id)).not.toContain(fileFeedback.id);
    expect(others.totalItems + monitored.totalItems).toBe(await totalFor(office));
    const open = (await server.gql(LIST, { f: { status: 'OPEN', type: 'COMPLAINT', complaintKind: 'DUPLICATE_FORM' } }, office)).data!
      .feedbackList;
    expect(open.items.map((item: any) => item.id)).toEqual([fileFeedback.id]);
  });

  it('the list costs the same number of SQL statements for 1 item as for 50', async () => {
    const villages = (await server.gql(VILLAGES, {}, admin)).data!.regions;
    const office2 = await server.login('jianfuban2');
    const filers = await Promise.all(
      villages
        .filter((_, i) => i % 37 === 5)
        .slice(0, 6)
        .map((village) => server.login(`cun_${village.code}`)),
    );
    const certificates = (
      await server.gql(
        graphql(`
          {
            publicListItems(list: CERTIFICATE) {
              id
            }
          }
        `),
      )
    ).data!.publicListItems;
    for (let i = 0; i < 54; i++) {
      // Half name a certificate of the public list, so the nested item loads for many rows.
      const publicListItemId = i % 2 ? certificates[i % certificates.length].id : undefined;
      const res = await server.gql(
        FILE,
        {
          i: {
            type: 'COMPLAINT',
            complaintKind: 'OTHER',
            title: `反馈 ${i}`,
            content: '内容',
            departmentId: departmentId + (i % 5),
            publicListItemId,
          },
        },
        filers[i % filers.length],
      );
      expect(res.errors).toBeUndefined();
      // Some answered, by either reviewer, so the nested user fields load for many rows.
      if (i % 3 === 0) {
        const by = i % 2 ? office : office2;
        await server.gql(RESPOND, { id: res.data!.fileFeedback.id, response: '已答复' }, by);
        if (i % 9 === 0) await server.gql(RESOLVE, { id: res.data!.fileFeedback.id }, by);
      }
    }
    const nPlusOneResult = await measureNPlusOne(server, {
      token: office,
      query: graphql(`
        query ($take: Int) {
          feedbackList(take: $take) {
            totalItems
            items {
              id
              region {
                name
                town {
                  name
                }
              }
              town {
                name
              }
              department {
                name
              }
              filedBy {
                displayName
                unit
              }
              acknowledgedBy {
                displayName
                unit
              }
              respondedBy {
                displayName
              }
              resolvedBy {
                displayName
              }
              publicListItem {
                name
              }
            }
          }
        }
      `),
      items: (value) => value.feedbackList.items,
    });
    expect(nPlusOneResult.large.items).toBe(50);
    expect(nPlusOneResult.large.queries).toBe(nPlusOneResult.small.queries);
  });
});
