import { expectError, startTestApp, type TestApp } from './support/harness.js';
import { measureNPlusOne } from './support/n-plus-one.js';

interface V {
  id: number;
  code: string;
  name: string;
  parentId: number;
  monitoringPoint: boolean;
}

const FILE = `mutation($i: FileFeedbackInput!) { fileFeedback(input: $i) {
  id type complaintKind status title formId fromMonitoringPoint villageId townId
  region { name } town { name } department { name } filedBy { username } } }`;
const ONE = `query($id: Int!) { feedback(id: $id) { id status response respondedBy { displayName } resolution resolvedBy { username } acknowledgedBy { username } region { name } } }`;
const LIST = `query($f: FeedbackFilterInput, $take: Int) { feedbackList(filter: $f, take: $take) { totalItems items { id title fromMonitoringPoint } } }`;

describe('feedback: complaints and suggestions from villages and towns, answered by the office', () => {
  let t: TestApp;
  let admin: string, office: string, auditor: string, dept: string;
  let vA: V, vB: V, vC: V, vM: V;
  let cadreA: string, cadreB: string, cadreC: string, cadreM: string, townA: string, townC: string;
  let departmentId: number;
  const townUser = async (townId: number) =>
    (await t.gql(`{ users(role: TOWN_STAFF, regionId: ${townId}) { items { username } } }`, {}, admin)).data.users.items[0].username;

  beforeAll(async () => {
    t = await startTestApp('feedback');
    admin = await t.login('admin');
    office = await t.login('jianfuban');
    auditor = await t.login('shenji');
    const villages: V[] = (await t.gql(`{ regions(level: VILLAGE) { id code name parentId monitoringPoint } }`, {}, admin)).data.regions;
    const plain = villages.filter((v) => !v.monitoringPoint);
    vA = plain[0];
    vB = plain.find((v) => v.parentId === vA.parentId && v.id !== vA.id)!;
    vC = plain.find((v) => v.parentId !== vA.parentId)!;
    vM = villages.find((v) => v.monitoringPoint && v.parentId !== vA.parentId)!;
    expect([vA, vB, vC, vM].every(Boolean)).toBe(true);
    [cadreA, cadreB, cadreC, cadreM] = await Promise.all([vA, vB, vC, vM].map((v) => t.login(`cun_${v.code}`)));
    townA = await t.login(await townUser(vA.parentId));
    townC = await t.login(await townUser(vC.parentId));
    const depts = (await t.gql(`{ departments { id name code } }`, {}, admin)).data.departments;
    departmentId = depts[0].id;
    const bm = (await t.gql(`{ users(role: DEPARTMENT_STAFF, departmentId: ${departmentId}) { items { username } } }`, {}, admin)).data
      .users.items[0].username;
    dept = await t.login(bm);
  });
  afterAll(() => t.close());

  const totalFor = async (token: string, f: Record<string, unknown> = {}) =>
    (await t.gql(LIST, { f }, token)).data.feedbackList.totalItems as number;

  let complaintId: number;
  it('a village files a complaint naming a department and a form', async () => {
    const r = await t.gql(
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
    expect(r.errors).toBeUndefined();
    const f = r.data.fileFeedback;
    complaintId = f.id;
    expect(f).toMatchObject({
      type: 'COMPLAINT',
      complaintKind: 'FORM_OUTSIDE_PLATFORM',
      status: 'OPEN',
      formId: 42,
      fromMonitoringPoint: false,
      villageId: vA.id,
      townId: vA.parentId,
      region: { name: vA.name },
      filedBy: { username: `cun_${vA.code}` },
    });
    expect(f.department.name).toBeTruthy();
    expect(f.town.name).toBeTruthy();
  });

  it('refuses bad input with field details and writes nothing', async () => {
    const before = await totalFor(office);
    const base = { type: 'COMPLAINT', complaintKind: 'OTHER', title: '标题', content: '内容' };
    const noKind = expectError(await t.gql(FILE, { i: { ...base, complaintKind: null } }, cadreA), 'BAD_USER_INPUT');
    expect(noKind.extensions.details).toEqual([{ field: 'complaintKind', message: expect.stringContaining('投诉须选择类别') }]);
    expectError(await t.gql(FILE, { i: { ...base, type: 'SUGGESTION' } }, cadreA), 'BAD_USER_INPUT');
    const dep = expectError(await t.gql(FILE, { i: { ...base, departmentId: 999999 } }, cadreA), 'BAD_USER_INPUT');
    expect(dep.extensions.details![0].field).toBe('departmentId');
    const blank = expectError(await t.gql(FILE, { i: { ...base, title: '   ' } }, cadreA), 'BAD_USER_INPUT');
    expect(blank.message).toContain('标题');
    expectError(await t.gql(FILE, { i: { ...base, formId: 0 } }, cadreA), 'BAD_USER_INPUT');
    expect(await totalFor(office)).toBe(before);
  });

  it('only villages and towns file; only the office handles; departments and auditors do not read', async () => {
    const i = { type: 'SUGGESTION', title: '建议', content: '内容' };
    expect(expectError(await t.gql(FILE, { i }, office), 'FORBIDDEN').message).toMatch(/无权/);
    expectError(await t.gql(FILE, { i }, dept), 'FORBIDDEN');
    expectError(await t.gql(`mutation { acknowledgeFeedback(id: ${complaintId}) { status } }`, {}, cadreA), 'FORBIDDEN');
    expectError(await t.gql(`mutation { respondToFeedback(id: ${complaintId}, response: "x") { status } }`, {}, townA), 'FORBIDDEN');
    expectError(await t.gql(LIST, {}, dept), 'FORBIDDEN');
    expectError(await t.gql(LIST, {}, auditor), 'FORBIDDEN');
    expectError(await t.gql(ONE, { id: complaintId }, dept), 'FORBIDDEN');
  });

  it('the office acknowledges, responds and resolves, each step only from the right state', async () => {
    const step = (m: string) => t.gql(`mutation { ${m} { status } }`, {}, office);
    expect(expectError(await step(`resolveFeedback(id: ${complaintId})`), 'CONFLICT').message).toContain('待受理');
    expect((await step(`acknowledgeFeedback(id: ${complaintId})`)).data.acknowledgeFeedback.status).toBe('ACKNOWLEDGED');
    expect(expectError(await step(`acknowledgeFeedback(id: ${complaintId})`), 'CONFLICT').message).toContain('已受理');
    expectError(await step(`respondToFeedback(id: ${complaintId}, response: "  ")`), 'BAD_USER_INPUT');
    const answer = '已责成该局停止平台外填报，相关数据改由平台共享。';
    expect((await step(`respondToFeedback(id: ${complaintId}, response: "${answer}")`)).data.respondToFeedback.status).toBe('RESPONDED');
    expectError(await step(`respondToFeedback(id: ${complaintId}, response: "再答复")`), 'CONFLICT');
    expect((await step(`resolveFeedback(id: ${complaintId}, resolution: "已整改")`)).data.resolveFeedback.status).toBe('RESOLVED');
    expectError(await step(`resolveFeedback(id: ${complaintId})`), 'CONFLICT');
    expectError(await step(`acknowledgeFeedback(id: 999999)`), 'NOT_FOUND');

    // The filer and its town see the answer.
    for (const token of [cadreA, townA]) {
      const seen = (await t.gql(ONE, { id: complaintId }, token)).data.feedback;
      expect(seen).toMatchObject({ status: 'RESOLVED', response: answer, resolution: '已整改', region: { name: vA.name } });
      expect(seen.respondedBy.displayName).toContain('减负办');
      expect(seen).toMatchObject({ acknowledgedBy: { username: 'jianfuban' }, resolvedBy: { username: 'jianfuban' } });
    }
  });

  it('each step is in the audit log, with who and what', async () => {
    const r = await t.gql(
      `{ auditEvents(filter: { objectType: "feedback", objectId: "${complaintId}" }) { items { action username outcome } } }`,
      {},
      auditor,
    );
    expect(r.data.auditEvents.items.map((e: any) => `${e.action}:${e.username}`).reverse()).toEqual([
      `feedback.file:cun_${vA.code}`,
      'feedback.acknowledge:jianfuban',
      'feedback.respond:jianfuban',
      'feedback.resolve:jianfuban',
    ]);
  });

  it('a village sees only its own feedback; a town its own and its villages; the office all', async () => {
    const town = await t.gql(
      FILE,
      { i: { type: 'COMPLAINT', complaintKind: 'UNREASONABLE_DEADLINE', title: '时限太紧', content: '要求当天报送' } },
      townA,
    );
    const townItem = town.data.fileFeedback;
    expect(townItem).toMatchObject({ villageId: null, townId: vA.parentId, fromMonitoringPoint: false });
    const fromC = (await t.gql(FILE, { i: { type: 'SUGGESTION', title: '建议合并表格', content: '两张表可合并' } }, cadreC)).data
      .fileFeedback;

    const ids = async (token: string) => (await t.gql(LIST, { take: 200 }, token)).data.feedbackList.items.map((f: any) => f.id).sort();
    expect(await ids(cadreA)).toEqual([complaintId]);
    expect(await ids(cadreB)).toEqual([]);
    expect(await ids(cadreC)).toEqual([fromC.id]);
    expect(await ids(townA)).toEqual([complaintId, townItem.id].sort());
    expect(await ids(townC)).toEqual([fromC.id]);
    expect(await ids(office)).toEqual([complaintId, townItem.id, fromC.id].sort());
    // A filter cannot widen the scope.
    expect(await totalFor(cadreB, { villageId: vA.id })).toBe(0);
    expect(await totalFor(townC, { townId: vA.parentId })).toBe(0);

    // By id: another village's (same town), the town's own, another town's — all refused.
    expect(expectError(await t.gql(ONE, { id: complaintId }, cadreB), 'FORBIDDEN').message).toContain('无权');
    expectError(await t.gql(ONE, { id: townItem.id }, cadreA), 'FORBIDDEN');
    expectError(await t.gql(ONE, { id: complaintId }, cadreC), 'FORBIDDEN');
    expectError(await t.gql(ONE, { id: fromC.id }, townA), 'FORBIDDEN');
    expect((await t.gql(ONE, { id: fromC.id }, office)).data.feedback.id).toBe(fromC.id);
    expect((await t.gql(ONE, { id: fromC.id }, await t.login('lingdao'))).data.feedback.id).toBe(fromC.id);
  });

  it('feedback from monitoring-point villages is flagged and can be shown apart', async () => {
    const m = (
      await t.gql(FILE, { i: { type: 'COMPLAINT', complaintKind: 'DUPLICATE_FORM', title: '重复填报', content: '与人口表重复' } }, cadreM)
    ).data.fileFeedback;
    expect(m.fromMonitoringPoint).toBe(true);
    const monitored = (await t.gql(LIST, { f: { monitoringPoint: true } }, office)).data.feedbackList;
    expect(monitored.items.map((f: any) => f.id)).toEqual([m.id]);
    const others = (await t.gql(LIST, { f: { monitoringPoint: false } }, office)).data.feedbackList;
    expect(others.items.map((f: any) => f.id)).not.toContain(m.id);
    expect(others.totalItems + monitored.totalItems).toBe(await totalFor(office));
    const open = (await t.gql(LIST, { f: { status: 'OPEN', type: 'COMPLAINT', complaintKind: 'DUPLICATE_FORM' } }, office)).data
      .feedbackList;
    expect(open.items.map((f: any) => f.id)).toEqual([m.id]);
  });

  it('the list costs the same number of SQL statements for 1 item as for 50', async () => {
    const villages: V[] = (await t.gql(`{ regions(level: VILLAGE) { id code name parentId monitoringPoint } }`, {}, admin)).data.regions;
    const office2 = await t.login('jianfuban2');
    const filers = await Promise.all(
      villages
        .filter((_, i) => i % 37 === 5)
        .slice(0, 6)
        .map((v) => t.login(`cun_${v.code}`)),
    );
    for (let i = 0; i < 54; i++) {
      const r = await t.gql(
        FILE,
        { i: { type: 'COMPLAINT', complaintKind: 'OTHER', title: `反馈 ${i}`, content: '内容', departmentId: departmentId + (i % 5) } },
        filers[i % filers.length],
      );
      expect(r.errors).toBeUndefined();
      // Some answered, by either reviewer, so the nested user fields load for many rows.
      if (i % 3 === 0) {
        const by = i % 2 ? office : office2;
        await t.gql(`mutation { respondToFeedback(id: ${r.data.fileFeedback.id}, response: "已答复") { id } }`, {}, by);
        if (i % 9 === 0) await t.gql(`mutation { resolveFeedback(id: ${r.data.fileFeedback.id}) { id } }`, {}, by);
      }
    }
    const r = await measureNPlusOne(t, {
      token: office,
      query: `query($take: Int) { feedbackList(take: $take) { totalItems items {
        id region { name town { name } } town { name } department { name } filedBy { username region { name } } acknowledgedBy { username } respondedBy { username } resolvedBy { username } } } }`,
      items: (d) => d.feedbackList.items,
    });
    expect(r.large.items).toBe(50);
    expect(r.large.queries).toBe(r.small.queries);
  });
});
