import { In } from 'typeorm';
import { Role } from '../src/common/auth-user.js';
import { Assignment } from '../src/dispatch/assignment.entity.js';
import { User } from '../src/identity/user.entity.js';
import { Region } from '../src/regions/region.entity.js';
import { expectError, startTestApp, type TestApp } from './support/harness.js';
import { measureNPlusOne } from './support/n-plus-one.js';
import { expectRollupsMatchRaw } from './support/rollups.js';
import { RollupService } from '../src/rollups/rollup.service.js';
import { graphql, type Input, type TadaDocumentNode } from './support/graphql.js';

// Dashboards checked against figures counted by hand from a small story played through the API.
describe('insights: dashboards scoped to the caller', () => {
  let server: TestApp;
  let mzj: string,
    nyncj: string,
    office: string,
    viewer: string,
    town: string,
    otherTown: string,
    cadre: string,
    neighbour: string,
    auditor: string;
  let village: Region;
  let neighbourVillage: Region;
  let villagesInTown: number;
  let f1: number;
  let taskId: number;
  let mzjId: number;
  const year = new Date().getUTCFullYear();
  const quarter = `${year}-Q${Math.floor(new Date().getUTCMonth() / 3) + 1}`;

  const FIELDS: Input<'FieldInput'>[] = [
    { key: 'wells', label: '水井数', valueType: 'INTEGER', required: true, section: 'VILLAGE', min: 0 },
    { key: 'ponds', label: '当家塘数', valueType: 'INTEGER', required: true, section: 'VILLAGE', min: 0 },
  ];
  const STATEMENTS = {
    departmentDoes: '市局负责制定统计口径、汇总全市数据并承担核查工作',
    villageDoes: '村委会每季度核对本村水井和当家塘数量并在平台填报',
    departmentSupport: '市局提供培训和技术指导，并将往期数据预先导入平台',
    legalBasis: '《中华人民共和国水法》第二十三条及省水利厅相关通知',
    justification: '掌握农村小型水利设施底数，支撑抗旱调度和维修资金分配',
  };

  async function gqlOk<R, V>(doc: TadaDocumentNode<R, V>, variables: V, token: string): Promise<R> {
    const result = await server.gql(doc, variables, token);
    if (result.errors) throw new Error(JSON.stringify(result.errors));
    return result.data!;
  }
  async function formWithRequest(token: string, title: string): Promise<{ formId: number; requestId: number }> {
    const duty = (
      await gqlOk(
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
        token,
      )
    ).dutyItems.items[0].id;
    const form = (
      await gqlOk(
        graphql(`
          mutation ($i: CreateFormInput!) {
            createForm(input: $i) {
              id
            }
          }
        `),
        { i: { title, dutyItemId: duty, targetLevel: 'VILLAGE', frequency: 'QUARTERLY', fields: FIELDS } },
        token,
      )
    ).createForm;
    const req = (
      await gqlOk(
        graphql(`
          mutation ($i: SubmitAdmissionInput!) {
            submitAdmissionRequest(input: $i) {
              id
              status
            }
          }
        `),
        { i: { formId: form.id, ...STATEMENTS } },
        token,
      )
    ).submitAdmissionRequest;
    return { formId: form.id, requestId: req.id };
  }
  const review = (id: number, decision: Input<'ReviewDecision'>, comment?: string) =>
    gqlOk(
      graphql(`
        mutation ($i: ReviewAdmissionInput!) {
          reviewAdmissionRequest(input: $i) {
            status
          }
        }
      `),
      { i: { id, decision, comment } },
      office,
    );
  const username = async (role: Role, regionId: number) =>
    (await server.dataSource.getRepository(User).findOneByOrFail({ role, regionId })).username;

  beforeAll(async () => {
    server = await startTestApp('insights');
    [mzj, nyncj, office, viewer, auditor] = await Promise.all(
      ['bm_mzj', 'bm_nyncj', 'jianfuban', 'lingdao', 'shenji'].map((username2) => server.login(username2)),
    );
    const regions = server.dataSource.getRepository(Region);
    village = await regions.findOneByOrFail({ code: '420683003200' });
    const siblings = await regions.find({ where: { parentId: village.parentId! } });
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
    const depts = (
      await gqlOk(
        graphql(`
          {
            departments {
              id
              code
            }
          }
        `),
        {},
        viewer,
      )
    ).departments;
    mzjId = depts.find((dept: any) => dept.code === 'mzj')!.id;
    expect(depts.find((dept: any) => dept.code === 'nyncj')).toBeDefined();

    // Admission: mzj F1 approved, mzj F3 returned, nyncj F2 rejected.
    const form = await formWithRequest(mzj, '农村小型水利设施季报');
    f1 = form.formId;
    await review(form.requestId, 'APPROVE');
    const formB = await formWithRequest(nyncj, '农田水利设施统计表');
    await review(formB.requestId, 'REJECT', '与市民政局已准入的表单重复，请使用共享数据');
    const formC = await formWithRequest(mzj, '水井清查补充表');
    await review(formC.requestId, 'RETURN', '请说明与季报的区别并合并字段');

    // Dispatch F1 to every village of 土铺村's town; 土铺村 submits and is accepted; its neighbour saves a draft.
    const task = (
      await gqlOk(
        graphql(`
          mutation ($i: CreateTaskInput!) {
            createTask(input: $i) {
              id
              assignmentCount
            }
          }
        `),
        {
          i: { formId: f1, period: quarter, dueAt: new Date(Date.now() + 10 * 86400000).toISOString(), townIds: [village.parentId!] },
        },
        mzj,
      )
    ).createTask;
    taskId = task.id;
    expect(task.assignmentCount).toBe(villagesInTown);
    const mine = async (token: string) =>
      (
        await gqlOk(
          graphql(`
            {
              myAssignments(status: ALL) {
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
          token,
        )
      ).myAssignments.items.find((x: any) => x.task.id === taskId);
    const save = (token: string, assignmentId: number, submit: boolean, clientId: string) =>
      gqlOk(
        graphql(`
          mutation ($i: SaveSubmissionInput!) {
            saveSubmission(input: $i) {
              id
              status
            }
          }
        `),
        {
          i: {
            assignmentId,
            clientId,
            expectedVersion: 0,
            submit,
            values: [
              { key: 'wells', value: '12' },
              { key: 'ponds', value: '3' },
            ],
          },
        },
        token,
      );
    const sub = (await save(cadre, (await mine(cadre))!.id, true, 'cadre-save-0001')).saveSubmission;
    await gqlOk(
      graphql(`
        mutation ($id: Int!) {
          reviewSubmission(submissionId: $id, decision: ACCEPT) {
            status
          }
        }
      `),
      { id: sub.id },
      town,
    );
    await save(neighbour, (await mine(neighbour))!.id, false, 'neighbour-save-0001');

    // A complaint from 土铺村 naming 市民政局.
    await gqlOk(
      graphql(`
        mutation ($i: FileFeedbackInput!) {
          fileFeedback(input: $i) {
            id
          }
        }
      `),
      {
        i: {
          type: 'COMPLAINT',
          complaintKind: 'FORM_OUTSIDE_PLATFORM',
          title: '平台外要求填表',
          content: '某科室通过微信群要求另填一张水井表',
          departmentId: mzjId,
        },
      },
      cadre,
    );
  });
  afterAll(() => server.close());

  const OVERVIEW = graphql(`
    {
      overview {
        scope
        activeVillageForms
        villageFormCap
        requestsByStatus {
          status
          count
        }
        decisionsByDepartment {
          department {
            code
          }
          approved
          rejected
          returned
        }
        openTasks
        assignments {
          total
          notStarted
          draft
          submitted
          returned
          accepted
          overdue
        }
        completionRate
        onTimeRate
        autofillRate
        openComplaints
      }
    }
  `);

  it('city overview matches the story', async () => {
    const overview = (await gqlOk(OVERVIEW, {}, viewer)).overview;
    expect(overview.scope).toBe('全市');
    expect(overview.activeVillageForms).toBe(1);
    expect(overview.villageFormCap).toBe(19);
    expect(overview.requestsByStatus).toEqual([
      { status: 'APPROVED', count: 1 },
      { status: 'REJECTED', count: 1 },
      { status: 'RETURNED', count: 1 },
    ]);
    expect(overview.decisionsByDepartment).toEqual(
      expect.arrayContaining([
        { department: { code: 'mzj' }, approved: 1, rejected: 0, returned: 1 },
        { department: { code: 'nyncj' }, approved: 0, rejected: 1, returned: 0 },
      ]),
    );
    expect(overview.openTasks).toBe(1);
    expect(overview.assignments).toEqual({
      total: villagesInTown,
      notStarted: villagesInTown - 2,
      draft: 1,
      submitted: 0,
      returned: 0,
      accepted: 1,
      overdue: 0,
    });
    expect(overview.completionRate).toBeCloseTo(1 / villagesInTown, 3);
    expect(overview.onTimeRate).toBe(1);
    expect(overview.autofillRate).toBe(0); // both fields typed by hand: nothing was known
    expect(overview.openComplaints).toBe(1);
  });

  it('a town sees its villages, another town nothing; a department only its own tasks', async () => {
    const mineTown = (await gqlOk(OVERVIEW, {}, town)).overview;
    expect(mineTown.scope).toMatch(/街道|镇/);
    expect(mineTown.assignments.total).toBe(villagesInTown);
    expect(mineTown.openComplaints).toBe(1);
    const other = (await gqlOk(OVERVIEW, {}, otherTown)).overview;
    expect(other.assignments.total).toBe(0);
    expect(other.openComplaints).toBe(0);
    const dept = (await gqlOk(OVERVIEW, {}, nyncj)).overview;
    expect(dept.scope).toBe('市农业农村局');
    expect(dept.assignments.total).toBe(0);
    expect(dept.requestsByStatus).toEqual([{ status: 'REJECTED', count: 1 }]);
    const cadreView = (await gqlOk(OVERVIEW, {}, cadre)).overview;
    expect(cadreView.assignments).toMatchObject({ total: 1, accepted: 1 });
  });

  it('counts overdue once the due date has passed', async () => {
    // Time passes: the due time moves into the past behind the services' back, so the rollups are
    // recomputed, as after any bulk change (the acceptance now counts as late).
    await server.dataSource.getRepository(Assignment).update({ taskId }, { dueAt: new Date(Date.now() - 86400000) });
    await server.app.get(RollupService).rebuild();
    const overview = (await gqlOk(OVERVIEW, {}, viewer)).overview;
    expect(overview.assignments.overdue).toBe(villagesInTown - 1);
    const taskProgress = (
      await gqlOk(
        graphql(`
          query ($taskId: Int!) {
            taskProgress(taskId: $taskId, take: 100) {
              totals {
                total
                overdue
                accepted
                draft
              }
              towns {
                region {
                  name
                }
                total
                overdue
                accepted
              }
              villages {
                village {
                  name
                }
                status
                overdue
              }
              villagesTotal
            }
          }
        `),
        { taskId },
        mzj,
      )
    ).taskProgress;
    expect(taskProgress.totals).toEqual({ total: villagesInTown, overdue: villagesInTown - 1, accepted: 1, draft: 1 });
    expect(taskProgress.towns).toHaveLength(1);
    expect(taskProgress.towns[0]).toMatchObject({ total: villagesInTown, overdue: villagesInTown - 1, accepted: 1 });
    expect(taskProgress.villagesTotal).toBe(villagesInTown);
    expect(taskProgress.villages.find((village2: any) => village2.village.name === '土铺村')).toEqual({
      village: { name: '土铺村' },
      status: 'ACCEPTED',
      overdue: false,
    });
    // Another department cannot read this task's progress (answered like an absent task); a cadre sees only its own village.
    expectError(
      await server.gql(
        graphql(`
          query ($taskId: Int!) {
            taskProgress(taskId: $taskId) {
              villagesTotal
            }
          }
        `),
        { taskId },
        nyncj,
      ),
      'NOT_FOUND',
    );
    const own = (
      await gqlOk(
        graphql(`
          query ($taskId: Int!) {
            taskProgress(taskId: $taskId) {
              villagesTotal
              villages {
                villageId
              }
            }
          }
        `),
        { taskId },
        cadre,
      )
    ).taskProgress;
    expect(own).toEqual({ villagesTotal: 1, villages: [{ villageId: village.id }] });
  });

  it('progress per town across all tasks of the year: the city and the town see it, another town and department nothing', async () => {
    const townName = (await server.dataSource.getRepository(Region).findOneByOrFail({ id: village.parentId! })).name;
    const result = graphql(`
      query ($year: Int!) {
        townProgress(year: $year) {
          regionId
          region {
            name
          }
          total
          notStarted
          draft
          submitted
          returned
          accepted
          overdue
        }
      }
    `);
    const row = {
      regionId: village.parentId,
      region: { name: townName },
      total: villagesInTown,
      notStarted: villagesInTown - 2,
      draft: 1,
      submitted: 0,
      returned: 0,
      accepted: 1,
      overdue: villagesInTown - 1,
    };
    expect((await gqlOk(result, { year }, viewer)).townProgress).toEqual([row]);
    expect((await gqlOk(result, { year }, town)).townProgress).toEqual([row]);
    expect((await gqlOk(result, { year }, mzj)).townProgress).toEqual([row]);
    expect((await gqlOk(result, { year }, otherTown)).townProgress).toEqual([]);
    expect((await gqlOk(result, { year }, nyncj)).townProgress).toEqual([]);
    expectError(await server.gql(result, { year }, cadre), 'FORBIDDEN');
    expectError(
      await server.gql(
        graphql(`
          {
            townProgress(year: 1800) {
              total
            }
          }
        `),
        {},
        viewer,
      ),
      'BAD_USER_INPUT',
    );
  });

  it('village burden per form, and the ranking; a neighbour cannot read it', async () => {
    const villageBurden = (
      await gqlOk(
        graphql(`
          query ($villageId: Int!, $year: Int!) {
            villageBurden(villageId: $villageId, year: $year) {
              village {
                name
              }
              fillsDue
              fillsDone
              fieldsTyped
              fieldsAutofilled
              forms {
                formTitle
                fillsDue
                fieldsTyped
              }
            }
          }
        `),
        { villageId: village.id, year },
        town,
      )
    ).villageBurden;
    expect(villageBurden).toEqual({
      village: { name: '土铺村' },
      fillsDue: 1,
      fillsDone: 1,
      fieldsTyped: 2,
      fieldsAutofilled: 0,
      forms: [{ formTitle: '农村小型水利设施季报', fillsDue: 1, fieldsTyped: 2 }],
    });
    const burden = graphql(`
      query ($villageId: Int!, $year: Int!) {
        villageBurden(villageId: $villageId, year: $year) {
          fillsDue
        }
      }
    `);
    // Out of scope answers like an absent village.
    expect(expectError(await server.gql(burden, { villageId: village.id, year }, neighbour), 'NOT_FOUND').message).toBe(
      expectError(await server.gql(burden, { villageId: 987654321, year }, neighbour), 'NOT_FOUND').message,
    );
    expectError(await server.gql(burden, { villageId: village.id, year: 1800 }, viewer), 'BAD_USER_INPUT');
    const rank = (
      await gqlOk(
        graphql(`
          query ($year: Int!) {
            burdenRanking(year: $year, limit: 3) {
              village {
                name
              }
              fieldsTyped
              fillsDue
            }
          }
        `),
        { year },
        viewer,
      )
    ).burdenRanking;
    expect(rank[0]).toEqual({ village: { name: '土铺村' }, fieldsTyped: 2, fillsDue: 1 });
    expect(rank).toHaveLength(3);
  });

  it('department statistics and monthly trends', async () => {
    const stats = (
      await gqlOk(
        graphql(`
          {
            departmentStats {
              department {
                code
              }
              formsProposed
              approved
              rejected
              returned
              averageReviewHours
              annualEntriesAdded
            }
          }
        `),
        {},
        office,
      )
    ).departmentStats;
    const mz = stats.find((stat: any) => stat.department.code === 'mzj');
    expect(mz).toMatchObject({ formsProposed: 2, approved: 1, rejected: 0, returned: 1 });
    expect(mz!.averageReviewHours).toBeGreaterThanOrEqual(0);
    // 558 villages × 4 quarters × 2 typed fields, as the stored burden analysis says
    const stored = (
      await gqlOk(
        graphql(`
          {
            admissionRequests(status: APPROVED) {
              items {
                annualEntries
              }
            }
          }
        `),
        {},
        office,
      )
    ).admissionRequests.items[0].annualEntries;
    expect(mz!.annualEntriesAdded).toBe(stored);
    expect(stored).toBeGreaterThan(0);
    expect(stats.find((stat: any) => stat.department.code === 'nyncj')).toMatchObject({
      formsProposed: 1,
      rejected: 1,
      annualEntriesAdded: 0,
    });
    expectError(
      await server.gql(
        graphql(`
          {
            departmentStats {
              departmentId
            }
          }
        `),
        {},
        town,
      ),
      'FORBIDDEN',
    );

    const trends = (
      await gqlOk(
        graphql(`
          {
            trends(months: 3) {
              month
              requestsSubmitted
              approved
              returned
              rejected
              complaints
            }
          }
        `),
        {},
        viewer,
      )
    ).trends;
    expect(trends).toHaveLength(3);
    expect(trends[2]).toEqual({
      month: new Date().toISOString().slice(0, 7),
      requestsSubmitted: 3,
      approved: 1,
      returned: 1,
      rejected: 1,
      complaints: 1,
    });
  });

  it('city, town and department figures come from rollups that match the assignments they count', async () => {
    const rollups = server.app.get(RollupService);
    expect(await rollups.drift()).toEqual([]);
    const rows = await server.dataSource.query(
      'SELECT task_id, town_id, total, accepted, draft, typed FROM rollup_task_town WHERE task_id = ?',
      [taskId],
    );
    expect(rows.map((row: any) => [row.town_id, row.total, row.accepted, row.draft, row.typed].map(Number))).toEqual([
      [village.parentId, villagesInTown, 1, 1, 2],
    ]);
    await expectRollupsMatchRaw(server, { viewer, town, otherTown, mzj, nyncj }, year);
  });

  it('every village of a town submitting at once leaves the rollups exactly in step', async () => {
    const next = new Date(Date.UTC(year, Math.floor(new Date().getUTCMonth() / 3) * 3 + 3, 1));
    const period = `${next.getUTCFullYear()}-Q${next.getUTCMonth() / 3 + 1}`;
    const task = (
      await gqlOk(
        graphql(`
          mutation ($i: CreateTaskInput!) {
            createTask(input: $i) {
              id
            }
          }
        `),
        { i: { formId: f1, period, dueAt: new Date(next.getTime() + 20 * 86400000).toISOString(), townIds: [village.parentId!] } },
        mzj,
      )
    ).createTask;
    const cadres = await server.dataSource.getRepository(User).find({
      where: {
        role: Role.VILLAGE_CADRE,
        regionId: In((await server.dataSource.getRepository(Region).findBy({ parentId: village.parentId! })).map((region) => region.id)),
      },
    });
    const tokens = await Promise.all(cadres.map((user) => server.login(user.username)));
    const ids = await Promise.all(
      tokens.map(
        async (tk) =>
          (
            await gqlOk(
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
              tk,
            )
          ).myAssignments.items.find((x: any) => x.task.id === task.id)!.id,
      ),
    );
    const results = await Promise.all(
      tokens.map((tk, i) =>
        server.gql(
          graphql(`
            mutation ($i: SaveSubmissionInput!) {
              saveSubmission(input: $i) {
                status
              }
            }
          `),
          {
            i: {
              assignmentId: ids[i],
              clientId: `burst-${i}-0001`,
              expectedVersion: 0,
              submit: true,
              values: [
                { key: 'wells', value: String(i) },
                { key: 'ponds', value: '1' },
              ],
            },
          },
          tk,
        ),
      ),
    );
    expect(results.filter((result) => result.errors)).toEqual([]);
    expect(await server.app.get(RollupService).drift()).toEqual([]);
    const [row] = await server.dataSource.query('SELECT total, submitted, not_started, typed FROM rollup_task_town WHERE task_id = ?', [
      task.id,
    ]);
    expect([row.total, row.submitted, row.not_started, row.typed].map(Number)).toEqual([
      villagesInTown,
      villagesInTown,
      0,
      2 * villagesInTown,
    ]);
    const mine = (await gqlOk(OVERVIEW, {}, town)).overview.assignments;
    expect(mine).toMatchObject({ total: 2 * villagesInTown, submitted: villagesInTown });
  });

  it('is not for the auditor', async () => {
    expectError(await server.gql(OVERVIEW, {}, auditor), 'FORBIDDEN');
  });

  it('loads nested names in batches: ranking of 1 and of 50 take the same SQL', async () => {
    // every village of the town has an assignment, so a limit of 20 returns 20 rows
    const nPlusOneResult = await measureNPlusOne(server, {
      query: graphql(`
        query ($take: Int!, $year: Int!) {
          burdenRanking(year: $year, limit: $take) {
            village {
              name
              town {
                name
              }
            }
          }
        }
      `),
      token: viewer,
      variables: { year },
      items: (value) => value.burdenRanking,
      sizes: [1, 20],
    });
    expect(nPlusOneResult.large.queries).toBe(nPlusOneResult.small.queries);
  });
});
