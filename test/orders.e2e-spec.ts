import { platformDay } from '../src/common/platform-time.js';
import { ReceiptRemindersService } from '../src/orders/receipt-reminders.service.js';
import { Region } from '../src/regions/region.entity.js';
import { TUPU, villageAccounts } from './support/dispatch.js';
import { expectError, startTestApp, type GqlResult, type TestApp } from './support/harness.js';
import { graphql, type Input } from './support/graphql.js';
import { measureNPlusOne } from './support/n-plus-one.js';
import { COMPLETE_ORDER, DISPATCH_ORDER, RECEIVE_ORDER } from './support/orders.js';

/**
 * Work orders (派单) of kinds other than forms: admitted like forms (duty list, three clarities, support in
 * checkable fields), then 部门提交 → 减负办审核 → 镇(街道)派发 → 村(社区)接收 → 办结, every step recorded (纪实)
 * with who and when and shown to each unit in its scope.
 */

const SUBMIT = graphql(`
  mutation ($i: WorkOrderInput!) {
    submitWorkOrder(input: $i) {
      id
      status
      admissionRequestId
      departmentSupport
      steps {
        action
        actor {
          displayName
        }
        at
      }
    }
  }
`);
const RESUBMIT = graphql(`
  mutation ($id: Int!, $i: WorkOrderInput!) {
    resubmitWorkOrder(id: $id, input: $i) {
      id
      status
      admissionRequestId
    }
  }
`);
const REVIEW = graphql(`
  mutation ($i: ReviewAdmissionInput!) {
    reviewAdmissionRequest(input: $i) {
      id
      kind
      status
      returnCategory
      workOrder {
        id
        status
      }
    }
  }
`);
const ONE = graphql(`
  query ($id: Int!) {
    workOrder(id: $id) {
      id
      status
      deadline
      villageCount
      receivedCount
      doneCount
      admissionRequest {
        id
        status
      }
      towns {
        townId
        status
        note
        deadline
        dispatchedAt
        dispatchedBy {
          displayName
        }
      }
      villages {
        villageId
        status
        deadline
        townNote
        receivedAt
        receivedBy {
          displayName
        }
        doneAt
        doneNote
        evidence
        receiptLate
      }
      steps {
        action
        townId
        villageId
        note
        returnCategory
        at
        actor {
          displayName
        }
      }
    }
  }
`);
const LIST = graphql(`
  query ($search: String, $awaitingMe: Boolean, $take: Int) {
    workOrders(search: $search, awaitingMe: $awaitingMe, take: $take) {
      totalItems
      items {
        id
        title
      }
    }
  }
`);
const MESSAGES = graphql(`
  {
    messages(take: 50) {
      items {
        kind
        title
        body
        link
      }
    }
  }
`);

const day = (offset: number) => platformDay(Date.now() + offset * 86_400_000);

