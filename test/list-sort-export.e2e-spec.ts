import { User } from '../src/identity/user.entity.js';
import { Role } from '../src/common/auth-user.js';
import { Form } from '../src/forms/form.entity.js';
import { startTestApp, type TestApp } from './support/harness.js';
import { graphql, type Input } from './support/graphql.js';
import { admittedForm } from './support/dispatch.js';

// Issue 16 item 12: the lists a clerk reaches for search, sort and count on the server.
describe('lists: review search and sort, form sort, user and task exports', () => {
  let server: TestApp;
  let office: string;
  const field: Input<'FieldInput'>[] = [{ key: 'n', label: '户数', valueType: 'INTEGER', section: 'VILLAGE' }];

  beforeAll(async () => {
    server = await startTestApp('list-sort-export');
    office = await server.login('jianfuban');
  });
  afterAll(() => server?.close());

  describe('准入审核: search by form title or department, server-side sort, in the caller’s scope', () => {
    const REQUESTS = graphql(`
      query ($q: String, $sort: AdmissionRequestSort, $desc: Boolean) {
        admissionRequests(search: $q, sort: $sort, descending: $desc, take: 200) {
          totalItems
          items {
            id
            submittedAt
            annualEntries
            status
            form {
              title
            }
            department {
              name
            }
          }
        }
      }
    `);
    const list = async (token: string, variables: { q?: string; sort?: Input<'AdmissionRequestSort'>; desc?: boolean }) => {
      const result = await server.gql(REQUESTS, variables, token);
      if (result.errors) throw new Error(JSON.stringify(result.errors));
      return result.data!.admissionRequests;
    };

    beforeAll(async () => {
      await admittedForm(server, '村级_养老服务_季报', field);
      await admittedForm(
        server,
        '村级残疾人补贴台账',
        [...field, { key: 'm', label: '人数', valueType: 'INTEGER', section: 'VILLAGE' }],
        'MONTHLY',
      );
    });

    it('finds requests by a part of the form title or the department name; the text is literal', async () => {
      const byTitle = await list(office, { q: '养老服务' });
      expect(byTitle.totalItems).toBe(1);
      expect(byTitle.items.map((item) => item.form?.title)).toEqual(['村级_养老服务_季报']);
      expect((await list(office, { q: '级_养' })).totalItems).toBe(1);
      expect((await list(office, { q: '%' })).totalItems).toBe(0);
      const byDepartment = await list(office, { q: '民政' });
      expect(byDepartment.totalItems).toBeGreaterThanOrEqual(2);
      expect(new Set(byDepartment.items.map((item) => item.department.name))).toEqual(new Set(['市民政局']));
      expect((await list(office, { q: '没有这个表' })).totalItems).toBe(0);
    });

    it('a department finds only its own requests', async () => {
      const mzj = await server.login('bm_mzj');
      expect((await list(mzj, { q: '养老服务' })).totalItems).toBe(1);
      const other = await server.dataSource
        .getRepository(User)
        .createQueryBuilder('u')
        .where('u.role = :role AND u.departmentId IS NOT NULL AND u.username <> :mzj', { role: Role.DEPARTMENT_STAFF, mzj: 'bm_mzj' })
        .getOneOrFail();
      const theirs = await server.login(other.username);
      expect((await list(theirs, { q: '养老服务' })).totalItems).toBe(0);
      expect((await list(theirs, { q: '民政' })).totalItems).toBe(0);
    });

    it('sorts the whole list on the server by submission time or yearly entries, both ways', async () => {
      const all = (await list(office, {})).items;
      expect(all.length).toBeGreaterThanOrEqual(2);
      const entries = (await list(office, { sort: 'ANNUAL_ENTRIES' })).items.map((item) => item.annualEntries);
      expect(entries).toEqual([...entries].sort((left, right) => left - right));
      expect(entries[0]).toBeLessThan(entries[entries.length - 1]);
      const entriesDown = (await list(office, { sort: 'ANNUAL_ENTRIES', desc: true })).items.map((item) => item.annualEntries);
      expect(entriesDown).toEqual([...entries].sort((left, right) => right - left));
      const times = (await list(office, { sort: 'SUBMITTED' })).items.map((item) => new Date(item.submittedAt).getTime());
      expect(times).toEqual([...times].sort((left, right) => left - right));
      const newestFirst = (await list(office, { sort: 'SUBMITTED', desc: true })).items[0];
      expect(newestFirst.form!.title).toBe('村级残疾人补贴台账');
    });
  });

  describe('表单设计: the whole form list sorts on the server by title, status, level and update time', () => {
    const FORMS = graphql(`
      query ($q: String, $sort: FormSort, $desc: Boolean) {
        forms(query: $q, sort: $sort, descending: $desc, take: 200) {
          totalItems
          items {
            title
          }
        }
      }
    `);
    let mzj: string;
    const titles = async (sort: Input<'FormSort'> | undefined, desc = false, text = '排序') => {
      const result = await server.gql(FORMS, { q: text, sort, desc }, mzj);
      if (result.errors) throw new Error(JSON.stringify(result.errors));
      return result.data!.forms.items.map((form) => form.title);
    };

    beforeAll(async () => {
      mzj = await server.login('bm_mzj');
      const duty = await server.gql(
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
      );
      const dutyItemId = duty.data!.dutyItems.items[0].id;
      const created: Record<string, number> = {};
      for (const [title, targetLevel] of [
        ['B 排序乙', 'VILLAGE'],
        ['C 排序丙', 'TOWN'],
        ['A 排序甲', 'VILLAGE'],
      ] as const) {
        const result = await server.gql(
          graphql(`
            mutation ($i: CreateFormInput!) {
              createForm(input: $i) {
                id
              }
            }
          `),
          { i: { title, dutyItemId, targetLevel, frequency: 'QUARTERLY', fields: field } },
          mzj,
        );
        if (result.errors) throw new Error(JSON.stringify(result.errors));
        created[title] = result.data!.createForm.id;
      }
      // Distinct update times, in an order unlike both the titles and the creation order.
      const days: Record<string, string> = {
        'C 排序丙': '2025-01-01T08:00:00Z',
        'A 排序甲': '2025-02-01T08:00:00Z',
        'B 排序乙': '2025-03-01T08:00:00Z',
      };
      for (const [title, at] of Object.entries(days))
        await server.dataSource.getRepository(Form).update(created[title], { updatedAt: new Date(at) });
    });

    it('sorts by title, level and update time both ways; the search text is literal', async () => {
      expect(await titles(undefined)).toEqual(['A 排序甲', 'C 排序丙', 'B 排序乙']);
      expect(await titles('TITLE')).toEqual(['A 排序甲', 'B 排序乙', 'C 排序丙']);
      expect(await titles('TITLE', true)).toEqual(['C 排序丙', 'B 排序乙', 'A 排序甲']);
      expect((await titles('TARGET_LEVEL'))[0]).toBe('C 排序丙');
      expect((await titles('TARGET_LEVEL', true))[2]).toBe('C 排序丙');
      expect(await titles('UPDATED')).toEqual(['C 排序丙', 'A 排序甲', 'B 排序乙']);
      expect(await titles('UPDATED', true)).toEqual(['B 排序乙', 'A 排序甲', 'C 排序丙']);
      expect(await titles('STATUS', false, '%')).toEqual([]);
    });
  });

  describe('用户管理 导出 Excel: the list as searched, no passwords, audited', () => {
    it('exports the searched accounts with Chinese roles and units; only the security administrator; audited', async () => {
      const security = await server.login('anquan');
      await server.login('bm_mzj');
      const get = (token: string, query: string) =>
        fetch(`${server.url}/api/users/export.xlsx?${query}`, { headers: { authorization: `Bearer ${token}` } });
      const res = await get(security, `search=${encodeURIComponent('市民政局')}`);
      expect(res.status).toBe(200);
      const ExcelJS = (await import('exceljs')).default;
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(Buffer.from(await res.arrayBuffer()) as never);
      const rows = wb.getWorksheet('用户')!.getSheetValues().slice(1) as unknown[][];
      expect(rows[0].slice(1)).toEqual(['用户名', '姓名', '角色', '所属单位', '状态', '最近登录']);
      const mzj = rows.slice(1).find((row) => row[1] === 'bm_mzj')!;
      expect(mzj.slice(3, 6)).toEqual(['市直部门', '市民政局', '正常']);
      // bm_mzj logged in above: the time is the platform's (yyyy-mm-dd hh:mm:ss).
      expect(String(mzj[6])).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
      expect(rows.slice(1).every((row) => row[4] === '市民政局')).toBe(true);
      expect(JSON.stringify(rows)).not.toMatch(/\$2[aby]\$|password|scrypt/i);
      expect((await get(office, '')).status).toBe(403);
      expect((await get(await server.login('admin'), '')).status).toBe(403);
      const audited = await server.dataSource.query("SELECT COUNT(*) AS n FROM audit_event WHERE action = 'user.export'");
      expect(Number(audited[0].n)).toBe(1);
    });
  });
});
