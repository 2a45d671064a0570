import ExcelJS from 'exceljs';
import { Role } from '../src/common/auth-user.js';
import { DataElement } from '../src/catalog/data-element.entity.js';
import { Assignment } from '../src/dispatch/assignment.entity.js';
import { Task } from '../src/dispatch/task.entity.js';
import { Submission, SubmissionRow, SubmissionSave } from '../src/filling/submission.entity.js';
import { User } from '../src/identity/user.entity.js';
import { CurrentFact } from '../src/records/fact.entity.js';
import { makeIdNumber } from '../src/common/id-number.js';
import { platformDay } from '../src/common/platform-time.js';
import { PiiService } from '../src/records/pii.service.js';
import { Resident } from '../src/records/resident.entity.js';
import { Region } from '../src/regions/region.entity.js';
import { expectError, startTestApp, type TestApp } from './support/harness.js';
import { upload } from './support/upload.js';
import { graphql, type Input } from './support/graphql.js';

// The loop the platform exists for: an admitted form is dispatched, a village fills it (values it
// already gave come from the shared database), the town reviews, accepted values flow back.
describe('dispatch and filling: tasks, submissions, review, write-back, Excel out', () => {
  let server: TestApp;
  let mzj: string; // the department that owns the forms
  let other: string; // another department
  let town: string; // town staff of the village's town
  let otherTown: string;
  let cadre: string; // the village's cadre
  let neighbour: string; // a cadre of another village in the same town
  let auditor: string;
  let office: string; // the burden-reduction office
  let village: Region;
  let neighbourVillage: Region;
  let villagesInTown: number;
  let el: Record<string, number>;
  let duty: number;
  const idNumber = makeIdNumber('420683', '19500101', 11); // known from the imported history, male
  const number = makeIdNumber('420683', '19620315', 24); // met for the first time in this form, female

  const FIELDS = (): Input<'FieldInput'>[] => [
    {
      key: 'population',
      label: '户籍人口',
      valueType: 'INTEGER',
      required: true,
      section: 'VILLAGE',
      elementId: el['village.registered_population'],
    },
    { key: 'households', label: '户数', valueType: 'INTEGER', section: 'VILLAGE', elementId: el['village.households'] },
    { key: 'elderly', label: '高龄老人数', valueType: 'INTEGER', section: 'VILLAGE', min: 0 },
    { key: 'id', label: '身份证号', valueType: 'ID_NUMBER', required: true, section: 'RESIDENT', elementId: el['resident.id_number'] },
    { key: 'name', label: '姓名', valueType: 'TEXT', required: true, section: 'RESIDENT', elementId: el['resident.name'] },
    { key: 'gender', label: '性别', valueType: 'ENUM', section: 'RESIDENT', elementId: el['resident.gender'] },
    { key: 'dibao', label: '是否低保', valueType: 'BOOLEAN', section: 'RESIDENT', elementId: el['resident.dibao'] },
  ];
  const CREATE_FORM = graphql(`
    mutation ($i: CreateFormInput!) {
      createForm(input: $i) {
        id
        currentVersion {
          id
        }
      }
    }
  `);
  const CREATE_TASK = graphql(`
    mutation ($i: CreateTaskInput!) {
      createTask(input: $i) {
        id
        period
        periodStart
        periodEnd
        assignmentCount
        status
        formVersion {
          id
        }
      }
    }
  `);
  const SAVE = graphql(`
    mutation ($i: SaveSubmissionInput!) {
      saveSubmission(input: $i) {
        id
        status
        version
        autofilledKept
        autofilledChanged
        typed
        rowCount
        values {
          key
          value
        }
        rows {
          index
          idMasked
          values {
            key
            value
          }
        }
      }
    }
  `);
  const REVIEW = graphql(`
    mutation ($id: Int!, $d: SubmissionDecision!, $c: String) {
      reviewSubmission(submissionId: $id, decision: $d, comment: $c) {
        id
        status
        version
        returnComment
      }
    }
  `);
  const AUTOFILL = graphql(`
    query ($v: Int!, $vr: VillageRefInput!, $ids: [String!], $p: Date) {
      autofill(formVersionId: $v, village: $vr, idNumbers: $ids, periodStart: $p) {
        values {
          key
          value
          source
          sourceRef
          asOf
        }
        residents {
          idMasked
          known
          values {
            key
            value
            source
            derived
          }
        }
      }
    }
  `);
  const byKey = (values: any[]) => Object.fromEntries(values.map((value: any) => [value.key, value]));
  const future = () => new Date(Date.now() + 30 * 86400000).toISOString();

  async function createForm(
    title: string,
    fields = FIELDS(),
    frequency: Input<'Frequency'> = 'QUARTERLY',
  ): Promise<{ id: number; versionId: number }> {
    const res = await server.gql(CREATE_FORM, { i: { title, dutyItemId: duty, targetLevel: 'VILLAGE', frequency, fields } }, mzj);
    if (res.errors) throw new Error(JSON.stringify(res.errors));
    return { id: res.data!.createForm.id, versionId: res.data!.createForm.currentVersion!.id };
  }

  /** The office's admission (issue 3): the department applies with the three statements, the office approves. */
  async function admit(formId: number) {
    await approve(await apply(formId));
  }
  async function apply(formId: number): Promise<number> {
    const req = await server.gql(
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
          departmentDoes: '市民政局汇总分析各村上报数据，制定帮扶政策',
          villageDoes: '村委会按期核实本村情况并在平台填报',
          departmentSupport: '提供上期底册，平台自动带出已有数据，安排专人答疑',
          legalBasis: '《湖北省城乡社区治理条例》第二十条',
          justification: '掌握底数，及时发现需要帮扶的对象',
        },
      },
      mzj,
    );
    if (req.errors) throw new Error(JSON.stringify(req.errors));
    return req.data!.submitAdmissionRequest.id;
  }
  async function approve(requestId: number) {
    const ok = await server.gql(
      graphql(`
        mutation ($i: ReviewAdmissionInput!) {
          reviewAdmissionRequest(input: $i) {
            form {
              status
            }
          }
        }
      `),
      { i: { id: requestId, decision: 'APPROVE' } },
      office,
    );
    if (ok.data?.reviewAdmissionRequest.form?.status !== 'ACTIVE') throw new Error(JSON.stringify(ok.errors));
  }

  const username = async (role: Role, regionId: number) =>
    (await server.dataSource.getRepository(User).findOneByOrFail({ role, regionId })).username;
  const counts = async () => ({
    tasks: await server.dataSource.getRepository(Task).count(),
    assignments: await server.dataSource.getRepository(Assignment).count(),
    submissions: await server.dataSource.getRepository(Submission).count(),
    saves: await server.dataSource.getRepository(SubmissionSave).count(),
  });
  const myAssignment = async (token: string, formId: number) => {
    const res = await server.gql(
      graphql(`
        {
          myAssignments(status: ALL, take: 200) {
            items {
              id
              task {
                formId
              }
              submission {
                id
                version
                status
              }
            }
          }
        }
      `),
      {},
      token,
    );
    return res.data!.myAssignments.items.find((item: any) => item.task.formId === formId);
  };
  const auditActions = async (objectType: string, objectId: number) =>
    (
      await server.gql(
        graphql(`
          query ($f: AuditFilterInput) {
            auditEvents(filter: $f, take: 200) {
              items {
                action
                detail
              }
            }
          }
        `),
        { f: { objectType, objectId: String(objectId) } },
        auditor,
      )
    ).data!.auditEvents.items.reverse(); // oldest first
  const download = (path: string, token?: string) =>
    fetch(`${server.url}${path}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  const readXlsx = async (res: Response) => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await res.arrayBuffer()) as any);
    return wb;
  };
  const sheetRows = (wb: ExcelJS.Workbook, name: string) => {
    const rows: unknown[][] = [];
    wb.getWorksheet(name)!.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
    return rows;
  };

  beforeAll(async () => {
    server = await startTestApp('filling');
    [mzj, other, auditor, office] = await Promise.all([
      server.login('bm_mzj'),
      server.login('bm_nyncj'),
      server.login('shenji'),
      server.login('jianfuban'),
    ]);
    const regions = server.dataSource.getRepository(Region);
    village = await regions.findOneByOrFail({ code: '420683003200' });
    const siblings = await regions.find({ where: { parentId: village.parentId! }, order: { code: 'ASC' } });
    villagesInTown = siblings.length;
    neighbourVillage = siblings.find((sibling) => sibling.id !== village.id)!;
    const anotherTown = await regions
      .createQueryBuilder('r')
      .where("r.level = 'TOWN' AND r.id <> :id", { id: village.parentId })
      .getOneOrFail();
    [cadre, neighbour, town, otherTown] = await Promise.all([
      server.login(await username(Role.VILLAGE_CADRE, village.id)),
      server.login(await username(Role.VILLAGE_CADRE, neighbourVillage.id)),
      server.login(await username(Role.TOWN_STAFF, village.parentId!)),
      server.login(await username(Role.TOWN_STAFF, anotherTown.id)),
    ]);
    el = Object.fromEntries(
      (await server.dataSource.getRepository(DataElement).find()).map((dataElement) => [dataElement.code, dataElement.id]),
    );
    duty = (
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

    // The shared database's history, imported by the administrator the way the city loaded its 48,000 records.
    const admin = await server.login('admin');
    const villages = await upload(
      server.url,
      admin,
      Buffer.from(`村代码,户籍人口,户数,日期\n${village.code},1200,400,2024-12-31\n`),
      'villages.csv',
    );
    const people = await upload(
      server.url,
      admin,
      Buffer.from(`身份证号,姓名,村代码,是否低保,日期\n${idNumber},张三,${village.code},否,2024-12-31\n`),
      'residents.csv',
    );
    expect([villages.status, villages.body.importedRows, people.status, people.body.importedRows]).toEqual([201, 1, 201, 1]);
  });
  afterAll(() => server.close());

  describe('the full story', () => {
    let form: { id: number; versionId: number };
    let requestId: number;
    let task: any;
    let assignmentId: number;
    let submissionId: number;

    it('refuses to dispatch a form never admitted (一套表外无表格), creating nothing', async () => {
      form = await createForm('高龄津贴发放情况季报');
      const before = await counts();
      const gqlError = expectError(
        await server.gql(CREATE_TASK, { i: { formId: form.id, period: '2025-Q1', dueAt: future(), townIds: [village.parentId!] } }, mzj),
        'FORM_NOT_ADMITTED',
      );
      expect(gqlError.message).toContain('一套表外无表格');
      // Applied for but not yet approved: still outside the one set.
      requestId = await apply(form.id);
      expectError(
        await server.gql(CREATE_TASK, { i: { formId: form.id, period: '2025-Q1', dueAt: future(), townIds: [village.parentId!] } }, mzj),
        'FORM_NOT_ADMITTED',
      );
      expect(await counts()).toEqual(before);
    });

    it('dispatches an admitted form to a town’s villages, one assignment each; only the owning department may', async () => {
      await approve(requestId);
      expectError(
        await server.gql(CREATE_TASK, { i: { formId: form.id, period: '2025-Q1', dueAt: future(), townIds: [village.parentId!] } }, other),
        'NOT_FOUND',
      );
      expectError(
        await server.gql(CREATE_TASK, { i: { formId: form.id, period: '2025-Q1', dueAt: future(), townIds: [village.parentId!] } }, cadre),
        'FORBIDDEN',
      );
      const bad = expectError(
        await server.gql(
          CREATE_TASK,
          { i: { formId: form.id, period: '2025-03', dueAt: '2020-01-01T00:00:00Z', villageIds: [999999] } },
          mzj,
        ),
        'BAD_USER_INPUT',
      );
      expect(bad.extensions.details!.map((detail) => detail.field)).toEqual(['period', 'dueAt', 'villageIds[0]']);
      expect(bad.extensions.details![0].message).toContain('2025-Q1');

      const res = await server.gql(
        CREATE_TASK,
        { i: { formId: form.id, period: '2025-q1', dueAt: future(), townIds: [village.parentId!] } },
        mzj,
      );
      expect(res.errors).toBeUndefined();
      task = res.data!.createTask;
      expect(task).toMatchObject({
        period: '2025-Q1',
        periodStart: '2025-01-01',
        periodEnd: '2025-03-31',
        assignmentCount: villagesInTown,
        status: 'OPEN',
        formVersion: { id: form.versionId },
      });
      expect((await auditActions('task', task.id)).map((auditAction: any) => auditAction.action)).toEqual(['task.create']);
    });

    it('refuses the same form to the same village for the same period (CONFLICT), creating nothing', async () => {
      const before = await counts();
      const gqlError = expectError(
        await server.gql(CREATE_TASK, { i: { formId: form.id, period: '2025-Q1', dueAt: future(), villageIds: [village.id] } }, mzj),
        'CONFLICT',
      );
      expect(gqlError.message).toContain(village.name);
      expect(await counts()).toEqual(before);
    });

    it('shows the cadre its own assignment and the town all of its villages’', async () => {
      const mine = await server.gql(
        graphql(`
          {
            myAssignments(status: TODO) {
              totalItems
              items {
                id
                status
                overdue
                region {
                  id
                }
                task {
                  period
                  form {
                    title
                  }
                }
              }
            }
          }
        `),
        {},
        cadre,
      );
      expect(mine.data!.myAssignments.totalItems).toBe(1);
      const item = mine.data!.myAssignments.items[0];
      expect(item).toMatchObject({
        status: 'NOT_STARTED',
        overdue: false,
        region: { id: village.id },
        task: { period: '2025-Q1', form: { title: '高龄津贴发放情况季报' } },
      });
      assignmentId = item.id;
      const theirs = await server.gql(
        graphql(`
          {
            myAssignments(status: TODO, take: 200) {
              totalItems
            }
          }
        `),
        {},
        town,
      );
      expect(theirs.data!.myAssignments.totalItems).toBe(villagesInTown);
      expect(
        (
          await server.gql(
            graphql(`
              {
                myAssignments(status: TODO) {
                  totalItems
                }
              }
            `),
            {},
            otherTown,
          )
        ).data!.myAssignments.totalItems,
      ).toBe(0);
      // Tasks: a department its own, a village or town those sent to it.
      const tasks = graphql(`
        {
          tasks {
            totalItems
            items {
              id
              progress {
                status
                count
              }
            }
          }
        }
      `);
      expect((await server.gql(tasks, {}, cadre)).data!.tasks.items.map((x: any) => x.id)).toEqual([task.id]);
      expect((await server.gql(tasks, {}, town)).data!.tasks.totalItems).toBe(1);
      expect((await server.gql(tasks, {}, otherTown)).data!.tasks.totalItems).toBe(0);
      expect((await server.gql(tasks, {}, other)).data!.tasks.totalItems).toBe(0);
      expect((await server.gql(tasks, {}, mzj)).data!.tasks.items[0].progress).toEqual([{ status: 'NOT_STARTED', count: villagesInTown }]);
    });

    it('saves a draft, then refuses an invalid submit listing every problem, changing nothing', async () => {
      const draft = await server.gql(
        SAVE,
        {
          i: {
            assignmentId,
            clientId: 'draft-0001',
            expectedVersion: 0,
            values: [{ key: 'population', value: '很多' }],
            rows: [{ values: [{ key: 'id', value: idNumber }] }],
          },
        },
        cadre,
      );
      expect(draft.errors).toBeUndefined();
      expect(draft.data!.saveSubmission).toMatchObject({
        status: 'DRAFT',
        version: 1,
        rowCount: 1,
        rows: [{ idMasked: '420683********' + idNumber.slice(14) }],
      });
      submissionId = draft.data!.saveSubmission.id;
      // The stored row holds the ID number encrypted, never in plain text.
      const stored = await server.dataSource.getRepository(Submission).findOneByOrFail({ id: submissionId });
      const storedRows = JSON.stringify(await server.dataSource.getRepository(SubmissionRow).findBy({ submissionId }));
      expect(storedRows).toContain(`420683********${idNumber.slice(14)}`);
      expect(storedRows).not.toContain(idNumber);
      expect(storedRows).not.toContain(idNumber.slice(6, 14));

      const wrongCheck = number.slice(0, 17) + (number[17] === '1' ? '2' : '1');
      const gqlError = expectError(
        await server.gql(
          SAVE,
          {
            i: {
              assignmentId,
              clientId: 'submit-bad-01',
              expectedVersion: 1,
              submit: true,
              values: [
                { key: 'population', value: '-5' },
                { key: 'elderly', value: 'abc' },
              ],
              rows: [
                {
                  values: [
                    { key: 'id', value: idNumber },
                    { key: 'name', value: '张三' },
                    { key: 'gender', value: '未知' },
                  ],
                },
                {
                  values: [
                    { key: 'id', value: wrongCheck },
                    { key: 'name', value: '李四' },
                  ],
                },
                {
                  values: [
                    { key: 'id', value: idNumber },
                    { key: 'name', value: '张三' },
                  ],
                },
              ],
            },
          },
          cadre,
        ),
        'BAD_USER_INPUT',
      );
      expect(gqlError.extensions.details!.map((detail) => [detail.field, detail.row ?? null])).toEqual([
        ['values.population', null],
        ['values.elderly', null],
        ['rows[0].gender', 0],
        ['rows[1].id', 1],
        ['rows[2].id', 2],
      ]);
      expect(gqlError.extensions.details![4].message).toContain('与第 1 行重复');
      const after = await server.dataSource.getRepository(Submission).findOneByOrFail({ id: submissionId });
      expect(after).toMatchObject({ version: 1, status: 'DRAFT', valuesJson: stored.valuesJson });
    });

    it('submits: two autofilled values changed, the rest kept or typed — counted on the server', async () => {
      // The cadre opens the form: the header comes from the imported history, the rows by ID number.
      const af = await server.gql(AUTOFILL, { v: form.versionId, vr: { id: village.id }, ids: [idNumber, number], p: '2025-01-01' }, cadre);
      expect(af.errors).toBeUndefined();
      const head = byKey(af.data!.autofill.values);
      expect([head.population.value, head.population.source, head.households.value]).toEqual(['1200', 'IMPORT', '400']);
      const [ra, rb] = af.data!.autofill.residents;
      expect(ra.known).toBe(true);
      expect([byKey(ra.values).name.value, byKey(ra.values).gender.value, byKey(ra.values).dibao.value]).toEqual(['张三', '男', 'false']);
      expect(rb.known).toBe(false);
      expect(byKey(rb.values).gender).toMatchObject({ value: '女', derived: true });
      const res = await server.gql(
        SAVE,
        {
          i: {
            assignmentId,
            clientId: 'submit-ok-001',
            expectedVersion: 1,
            submit: true,
            values: [
              { key: 'population', value: '1,250' }, // was 1200: changed
              { key: 'households', value: '400' }, // kept
              { key: 'elderly', value: '80' }, // not in the database: typed
            ],
            rows: [
              {
                values: [
                  { key: 'id', value: idNumber },
                  { key: 'name', value: '张三' },
                  { key: 'gender', value: '男' },
                  { key: 'dibao', value: '是' },
                ],
              }, // name, gender kept; dibao changed
              {
                values: [
                  { key: 'id', value: number.toLowerCase() },
                  { key: 'name', value: '李四' },
                  { key: 'gender', value: '女' },
                  { key: 'dibao', value: '否' },
                ],
              }, // gender from the ID kept; name, dibao typed
            ],
          },
        },
        cadre,
      );
      expect(res.errors).toBeUndefined();
      expect(res.data!.saveSubmission).toMatchObject({
        id: submissionId,
        status: 'SUBMITTED',
        version: 2,
        autofilledKept: 4,
        autofilledChanged: 2,
        typed: 3,
        rowCount: 2,
      });
      expect(res.data!.saveSubmission.values).toEqual([
        { key: 'population', value: '1250' },
        { key: 'households', value: '400' },
        { key: 'elderly', value: '80' },
      ]);
      expect(res.data!.saveSubmission.rows[1].values).toEqual([
        { key: 'name', value: '李四' },
        { key: 'gender', value: '女' },
        { key: 'dibao', value: 'false' },
      ]);
    });

    it('answers a replayed submit with the same result, and refuses the same clientId with other content', async () => {
      const before = await counts();
      const replay = {
        assignmentId,
        clientId: 'submit-ok-001',
        expectedVersion: 1,
        submit: true,
        values: [
          { key: 'population', value: '1,250' },
          { key: 'households', value: '400' },
          { key: 'elderly', value: '80' },
        ],
      };
      const again = await server.gql(
        SAVE,
        {
          i: {
            ...replay,
            rows: [
              {
                values: [
                  { key: 'id', value: idNumber },
                  { key: 'name', value: '张三' },
                  { key: 'gender', value: '男' },
                  { key: 'dibao', value: '是' },
                ],
              },
              {
                values: [
                  { key: 'id', value: number.toLowerCase() },
                  { key: 'name', value: '李四' },
                  { key: 'gender', value: '女' },
                  { key: 'dibao', value: '否' },
                ],
              },
            ],
          },
        },
        cadre,
      );
      expect(again.errors).toBeUndefined();
      expect(again.data!.saveSubmission).toMatchObject({ id: submissionId, version: 2, status: 'SUBMITTED' });
      const gqlError = expectError(
        await server.gql(SAVE, { i: { ...replay, values: [{ key: 'population', value: '9999' }] } }, cadre),
        'CONFLICT',
      );
      expect(gqlError.message).toContain('clientId');
      expect(await counts()).toEqual(before);
      // Once submitted, the cadre waits for the review.
      expectError(
        await server.gql(SAVE, { i: { assignmentId, clientId: 'late-edit-01', expectedVersion: 2, values: [] } }, cadre),
        'CONFLICT',
      );
    });

    it('the town returns it with a reason (required); the cadre sees why, fixes and resubmits', async () => {
      expect(
        expectError(await server.gql(REVIEW, { id: submissionId, d: 'RETURN' }, town), 'BAD_USER_INPUT').extensions.details![0].field,
      ).toBe('comment');
      expectError(await server.gql(REVIEW, { id: submissionId, d: 'RETURN', c: '别的镇' }, otherTown), 'NOT_FOUND');
      expectError(await server.gql(REVIEW, { id: submissionId, d: 'ACCEPT' }, cadre), 'FORBIDDEN');
      expectError(await server.gql(REVIEW, { id: submissionId, d: 'ACCEPT' }, other), 'NOT_FOUND');
      const res = await server.gql(REVIEW, { id: submissionId, d: 'RETURN', c: '户籍人口与派出所数据不符，请核实' }, town);
      expect(res.data!.reviewSubmission).toMatchObject({ status: 'RETURNED', version: 3 });

      const seen = await server.gql(
        graphql(`
          {
            myAssignments(status: RETURNED) {
              items {
                id
                status
                submission {
                  version
                  returnComment
                }
              }
            }
          }
        `),
        {},
        cadre,
      );
      expect(seen.data!.myAssignments.items).toEqual([
        { id: assignmentId, status: 'RETURNED', submission: { version: 3, returnComment: '户籍人口与派出所数据不符，请核实' } },
      ]);

      const fixed = await server.gql(
        SAVE,
        {
          i: {
            assignmentId,
            clientId: 'resubmit-0001',
            expectedVersion: 3,
            submit: true,
            values: [
              { key: 'population', value: '1260' },
              { key: 'households', value: '400' },
              { key: 'elderly', value: '80' },
            ],
            // The cadre sees masked numbers only: the rows keep the saved ID numbers by position.
            rows: [
              {
                fromRow: 0,
                values: [
                  { key: 'name', value: '张三' },
                  { key: 'gender', value: '男' },
                  { key: 'dibao', value: '是' },
                ],
              },
              {
                fromRow: 1,
                values: [
                  { key: 'name', value: '李四' },
                  { key: 'gender', value: '女' },
                  { key: 'dibao', value: '否' },
                ],
              },
            ],
          },
        },
        cadre,
      );
      expect(fixed.data!.saveSubmission).toMatchObject({
        status: 'SUBMITTED',
        version: 4,
        rows: [{ idMasked: `420683********${idNumber.slice(14)}` }, { idMasked: `420683********${number.slice(14)}` }],
      });
    });

    it('the town accepts: every bound value is written back as of the period end, the new resident created', async () => {
      const res = await server.gql(REVIEW, { id: submissionId, d: 'ACCEPT' }, town);
      expect(res.data!.reviewSubmission).toMatchObject({ status: 'ACCEPTED', version: 5 });
      const cf = server.dataSource.getRepository(CurrentFact);
      expect(
        await cf.findOneByOrFail({ subjectType: 'VILLAGE', subjectId: village.id, elementId: el['village.registered_population'] }),
      ).toMatchObject({
        value: '1260',
        asOf: '2025-03-31',
        source: 'SUBMISSION',
        sourceRef: `submission:${submissionId}`,
      });
      const pii = server.app.get(PiiService);
      const resident = await server.dataSource.getRepository(Resident).findOneByOrFail({ idHash: pii.hash(number) });
      expect(resident.villageId).toBe(village.id);
      expect(await cf.findOneByOrFail({ subjectType: 'RESIDENT', subjectId: resident.id, elementId: el['resident.name'] })).toMatchObject({
        value: '李四',
        asOf: '2025-03-31',
      });
      const oneBy = await server.dataSource.getRepository(Resident).findOneByOrFail({ idHash: pii.hash(idNumber) });
      expect(await cf.findOneByOrFail({ subjectType: 'RESIDENT', subjectId: oneBy.id, elementId: el['resident.dibao'] })).toMatchObject({
        value: 'true',
      });
      const done = await server.gql(
        graphql(`
          {
            myAssignments(status: DONE) {
              items {
                id
                status
                acceptedAt
              }
            }
          }
        `),
        {},
        cadre,
      );
      expect(done.data!.myAssignments.items.map((x: any) => x.id)).toEqual([assignmentId]);
      expect((await auditActions('submission', submissionId)).map((x: any) => x.action)).toEqual([
        'submission.save',
        'submission.submit',
        'submission.return',
        'submission.submit',
        'submission.accept',
      ]);
      // A second review of an accepted form is refused.
      expectError(await server.gql(REVIEW, { id: submissionId, d: 'RETURN', c: '再退回' }, mzj), 'CONFLICT');
    });

    it('a second form binding the same elements finds the accepted values as the current ones', async () => {
      const second = await createForm('低保对象年度核查表', [FIELDS()[0], FIELDS()[3], FIELDS()[4], FIELDS()[6]], 'YEARLY');
      await admit(second.id);
      const tk = await server.gql(
        CREATE_TASK,
        { i: { formId: second.id, period: '2025', dueAt: future(), villageIds: [village.id] } },
        mzj,
      );
      expect(tk.data!.createTask.assignmentCount).toBe(1);
      const mine = await myAssignment(cadre, second.id);
      // The next form fills itself with what the town accepted: the changed population, the new resident.
      const af = await server.gql(AUTOFILL, { v: second.versionId, vr: { id: village.id }, ids: [number] }, cadre);
      expect(byKey(af.data!.autofill.values).population).toMatchObject({ value: '1260', source: 'SUBMISSION', asOf: '2025-03-31' });
      expect(af.data!.autofill.residents[0].known).toBe(true);
      expect(byKey(af.data!.autofill.residents[0].values).name).toMatchObject({ value: '李四', source: 'SUBMISSION' });
      // Submitting the accepted values unchanged: all counted as autofilled and kept.
      const res = await server.gql(
        SAVE,
        {
          i: {
            assignmentId: mine!.id,
            clientId: 'second-form-1',
            expectedVersion: 0,
            submit: true,
            values: [{ key: 'population', value: '1260' }],
            rows: [
              {
                values: [
                  { key: 'id', value: number },
                  { key: 'name', value: '李四' },
                  { key: 'dibao', value: '否' },
                ],
              },
            ],
          },
        },
        cadre,
      );
      expect(res.data!.saveSubmission).toMatchObject({ autofilledKept: 3, autofilledChanged: 0, typed: 0 });
    });

    it('the department downloads the task as .xlsx: header and resident sheets, IDs masked; full IDs only for it, audited', async () => {
      expect((await download(`/api/tasks/${task.id}/export.xlsx`)).status).toBe(401);
      const res = await download(`/api/tasks/${task.id}/export.xlsx`, mzj);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toContain('spreadsheetml');
      const wb = await readXlsx(res);
      const head = sheetRows(wb, '村表头');
      expect(head[0]).toEqual(['区划代码', '填报单位', '所属镇(街道)', '状态', '提交时间', '户籍人口', '户数', '高龄老人数']);
      expect(head.length).toBe(villagesInTown + 1);
      const row = head.find((item) => item[0] === village.code)!;
      expect(row.slice(3, 4)).toEqual(['已通过']);
      expect(row.slice(5)).toEqual([1260, 400, 80]);
      const people = sheetRows(wb, '居民明细');
      expect(people[0]).toEqual(['区划代码', '填报单位', '身份证号', '姓名', '性别', '是否低保']);
      expect(people.slice(1)).toEqual([
        [village.code, village.name, `420683********${idNumber.slice(14)}`, '张三', '男', '是'],
        [village.code, village.name, `420683********${number.slice(14)}`, '李四', '女', '否'],
      ]);

      const full = await readXlsx(await download(`/api/tasks/${task.id}/export.xlsx?full=1`, mzj));
      expect(
        sheetRows(full, '居民明细')
          .slice(1)
          .map((sheetRow) => sheetRow[2]),
      ).toEqual([idNumber, number]);
      const refused = await download(`/api/tasks/${task.id}/export.xlsx?full=1`, town);
      expect(refused.status).toBe(403);
      expect(((await refused.json()) as any).error.code).toBe('FORBIDDEN');
      expect((await download(`/api/tasks/${task.id}/export.xlsx`, other)).status).toBe(404);
      const actions = (await auditActions('task', task.id)).map((auditAction: any) => auditAction.action);
      expect(actions.filter((action: string) => action.startsWith('task.export'))).toEqual(['task.export', 'task.export_full']);
    });

    it('gives a blank template of the form version', async () => {
      const res = await download(`/api/form-versions/${form.versionId}/template.xlsx`, cadre);
      expect(res.status).toBe(200);
      const wb = await readXlsx(res);
      expect(sheetRows(wb, '村表头')[0]).toEqual(['区划代码', '填报单位', '户籍人口', '户数', '高龄老人数']);
      expect(sheetRows(wb, '居民明细')).toEqual([['身份证号', '姓名', '性别', '是否低保']]);
      expect(sheetRows(wb, '填表说明').length).toBe(8);
    });

    it('reminds the villages that have not submitted; the cadre sees the count', async () => {
      expectError(
        await server.gql(
          graphql(`
            mutation ($id: Int!) {
              sendReminder(taskId: $id)
            }
          `),
          { id: task.id },
          other,
        ),
        'NOT_FOUND',
      );
      const res = await server.gql(
        graphql(`
          mutation ($id: Int!) {
            sendReminder(taskId: $id)
          }
        `),
        { id: task.id },
        mzj,
      );
      expect(res.data!.sendReminder).toBe(villagesInTown - 1);
      const theirs = await server.gql(
        graphql(`
          {
            myAssignments(status: TODO) {
              items {
                reminderCount
                lastRemindedAt
              }
            }
          }
        `),
        {},
        neighbour,
      );
      expect(theirs.data!.myAssignments.items[0].reminderCount).toBe(1);
      expect((await auditActions('task', task.id)).map((auditAction: any) => auditAction.action)).toContain('task.remind');
      const progress = (
        await server.gql(
          graphql(`
            query ($id: Int!) {
              task(id: $id) {
                progress {
                  status
                  count
                }
              }
            }
          `),
          { id: task.id },
          mzj,
        )
      ).data!.task.progress;
      expect(Object.fromEntries(progress.map((item: any) => [item.status, item.count]))).toEqual({
        ACCEPTED: 1,
        NOT_STARTED: villagesInTown - 1,
      });
    });
  });

  describe('refusals: scope, concurrency, replays', () => {
    let form: { id: number; versionId: number };
    let taskId: number;
    let mine: any;
    let theirs: any;
    beforeAll(async () => {
      form = await createForm('村级基本情况月报', FIELDS().slice(0, 3), 'MONTHLY');
      await admit(form.id);
      taskId = (
        await server.gql(CREATE_TASK, { i: { formId: form.id, period: '2025-03', dueAt: future(), townIds: [village.parentId!] } }, mzj)
      ).data!.createTask.id;
      mine = await myAssignment(cadre, form.id);
      theirs = await myAssignment(neighbour, form.id);
    });

    it('a cadre cannot read or write another village’s assignment or submission; nothing changes', async () => {
      const draft = await server.gql(
        SAVE,
        { i: { assignmentId: theirs.id, clientId: 'their-draft-1', expectedVersion: 0, values: [{ key: 'population', value: '10' }] } },
        neighbour,
      );
      const theirSubmission = draft.data!.saveSubmission.id;
      const before = await counts();
      expectError(
        await server.gql(
          SAVE,
          { i: { assignmentId: theirs.id, clientId: 'intruder-0001', expectedVersion: 1, values: [{ key: 'population', value: '99' }] } },
          cadre,
        ),
        'NOT_FOUND',
      );
      expectError(
        await server.gql(
          graphql(`
            query ($id: Int!) {
              assignment(id: $id) {
                id
              }
            }
          `),
          { id: theirs.id },
          cadre,
        ),
        'NOT_FOUND',
      );
      expectError(
        await server.gql(
          graphql(`
            query ($id: Int!) {
              submission(id: $id) {
                id
              }
            }
          `),
          { id: theirSubmission },
          cadre,
        ),
        'NOT_FOUND',
      );
      expectError(
        await server.gql(
          graphql(`
            query ($id: Int!) {
              submission(id: $id) {
                id
              }
            }
          `),
          { id: theirSubmission },
          otherTown,
        ),
        'NOT_FOUND',
      );
      expectError(
        await server.gql(
          graphql(`
            query ($id: Int!) {
              task(id: $id) {
                id
              }
            }
          `),
          { id: taskId },
          other,
        ),
        'NOT_FOUND',
      );
      // The town sees the village's data but fills only its own.
      expect(
        (
          await server.gql(
            graphql(`
              query ($id: Int!) {
                submission(id: $id) {
                  values {
                    key
                    value
                  }
                }
              }
            `),
            { id: theirSubmission },
            town,
          )
        ).data!.submission.values,
      ).toEqual([{ key: 'population', value: '10' }]);
      expectError(
        await server.gql(SAVE, { i: { assignmentId: theirs.id, clientId: 'town-edit-001', expectedVersion: 1, values: [] } }, town),
        'FORBIDDEN',
      );
      // Leaders' dashboards read progress, never a village's filled-in data; the auditor reads the audit log only.
      const viewer = await server.login('lingdao');
      expectError(
        await server.gql(
          graphql(`
            query ($id: Int!) {
              submission(id: $id) {
                id
              }
            }
          `),
          { id: theirSubmission },
          viewer,
        ),
        'NOT_FOUND',
      );
      expect(
        (
          await server.gql(
            graphql(`
              query ($id: Int!) {
                assignment(id: $id) {
                  status
                  submission {
                    id
                  }
                }
              }
            `),
            { id: theirs.id },
            viewer,
          )
        ).data!.assignment,
      ).toEqual({ status: 'DRAFT', submission: null });
      expect(
        (
          await server.gql(
            graphql(`
              {
                assignments {
                  totalItems
                }
              }
            `),
            {},
            auditor,
          )
        ).data!.assignments.totalItems,
      ).toBe(0);
      expect((await download(`/api/tasks/${taskId}/export.xlsx`, viewer)).status).toBe(403);
      expect(await counts()).toEqual(before);
      expect((await server.dataSource.getRepository(Submission).findOneByOrFail({ id: theirSubmission })).valuesJson).toBe(
        '{"population":"10"}',
      );
    });

    it('two cadres editing the same draft: one wins, the other gets CONFLICT with the current version', async () => {
      const first = await server.gql(
        SAVE,
        { i: { assignmentId: mine.id, clientId: 'edit-base-001', expectedVersion: 0, values: [{ key: 'population', value: '1' }] } },
        cadre,
      );
      expect(first.data!.saveSubmission.version).toBe(1);
      const second = await server.login(await username(Role.VILLAGE_CADRE, village.id)); // a second session of the village
      const [x, y] = await Promise.all([
        server.gql(
          SAVE,
          { i: { assignmentId: mine.id, clientId: 'edit-one-0001', expectedVersion: 1, values: [{ key: 'population', value: '111' }] } },
          cadre,
        ),
        server.gql(
          SAVE,
          { i: { assignmentId: mine.id, clientId: 'edit-two-0001', expectedVersion: 1, values: [{ key: 'population', value: '222' }] } },
          second,
        ),
      ]);
      const results = [x, y];
      const won = results.filter((result) => !result.errors);
      const lost = results.filter((result) => result.errors);
      expect(won.length).toBe(1);
      expect(lost.length).toBe(1);
      const gqlError = expectError(lost[0], 'CONFLICT');
      expect(gqlError.extensions.currentVersion).toBe(2);
      const stored = await server.dataSource.getRepository(Submission).findOneByOrFail({ assignmentId: mine.id });
      expect(stored.version).toBe(2);
      expect(JSON.parse(stored.valuesJson).population).toBe(won[0].data!.saveSubmission.values[0].value);
      // A stale version later is refused the same way.
      expect(
        expectError(
          await server.gql(SAVE, { i: { assignmentId: mine.id, clientId: 'stale-edit-01', expectedVersion: 1, values: [] } }, cadre),
          'CONFLICT',
        ).extensions.currentVersion,
      ).toBe(2);
    });

    it('twenty concurrent identical first saves leave exactly one submission', async () => {
      const other3 = (await server.dataSource.getRepository(Assignment).find({ where: { taskId }, order: { id: 'ASC' } })).find(
        (assignment) => assignment.regionId !== village.id && assignment.regionId !== neighbourVillage.id,
      )!;
      const token = await server.login(await username(Role.VILLAGE_CADRE, other3.regionId));
      const input = {
        assignmentId: other3.id,
        clientId: 'same-click-0001',
        expectedVersion: 0,
        submit: true,
        values: [{ key: 'population', value: '500' }],
      };
      const results = await Promise.all(Array.from({ length: 20 }, () => server.gql(SAVE, { i: input }, token)));
      expect(results.filter((result) => result.errors).map((result) => result.errors![0].extensions.code)).toEqual([]);
      expect(new Set(results.map((result) => `${result.data!.saveSubmission.id}/${result.data!.saveSubmission.version}`)).size).toBe(1);
      expect(await server.dataSource.getRepository(Submission).countBy({ assignmentId: other3.id })).toBe(1);
      expect(await server.dataSource.getRepository(SubmissionSave).countBy({ assignmentId: other3.id })).toBe(1);
      const events = await auditActions('submission', results[0].data!.saveSubmission.id);
      expect(events.map((event: any) => event.action)).toEqual(['submission.submit']);
    });

    it('lists with nested task, form, village and submission in the same number of SQL statements for 1 or 50 items', async () => {
      // Full pages on both sides (TypeORM skips the count query for a short page): a task to every village.
      const form2 = await createForm('全市村级基本情况年报', FIELDS().slice(0, 2), 'YEARLY');
      await admit(form2.id);
      const all = (await server.gql(CREATE_TASK, { i: { formId: form2.id, period: '2025', dueAt: future(), all: true } }, mzj)).data!
        .createTask;
      expect(all.assignmentCount).toBeGreaterThan(50);
      const result = graphql(`
        query ($n: Int!, $task: Int!) {
          assignments(taskId: $task, take: $n) {
            totalItems
            items {
              id
              dueAt
              region {
                name
              }
              town {
                name
              }
              task {
                period
                form {
                  title
                }
                department {
                  name
                }
              }
              submission {
                status
                rows {
                  idMasked
                }
              }
            }
          }
        }
      `);
      // Each measured request right after a warm-up, so the 5-second account cache is hit in both.
      const measure = async (num: number) => {
        await server.gql(
          graphql(`
            {
              me {
                id
              }
            }
          `),
          {},
          mzj,
        );
        return server.countQueries(() => server.gql(result, { n: num, task: all.id }, mzj));
      };
      const one = await measure(1);
      const many = await measure(50);
      expect(one.result.data!.assignments.items.length).toBe(1);
      expect(many.result.data!.assignments.items.length).toBe(50);
      expect(new Set(many.result.data!.assignments.items.map((item: any) => item.town.name)).size).toBeGreaterThan(1);
      expect(many.queries).toBe(one.queries);
      // The town's own to-do list, nested the same way: a full page of many costs what a page of one does.
      const mq = graphql(`
        query ($n: Int!, $s: Int) {
          myAssignments(status: ALL, take: $n, skip: $s) {
            totalItems
            items {
              id
              region {
                name
              }
              task {
                form {
                  title
                }
              }
              submission {
                status
                rows {
                  idMasked
                }
              }
            }
          }
        }
      `);
      const list = (await server.gql(mq, { n: 200 }, town)).data!.myAssignments;
      const min = Math.min(50, list.totalItems - 1);
      expect(min).toBeGreaterThanOrEqual(10);
      // The page of one is an item with a submission, so both pages touch every nested level.
      const withSubmission = list.items.findIndex((item: any) => item.submission);
      expect(withSubmission).toBeLessThan(min);
      await server.gql(
        graphql(`
          {
            me {
              id
            }
          }
        `),
        {},
        town,
      );
      const tOne = await server.countQueries(() => server.gql(mq, { n: 1, s: withSubmission }, town));
      await server.gql(
        graphql(`
          {
            me {
              id
            }
          }
        `),
        {},
        town,
      );
      const tMany = await server.countQueries(() => server.gql(mq, { n: min }, town));
      expect(tMany.result.data!.myAssignments.items.length).toBe(min);
      expect(tMany.queries).toBe(tOne.queries);
      // The town's own view of it: only its villages.
      expect((await server.gql(result, { n: 200, task: all.id }, town)).data!.assignments.totalItems).toBe(villagesInTown);
    });

    it('sorts by due date and shows overdue work', async () => {
      // Time travel: this month's assignment of the neighbour is now past due.
      await server.dataSource.getRepository(Assignment).update({ id: theirs.id }, { dueAt: new Date(Date.now() - 86400000) });
      const res = await server.gql(
        graphql(`
          {
            myAssignments(status: OVERDUE) {
              items {
                id
                overdue
              }
            }
          }
        `),
        {},
        neighbour,
      );
      expect(res.data!.myAssignments.items).toEqual([{ id: theirs.id, overdue: true }]);
      const all = (
        await server.gql(
          graphql(`
            {
              myAssignments(status: ALL) {
                items {
                  dueAt
                }
              }
            }
          `),
          {},
          neighbour,
        )
      ).data!.myAssignments.items.map((x: any) => x.dueAt);
      expect([...all].sort()).toEqual(all);
    });

    it('a closed task takes no more submissions', async () => {
      expect(
        (
          await server.gql(
            graphql(`
              mutation ($id: Int!) {
                closeTask(id: $id) {
                  status
                  closedAt
                }
              }
            `),
            { id: taskId },
            mzj,
          )
        ).data!.closeTask.status,
      ).toBe('CLOSED');
      const before = await counts();
      const gqlError = expectError(
        await server.gql(SAVE, { i: { assignmentId: mine.id, clientId: 'after-close-1', expectedVersion: 2, values: [] } }, cadre),
        'CONFLICT',
      );
      expect(gqlError.message).toContain('关闭');
      expect(await counts()).toEqual(before);
      const todo = (
        await server.gql(
          graphql(`
            {
              myAssignments(status: TODO, take: 200) {
                items {
                  id
                }
              }
            }
          `),
          {},
          cadre,
        )
      ).data!.myAssignments.items.map((x: any) => x.id);
      expect(todo).not.toContain(mine.id);
      const all = (
        await server.gql(
          graphql(`
            {
              myAssignments(status: ALL, take: 200) {
                items {
                  id
                }
              }
            }
          `),
          {},
          cadre,
        )
      ).data!.myAssignments.items.map((x: any) => x.id);
      expect(all).toContain(mine.id);
    });

    it('an auto-accept task accepts on submit and writes back at once', async () => {
      const form2 = await createForm('村级户数半年报', [FIELDS()[1]], 'HALF_YEARLY');
      await admit(form2.id);
      await server.gql(
        CREATE_TASK,
        { i: { formId: form2.id, period: '2025-H1', dueAt: future(), villageIds: [village.id], autoAccept: true } },
        mzj,
      );
      const assignment = await myAssignment(cadre, form2.id);
      const res = await server.gql(
        SAVE,
        {
          i: {
            assignmentId: assignment!.id,
            clientId: 'auto-accept-1',
            expectedVersion: 0,
            submit: true,
            values: [{ key: 'households', value: '410' }],
          },
        },
        cadre,
      );
      expect(res.data!.saveSubmission).toMatchObject({ status: 'ACCEPTED', autofilledChanged: 1 });
      expect(
        await server.dataSource
          .getRepository(CurrentFact)
          .findOneByOrFail({ subjectType: 'VILLAGE', subjectId: village.id, elementId: el['village.households'] }),
      ).toMatchObject({
        value: '410',
        asOf: '2025-06-30',
      });
    });

    it('a yearly form accepted before its year ends is written back as of the submission day, not the future period end', async () => {
      const form3 = await createForm('村级户数年报', [FIELDS()[1]], 'YEARLY');
      await admit(form3.id);
      const today = platformDay();
      const year = today.slice(0, 4);
      await server.gql(
        CREATE_TASK,
        { i: { formId: form3.id, period: year, dueAt: future(), villageIds: [village.id], autoAccept: true } },
        mzj,
      );
      const assignment = await myAssignment(cadre, form3.id);
      const res = await server.gql(
        SAVE,
        {
          i: {
            assignmentId: assignment!.id,
            clientId: 'yearly-now-1',
            expectedVersion: 0,
            submit: true,
            values: [{ key: 'households', value: '415' }],
          },
        },
        cadre,
      );
      expect(res.data!.saveSubmission).toMatchObject({ status: 'ACCEPTED' });
      const written = await server.dataSource
        .getRepository(CurrentFact)
        .findOneByOrFail({ subjectType: 'VILLAGE', subjectId: village.id, elementId: el['village.households'] });
      expect(written).toMatchObject({ value: '415', asOf: today });
      expect(written.asOf <= `${year}-12-31`).toBe(true);
    });
  });

  it('a town-level form is filled by the town and reviewed by the department only', async () => {
    const res = await server.gql(
      CREATE_FORM,
      {
        i: {
          title: '镇级网格员配备情况表',
          dutyItemId: duty,
          targetLevel: 'TOWN',
          frequency: 'ONCE',
          fields: [{ key: 'grids', label: '网格员人数', valueType: 'INTEGER', required: true }],
        },
      },
      mzj,
    );
    const formId = res.data!.createForm.id;
    await admit(formId);
    expect(
      expectError(
        await server.gql(CREATE_TASK, { i: { formId, period: '2025', dueAt: future(), villageIds: [village.id] } }, mzj),
        'BAD_USER_INPUT',
      ).extensions.details![0].field,
    ).toBe('villageIds');
    const tk = (await server.gql(CREATE_TASK, { i: { formId, period: '2025', dueAt: future(), townIds: [village.parentId!] } }, mzj)).data!
      .createTask;
    expect(tk.assignmentCount).toBe(1);
    const assignment = await myAssignment(town, formId);
    expect((await myAssignment(cadre, formId)) ?? null).toBeNull();
    expectError(
      await server.gql(SAVE, { i: { assignmentId: assignment!.id, clientId: 'cadre-try-001', expectedVersion: 0, values: [] } }, cadre),
      'NOT_FOUND',
    );
    const sub = (
      await server.gql(
        SAVE,
        {
          i: {
            assignmentId: assignment!.id,
            clientId: 'town-fill-001',
            expectedVersion: 0,
            submit: true,
            values: [{ key: 'grids', value: '12' }],
          },
        },
        town,
      )
    ).data!.saveSubmission;
    expect(sub).toMatchObject({ status: 'SUBMITTED', typed: 1 });
    expectError(await server.gql(REVIEW, { id: sub.id, d: 'ACCEPT' }, town), 'FORBIDDEN');
    expect((await server.gql(REVIEW, { id: sub.id, d: 'ACCEPT' }, mzj)).data!.reviewSubmission.status).toBe('ACCEPTED');
  });

  it('keeps a submission of 500 resident rows (larger than one MySQL TEXT value)', async () => {
    const form = await createForm('低保对象花名册', [FIELDS()[3], FIELDS()[4], FIELDS()[6]], 'ONCE');
    await admit(form.id);
    await server.gql(CREATE_TASK, { i: { formId: form.id, period: '2025-Q2', dueAt: future(), villageIds: [village.id] } }, mzj);
    const assignment = await myAssignment(cadre, form.id);
    const rows = Array.from({ length: 500 }, (_, i) => ({
      values: [
        { key: 'id', value: makeIdNumber('420683', `19${50 + (i % 40)}0101`, i) },
        { key: 'name', value: `居民甲乙丙丁${i}` },
        { key: 'dibao', value: i % 3 ? '否' : '是' },
      ],
    }));
    const res = await server.gql(
      SAVE,
      { i: { assignmentId: assignment!.id, clientId: 'roster-500-01', expectedVersion: 0, submit: true, rows } },
      cadre,
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!.saveSubmission.rowCount).toBe(500);
    expect(res.data!.saveSubmission.rows[499]).toMatchObject({
      index: 499,
      values: [
        { key: 'name', value: '居民甲乙丙丁499' },
        { key: 'dibao', value: 'false' },
      ],
    });
  });

  describe('a resident list with rules (issue 16)', () => {
    const LIST_FIELDS = (rules: Partial<Input<'FieldInput'>> = {}): Input<'FieldInput'>[] => [
      { key: 'disabled', label: '残疾人数', valueType: 'INTEGER', required: true, section: 'VILLAGE', min: 0 },
      { key: 'note', label: '备注', valueType: 'TEXT', section: 'VILLAGE' },
      { ...FIELDS()[3], minRows: 1, rowCountKey: 'disabled', ...rules },
      FIELDS()[4],
    ];
    const SAVE_STATE = graphql(`
      mutation ($i: SaveSubmissionInput!) {
        saveSubmission(input: $i) {
          id
          status
          version
          rowCount
          returnComment
        }
      }
    `);
    const ASSIGNMENT = graphql(`
      query ($id: Int!) {
        assignment(id: $id) {
          status
          task {
            formVersion {
              fields {
                key
                minRows
                rowCountKey
              }
            }
          }
          submission {
            status
            version
            rowCount
            returnComment
          }
        }
      }
    `);
    const row = (id: string, name: string) => ({
      values: [
        { key: 'id', value: id },
        { key: 'name', value: name },
      ],
    });
    const header = (disabled: string) => [{ key: 'disabled', value: disabled }];

    it('refuses row rules on a field that is not the row key, or a count field that is not a header integer', async () => {
      const bad = [
        { ...LIST_FIELDS(), 2: { ...LIST_FIELDS()[2], rowCountKey: 'note' } },
        { ...LIST_FIELDS(), 3: { ...LIST_FIELDS()[3], minRows: 2 } },
        { ...LIST_FIELDS(), 2: { ...LIST_FIELDS()[2], minRows: -1 } },
      ].map((x) => Object.values(x) as Input<'FieldInput'>[]);
      const messages = [];
      for (const fields of bad) {
        const res = await server.gql(
          CREATE_FORM,
          { i: { title: '残疾人情况', dutyItemId: duty, targetLevel: 'VILLAGE', frequency: 'ONCE', fields } },
          mzj,
        );
        messages.push(expectError(res, 'BAD_USER_INPUT').message);
      }
      expect(messages[0]).toMatch(/居民明细行数应对应表头的一个整数字段，表中没有整数字段“note”/);
      expect(messages[1]).toMatch(/只有居民明细的身份证号字段可以设置行数要求/);
      expect(messages[2]).toMatch(/最少行数应为 0–5000 的整数/);
    });

    it('a required list cannot be submitted empty or with fewer rows than its count field; a draft still saves empty', async () => {
      const form = await createForm('残疾人基本情况', LIST_FIELDS(), 'ONCE');
      await admit(form.id);
      await server.gql(CREATE_TASK, { i: { formId: form.id, period: '2025-Q3', dueAt: future(), villageIds: [village.id] } }, mzj);
      const assignment = (await myAssignment(cadre, form.id))!;
      const fields = (await server.gql(ASSIGNMENT, { id: assignment.id }, cadre)).data!.assignment!.task.formVersion.fields;
      expect(fields.find((field) => field.key === 'id')).toEqual({ key: 'id', minRows: 1, rowCountKey: 'disabled' });

      const draft = await server.gql(
        SAVE_STATE,
        { i: { assignmentId: assignment.id, clientId: 'list-rules-01', expectedVersion: 0, values: header('47'), rows: [] } },
        cadre,
      );
      expect(draft.data!.saveSubmission).toMatchObject({ status: 'DRAFT', version: 1, rowCount: 0 });

      const empty = expectError(
        await server.gql(
          SAVE_STATE,
          {
            i: { assignmentId: assignment.id, clientId: 'list-rules-02', expectedVersion: 1, values: header('47'), rows: [], submit: true },
          },
          cadre,
        ),
        'BAD_USER_INPUT',
      );
      expect(empty.message).toContain('居民明细至少需要 1 行（现有 0 行）');
      expect(empty.message).toContain('居民明细有 0 行，应与“残疾人数”（47）一致');
      expect(empty.extensions.details!.map((problem) => problem.field)).toEqual(['rows', 'rows']);

      const short = expectError(
        await server.gql(
          SAVE_STATE,
          {
            i: {
              assignmentId: assignment.id,
              clientId: 'list-rules-03',
              expectedVersion: 1,
              values: header('2'),
              rows: [row(number, '李四')],
              submit: true,
            },
          },
          cadre,
        ),
        'BAD_USER_INPUT',
      );
      expect(short.message).toBe('有 1 处需要修改：居民明细有 1 行，应与“残疾人数”（2）一致');
      // Nothing changed: still the empty draft, and nothing went to the town.
      expect((await server.gql(ASSIGNMENT, { id: assignment.id }, cadre)).data!.assignment).toMatchObject({
        status: 'DRAFT',
        submission: { status: 'DRAFT', version: 1, rowCount: 0 },
      });

      const ok = await server.gql(
        SAVE_STATE,
        {
          i: {
            assignmentId: assignment.id,
            clientId: 'list-rules-04',
            expectedVersion: 1,
            values: header('1'),
            rows: [row(number, '李四')],
            submit: true,
          },
        },
        cadre,
      );
      expect(ok.data!.saveSubmission).toMatchObject({ status: 'SUBMITTED', rowCount: 1 });
    });

    it('the return reason stays through draft saves and is cleared only by the next submission (kept in the audit)', async () => {
      const form = await createForm('残疾人两项补贴名册', LIST_FIELDS({ minRows: null, rowCountKey: null }), 'ONCE');
      await admit(form.id);
      await server.gql(CREATE_TASK, { i: { formId: form.id, period: '2025-Q3', dueAt: future(), villageIds: [village.id] } }, mzj);
      const assignment = (await myAssignment(cadre, form.id))!;
      const save = (clientId: string, expectedVersion: number, disabled: string, submit: boolean) =>
        server.gql(
          SAVE_STATE,
          { i: { assignmentId: assignment.id, clientId, expectedVersion, values: header(disabled), rows: [row(number, '李四')], submit } },
          cadre,
        );
      const submitted = (await save('reason-kept-01', 0, '3', true)).data!.saveSubmission;
      const reason = '残疾人数与残联台账不符，请核实';
      expect((await server.gql(REVIEW, { id: submitted.id, d: 'RETURN', c: reason }, town)).data!.reviewSubmission.returnComment).toBe(
        reason,
      );

      const draft = (await save('reason-kept-02', 2, '1', false)).data!.saveSubmission;
      expect(draft).toMatchObject({ status: 'DRAFT', version: 3, returnComment: reason });
      const again = (await save('reason-kept-03', 3, '1', false)).data!.saveSubmission;
      expect(again).toMatchObject({ status: 'DRAFT', version: 4, returnComment: reason });
      for (const token of [cadre, town])
        expect((await server.gql(ASSIGNMENT, { id: assignment.id }, token)).data!.assignment).toMatchObject({
          status: 'DRAFT',
          submission: { returnComment: reason },
        });

      const resubmitted = (await save('reason-kept-04', 4, '1', true)).data!.saveSubmission;
      expect(resubmitted).toMatchObject({ status: 'SUBMITTED', returnComment: null });
      const accepted = await server.gql(REVIEW, { id: submitted.id, d: 'ACCEPT' }, town);
      expect(accepted.data!.reviewSubmission).toMatchObject({ status: 'ACCEPTED', returnComment: null });
      const history = await auditActions('submission', submitted.id);
      expect(JSON.parse(history.find((event) => event.action === 'submission.return')!.detail!)).toMatchObject({ comment: reason });
    });
  });
});