describe('work orders (派单): admission, 派发, 接收, 办结, 纪实', () => {
  let server: TestApp;
  let dept: string;
  let deptB: string;
  let office: string;
  let town: string;
  let townB: string;
  let cadre: string;
  let cadreA2: string;
  let cadreB: string;
  let tupu: Region;
  let villageA2: Region;
  let villageB: Region;
  let mainDuty: number;
  let negativeDuty: { id: number; name: string; groupName: string };

  const ok = <T>(result: GqlResult<T>): T => {
    if (result.errors || !result.data) throw new Error(JSON.stringify(result.errors));
    return result.data;
  };
  const orderInput = (title: string, extra: Partial<Input<'WorkOrderInput'>> = {}): Input<'WorkOrderInput'> => ({
    kind: 'TASK',
    title,
    content: '汛期前对本村独居老人住房逐户排查，登记危房和需要转移安置的老人。',
    dutyItemId: mainDuty,
    departmentDoes: '市民政局制定排查标准，汇总全市排查结果并安排转移安置资金',
    villageDoes: '村委会逐户走访独居老人，登记住房安全情况并报镇(街道)',
    legalBasis: '《湖北省城乡社区治理条例》第二十条及市防汛指挥部通知',
    justification: '汛期临近，需掌握独居老人住房风险，提前转移安置',
    fundsYuan: 3000,
    supportStaff: '市局派两名干部到镇(街道)现场指导',
    supportMaterials: '无',
    deadline: day(20),
    townIds: [tupu.parentId!],
    ...extra,
  });
  const submitted = async (title: string, extra: Partial<Input<'WorkOrderInput'>> = {}) =>
    ok(await server.gql(SUBMIT, { i: orderInput(title, extra) }, dept)).submitWorkOrder;
  const approved = async (title: string, extra: Partial<Input<'WorkOrderInput'>> = {}) => {
    const order = await submitted(title, extra);
    ok(await server.gql(REVIEW, { i: { id: order.admissionRequestId!, decision: 'APPROVE' } }, office));
    return order;
  };
  /** Rows of the orders' and admission's tables: a refusal must leave them all as they were. */
  const rowCounts = async () => {
    const counts: Record<string, number> = {};
    for (const table of ['work_order', 'work_order_town', 'work_order_village', 'work_order_step', 'admission_request', 'message'])
      counts[table] = Number((await server.dataSource.query(`SELECT COUNT(*) AS c FROM ${table}`))[0].c);
    return counts;
  };

  beforeAll(async () => {
    server = await startTestApp('orders');
    const accounts = await villageAccounts(server, TUPU);
    tupu = accounts.village;
    const regions = server.dataSource.getRepository(Region);
    villageA2 = (await regions.find({ where: { parentId: tupu.parentId! }, order: { code: 'ASC' } })).find(
      (region) => region.id !== tupu.id,
    )!;
    villageB = (await regions.find({ where: { level: tupu.level }, order: { code: 'ASC' } })).find(
      (region) => region.parentId !== tupu.parentId,
    )!;
    const other = await villageAccounts(server, villageB.code);
    [dept, deptB, office, town, townB, cadre, cadreA2, cadreB] = await Promise.all([
      server.login('bm_mzj'),
      server.login('bm_nyncj'),
      server.login('jianfuban'),
      server.login(accounts.town),
      server.login(other.town),
      server.login(accounts.cadre),
      server.login((await villageAccounts(server, villageA2.code)).cadre),
      server.login(other.cadre),
    ]);
    const duties = ok(
      await server.gql(
        graphql(`
          {
            main: dutyItems(list: MAIN, take: 1) {
              items {
                id
              }
            }
            negative: dutyItems(list: NEGATIVE, take: 1) {
              items {
                id
                name
                groupName
              }
            }
          }
        `),
        {},
        dept,
      ),
    );
    mainDuty = duties.main.items[0].id;
    negativeDuty = duties.negative.items[0];
  });
  afterAll(() => server?.close());

  it('walks the chain: the department submits, the office approves, the town dispatches, villages receive and report done; each step with who and when', async () => {
    const order = await submitted('汛前独居老人住房排查');
    expect(order.status).toBe('PENDING');
    expect(order.departmentSupport).toBe('随单下拨资金 3000 元；人员：市局派两名干部到镇(街道)现场指导；物资：无');
    expect(order.steps.map((step) => step.action)).toEqual(['SUBMIT']);
    expect(order.steps[0].actor?.displayName).toBeTruthy();

    // The office reviews it in the same queue as forms.
    const queue = ok(
      await server.gql(
        graphql(`
          query ($kind: WorkOrderKind) {
            admissionRequests(kind: $kind, status: PENDING, take: 50) {
              items {
                id
                kind
                form {
                  id
                }
                workOrder {
                  title
                  fundsYuan
                  supportStaff
                  supportMaterials
                }
              }
            }
          }
        `),
        { kind: 'TASK' },
        office,
      ),
    ).admissionRequests.items;
    const mine = queue.find((item) => item.id === order.admissionRequestId)!;
    expect(mine).toMatchObject({
      kind: 'TASK',
      form: null,
      workOrder: { title: '汛前独居老人住房排查', fundsYuan: 3000, supportMaterials: '无' },
    });
    const reports = ok(
      await server.gql(
        graphql(`
          query ($kind: WorkOrderKind) {
            admissionRequests(kind: $kind, take: 200) {
              items {
                id
              }
            }
          }
        `),
        { kind: 'REPORT' },
        office,
      ),
    ).admissionRequests.items;
    expect(reports.some((item) => item.id === order.admissionRequestId)).toBe(false);

    // Not yet admitted: the town does not see it.
    expectError(await server.gql(ONE, { id: order.id }, town), 'NOT_FOUND');
    const review = ok(
      await server.gql(REVIEW, { i: { id: order.admissionRequestId!, decision: 'APPROVE' } }, office),
    ).reviewAdmissionRequest;
    expect(review).toMatchObject({ kind: 'TASK', status: 'APPROVED', workOrder: { id: order.id, status: 'APPROVED' } });
    const townMessages = ok(await server.gql(MESSAGES, {}, town)).messages.items;
    expect(townMessages).toContainEqual(
      expect.objectContaining({ kind: 'ORDER_TO_DISPATCH', title: '新派单待派发：汛前独居老人住房排查', link: `/orders/${order.id}` }),
    );
    const waiting = ok(await server.gql(LIST, { search: '汛前独居老人', awaitingMe: true }, town)).workOrders;
    expect(waiting.items.map((item) => item.id)).toEqual([order.id]);

    // The town sends it to two of its villages with a note and an earlier deadline.
    ok(
      await server.gql(
        DISPATCH_ORDER,
        { i: { orderId: order.id, villageIds: [tupu.id, villageA2.id], note: '请优先排查临河户', deadline: day(10) } },
        town,
      ),
    );
    expect(ok(await server.gql(LIST, { search: '汛前独居老人', awaitingMe: true }, town)).workOrders.totalItems).toBe(0);
    const villageMessages = ok(await server.gql(MESSAGES, {}, cadre)).messages.items;
    expect(villageMessages).toContainEqual(expect.objectContaining({ kind: 'ORDER_SENT', title: '新派单待接收：汛前独居老人住房排查' }));

    // 土铺村 receives and reports done; the other village has not received yet.
    const asVillage = ok(await server.gql(ONE, { id: order.id }, cadre)).workOrder;
    expect(asVillage.villages).toEqual([
      expect.objectContaining({ villageId: tupu.id, status: 'SENT', deadline: day(10), townNote: '请优先排查临河户', receivedAt: null }),
    ]);
    expect(asVillage.towns).toEqual([expect.objectContaining({ townId: tupu.parentId, status: 'DISPATCHED', deadline: day(10) })]);
    expect(asVillage.admissionRequest).toBeNull();
    ok(await server.gql(RECEIVE_ORDER, { id: order.id }, cadre));
    ok(await server.gql(COMPLETE_ORDER, { i: { orderId: order.id, note: '已排查 23 户，2 户需转移' } }, cadre));

    const asDept = ok(await server.gql(ONE, { id: order.id }, dept)).workOrder;
    expect(asDept).toMatchObject({
      status: 'APPROVED',
      villageCount: 2,
      receivedCount: 1,
      doneCount: 1,
      admissionRequest: { status: 'APPROVED' },
    });
    expect(asDept.steps.map((step) => step.action)).toEqual(['SUBMIT', 'APPROVE', 'DISPATCH', 'DISPATCH', 'RECEIVE', 'DONE']);
    expect(asDept.steps.map((step) => step.villageId)).toEqual([
      null,
      null,
      ...[tupu.id, villageA2.id].sort((x, y) => x - y),
      tupu.id,
      tupu.id,
    ]);
    for (const step of asDept.steps) {
      expect(step.actor?.displayName).toBeTruthy();
      expect(Date.parse(step.at)).toBeGreaterThan(Date.now() - 600_000);
    }
    const done = asDept.villages.find((row) => row.villageId === tupu.id)!;
    expect(done).toMatchObject({ status: 'DONE', doneNote: '已排查 23 户，2 户需转移', evidence: null, receiptLate: false });
    expect(done.receivedBy?.displayName).toBeTruthy();
    expect(asDept.towns[0].dispatchedBy?.displayName).toBeTruthy();

    // Each unit sees its own part of the record.
    const asA2 = ok(await server.gql(ONE, { id: order.id }, cadreA2)).workOrder;
    expect(asA2.steps.map((step) => [step.action, step.villageId])).toEqual([
      ['SUBMIT', null],
      ['APPROVE', null],
      ['DISPATCH', villageA2.id],
    ]);
    expect(asA2.villages.map((row) => row.villageId)).toEqual([villageA2.id]);
    const asOffice = ok(await server.gql(ONE, { id: order.id }, office)).workOrder;
    expect(asOffice.steps).toHaveLength(6);
    const asTown = ok(await server.gql(ONE, { id: order.id }, town)).workOrder;
    expect(asTown.villages).toHaveLength(2);
    expect(ok(await server.gql(MESSAGES, {}, town)).messages.items).toContainEqual(
      expect.objectContaining({ kind: 'ORDER_DONE', title: '派单已办结：汛前独居老人住房排查' }),
    );

    // Outside the scope: another town, another town's village, another department.
    for (const token of [townB, cadreB, deptB]) {
      expect(expectError(await server.gql(ONE, { id: order.id }, token), 'NOT_FOUND').message).toBe('派单不存在或无权查看');
      expect(ok(await server.gql(LIST, { search: '汛前独居老人' }, token)).workOrders.totalItems).toBe(0);
    }
  });

  it('a NEGATIVE duty item is refused at once, naming the item; the order is kept as refused by the system', async () => {
    const result = await server.gql(SUBMIT, { i: orderInput('负面清单派单', { dutyItemId: negativeDuty.id }) }, dept);
    const error = expectError(result, 'NEGATIVE_LIST');
    expect(error.message).toContain(`“${negativeDuty.groupName}·${negativeDuty.name}”属于村(社区)负面清单事项`);
    const orderId = error.extensions.orderId as number;
    const order = ok(await server.gql(ONE, { id: orderId }, dept)).workOrder;
    expect(order.status).toBe('REJECTED');
    expect(order.steps.map((step) => [step.action, step.actor?.displayName ?? null])).toEqual([
      ['SUBMIT', expect.any(String)],
      ['SYSTEM_REJECT', null],
    ]);
    expect(order.admissionRequest?.status).toBe('REJECTED');
  });

  it('the office returns an order with a category (counted for "unclear requirements"); the department edits and resubmits; or withdraws', async () => {
    const order = await submitted('村级安全生产大检查');
    const noCategory = expectError(
      await server.gql(REVIEW, { i: { id: order.admissionRequestId!, decision: 'RETURN', comment: '检查内容不具体' } }, office),
      'BAD_USER_INPUT',
    );
    expect(noCategory.message).toContain('退回派单须选择退回原因类别');
    const back = ok(
      await server.gql(
        REVIEW,
        {
          i: {
            id: order.admissionRequestId!,
            decision: 'RETURN',
            comment: '检查内容不具体，请列明检查项目',
            returnCategory: 'UNCLEAR_REQUIREMENTS',
          },
        },
        office,
      ),
    ).reviewAdmissionRequest;
    expect(back).toMatchObject({ status: 'RETURNED', returnCategory: 'UNCLEAR_REQUIREMENTS', workOrder: { status: 'RETURNED' } });
    const deptMessages = ok(await server.gql(MESSAGES, {}, dept)).messages.items;
    expect(deptMessages).toContainEqual(
      expect.objectContaining({
        title: '工作任务派单“村级安全生产大检查”被退回修改（要求不明确）',
        body: '减负办意见：检查内容不具体，请列明检查项目',
      }),
    );
    const again = ok(
      await server.gql(
        RESUBMIT,
        { id: order.id, i: orderInput('村级安全生产大检查', { content: '检查项目：消防通道、燃气管线、用电线路三项，逐项登记。' }) },
        dept,
      ),
    ).resubmitWorkOrder;
    expect(again.status).toBe('PENDING');
    expect(again.admissionRequestId).not.toBe(order.admissionRequestId);
    expectError(await server.gql(RESUBMIT, { id: order.id, i: orderInput('村级安全生产大检查') }, dept), 'CONFLICT');
    ok(
      await server.gql(
        graphql(`
          mutation ($id: Int!) {
            withdrawAdmissionRequest(id: $id, reason: "检查时间待定，先撤回") {
              status
            }
          }
        `),
        { id: again.admissionRequestId! },
        dept,
      ),
    );
    const record = ok(await server.gql(ONE, { id: order.id }, office)).workOrder;
    expect(record.status).toBe('WITHDRAWN');
    expect(record.steps.map((step) => [step.action, step.returnCategory])).toEqual([
      ['SUBMIT', null],
      ['RETURN', 'UNCLEAR_REQUIREMENTS'],
      ['SUBMIT', null],
      ['WITHDRAW', null],
    ]);
    // What the dashboards will count: returns for unclear requirements, from the stored record.
    const [{ c }] = await server.dataSource.query(
      `SELECT COUNT(*) AS c FROM work_order_step WHERE action = 'RETURN' AND return_category = 'UNCLEAR_REQUIREMENTS'`,
    );
    expect(Number(c)).toBe(1);
  });

  it('refuses bad input with a clear Chinese error and changes nothing', async () => {
    const order = await approved('秋季征兵宣传活动', { kind: 'MEETING', deadline: day(15) });
    ok(await server.gql(DISPATCH_ORDER, { i: { orderId: order.id, villageIds: [tupu.id] } }, town));
    const before = await rowCounts();
    const refused = async (result: Promise<GqlResult<unknown>>, code: string, text: string, field?: string) => {
      const error = expectError(await result, code);
      expect(error.message).toContain(text);
      if (field) expect((error.extensions.details as { field: string }[]).map((detail) => detail.field)).toContain(field);
    };
    // The department: support not stated, deadline past.
    await refused(
      server.gql(SUBMIT, { i: orderInput('无支持派单', { fundsYuan: null }) }, dept),
      'BAD_USER_INPUT',
      '不下拨资金请填 0',
      'fundsYuan',
    );
    await refused(
      server.gql(SUBMIT, { i: orderInput('无支持派单', { supportStaff: '  ' }) }, dept),
      'BAD_USER_INPUT',
      '没有请写“无”',
      'supportStaff',
    );
    await refused(
      server.gql(SUBMIT, { i: orderInput('无支持派单', { supportMaterials: null }) }, dept),
      'BAD_USER_INPUT',
      '部门提供的物资',
      'supportMaterials',
    );
    await refused(
      server.gql(SUBMIT, { i: orderInput('过期派单', { deadline: '2020-01-01' }) }, dept),
      'BAD_USER_INPUT',
      '已过',
      'deadline',
    );
    await refused(
      server.gql(SUBMIT, { i: orderInput('拍照派单', { evidenceRequired: true }) }, dept),
      'BAD_USER_INPUT',
      '须写明要哪些材料',
      'evidenceNote',
    );
    await refused(server.gql(SUBMIT, { i: orderInput('报表派单', { kind: 'REPORT' }) }, dept), 'BAD_USER_INPUT', '表单准入', 'kind');
    await refused(
      server.gql(SUBMIT, { i: orderInput('村镇派单', { townIds: [tupu.id] }) }, dept),
      'BAD_USER_INPUT',
      '镇(街道)不存在',
      'townIds',
    );
    await refused(
      server.gql(SUBMIT, { i: orderInput('笼统派单', { villageDoes: '按上级要求做好相关工作' }) }, dept),
      'BAD_USER_INPUT',
      '过于笼统',
      'villageDoes',
    );
    // The town: deadline later than the department's or past, a village outside the town, a village sent twice.
    await refused(
      server.gql(DISPATCH_ORDER, { i: { orderId: order.id, villageIds: [villageA2.id], deadline: day(16) } }, town),
      'BAD_USER_INPUT',
      `不能晚于部门定的期限（${day(15)}）`,
      'deadline',
    );
    await refused(
      server.gql(DISPATCH_ORDER, { i: { orderId: order.id, villageIds: [villageA2.id], deadline: day(-1) } }, town),
      'BAD_USER_INPUT',
      '已过',
      'deadline',
    );
    await refused(
      server.gql(DISPATCH_ORDER, { i: { orderId: order.id, villageIds: [villageB.id] } }, town),
      'BAD_USER_INPUT',
      '不属于本镇(街道)',
      'villageIds',
    );
    await refused(
      server.gql(DISPATCH_ORDER, { i: { orderId: order.id, villageIds: [villageA2.id, tupu.id] } }, town),
      'ORDER_ALREADY_SENT',
      `${tupu.name}已派发过此派单`,
    );
    // The village: done before received; received twice; done twice.
    await refused(
      server.gql(COMPLETE_ORDER, { i: { orderId: order.id, note: '已组织宣传' } }, cadre),
      'ORDER_NOT_RECEIVED',
      '请先接收，再报告办结',
    );
    // Another unit's order: as if it did not exist.
    await refused(server.gql(RECEIVE_ORDER, { id: order.id }, cadreA2), 'NOT_FOUND', '派单不存在或无权查看');
    await refused(server.gql(RECEIVE_ORDER, { id: order.id }, cadreB), 'NOT_FOUND', '派单不存在或无权查看');
    await refused(
      server.gql(DISPATCH_ORDER, { i: { orderId: order.id, villageIds: [villageB.id] } }, townB),
      'NOT_FOUND',
      '派单不存在或无权查看',
    );
    await refused(server.gql(RESUBMIT, { id: order.id, i: orderInput('秋季征兵宣传活动') }, deptB), 'NOT_FOUND', '派单不存在或无权查看');
    // Roles that may not act at all.
    await refused(server.gql(DISPATCH_ORDER, { i: { orderId: order.id, villageIds: [tupu.id] } }, dept), 'FORBIDDEN', '');
    await refused(server.gql(RECEIVE_ORDER, { id: order.id }, town), 'FORBIDDEN', '');
    expect(await rowCounts()).toEqual(before);

    ok(await server.gql(RECEIVE_ORDER, { id: order.id }, cadre));
    const afterReceipt = await rowCounts();
    await refused(server.gql(RECEIVE_ORDER, { id: order.id }, cadre), 'ORDER_ALREADY_RECEIVED', '无需重复接收');
    ok(await server.gql(COMPLETE_ORDER, { i: { orderId: order.id, note: '已组织宣传' } }, cadre));
    await refused(server.gql(COMPLETE_ORDER, { i: { orderId: order.id, note: '再报一次' } }, cadre), 'ORDER_ALREADY_DONE', '已于');
    await refused(server.gql(COMPLETE_ORDER, { i: { orderId: order.id, note: '' } }, cadre), 'BAD_USER_INPUT', '办结情况');
    expect((await rowCounts()).work_order_step).toBe(afterReceipt.work_order_step + 1);
  });

  it('asks for evidence only where the order says so', async () => {
    const order = await approved('困难群众证明核查', {
      kind: 'CERTIFICATE',
      evidenceRequired: true,
      evidenceNote: '村委会出具的证明复印件编号',
    });
    ok(await server.gql(DISPATCH_ORDER, { i: { orderId: order.id, villageIds: [tupu.id] } }, town));
    ok(await server.gql(RECEIVE_ORDER, { id: order.id }, cadre));
    const before = await rowCounts();
    const missing = expectError(
      await server.gql(COMPLETE_ORDER, { i: { orderId: order.id, note: '已出具证明' } }, cadre),
      'BAD_USER_INPUT',
    );
    expect(missing.message).toBe('此派单要求提交佐证材料：村委会出具的证明复印件编号');
    expect(await rowCounts()).toEqual(before);
    ok(await server.gql(COMPLETE_ORDER, { i: { orderId: order.id, note: '已出具证明', evidence: '证明编号 2025-017' } }, cadre));
    const row = ok(await server.gql(ONE, { id: order.id }, town)).workOrder.villages[0];
    expect(row).toMatchObject({ status: 'DONE', evidence: '证明编号 2025-017' });
  });

  it('reminds a village that has not received an order within a day, once, under the job lease', async () => {
    const order = await approved('防汛物资清点', { kind: 'INSPECTION' });
    ok(await server.gql(DISPATCH_ORDER, { i: { orderId: order.id, villageIds: [villageA2.id, tupu.id] } }, town));
    ok(await server.gql(RECEIVE_ORDER, { id: order.id }, cadre));
    const reminders = server.app.get(ReceiptRemindersService);
    expect(await reminders.run(new Date(Date.now() + 3600_000), 'orders-test')).toEqual({ ran: true, reminded: 0 });
    const first = await reminders.run(new Date(Date.now() + 25 * 3600_000), 'orders-test');
    expect(first.ran).toBe(true);
    expect(first.reminded).toBeGreaterThanOrEqual(1);
    expect((await reminders.run(new Date(Date.now() + 26 * 3600_000), 'orders-test')).reminded).toBe(0);
    const a2 = ok(await server.gql(MESSAGES, {}, cadreA2)).messages.items.filter(
      (message) => message.kind === 'ORDER_NOT_RECEIVED' && message.link === `/orders/${order.id}`,
    );
    expect(a2).toEqual([expect.objectContaining({ title: '请接收派单：防汛物资清点', link: `/orders/${order.id}` })]);
    expect(
      ok(await server.gql(MESSAGES, {}, cadre)).messages.items.filter((message) => message.title === '请接收派单：防汛物资清点'),
    ).toEqual([]);
    expect(ok(await server.gql(MESSAGES, {}, town)).messages.items).toContainEqual(
      expect.objectContaining({ kind: 'ORDER_NOT_RECEIVED', title: '村(社区)未按时接收派单：防汛物资清点' }),
    );
    const record = ok(await server.gql(ONE, { id: order.id }, town)).workOrder;
    expect(record.steps.filter((step) => step.action === 'REMIND').map((step) => [step.villageId, step.actor])).toEqual([
      [villageA2.id, null],
    ]);
  });

  it('reads a page of orders with towns, villages and the record in the same number of statements for 1 and 10 orders', async () => {
    for (let i = 0; i < 10; i++) {
      const order = await approved(`批量派单 ${i}`);
      ok(await server.gql(DISPATCH_ORDER, { i: { orderId: order.id, villageIds: [tupu.id, villageA2.id] } }, town));
      ok(await server.gql(RECEIVE_ORDER, { id: order.id }, cadre));
    }
    const PAGE = graphql(`
      query ($take: Int) {
        workOrders(take: $take, search: "批量派单") {
          items {
            id
            title
            villageCount
            receivedCount
            department {
              name
            }
            dutyItem {
              name
            }
            submittedBy {
              displayName
            }
            admissionRequest {
              status
            }
            towns {
              town {
                name
              }
              dispatchedBy {
                displayName
              }
            }
            villages {
              village {
                name
              }
              receivedBy {
                displayName
              }
              receiptLate
            }
            steps {
              action
              actor {
                displayName
              }
              village {
                name
              }
            }
          }
        }
      }
    `);
    for (const [who, token] of Object.entries({ office, dept, town, cadre })) {
      const measured = await measureNPlusOne(server, { query: PAGE, token, items: (data) => data.workOrders.items, sizes: [1, 10] });
      expect([who, measured.large.queries]).toEqual([who, measured.small.queries]);
    }
  });
});
