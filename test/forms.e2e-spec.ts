import { expectError, startTestApp, type TestApp } from './support/harness.js';
import { graphql, type Input } from './support/graphql.js';

describe('forms: duty lists, catalogue upkeep, form design with binding suggestions', () => {
  let server: TestApp;
  let mzj: string;
  let office: string;
  let admin: string;
  let el: Record<string, number>;
  let mainDuty: number;
  beforeAll(async () => {
    server = await startTestApp('forms');
    [mzj, office, admin] = await Promise.all([server.login('bm_mzj'), server.login('jianfuban'), server.login('admin')]);
    const els = (
      await server.gql(
        graphql(`
          {
            dataElements {
              id
              code
            }
          }
        `),
        {},
        mzj,
      )
    ).data!.dataElements;
    el = Object.fromEntries(els.map((el2: any) => [el2.code, el2.id]));
    mainDuty = (
      await server.gql(
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
    ).data!.dutyItems.items[0].id;
  });
  afterAll(() => server.close());

  const AUDIT_OF = graphql(`
    query ($type: String, $id: String) {
      auditEvents(filter: { objectType: $type, objectId: $id }) {
        items {
          action
          username
        }
      }
    }
  `);
  const CREATE = graphql(`
    mutation ($i: CreateFormInput!) {
      createForm(input: $i) {
        id
        status
        currentVersionNo
        department {
          code
        }
        currentVersion {
          versionNo
          locked
          fields {
            key
            label
            isRowKey
            element {
              code
            }
            suggestions {
              score
              element {
                code
                name
              }
            }
          }
        }
      }
    }
  `);

  describe('duty lists', () => {
    it('holds Zaoyang-shaped lists, readable by every role', async () => {
      const cadre = await server.login('cun_420683003200');
      const result = graphql(`
        query ($l: DutyList!) {
          dutyItems(list: $l, take: 200) {
            totalItems
            items {
              groupName
              name
            }
          }
        }
      `);
      const main = (await server.gql(result, { l: 'MAIN' }, cadre)).data!.dutyItems;
      const assist = (await server.gql(result, { l: 'ASSIST' }, cadre)).data!.dutyItems;
      const neg = (await server.gql(result, { l: 'NEGATIVE' }, cadre)).data!.dutyItems;
      expect(main.totalItems).toBe(37);
      expect(new Set(main.items.map((i: any) => i.groupName)).size).toBe(18);
      expect(assist.totalItems).toBe(80);
      expect(new Set(assist.items.map((i: any) => i.groupName)).size).toBe(3);
      expect(new Set(neg.items.map((i: any) => i.groupName)).size).toBe(12);
      const negNames = neg.items.map((i: any) => `${i.groupName}/${i.name}`).join(' ');
      for (const text of ['招商引资', '经济统计', '死亡证明', '无犯罪记录证明']) expect(negNames).toContain(text);
    });

    it('is maintained by the office and admin, audited; departments may not', async () => {
      const create = graphql(`
        mutation {
          createDutyItem(input: { list: NEGATIVE, groupName: "证明开具", name: "开具居住证明" }) {
            id
            list
            name
          }
        }
      `);
      expectError(await server.gql(create, {}, mzj), 'FORBIDDEN');
      const createDutyItem = (await server.gql(create, {}, office)).data!.createDutyItem;
      expect(createDutyItem).toMatchObject({ list: 'NEGATIVE', name: '开具居住证明' });
      expectError(await server.gql(create, {}, admin), 'CONFLICT');
      const bad = expectError(
        await server.gql(
          graphql(`
            mutation ($id: Int!) {
              updateDutyItem(id: $id, input: { name: "  " }) {
                id
              }
            }
          `),
          { id: createDutyItem.id },
          admin,
        ),
        'BAD_USER_INPUT',
      );
      expect(bad.extensions.details![0].field).toBe('name');
      expect(
        (
          await server.gql(
            graphql(`
              mutation ($id: Int!) {
                updateDutyItem(id: $id, input: { name: "开具居住情况证明" }) {
                  name
                }
              }
            `),
            { id: createDutyItem.id },
            admin,
          )
        ).data!.updateDutyItem.name,
      ).toBe('开具居住情况证明');
      expect(
        (
          await server.gql(
            graphql(`
              mutation ($id: Int!) {
                deleteDutyItem(id: $id)
              }
            `),
            { id: createDutyItem.id },
            office,
          )
        ).data!.deleteDutyItem,
      ).toBe(true);
      const audit = await server.gql(AUDIT_OF, { type: 'duty_item', id: String(createDutyItem.id) }, await server.login('shenji'));
      expect(audit.data!.auditEvents.items.map((item: any) => item.action).sort()).toEqual(['duty.create', 'duty.delete', 'duty.update']);
    });
  });

  describe('catalogue upkeep and suggestions', () => {
    it('suggests catalogue elements for a label, tolerant of width and punctuation', async () => {
      const res = await server.gql(
        graphql(`
          {
            suggestDataElements(label: "常住人口数（人）", subject: VILLAGE, limit: 3) {
              score
              element {
                code
              }
            }
          }
        `),
        {},
        mzj,
      );
      expect(res.data!.suggestDataElements[0].element.code).toBe('village.resident_population');
      expect(res.data!.suggestDataElements.length).toBeLessThanOrEqual(3);
    });

    it('lets ADMIN add and change elements, validated and audited; others are refused', async () => {
      const result = graphql(`
        mutation ($i: DataElementInput!) {
          createDataElement(input: $i) {
            id
            code
            name
            options
          }
        }
      `);
      expectError(
        await server.gql(result, { i: { code: 'village.wells', name: '机井数', subject: 'VILLAGE', valueType: 'INTEGER' } }, office),
        'FORBIDDEN',
      );
      const bad = expectError(
        await server.gql(result, { i: { code: 'resident.wells', name: '', subject: 'VILLAGE', valueType: 'ENUM' } }, admin),
        'BAD_USER_INPUT',
      );
      expect(bad.extensions.details!.map((detail) => detail.field).sort()).toEqual(['code', 'name', 'options']);
      const ok = (
        await server.gql(
          result,
          { i: { code: 'village.wells', name: '机井数', subject: 'VILLAGE', valueType: 'INTEGER', unit: '眼', minValue: 0 } },
          admin,
        )
      ).data!.createDataElement;
      expect(ok.code).toBe('village.wells');
      expectError(
        await server.gql(result, { i: { code: 'village.wells', name: '机井', subject: 'VILLAGE', valueType: 'INTEGER' } }, admin),
        'CONFLICT',
      );
      const up = graphql(`
        mutation ($id: Int!, $i: DataElementInput!) {
          updateDataElement(id: $id, input: $i) {
            name
            code
          }
        }
      `);
      expectError(await server.gql(up, { id: ok.id, i: { code: 'village.wells2' } }, admin), 'BAD_USER_INPUT');
      expect(
        expectError(await server.gql(up, { id: ok.id, i: { valueType: 'DECIMAL' } }, admin), 'BAD_USER_INPUT').extensions.details!.map(
          (detail) => detail.field,
        ),
      ).toEqual(['valueType']);
      expect((await server.gql(up, { id: ok.id, i: { name: '农用机井数' } }, admin)).data!.updateDataElement).toEqual({
        name: '农用机井数',
        code: 'village.wells',
      });
      const audit = await server.gql(AUDIT_OF, { type: 'data_element', id: String(ok.id) }, await server.login('shenji'));
      expect(audit.data!.auditEvents.items.map((item: any) => `${item.action}:${item.username}`).sort()).toEqual([
        'catalog.create:admin',
        'catalog.update:admin',
      ]);
      // The new element is suggested for a matching label at once.
      const res = await server.gql(
        graphql(`
          {
            suggestDataElements(label: "农用机井数量", subject: VILLAGE) {
              element {
                code
              }
            }
          }
        `),
        {},
        mzj,
      );
      expect(res.data!.suggestDataElements[0].element.code).toBe('village.wells');
    });
  });

  describe('form design', () => {
    const fields = (): Input<'FieldInput'>[] => [
      {
        key: 'population',
        label: '户籍人口',
        valueType: 'INTEGER',
        required: true,
        section: 'VILLAGE',
        elementId: el['village.registered_population'],
      },
      { key: 'elderly', label: '60岁以上老人人数', valueType: 'INTEGER', section: 'VILLAGE' },
      {
        key: 'id_number',
        label: '身份证号',
        valueType: 'ID_NUMBER',
        required: true,
        section: 'RESIDENT',
        elementId: el['resident.id_number'],
      },
      { key: 'name', label: '姓名', valueType: 'TEXT', section: 'RESIDENT', elementId: el['resident.name'] },
      { key: 'subsidy', label: '高龄补贴标准', valueType: 'ENUM', section: 'RESIDENT', options: ['100元', '200元'] },
    ];

    it('creates a draft (version 1) and suggests bindings for unbound fields only', async () => {
      const res = await server.gql(
        CREATE,
        { i: { title: '高龄津贴发放情况表', dutyItemId: mainDuty, targetLevel: 'VILLAGE', frequency: 'QUARTERLY', fields: fields() } },
        mzj,
      );
      expect(res.errors).toBeUndefined();
      const createForm = res.data!.createForm;
      expect(createForm).toMatchObject({ status: 'DRAFT', currentVersionNo: 1, department: { code: 'mzj' } });
      expect(createForm.currentVersion!.locked).toBe(false);
      const byKey = Object.fromEntries(createForm.currentVersion!.fields.map((x: any) => [x.key, x]));
      expect(byKey.population.element.code).toBe('village.registered_population');
      expect(byKey.population.suggestions).toEqual([]);
      expect(byKey.elderly.element).toBeNull();
      expect(byKey.elderly.suggestions[0].element.code).toBe('village.elderly_60_plus');
      expect(byKey.id_number.isRowKey).toBe(true);
    });

    it('refuses bad field definitions with a detail per field, and stores nothing', async () => {
      const before = (
        await server.gql(
          graphql(`
            {
              forms {
                totalItems
              }
            }
          `),
          {},
          mzj,
        )
      ).data!.forms.totalItems;
      const bad = fields();
      bad[1].key = 'population';
      bad.push({ key: 'kind', label: '类别', valueType: 'ENUM', section: 'VILLAGE' });
      bad.push({ key: 'gender', label: '性别', valueType: 'TEXT', section: 'VILLAGE', elementId: el['resident.gender'] });
      const gqlError = expectError(
        await server.gql(
          CREATE,
          { i: { title: '有误的表', dutyItemId: mainDuty, targetLevel: 'VILLAGE', frequency: 'ONCE', fields: bad } },
          mzj,
        ),
        'BAD_USER_INPUT',
      );
      expect(gqlError.extensions.details!.map((detail) => detail.field)).toEqual([
        'fields[1].key',
        'fields[5].options',
        'fields[6].elementId',
        'fields[6].valueType',
      ]);
      expect(gqlError.message).toMatch(/重复/);
      const noKey = fields().filter((x) => x.key !== 'id_number');
      const e2 = expectError(
        await server.gql(
          CREATE,
          { i: { title: '缺键', dutyItemId: mainDuty, targetLevel: 'VILLAGE', frequency: 'ONCE', fields: noKey } },
          mzj,
        ),
        'BAD_USER_INPUT',
      );
      expect(e2.message).toContain('身份证号');
      expect(
        (
          await server.gql(
            graphql(`
              {
                forms {
                  totalItems
                }
              }
            `),
            {},
            mzj,
          )
        ).data!.forms.totalItems,
      ).toBe(before);
    });

    it('edits a draft in place, and only the owning department may edit or see it', async () => {
      const id = (
        await server.gql(
          CREATE,
          { i: { title: '草稿表', dutyItemId: mainDuty, targetLevel: 'VILLAGE', frequency: 'ONCE', fields: fields() } },
          mzj,
        )
      ).data!.createForm.id;
      const up = graphql(`
        mutation ($id: Int!, $i: UpdateFormInput!) {
          updateForm(id: $id, input: $i) {
            title
            currentVersionNo
            currentVersion {
              fields {
                key
              }
            }
            versions {
              versionNo
            }
          }
        }
      `);
      const updateForm = (await server.gql(up, { id, i: { title: '草稿表（改）', fields: fields().slice(0, 2) } }, mzj)).data!.updateForm;
      expect(updateForm).toEqual({
        title: '草稿表（改）',
        currentVersionNo: 1,
        currentVersion: { fields: [{ key: 'population' }, { key: 'elderly' }] },
        versions: [{ versionNo: 1 }],
      });
      const other = await server.login('bm_nyncj');
      expectError(await server.gql(up, { id, i: { title: '别人的' } }, other), 'NOT_FOUND');
      expectError(
        await server.gql(
          graphql(`
            query ($id: Int!) {
              form(id: $id) {
                id
              }
            }
          `),
          { id },
          other,
        ),
        'NOT_FOUND',
      );
      expect(
        (
          await server.gql(
            graphql(`
              {
                forms {
                  items {
                    id
                  }
                }
              }
            `),
            {},
            other,
          )
        ).data!.forms.items.map((x: any) => x.id),
      ).not.toContain(id);
      const cadre = await server.login('cun_420683003200');
      expectError(
        await server.gql(
          graphql(`
            query ($id: Int!) {
              form(id: $id) {
                id
              }
            }
          `),
          { id },
          cadre,
        ),
        'NOT_FOUND',
      );
      expect(
        (
          await server.gql(
            graphql(`
              {
                forms {
                  totalItems
                }
              }
            `),
            {},
            cadre,
          )
        ).data!.forms.totalItems,
      ).toBe(0);
      expect(
        (
          await server.gql(
            graphql(`
              query ($id: Int!) {
                form(id: $id) {
                  title
                }
              }
            `),
            { id },
            office,
          )
        ).data!.form.title,
      ).toBe('草稿表（改）');
      expectError(
        await server.gql(
          CREATE,
          { i: { title: '办公室不能建表', dutyItemId: mainDuty, targetLevel: 'VILLAGE', frequency: 'ONCE', fields: fields() } },
          office,
        ),
        'FORBIDDEN',
      );
      expect(
        (
          await server.gql(
            graphql(`
              mutation ($id: Int!) {
                deleteForm(id: $id)
              }
            `),
            { id },
            mzj,
          )
        ).data!.deleteForm,
      ).toBe(true);
    });

    it('a duty item named by a form cannot be deleted', async () => {
      const gqlError = expectError(
        await server.gql(
          graphql(`
            mutation ($id: Int!) {
              deleteDutyItem(id: $id)
            }
          `),
          { id: mainDuty },
          office,
        ),
        'CONFLICT',
      );
      expect(gqlError.message).toContain('已被表单引用');
      expect(
        (
          await server.gql(
            graphql(`
              query ($id: Int!) {
                dutyItem(id: $id) {
                  id
                }
              }
            `),
            { id: mainDuty },
            office,
          )
        ).data!.dutyItem.id,
      ).toBe(mainDuty);
    });
  });
});
