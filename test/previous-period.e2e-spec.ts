import { Role } from '../src/common/auth-user.js';
import { Assignment } from '../src/dispatch/assignment.entity.js';
import { User } from '../src/identity/user.entity.js';
import { expectError, startTestApp, type TestApp } from './support/harness.js';
import { measureNPlusOne } from './support/n-plus-one.js';
import { admittedForm, dispatchTask, villageAccounts } from './support/dispatch.js';
import { graphql, type Input } from './support/graphql.js';

const SAVE = graphql(`
  mutation ($i: SaveSubmissionInput!) {
    saveSubmission(input: $i) {
      id
      status
    }
  }
`);
const REVIEW = graphql(`
  mutation ($id: Int!) {
    reviewSubmission(submissionId: $id, decision: ACCEPT) {
      id
    }
  }
`);
const SUBMISSION = graphql(`
  query ($id: Int!) {
    assignment(id: $id) {
      submission {
        id
        submittedAt
        submittedBy {
          displayName
          unit
        }
        previous {
          status
          submittedAt
          assignment {
            id
            task {
              period
            }
          }
          values {
            key
            value
          }
        }
      }
    }
  }
`);

// Issue 16 item 13: the reviewer sees who submitted and when, and each value beside the same village's
// value of the previous period (the same form's last submitted or accepted period before this one).
describe('a submission carries its submitter and the previous period of the same village and form', () => {
  let server: TestApp;
  let town: string;
  let cadre: string;
  let cadreName: string;
  let formId: number;
  const tasks: Record<string, number> = {};
  /** assignment id per period, for the first few villages of the town (by assignment id) */
  const assignments: Record<string, number[]> = {};

  const FIELDS: Input<'FieldInput'>[] = [
    { key: 'population', label: '常住人口', valueType: 'INTEGER', required: true, section: 'VILLAGE', min: 0 },
    { key: 'households', label: '户数', valueType: 'INTEGER', section: 'VILLAGE', min: 0 },
    { key: 'remark', label: '情况说明', valueType: 'TEXT', section: 'VILLAGE' },
  ];

  async function fill(token: string, assignmentId: number, values: Record<string, string | null>, submit = true) {
    const result = await server.gql(
      SAVE,
      {
        i: {
          assignmentId,
          clientId: `c-${assignmentId}-${Math.random()}`,
          expectedVersion: 0,
          submit,
          values: Object.entries(values).map(([key, value]) => ({ key, value })),
        },
      },
      token,
    );
    if (result.errors) throw new Error(JSON.stringify(result.errors));
    return result.data!.saveSubmission;
  }

  beforeAll(async () => {
    server = await startTestApp('previous-period');
    const accounts = await villageAccounts(server);
    [town, cadre] = await Promise.all([server.login(accounts.town), server.login(accounts.cadre)]);
    cadreName = (await server.dataSource.getRepository(User).findOneByOrFail({ username: accounts.cadre })).displayName;
    formId = (await admittedForm(server, '村情季报', FIELDS)).formId;
    for (const period of ['2025-Q1', '2025-Q2', '2025-Q3', '2025-Q4']) {
      tasks[period] = await dispatchTask(server, formId, period, [accounts.village.parentId!]);
      assignments[period] = (
        await server.dataSource.getRepository(Assignment).find({ where: { taskId: tasks[period] }, order: { id: 'ASC' } })
      ).map((assignment) => assignment.id);
    }
    // 土铺村 fills Q1 (accepted), Q2 (submitted), Q3 only as a draft, Q4 submitted.
    const mine = (period: string) =>
      server.dataSource
        .getRepository(Assignment)
        .findOneByOrFail({ taskId: tasks[period], regionId: accounts.village.id })
        .then((assignment) => assignment.id);
    const q1 = await fill(cadre, await mine('2025-Q1'), { population: '1200', households: '400', remark: '无' });
    await server.gql(REVIEW, { id: q1.id }, town);
    await fill(cadre, await mine('2025-Q2'), { population: '1180', households: '400', remark: '外出务工增加' });
    await fill(cadre, await mine('2025-Q3'), { population: '9999' }, false);
    await fill(cadre, await mine('2025-Q4'), { population: '1190', households: '398', remark: '外出务工增加' });
  }, 120_000);

  afterAll(() => server?.close());

  const assignmentIn = async (period: string) => {
    const accounts = await villageAccounts(server);
    return (await server.dataSource.getRepository(Assignment).findOneByOrFail({ taskId: tasks[period], regionId: accounts.village.id })).id;
  };

  it('the town reviewer reads the submitter, the time and the previous period’s values', async () => {
    const result = await server.gql(SUBMISSION, { id: await assignmentIn('2025-Q2') }, town);
    const submission = result.data!.assignment.submission!;
    expect(submission.submittedBy).toEqual({ displayName: cadreName, unit: expect.stringContaining('土铺村') });
    expect(submission.submittedAt).toBeTruthy();
    expect(submission.previous).toMatchObject({ status: 'ACCEPTED', assignment: { task: { period: '2025-Q1' } } });
    expect(submission.previous!.values).toEqual(
      expect.arrayContaining([
        { key: 'population', value: '1200' },
        { key: 'households', value: '400' },
        { key: 'remark', value: '无' },
      ]),
    );
  });

  it('a draft is no previous period: Q4 compares with Q2, not with the unsubmitted Q3', async () => {
    const submission = (await server.gql(SUBMISSION, { id: await assignmentIn('2025-Q4') }, town)).data!.assignment.submission!;
    expect(submission.previous).toMatchObject({ status: 'SUBMITTED', assignment: { task: { period: '2025-Q2' } } });
    expect(submission.previous!.values).toEqual(expect.arrayContaining([{ key: 'population', value: '1180' }]));
  });

  it('the first period has no previous one, and an unsubmitted draft has no submitter', async () => {
    const first = (await server.gql(SUBMISSION, { id: await assignmentIn('2025-Q1') }, town)).data!.assignment.submission!;
    expect(first.previous).toBeNull();
    const draft = (await server.gql(SUBMISSION, { id: await assignmentIn('2025-Q3') }, cadre)).data!.assignment.submission!;
    expect(draft.submittedBy).toBeNull();
    expect(draft.submittedAt).toBeNull();
  });

  it('scoped like the submission: the department that owns the form sees it, another town and another department do not', async () => {
    const id = await assignmentIn('2025-Q2');
    const department = (await server.gql(SUBMISSION, { id }, await server.login('bm_mzj'))).data!.assignment.submission!;
    expect(department.previous?.assignment.task.period).toBe('2025-Q1');
    const otherTownUser = await server.dataSource
      .getRepository(User)
      .createQueryBuilder('u')
      .where('u.role = :role AND u.regionId <> :town', { role: Role.TOWN_STAFF, town: (await villageAccounts(server)).village.parentId })
      .getOneOrFail();
    expectError(await server.gql(SUBMISSION, { id }, await server.login(otherTownUser.username)), 'NOT_FOUND');
    expectError(await server.gql(SUBMISSION, { id }, await server.login('bm_nyncj')), 'NOT_FOUND');
  });

  it('a list of submissions loads every previous period in a fixed number of statements (no N+1)', async () => {
    // The town's first villages fill Q1 and Q2, so the page of 8 holds several submissions with a previous period.
    const users = server.dataSource.getRepository(User);
    const repo = server.dataSource.getRepository(Assignment);
    for (const [i, q1Id] of assignments['2025-Q1'].slice(0, 4).entries()) {
      const q1 = await repo.findOneByOrFail({ id: q1Id });
      if (q1.status !== 'NOT_STARTED') continue;
      const token = await server.login((await users.findOneByOrFail({ role: Role.VILLAGE_CADRE, regionId: q1.regionId })).username);
      await fill(token, q1.id, { population: String(800 + i), households: '300' });
      const q2 = await repo.findOneByOrFail({ taskId: tasks['2025-Q2'], regionId: q1.regionId });
      await fill(token, q2.id, { population: String(810 + i), households: '301' });
    }
    const nPlusOne = await measureNPlusOne(server, {
      token: town,
      variables: { t: tasks['2025-Q2'] },
      query: graphql(`
        query ($t: Int!, $take: Int) {
          assignments(taskId: $t, take: $take) {
            items {
              id
              submission {
                submittedBy {
                  displayName
                  unit
                }
                previous {
                  submittedAt
                  assignment {
                    task {
                      period
                    }
                  }
                  values {
                    key
                    value
                  }
                }
              }
            }
          }
        }
      `),
      items: (data) => data.assignments.items,
      // A page shorter than the town's list, so both sizes also count it (a last page needs no COUNT).
      sizes: [1, 8],
    });
    expect(nPlusOne.large.queries).toBe(nPlusOne.small.queries);
    const page = await server.gql(
      graphql(`
        query ($t: Int!) {
          assignments(taskId: $t, take: 8) {
            items {
              submission {
                previous {
                  id
                }
              }
            }
          }
        }
      `),
      { t: tasks['2025-Q2'] },
      town,
    );
    expect(page.data!.assignments.items.filter((item) => item.submission?.previous).length).toBeGreaterThanOrEqual(4);
  });
});
