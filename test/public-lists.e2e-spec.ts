import { expectError, startTestApp, type TestApp } from './support/harness.js';
import { graphql, type Input } from './support/graphql.js';

const PUBLISHED = graphql(`
  query ($list: PublicList) {
    publicListItems(list: $list) {
      id
      list
      name
      category
      basis
      alternative
      note
      sortOrder
      retiredAt
    }
  }
`);
const MANAGED = graphql(`
  query ($list: PublicList!) {
    managedPublicList(list: $list) {
      id
      name
      sortOrder
      retiredAt
    }
  }
`);
const CREATE = graphql(`
  mutation ($list: PublicList!, $i: PublicListItemInput!) {
    createPublicListItem(list: $list, input: $i) {
      id
      list
      name
      category
      basis
      alternative
      note
      sortOrder
    }
  }
`);
const UPDATE = graphql(`
  mutation ($id: Int!, $i: PublicListItemInput!) {
    updatePublicListItem(id: $id, input: $i) {
      id
      name
      basis
      alternative
      note
    }
  }
`);
const RETIRE = graphql(`
  mutation ($id: Int!) {
    retirePublicListItem(id: $id) {
      id
      retiredAt
    }
  }
`);
const RESTORE = graphql(`
  mutation ($id: Int!) {
    restorePublicListItem(id: $id) {
      id
      retiredAt
    }
  }
`);
const REORDER = graphql(`
  mutation ($list: PublicList!, $ids: [Int!]!) {
    reorderPublicList(list: $list, ids: $ids) {
      id
      sortOrder
    }
  }
`);
const FILE = graphql(`
  mutation ($i: FileFeedbackInput!) {
    fileFeedback(input: $i) {
      id
      publicListItemId
    }
  }
`);
const FEEDBACK = graphql(`
  query ($id: Int!) {
    feedback(id: $id) {
      id
      publicListItem {
        id
        name
        list
        retiredAt
      }
    }
  }
`);

const CERTIFICATE: Input<'PublicListItemInput'> = {
  name: '房屋租赁证明',
  basis: '《枣阳市村(社区)减负清单》',
  alternative: '凭租赁合同办理，或向住建部门查询租赁备案',
};

