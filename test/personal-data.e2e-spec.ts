import ExcelJS from 'exceljs';
import { Role } from '../src/common/auth-user.js';
import { DataElement } from '../src/catalog/data-element.entity.js';
import { makeIdNumber } from '../src/common/id-number.js';
import { User } from '../src/identity/user.entity.js';
import { Region } from '../src/regions/region.entity.js';
import { startTestApp, type TestApp } from './support/harness.js';
import { upload } from './support/upload.js';
import { graphql, type Input } from './support/graphql.js';

// Issue 15, items 6, 7, 9: who sees which personal field (ARCHITECTURE.md, "Personal data: who sees
// what"). The masked ID plus a birth date is the full ID; phones are masked in lists, shown in full
// on one subject's detail, and that read is audited.
describe('personal data: who sees what', () => {
  let server: TestApp;
  let village: Region;
  let tokens: Record<'cadre' | 'town' | 'mzj' | 'office' | 'admin' | 'viewer' | 'auditor', string>;
  let el: Record<string, number>;
  const idNumber = makeIdNumber('420683', '19410428', 1); // 420683********0001-like: born 1941-04-28
  const SECRETARY_PHONE = '13712341657';
  const RESIDENT_PHONE = '13800001234';

  const PROFILE = graphql(`
    query ($v: VillageRefInput, $id: String) {
      subjectProfile(village: $v, idNumber: $id) {
        values {
          elementCode
          value
          masked
        }
        resident {
          idMasked
          birthDate
        }
      }
    }
  `);
  const AUTOFILL = graphql(`
    query ($codes: [String!]!, $v: VillageRefInput!, $ids: [String!]) {
      autofillElements(elementCodes: $codes, village: $v, idNumbers: $ids) {
        values {
          key
          value
          masked
        }
        residents {
          idMasked
          values {
            key
            value
            masked
          }
        }
      }
    }
  `);
  const AUDIT = graphql(`
    query ($f: AuditFilterInput) {
      auditEvents(filter: $f, take: 200) {
        items {
          action
          username
        }
      }
    }
  `);
  const SUBMISSION = graphql(`
    query ($id: Int!) {
      submission(id: $id) {
        values {
          key
          value
        }
        rows {
          idMasked
          values {
            key
            value
          }
        }
      }
    }
  `);
  const SAVE = graphql(`
    mutation ($i: SaveSubmissionInput!) {
      saveSubmission(input: $i) {
        id
        version
        status
      }
    }
  `);
  const REVIEW = graphql(`
    mutation ($id: Int!, $d: SubmissionDecision!, $c: String) {
      reviewSubmission(submissionId: $id, decision: $d, comment: $c) {
        status
        version
      }
    }
  `);

  const valuesOf = (values: { elementCode?: string; key?: string; value: string | null }[]): Record<string, string | null> =>
    Object.fromEntries(values.map((value) => [value.elementCode ?? value.key, value.value]));
  const contactReads = async (villageId: number) =>
    (await server.gql(AUDIT, { f: { action: 'village.contact_read', objectType: 'village', objectId: String(villageId) } }, tokens.auditor))
      .data!.auditEvents.items.map((item) => item.username)
      .sort();

  beforeAll(async () => {
    server = await startTestApp('personal-data');
    const regions = server.dataSource.getRepository(Region);
    village = await regions.findOneByOrFail({ code: '420683003200' });
    const users = server.dataSource.getRepository(User);
    const [cadreName, townName] = await Promise.all([
      users.findOneByOrFail({ role: Role.VILLAGE_CADRE, regionId: village.id }),
      users.findOneByOrFail({ role: Role.TOWN_STAFF, regionId: village.parentId! }),
    ]);
    const [cadre, town, mzj, office, admin, viewer, auditor] = await Promise.all(
      [cadreName.username, townName.username, 'bm_mzj', 'jianfuban', 'admin', 'lingdao', 'shenji'].map((name) => server.login(name)),
    );
    tokens = { cadre, town, mzj, office, admin, viewer, auditor };
    el = Object.fromEntries((await server.dataSource.getRepository(DataElement).find()).map((element) => [element.code, element.id]));
    const villages = await upload(
      server.url,
      admin,
      Buffer.from(`村代码,户籍人口,村党组织书记姓名,村党组织书记电话,日期\n${village.code},1200,王建国,${SECRETARY_PHONE},2024-12-31\n`),
      'villages.csv',
    );
    const people = await upload(
      server.url,
      admin,
      Buffer.from(`身份证号,姓名,联系电话,村代码,日期\n${idNumber},张三,${RESIDENT_PHONE},${village.code},2024-12-31\n`),
      'residents.csv',
    );
    expect([villages.status, villages.body.importedRows, people.status, people.body.importedRows]).toEqual([201, 1, 201, 1]);
  });
  afterAll(() => server.close());

  it("a village's profile: the city viewer sees its figures but not its secretary's name or phone; others see the phone, audited", async () => {
    const profile = async (token: string) => (await server.gql(PROFILE, { v: { id: village.id } }, token)).data!.subjectProfile.values;

    const viewer = valuesOf(await profile(tokens.viewer));
    expect(viewer['village.registered_population']).toBe('1200');
    expect(viewer).not.toHaveProperty('village.secretary_name');
    expect(viewer).not.toHaveProperty('village.secretary_phone');

    for (const role of ['cadre', 'town', 'office', 'admin'] as const) {
      const seen = await profile(tokens[role]);
      expect(valuesOf(seen)).toMatchObject({ 'village.secretary_name': '王建国', 'village.secretary_phone': SECRETARY_PHONE });
      expect(seen.find((value) => value.elementCode === 'village.secretary_phone')!.masked).toBe(false);
    }
    // The full phone on a detail is a recorded read (the village's own cadre reads its own contact unrecorded).
    expect(await contactReads(village.id)).toEqual(['admin', 'jianfuban', (await userOf(tokens.town)).username].sort());
  });

  it('autofill lists: the village cadre gets phones in full to fill them in; the town and the administrator get them masked', async () => {
    const codes = ['village.secretary_phone', 'resident.name', 'resident.phone', 'resident.birth_date'];
    const forCadre = (await server.gql(AUTOFILL, { codes, v: { id: village.id }, ids: [idNumber] }, tokens.cadre)).data!.autofillElements;
    expect(valuesOf(forCadre.values)).toEqual({ 'village.secretary_phone': SECRETARY_PHONE });
    expect(valuesOf(forCadre.residents[0].values)).toMatchObject({ 'resident.phone': RESIDENT_PHONE, 'resident.name': '张三' });

    for (const role of ['town', 'admin'] as const) {
      const result = (await server.gql(AUTOFILL, { codes, v: { id: village.id }, ids: [idNumber] }, tokens[role])).data!.autofillElements;
      expect(result.values[0]).toEqual({ key: 'village.secretary_phone', value: '137****1657', masked: true });
      const row = result.residents[0];
      expect(valuesOf(row.values)).toMatchObject({ 'resident.phone': '138****1234', 'resident.name': '张三' });
      // The caller typed the full number itself: the birth date derived from it tells it nothing new.
      expect(valuesOf(row.values)['resident.birth_date']).toBe('1941-04-28');
    }
  });

  describe('a submission with a birth date and phones', () => {
    let submissionId: number;
    let taskId: number;

    beforeAll(async () => {
      const duty = (
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
          tokens.mzj,
        )
      ).data!.dutyItems.items[0].id;
      const fields: Input<'FieldInput'>[] = [
        { key: 'sphone', label: '书记电话', valueType: 'PHONE', section: 'VILLAGE', elementId: el['village.secretary_phone'] },
        { key: 'id', label: '身份证号', valueType: 'ID_NUMBER', required: true, section: 'RESIDENT', elementId: el['resident.id_number'] },
        { key: 'name', label: '姓名', valueType: 'TEXT', section: 'RESIDENT', elementId: el['resident.name'] },
        { key: 'birth', label: '出生日期', valueType: 'DATE', section: 'RESIDENT', elementId: el['resident.birth_date'] },
        { key: 'phone', label: '联系电话', valueType: 'PHONE', section: 'RESIDENT', elementId: el['resident.phone'] },
        // Typed into plain text fields bound to nothing: classed by their labels, masked the same.
        { key: 'mobile', label: '书记手机号', valueType: 'TEXT', section: 'VILLAGE' },
        { key: 'born', label: '出生年月', valueType: 'TEXT', section: 'RESIDENT' },
      ];
      const form = await server.gql(
        graphql(`
          mutation ($i: CreateFormInput!) {
            createForm(input: $i) {
              id
            }
          }
        `),
        { i: { title: '高龄老人联系名册', dutyItemId: duty, targetLevel: 'VILLAGE', frequency: 'YEARLY', fields } },
        tokens.mzj,
      );
      const formId = form.data!.createForm.id;
      const request = await server.gql(
        graphql(`
          mutation ($i: SubmitAdmissionInput!) {
            submitAdmissionRequest(input: $i) {
              id
            }
          }
        `),
        {
          i: {
            formId,
            departmentDoes: '市民政局汇总高龄老人名册，安排走访慰问',
            villageDoes: '村委会核实本村高龄老人并在平台填报',
            departmentSupport: '提供上期名册，平台自动带出已有数据',
            legalBasis: '《湖北省老年人权益保障条例》',
            justification: '及时掌握高龄老人的联系方式',
          },
        },
        tokens.mzj,
      );
      await server.gql(
        graphql(`
          mutation ($i: ReviewAdmissionInput!) {
            reviewAdmissionRequest(input: $i) {
              id
            }
          }
        `),
        { i: { id: request.data!.submitAdmissionRequest.id, decision: 'APPROVE' } },
        tokens.office,
      );
      const task = await server.gql(
        graphql(`
          mutation ($i: CreateTaskInput!) {
            createTask(input: $i) {
              id
              assignments: assignmentCount
            }
          }
        `),
        { i: { formId, period: '2025', dueAt: new Date(Date.now() + 30 * 86400000).toISOString(), villageIds: [village.id] } },
        tokens.mzj,
      );
      taskId = task.data!.createTask.id;
      const mine = await server.gql(
        graphql(`
          {
            myAssignments(status: ALL, take: 200) {
              items {
                id
                task {
                  id
                }
              }
            }
          }
        `),
        {},
        tokens.cadre,
      );
      const assignmentId = mine.data!.myAssignments.items.find((item) => item.task.id === taskId)!.id;
      const saved = await server.gql(
        SAVE,
        {
          i: {
            assignmentId,
            clientId: 'personal-data-1',
            expectedVersion: 0,
            submit: true,
            values: [
              { key: 'sphone', value: SECRETARY_PHONE },
              { key: 'mobile', value: SECRETARY_PHONE },
            ],
            rows: [
              {
                values: [
                  { key: 'id', value: idNumber },
                  { key: 'name', value: '张三' },
                  { key: 'birth', value: '1941-04-28' },
                  { key: 'phone', value: RESIDENT_PHONE },
                  { key: 'born', value: '1941年4月' },
                ],
              },
            ],
          },
        },
        tokens.cadre,
      );
      expect(saved.errors).toBeUndefined();
      submissionId = saved.data!.saveSubmission.id;
    });

    const read = async (token: string) => {
      const submission = (await server.gql(SUBMISSION, { id: submissionId }, token)).data!.submission;
      return { header: valuesOf(submission.values), idMasked: submission.rows[0].idMasked, row: valuesOf(submission.rows[0].values) };
    };

    it('nobody reads the birth date beside the masked ID (only its year); phones in full only to the unit that filled them', async () => {
      const masked = `420683********${idNumber.slice(14)}`;
      expect(await read(tokens.cadre)).toEqual({
        header: { sphone: SECRETARY_PHONE, mobile: SECRETARY_PHONE },
        idMasked: masked,
        row: { name: '张三', birth: '1941', phone: RESIDENT_PHONE, born: '1941' },
      });
      for (const role of ['town', 'mzj'] as const)
        expect(await read(tokens[role])).toEqual({
          header: { sphone: '137****1657', mobile: '137****1657' },
          idMasked: masked,
          row: { name: '张三', birth: '1941', phone: '138****1234', born: '1941' },
        });
    });

    it('a returned row sent back as it was shown keeps its stored birth date; the Excel export masks unless the department asks in full', async () => {
      const returned = await server.gql(REVIEW, { id: submissionId, d: 'RETURN', c: '请核对联系电话' }, tokens.town);
      expect(returned.data!.reviewSubmission.status).toBe('RETURNED');
      const shown = await read(tokens.cadre);
      const again = await server.gql(
        SAVE,
        {
          i: {
            assignmentId: (await assignmentOf(submissionId))!,
            clientId: 'personal-data-2',
            expectedVersion: returned.data!.reviewSubmission.version,
            submit: true,
            values: Object.entries(shown.header).map(([key, value]) => ({ key, value })),
            rows: [{ fromRow: 0, values: Object.entries(shown.row).map(([key, value]) => ({ key, value })) }],
          },
        },
        tokens.cadre,
      );
      expect(again.errors).toBeUndefined();

      const sheet = async (path: string) => {
        const res = await fetch(`${server.url}${path}`, { headers: { authorization: `Bearer ${tokens.mzj}` } });
        expect(res.status).toBe(200);
        const wb = new ExcelJS.Workbook();
        await wb.xlsx.load(Buffer.from(await res.arrayBuffer()) as unknown as ExcelJS.Buffer);
        const rows = (name: string) => {
          const out: unknown[][] = [];
          wb.getWorksheet(name)!.eachRow((row) => out.push((row.values as unknown[]).slice(1)));
          return out;
        };
        return {
          head: rows('村表头')
            .find((row) => row[0] === village.code)!
            .slice(5),
          people: rows('居民明细').slice(1),
        };
      };
      expect(await sheet(`/api/tasks/${taskId}/export.xlsx`)).toEqual({
        head: ['137****1657', '137****1657'],
        people: [[village.code, village.name, `420683********${idNumber.slice(14)}`, '张三', '1941', '138****1234', '1941']],
      });
      expect(await sheet(`/api/tasks/${taskId}/export.xlsx?full=1`)).toEqual({
        head: [SECRETARY_PHONE, SECRETARY_PHONE],
        people: [[village.code, village.name, idNumber, '张三', '1941-04-28', RESIDENT_PHONE, '1941年4月']],
      });
    });

    it('every read of personal data is recorded with the count of people read: rows by town or department (a list: one row), autofill, look-up, exports', async () => {
      const DETAILS = graphql(`
        query ($f: AuditFilterInput) {
          auditEvents(filter: $f, take: 200) {
            items {
              username
              objectId
              detail
            }
          }
        }
      `);
      const recorded = async (action: string) =>
        (await server.gql(DETAILS, { f: { action } }, tokens.auditor)).data!.auditEvents.items.map((item) => ({
          username: item.username,
          objectId: item.objectId,
          detail: JSON.parse(item.detail ?? '{}') as Record<string, unknown>,
        }));
      const rowsReadBefore = (await recorded('submission.rows_read')).length;
      // The unit that filled it reads its own rows unrecorded; the town and the department are recorded.
      await read(tokens.cadre);
      expect(await recorded('submission.rows_read')).toHaveLength(rowsReadBefore);
      await read(tokens.town);
      await read(tokens.mzj);
      const single = (await recorded('submission.rows_read')).slice(0, 2);
      expect(single.map((event) => [event.username, event.objectId, event.detail.people])).toEqual([
        ['bm_mzj', String(submissionId), 1],
        [(await userOf(tokens.town)).username, String(submissionId), 1],
      ]);
      // A list of the task's submissions with their rows: one audit row for the whole list, with the count.
      const list = await server.gql(
        graphql(`
          query ($t: Int) {
            assignments(taskId: $t, take: 200) {
              items {
                submission {
                  rows {
                    idMasked
                  }
                }
              }
            }
          }
        `),
        { t: taskId },
        tokens.mzj,
      );
      expect(list.errors).toBeUndefined();
      const shownPeople = list.data!.assignments.items.reduce((sum, item) => sum + (item.submission?.rows.length ?? 0), 0);
      expect(shownPeople).toBeGreaterThan(0);
      const afterList = await recorded('submission.rows_read');
      expect(afterList).toHaveLength(rowsReadBefore + 3);
      expect(afterList[0]).toMatchObject({ username: 'bm_mzj', detail: { people: shownPeople } });

      const codes = ['resident.name'];
      await server.gql(AUTOFILL, { codes, v: { id: village.id }, ids: [idNumber, makeIdNumber('420683', '19500101', 2)] }, tokens.cadre);
      expect((await recorded('resident.autofill'))[0].detail).toMatchObject({ idNumbers: 2, known: 1, people: 1 });
      await server.gql(PROFILE, { id: idNumber }, tokens.town);
      expect((await recorded('resident.lookup'))[0].detail).toMatchObject({ people: 1 });
      expect((await recorded('task.export_full'))[0].detail).toMatchObject({ full: true, people: 1 });
      expect((await recorded('task.export'))[0].detail).toMatchObject({ full: false, people: 1 });
    });
  });

  async function userOf(token: string) {
    const me = await server.gql(
      graphql(`
        {
          me {
            username
          }
        }
      `),
      {},
      token,
    );
    return me.data!.me;
  }
  async function assignmentOf(submissionId: number) {
    const result = await server.gql(
      graphql(`
        query ($id: Int!) {
          submission(id: $id) {
            assignment {
              id
            }
          }
        }
      `),
      { id: submissionId },
      tokens.cadre,
    );
    return result.data?.submission.assignment.id;
  }
});
