import type { TestApp } from './harness.js';
import { graphql } from './graphql.js';

/** The chain's mutations after admission, shared by the order suites. */
export const DISPATCH_ORDER = graphql(`
  mutation ($i: DispatchWorkOrderInput!) {
    dispatchWorkOrder(input: $i) {
      id
    }
  }
`);
export const RECEIVE_ORDER = graphql(`
  mutation ($id: Int!) {
    receiveWorkOrder(orderId: $id) {
      id
    }
  }
`);
export const COMPLETE_ORDER = graphql(`
  mutation ($i: CompleteWorkOrderInput!) {
    completeWorkOrder(input: $i) {
      id
    }
  }
`);

function ok<T>(result: { data?: T | null; errors?: unknown }): T {
  if (result.errors || !result.data) throw new Error(JSON.stringify(result.errors));
  return result.data;
}

/** A work order (派单) of 市民政局 (bm_mzj) to some towns, submitted for admission: its id and its request's. */
export async function submittedOrder(
  server: TestApp,
  opts: { title: string; townIds: number[] },
): Promise<{ id: number; requestId: number }> {
  const mzj = await server.login('bm_mzj');
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
  const deadline = new Date(Date.now() + 20 * 86_400_000).toISOString().slice(0, 10);
  const order = ok(
    await server.gql(
      graphql(`
        mutation ($i: WorkOrderInput!) {
          submitWorkOrder(input: $i) {
            id
            admissionRequestId
          }
        }
      `),
      {
        i: {
          kind: 'TASK',
          title: opts.title,
          content: '入冬前走访本村困难群众一次，发现困难当天报镇(街道)',
          dutyItemId: duty,
          departmentDoes: '市民政局提供困难群众名单，安排临时救助资金，汇总走访情况',
          villageDoes: '村(社区)干部入冬前走访名单内的困难群众一次，记录困难并上报',
          legalBasis: '《社会救助暂行办法》第四十七条',
          justification: '入冬前掌握困难群众取暖和生活情况',
          fundsYuan: 2000,
          supportStaff: '无',
          supportMaterials: '棉被 20 床',
          deadline,
          townIds: opts.townIds,
        },
      },
      mzj,
    ),
  ).submitWorkOrder;
  return { id: order.id, requestId: order.admissionRequestId! };
}

/**
 * A work order submitted, approved by the office and, when `village` is given, 派发 by its town's staff to that
 * village: an order every role has something to see on. Returns its id.
 */
export async function approvedOrder(
  server: TestApp,
  opts: { title: string; townIds: number[]; village?: { id: number; townUser: string } },
): Promise<number> {
  const order = await submittedOrder(server, opts);
  ok(
    await server.gql(
      graphql(`
        mutation ($i: ReviewAdmissionInput!) {
          reviewAdmissionRequest(input: $i) {
            id
          }
        }
      `),
      { i: { id: order.requestId, decision: 'APPROVE' } },
      await server.login('jianfuban'),
    ),
  );
  if (opts.village)
    ok(
      await server.gql(
        DISPATCH_ORDER,
        { i: { orderId: order.id, villageIds: [opts.village.id], note: '请按期办理' } },
        await server.login(opts.village.townUser),
      ),
    );
  return order.id;
}
