import { Department } from '../src/departments/department.entity.js';
import { Region } from '../src/regions/region.entity.js';
import { User } from '../src/identity/user.entity.js';
import { DEMO_PASSWORD, expectError, startTestApp, type TestApp } from './support/harness.js';
import { graphql, type Input } from './support/graphql.js';
import { admittedForm, dispatchTask, villageAccounts } from './support/dispatch.js';

const USERS = graphql(`
  query ($q: String, $r: Role, $sort: UserSort, $desc: Boolean, $skip: Int, $take: Int) {
    users(search: $q, role: $r, sort: $sort, descending: $desc, skip: $skip, take: $take) {
      totalItems
      items {
        id
        username
        displayName
        role
        regionId
        departmentId
        lastLoginAt
      }
    }
  }
`);
const CREATE = graphql(`
  mutation ($i: CreateUserInput!) {
    createUser(input: $i) {
      id
    }
  }
`);

// Issue 16 item 12: among 600-odd accounts the administrator finds one by username, name, unit or role,
// page by page, sorted by the server.
describe('user management: search by username, name, unit and role; server-side sort and paging', () => {
  let server: TestApp;
  let security: string;
  let tupu: Region;
  let mzj: Department;

  const search = async (variables: {
    q?: string;
    r?: Input<'Role'>;
    sort?: Input<'UserSort'>;
    desc?: boolean;
    skip?: number;
    take?: number;
  }) => {
    const result = await server.gql(USERS, variables, security);
    if (result.errors) throw new Error(JSON.stringify(result.errors));
    return result.data!.users;
  };
  const usernames = async (text: string) => (await search({ q: text, take: 200 })).items.map((user) => user.username);

  beforeAll(async () => {
    server = await startTestApp('list-search');
    security = await server.login('anquan');
    tupu = await server.dataSource.getRepository(Region).findOneByOrFail({ code: '420683003200' });
    mzj = await server.dataSource.getRepository(Department).findOneByOrFail({ name: '市民政局' });
    // Names that do not spell their unit: only the unit search can find them.
    for (const i of [
      { username: 'wang_xm', displayName: '王小明', role: 'VILLAGE_CADRE' as const, regionId: tupu.id },
      { username: 'li_si', displayName: '李四', role: 'DEPARTMENT_STAFF' as const, departmentId: mzj.id },
    ]) {
      const created = await server.gql(CREATE, { i: { ...i, password: DEMO_PASSWORD } }, security);
      if (created.errors) throw new Error(JSON.stringify(created.errors));
    }
  });
  afterAll(() => server?.close());

  describe('the feedback list searches titles and contents on the server', () => {
    const LIST = graphql(`
      query ($q: String) {
        feedbackList(filter: { search: $q }, take: 200) {
          totalItems
          items {
            title
          }
        }
      }
    `);
    it('finds feedback by a word of its title or content, in the caller’s scope', async () => {
      const accounts = await villageAccounts(server);
      const cadre = await server.login(accounts.cadre);
      for (const [title, content] of [
        ['微信群要求重复填报', '某部门通过微信群要求填报低保户名单，与平台上的表重复'],
        ['时限太短', '要求两天内报齐全村人口，来不及核实'],
      ]) {
        const filed = await server.gql(
          graphql(`
            mutation ($i: FileFeedbackInput!) {
              fileFeedback(input: $i) {
                id
              }
            }
          `),
          { i: { type: 'SUGGESTION', title, content } },
          cadre,
        );
        if (filed.errors) throw new Error(JSON.stringify(filed.errors));
      }
      const office = await server.login('jianfuban');
      const titles = async (text: string, token = office) => {
        const result = await server.gql(LIST, { q: text }, token);
        if (result.errors) throw new Error(JSON.stringify(result.errors));
        return { total: result.data!.feedbackList.totalItems, titles: result.data!.feedbackList.items.map((item) => item.title) };
      };
      expect(await titles('微信群')).toEqual({ total: 1, titles: ['微信群要求重复填报'] });
      expect(await titles('来不及核实')).toEqual({ total: 1, titles: ['时限太短'] });
      expect((await titles('要求')).total).toBe(2);
      expect((await titles('%')).total).toBe(0);
      const neighbour = await server.dataSource
        .getRepository(User)
        .createQueryBuilder('u')
        .where("u.role = 'VILLAGE_CADRE' AND u.regionId <> :v", { v: accounts.village.id })
        .getOneOrFail();
      expect((await titles('微信群', await server.login(neighbour.username))).total).toBe(0);
    });
  });

  describe('the task list searches form titles and periods on the server', () => {
    const TASKS = graphql(`
      query ($q: String, $take: Int) {
        tasks(search: $q, take: $take) {
          totalItems
          items {
            period
            form {
              title
            }
          }
        }
      }
    `);
    const found = async (text: string, token: string) => {
      const result = await server.gql(TASKS, { q: text, take: 200 }, token);
      if (result.errors) throw new Error(JSON.stringify(result.errors));
      return {
        total: result.data!.tasks.totalItems,
        tasks: result.data!.tasks.items.map((task) => `${task.form.title} ${task.period}`).sort(),
      };
    };
    let mzj: string;
    let town: string;
    let otherTown: string;

    beforeAll(async () => {
      const accounts = await villageAccounts(server);
      const field: Input<'FieldInput'>[] = [{ key: 'n', label: '户数', valueType: 'INTEGER', section: 'VILLAGE' }];
      const dibao = (await admittedForm(server, '低保户季报', field)).formId;
      const economy = (await admittedForm(server, '村集体经济_季报', field)).formId;
      await dispatchTask(server, dibao, '2025-Q1', [accounts.village.parentId!]);
      await dispatchTask(server, dibao, '2025-Q2', [accounts.village.parentId!]);
      await dispatchTask(server, economy, '2025-Q1', [accounts.village.parentId!]);
      mzj = await server.login('bm_mzj');
      town = await server.login(accounts.town);
      const other = await server.dataSource
        .getRepository(User)
        .createQueryBuilder('u')
        .where("u.role = 'TOWN_STAFF' AND u.regionId <> :t", { t: accounts.village.parentId })
        .getOneOrFail();
      otherTown = await server.login(other.username);
    });

    it('by part of the form title, by period (any case), with the total', async () => {
      expect(await found('低保', mzj)).toEqual({ total: 2, tasks: ['低保户季报 2025-Q1', '低保户季报 2025-Q2'] });
      expect(await found('2025-q1', mzj)).toEqual({ total: 2, tasks: ['低保户季报 2025-Q1', '村集体经济_季报 2025-Q1'] });
      expect((await found('季报', mzj)).total).toBe(3);
      // _ is a letter, not a wildcard.
      expect((await found('经济_', mzj)).tasks).toEqual(['村集体经济_季报 2025-Q1']);
      expect((await found('济季', mzj)).total).toBe(0);
    });

    it('within the caller’s scope: the town sees the tasks of its villages, another town none, another department none', async () => {
      expect((await found('低保', town)).total).toBe(2);
      expect((await found('低保', otherTown)).total).toBe(0);
      expect((await found('低保', await server.login('bm_nyncj'))).total).toBe(0);
    });
  });

  it('finds an account by part of its username or its name, with the total', async () => {
    expect(await usernames('cun_420683003200')).toEqual(['cun_420683003200']);
    expect(await usernames('小明')).toEqual(['wang_xm']);
    // % and _ are letters here, not wildcards.
    expect(await usernames('%')).toEqual([]);
    expect(await usernames('g_x')).toEqual(['wang_xm']);
    const all = await server.dataSource.getRepository(User).count();
    expect((await search({})).totalItems).toBe(all);
    expect(all).toBeGreaterThan(500);
  });

  it('finds accounts by unit: a village, a department, and a town with the villages under it', async () => {
    expect((await usernames('土铺村')).sort()).toEqual(['cun_420683003200', 'wang_xm']);
    expect((await usernames('民政局')).sort()).toEqual(['bm_mzj', 'li_si']);
    const town = await server.dataSource.getRepository(Region).findOneByOrFail({ id: tupu.parentId! });
    const inTown = (await search({ q: town.name, take: 200 })).items;
    expect(inTown.map((user) => user.username)).toEqual(expect.arrayContaining(['wang_xm', 'cun_420683003200']));
    const villages = new Set(
      (await server.dataSource.getRepository(Region).findBy({ parentId: town.id })).map((village) => village.id).concat(town.id),
    );
    expect(inTown.every((user) => villages.has(user.regionId!))).toBe(true);
  });

  it('finds accounts by the role’s Chinese name, and combines the search with the role filter', async () => {
    expect(await usernames('领导查看')).toEqual(['lingdao']);
    const cadres = await search({ q: '土铺', r: 'VILLAGE_CADRE', take: 200 });
    expect(cadres.items.map((user) => user.username).sort()).toEqual(['cun_420683003200', 'wang_xm']);
    expect(await usernames('没有这个人')).toEqual([]);
  });

  it('pages a long result: a page of 5, the next page, and the total of all matches', async () => {
    const first = await search({ q: '村', take: 5 });
    const second = await search({ q: '村', take: 5, skip: 5 });
    expect(first.totalItems).toBeGreaterThan(500);
    expect(second.totalItems).toBe(first.totalItems);
    expect(first.items).toHaveLength(5);
    expect(second.items).toHaveLength(5);
    expect(new Set([...first.items, ...second.items].map((user) => user.id)).size).toBe(10);
  });

  it('sorts on the server: by username either way, and the most recent log-in first', async () => {
    const up = (await search({ q: '环城', sort: 'USERNAME', take: 200 })).items.map((user) => user.username);
    expect(up).toEqual([...up].sort());
    const down = (await search({ q: '环城', sort: 'USERNAME', desc: true, take: 200 })).items.map((user) => user.username);
    expect(down).toEqual([...up].reverse());
    // Across pages too: the first page of the descending order starts with the last username of all matches.
    expect((await search({ q: '环城', sort: 'USERNAME', desc: true, take: 1 })).items[0].username).toBe(up[up.length - 1]);
    // MySQL keeps log-in times to the second: each of the two sign-ins in a second of its own, after every earlier
    // one (the suite signed in as jianfuban moments before; in the same second the two tied and either came first).
    const nextSecond = () => new Promise((resolve) => setTimeout(resolve, 1100));
    await nextSecond();
    await server.login('shenji');
    await nextSecond();
    await server.login('lingdao');
    const recent = (await search({ sort: 'LAST_LOGIN', desc: true, take: 3 })).items;
    expect(recent.map((user) => user.username).slice(0, 2)).toEqual(['lingdao', 'shenji']);
  });

  it('refuses an overlong search as BAD_USER_INPUT and the list to anyone but the administrator', async () => {
    expectError(await server.gql(USERS, { q: '村'.repeat(65) }, security), 'BAD_USER_INPUT');
    expectError(await server.gql(USERS, { q: '土铺' }, await server.login('jianfuban')), 'FORBIDDEN');
  });
});
