import { Role } from '../../src/common/auth-user.js';
import { User } from '../../src/identity/user.entity.js';
import { Region } from '../../src/regions/region.entity.js';
import type { TestApp } from './harness.js';
import { graphql, type Input } from './graphql.js';

/** 土铺村 (环城街道), the village most suites fill as. */
export const TUPU = '420683003200';

const STATEMENTS = {
  departmentDoes: '市民政局汇总分析各村上报数据，制定帮扶政策',
  villageDoes: '村委会按期核实本村情况并在平台填报',
  departmentSupport: '提供上期底册，平台自动带出已有数据，安排专人答疑',
  legalBasis: '《湖北省城乡社区治理条例》第二十条',
  justification: '掌握底数，及时发现需要帮扶的对象',
};

function ok<T>(result: { data?: T | null; errors?: unknown }): T {
  if (result.errors || !result.data) throw new Error(JSON.stringify(result.errors));
  return result.data;
}

/** A form of 市民政局 (bm_mzj) designed, applied for and approved by the office: ready to dispatch. */
export async function admittedForm(
  server: TestApp,
  title: string,
  fields: Input<'FieldInput'>[],
  frequency: Input<'Frequency'> = 'QUARTERLY',
): Promise<{ formId: number; versionId: number }> {
  const [mzj, office] = await Promise.all([server.login('bm_mzj'), server.login('jianfuban')]);
  const duty = ok(
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
    ),
  ).dutyItems.items[0].id;
  const form = ok(
    await server.gql(
      graphql(`
        mutation ($i: CreateFormInput!) {
          createForm(input: $i) {
            id
            currentVersion {
              id
            }
          }
        }
      `),
      { i: { title, dutyItemId: duty, targetLevel: 'VILLAGE', frequency, fields } },
      mzj,
    ),
  ).createForm;
  const request = ok(
    await server.gql(
      graphql(`
        mutation ($i: SubmitAdmissionInput!) {
          submitAdmissionRequest(input: $i) {
            id
          }
        }
      `),
      { i: { formId: form.id, ...STATEMENTS } },
      mzj,
    ),
  ).submitAdmissionRequest.id;
  ok(
    await server.gql(
      graphql(`
        mutation ($i: ReviewAdmissionInput!) {
          reviewAdmissionRequest(input: $i) {
            id
          }
        }
      `),
      { i: { id: request, decision: 'APPROVE' } },
      office,
    ),
  );
  return { formId: form.id, versionId: form.currentVersion!.id };
}

/** Dispatches one period of a form to some towns' villages (bm_mzj); returns the task id. */
export async function dispatchTask(server: TestApp, formId: number, period: string, townIds: number[]): Promise<number> {
  const mzj = await server.login('bm_mzj');
  return ok(
    await server.gql(
      graphql(`
        mutation ($i: CreateTaskInput!) {
          createTask(input: $i) {
            id
          }
        }
      `),
      { i: { formId, period, dueAt: new Date(Date.now() + 30 * 86400000).toISOString(), townIds } },
      mzj,
    ),
  ).createTask.id;
}

/** A village by region code, with the usernames of its cadre and of its town's staff. */
export async function villageAccounts(server: TestApp, code = TUPU): Promise<{ village: Region; cadre: string; town: string }> {
  const village = await server.dataSource.getRepository(Region).findOneByOrFail({ code });
  const users = server.dataSource.getRepository(User);
  const cadre = (await users.findOneByOrFail({ role: Role.VILLAGE_CADRE, regionId: village.id })).username;
  const town = (await users.findOneByOrFail({ role: Role.TOWN_STAFF, regionId: village.parentId! })).username;
  return { village, cadre, town };
}

/** The cadre's assignment of a task (its id), as myAssignments lists it. */
export async function assignmentOf(server: TestApp, token: string, taskId: number): Promise<number> {
  const items = ok(
    await server.gql(
      graphql(`
        {
          myAssignments(status: ALL, take: 200) {
            items {
              id
              taskId
            }
          }
        }
      `),
      {},
      token,
    ),
  ).myAssignments.items;
  const found = items.find((item) => item.taskId === taskId);
  if (!found) throw new Error(`no assignment of task ${taskId}`);
  return found.id;
}
