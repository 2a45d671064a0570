import { DEMO_DUTIES, demoDutyLead } from '../src/duties/demo-duties.js';
import { LIFE_FORMS } from '../src/demo/year-of-life/year-of-life.data.js';
import { DEPARTMENT_NAMES } from '../src/departments/zaoyang-departments.js';
import { expectError, startTestApp, type TestApp } from './support/harness.js';
import { graphql } from './support/graphql.js';

const DUTIES = graphql(`
  query Duties($departmentId: Int, $list: DutyList) {
    dutyItems(departmentId: $departmentId, list: $list, take: 200) {
      totalItems
      items {
        id
        list
        groupName
        name
        departmentId
        department {
          id
          name
        }
      }
    }
  }
`);

describe('duty items: each has its 牵头部门, and a department finds its own', () => {
  let server: TestApp;
  let mzj: string;
  let admin: string;
  let mzjId: number;
  beforeAll(async () => {
    server = await startTestApp('duty-items');
    [mzj, admin] = await Promise.all([server.login('bm_mzj'), server.login('admin')]);
    mzjId = (
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
    ).data!.me.departmentId!;
  });
  afterAll(() => server.close());

  it('lists 市民政局’s own items (低保, 养老 …) under 牵头部门 市民政局, and the filter gives exactly those', async () => {
    const all = (await server.gql(DUTIES, {}, mzj)).data!.dutyItems;
    expect(all.totalItems).toBe(133);
    const led = all.items.filter((item) => item.department?.name === '市民政局');
    expect(led.map((item) => item.name)).toEqual(expect.arrayContaining(['低保对象初审与公示', '留守老人关爱', '协助开展临时救助工作']));
    // A village's 主责 item of another department is not 市民政局's.
    expect(all.items.find((item) => item.name === '耕地保护与撂荒治理')!.department).toMatchObject({ name: '市农业农村局' });
    expect(all.items.find((item) => item.name === '家庭医生签约协助')!.department).toMatchObject({ name: '市卫生健康局' });

    const filtered = (await server.gql(DUTIES, { departmentId: mzjId }, mzj)).data!.dutyItems;
    expect(filtered.totalItems).toBe(led.length);
    expect(filtered.items.map((item) => item.id)).toEqual(led.map((item) => item.id));
    expect(new Set(filtered.items.map((item) => item.department!.id))).toEqual(new Set([mzjId]));
    // Combined with the list filter.
    const main = (await server.gql(DUTIES, { departmentId: mzjId, list: 'MAIN' }, mzj)).data!.dutyItems;
    expect(main.items.map((item) => item.name)).toContain('低保对象初审与公示');
    expect(main.items.every((item) => item.list === 'MAIN' && item.departmentId === mzjId)).toBe(true);
  });

  it('every department that designs a form in the demo’s year of life leads items of its own', () => {
    const leads = new Set(DEMO_DUTIES.flatMap((group) => group.items.map((name) => demoDutyLead(group.list, name, group.group))));
    expect([...new Set(LIFE_FORMS.map((form) => form.dept))].filter((dept) => !leads.has(dept))).toEqual([]);
    // Each lead is a demo department.
    expect([...leads].filter((dept) => !DEPARTMENT_NAMES.includes(dept))).toEqual([]);
  });

  it('resolves the departments of all 133 items in a few statements (batched, no N+1)', async () => {
    const { result, queries } = await server.countQueries(() => server.gql(DUTIES, {}, mzj));
    expect(new Set(result.data!.dutyItems.items.map((item) => item.departmentId)).size).toBeGreaterThan(20);
    expect(queries).toBeLessThanOrEqual(6);
  });

  it('lets the administrator set, change and clear an item’s 牵头部门; an unknown department is refused in Chinese and changes nothing', async () => {
    const tjj = (
      await server.gql(
        graphql(`
          {
            departments {
              id
              name
            }
          }
        `),
        {},
        admin,
      )
    ).data!.departments.find((department) => department.name === '市统计局')!;
    const created = await server.gql(
      graphql(`
        mutation ($departmentId: Int) {
          createDutyItem(
            input: { list: ASSIST, groupName: "协助政府开展的公共事务", name: "协助开展住户调查工作", departmentId: $departmentId }
          ) {
            id
            department {
              name
            }
          }
        }
      `),
      { departmentId: tjj.id },
      admin,
    );
    expect(created.data!.createDutyItem.department).toEqual({ name: '市统计局' });
    const id = created.data!.createDutyItem.id;

    const UPDATE = graphql(`
      mutation ($id: Int!, $departmentId: Int) {
        updateDutyItem(id: $id, input: { departmentId: $departmentId }) {
          name
          departmentId
          department {
            name
          }
        }
      }
    `);
    const refused = expectError(await server.gql(UPDATE, { id, departmentId: 999_999 }, admin), 'BAD_USER_INPUT');
    expect(refused.message).toContain('牵头部门不存在');
    const unknownOnCreate = expectError(
      await server.gql(
        graphql(`
          mutation {
            createDutyItem(input: { list: MAIN, groupName: "统计", name: "不该存在的事项", departmentId: 999999 }) {
              id
            }
          }
        `),
        {},
        admin,
      ),
      'BAD_USER_INPUT',
    );
    expect(unknownOnCreate.message).toMatch(/牵头部门/);
    const after = (await server.gql(DUTIES, { departmentId: tjj.id }, admin)).data!.dutyItems.items;
    expect(after.map((item) => item.name)).toContain('协助开展住户调查工作');
    expect(after.map((item) => item.name)).not.toContain('不该存在的事项');

    const moved = (await server.gql(UPDATE, { id, departmentId: mzjId }, admin)).data!.updateDutyItem;
    expect(moved).toMatchObject({ name: '协助开展住户调查工作', department: { name: '市民政局' } });
    const cleared = (await server.gql(UPDATE, { id, departmentId: null }, admin)).data!.updateDutyItem;
    expect(cleared).toMatchObject({ departmentId: null, department: null });
    // A department cannot set it.
    expectError(await server.gql(UPDATE, { id, departmentId: mzjId }, mzj), 'FORBIDDEN');
  });
});