describe('public lists: certificates villages are not asked to issue and the nameplate standard, kept by the office', () => {
  let server: TestApp;
  let office: string;
  let cadre: string;
  beforeAll(async () => {
    server = await startTestApp('public-lists');
    office = await server.login('jianfuban');
    cadre = await server.login('cun_420683003200');
  });
  afterAll(() => server.close());

  const published = async (list: 'CERTIFICATE' | 'NAMEPLATE') => (await server.gql(PUBLISHED, { list })).data!.publicListItems;
  const rows = async () => Number((await server.dataSource.query('SELECT COUNT(*) AS n FROM public_list_item'))[0].n);
  const events = async (action: string) =>
    Number((await server.dataSource.query('SELECT COUNT(*) AS n FROM audit_event WHERE action = ?', [action]))[0].n);

  it('shows anyone, without a token, the demo lists in the office’s order: the certificates with basis and alternative, and 4+8+2 plates', async () => {
    const res = await server.gql(PUBLISHED, {});
    expect(res.errors).toBeUndefined();
    const certificates = await published('CERTIFICATE');
    expect(certificates.length).toBeGreaterThanOrEqual(20);
    expect(certificates.map((item) => item.name)).toEqual(expect.arrayContaining(['亲属关系证明', '无犯罪记录证明', '婚姻状况证明']));
    for (const item of certificates) {
      expect(item).toMatchObject({ list: 'CERTIFICATE', category: null, retiredAt: null });
      expect(item.basis).toBeTruthy();
      expect(item.alternative).toBeTruthy();
    }
    expect(certificates.map((item) => item.sortOrder)).toEqual(certificates.map((_, i) => i + 1));
    const plates = await published('NAMEPLATE');
    const count = (category: string) => plates.filter((plate) => plate.category === category).length;
    expect([count('REQUIRED'), count('OPTIONAL'), count('SIGN')]).toEqual([4, 8, 2]);
    expect(plates.filter((plate) => plate.category === 'REQUIRED').map((plate) => plate.name)).toEqual([
      expect.stringContaining('中共'),
      expect.stringContaining('村民委员会'),
      expect.stringContaining('村务监督委员会'),
      expect.stringContaining('股份经济合作社'),
    ]);
    expect(res.data!.publicListItems).toHaveLength(certificates.length + plates.length);
  });

  it('lets the office add, edit, retire, restore and reorder; the public sees only items in use; each step is audited', async () => {
    const before = await published('CERTIFICATE');
    const created = await server.gql(CREATE, { list: 'CERTIFICATE', i: { ...CERTIFICATE, name: ' 房屋租赁证明 ' } }, office);
    expect(created.errors).toBeUndefined();
    const item = created.data!.createPublicListItem;
    expect(item).toMatchObject({ name: '房屋租赁证明', category: null, sortOrder: before.length + 1 });
    expect((await published('CERTIFICATE')).at(-1)!.name).toBe('房屋租赁证明');

    const edited = await server.gql(UPDATE, { id: item.id, i: { alternative: '凭租赁合同办理', note: '2026 年增补' } }, office);
    expect(edited.data!.updatePublicListItem).toMatchObject({
      name: '房屋租赁证明',
      basis: CERTIFICATE.basis,
      alternative: '凭租赁合同办理',
      note: '2026 年增补',
    });

    const plate = await server.gql(CREATE, { list: 'NAMEPLATE', i: { name: '人民调解委员会', category: 'OPTIONAL' } }, office);
    expect(plate.data!.createPublicListItem).toMatchObject({ list: 'NAMEPLATE', category: 'OPTIONAL', basis: null, alternative: null });

    const retired = await server.gql(RETIRE, { id: item.id }, office);
    expect(retired.data!.retirePublicListItem.retiredAt).toBeTruthy();
    expect((await published('CERTIFICATE')).map((x) => x.id)).not.toContain(item.id);
    const managed = (await server.gql(MANAGED, { list: 'CERTIFICATE' }, office)).data!.managedPublicList;
    expect(managed.find((x) => x.id === item.id)!.retiredAt).toBeTruthy();
    expectError(await server.gql(RETIRE, { id: item.id }, office), 'CONFLICT');
    const restored = await server.gql(RESTORE, { id: item.id }, office);
    expect(restored.data!.restorePublicListItem.retiredAt).toBeNull();
    expect((await published('CERTIFICATE')).map((x) => x.id)).toContain(item.id);

    // The new item first, the rest as they were.
    const ids = [item.id, ...managed.filter((x) => x.id !== item.id).map((x) => x.id)];
    const reordered = await server.gql(REORDER, { list: 'CERTIFICATE', ids }, office);
    expect(reordered.errors).toBeUndefined();
    expect((await published('CERTIFICATE')).map((x) => x.id)).toEqual(ids);

    for (const action of ['publicList.create', 'publicList.update', 'publicList.retire', 'publicList.restore', 'publicList.reorder'])
      expect(await events(action)).toBeGreaterThan(0);
    const [audit] = await server.dataSource.query(
      "SELECT object_type AS objectType, object_id AS objectId FROM audit_event WHERE action = 'publicList.retire'",
    );
    expect(audit).toMatchObject({ objectType: 'public_list_item', objectId: String(item.id) });
  });

  it('refuses every other role (and no token); nothing changes', async () => {
    const count = await rows();
    const [first] = await published('CERTIFICATE');
    for (const username of ['admin', 'cun_420683003200', 'bm_mzj', 'lingdao', 'shenji', 'anquan']) {
      const token = await server.login(username);
      const refused = expectError(
        await server.gql(CREATE, { list: 'CERTIFICATE', i: { ...CERTIFICATE, name: `证明${username}` } }, token),
        'FORBIDDEN',
      );
      expect(refused.message).toMatch(/[\u4e00-\u9fa5]/);
      expectError(await server.gql(UPDATE, { id: first.id, i: { name: '改名' } }, token), 'FORBIDDEN');
      expectError(await server.gql(RETIRE, { id: first.id }, token), 'FORBIDDEN');
      expectError(await server.gql(MANAGED, { list: 'CERTIFICATE' }, token), 'FORBIDDEN');
    }
    expectError(await server.gql(CREATE, { list: 'CERTIFICATE', i: CERTIFICATE }), 'UNAUTHENTICATED');
    expect(await rows()).toBe(count);
    expect((await published('CERTIFICATE'))[0]).toEqual(first);
  });

  it('answers bad input with BAD_USER_INPUT in Chinese, naming the fields, and changes nothing', async () => {
    const count = await rows();
    const audited = await events('publicList.create');
    const bad = async (list: 'CERTIFICATE' | 'NAMEPLATE', i: Input<'PublicListItemInput'>, field: string, text: RegExp) => {
      const error = expectError(await server.gql(CREATE, { list, i }, office), 'BAD_USER_INPUT');
      expect(error.message).toMatch(text);
      expect(error.extensions.details!.map((detail) => detail.field)).toContain(field);
    };
    await bad('CERTIFICATE', { ...CERTIFICATE, name: '   ' }, 'name', /名称不能为空/);
    await bad('CERTIFICATE', { name: '收入证明', basis: '依据' }, 'alternative', /替代方式/);
    await bad('CERTIFICATE', { name: '收入证明', alternative: '凭流水' }, 'basis', /依据/);
    await bad('CERTIFICATE', { ...CERTIFICATE, name: '收入证明', category: 'REQUIRED' }, 'category', /不填挂牌类别/);
    await bad('NAMEPLATE', { name: '计生协会' }, 'category', /挂牌类别/);
    await bad('NAMEPLATE', { name: '计生协会', category: 'OPTIONAL', basis: '某文件' }, 'basis', /不填依据/);
    await bad('CERTIFICATE', { ...CERTIFICATE, name: '证'.repeat(65) }, 'name', /64/);
    const duplicate = expectError(
      await server.gql(CREATE, { list: 'CERTIFICATE', i: { ...CERTIFICATE, name: '亲属关系证明' } }, office),
      'CONFLICT',
    );
    expect(duplicate.message).toContain('亲属关系证明');

    const [first, second] = await published('CERTIFICATE');
    expectError(await server.gql(UPDATE, { id: first.id, i: { alternative: null } }, office), 'BAD_USER_INPUT');
    expectError(await server.gql(UPDATE, { id: first.id, i: { name: second.name } }, office), 'CONFLICT');
    expectError(await server.gql(UPDATE, { id: 999999, i: { name: '无' } }, office), 'NOT_FOUND');
    const partial = expectError(await server.gql(REORDER, { list: 'CERTIFICATE', ids: [second.id, first.id] }, office), 'BAD_USER_INPUT');
    expect(partial.message).toMatch(/全部事项/);
    const all = (await server.gql(MANAGED, { list: 'CERTIFICATE' }, office)).data!.managedPublicList.map((x) => x.id);
    expectError(await server.gql(REORDER, { list: 'CERTIFICATE', ids: [...all.slice(1), all[1]] }, office), 'BAD_USER_INPUT');

    expect(await rows()).toBe(count);
    expect(await events('publicList.create')).toBe(audited);
    expect((await published('CERTIFICATE')).slice(0, 2)).toEqual([first, second]);
  });

  it('lets a complaint name a certificate of the list; the office sees it; unknown or retired items are refused and nothing is filed', async () => {
    const certificates = await published('CERTIFICATE');
    const kinship = certificates.find((item) => item.name === '亲属关系证明')!;
    const complaint: Input<'FileFeedbackInput'> = {
      type: 'COMPLAINT',
      complaintKind: 'OTHER',
      title: '要求村里开具清单外证明',
      content: '某保险公司要求村委会开具亲属关系证明。',
    };
    const filed = await server.gql(FILE, { i: { ...complaint, publicListItemId: kinship.id } }, cadre);
    expect(filed.errors).toBeUndefined();
    const id = filed.data!.fileFeedback.id;
    expect(filed.data!.fileFeedback.publicListItemId).toBe(kinship.id);
    const seen = (await server.gql(FEEDBACK, { id }, office)).data!.feedback;
    expect(seen.publicListItem).toMatchObject({ id: kinship.id, name: '亲属关系证明', list: 'CERTIFICATE' });

    const feedbackRows = async () => Number((await server.dataSource.query('SELECT COUNT(*) AS n FROM feedback'))[0].n);
    const count = await feedbackRows();
    const unknown = expectError(await server.gql(FILE, { i: { ...complaint, publicListItemId: 999999 } }, cadre), 'BAD_USER_INPUT');
    expect(unknown.extensions.details).toEqual([{ field: 'publicListItemId', message: expect.stringContaining('不存在') }]);
    const dog = certificates.find((item) => item.name === '居民养犬证明')!;
    await server.gql(RETIRE, { id: dog.id }, office);
    const retired = expectError(await server.gql(FILE, { i: { ...complaint, publicListItemId: dog.id } }, cadre), 'BAD_USER_INPUT');
    expect(retired.message).toMatch(/居民养犬证明.*已停用/);
    expect(await feedbackRows()).toBe(count);

    // An item retired after the complaint still shows on it.
    await server.gql(RETIRE, { id: kinship.id }, office);
    const later = (await server.gql(FEEDBACK, { id }, office)).data!.feedback;
    expect(later.publicListItem).toMatchObject({ name: '亲属关系证明', retiredAt: expect.any(String) });
  });
});
