import { platformDay, platformMonth } from '../src/common/platform-time.js';
import { Region } from '../src/regions/region.entity.js';
import { RollupService } from '../src/rollups/rollup.service.js';
import { TUPU, villageAccounts } from './support/dispatch.js';
import { expectError, startTestApp, type GqlResult, type TestApp } from './support/harness.js';
import { graphql, type Input } from './support/graphql.js';
import { measureNPlusOne } from './support/n-plus-one.js';
import { COMPLETE_ORDER, DISPATCH_ORDER, RECEIVE_ORDER } from './support/orders.js';
import { expectOrderRollupsMatchRaw, expectRollupsMatchRaw } from './support/rollups.js';

/**
 * #19 item 5, burden counted whole: beside the forms, the dashboards count the work orders each village
 * was sent per month, receipts late, funds passed down per department, returns for unclear requirements
 * and complaints about orders sent outside the platform — for the city, a town (its villages), a village
 * (itself) and a department (its own), checked against a hand count of a story played through the API.
 */

const BURDEN = graphql(`
  query ($month: String, $take: Int) {
    orderBurden(months: 3, month: $month, limit: $take) {
      scope
      fromMonth
      toMonth
      orders
      months {
        month
        orders
        received
        receivedLate
        done
      }
      villages {
        villageId
        village {
          name
        }
        month
        orders
        receivedLate
        done
      }
      lateReceipts
      notReceived
      fundsYuan
      fundsByDepartment {
        departmentId
        department {
          name
        }
        orders
        fundsYuan
      }
      unclearReturns
      unclearReturnsByDepartment {
        departmentId
        department {
          name
        }
        count
      }
      outsideOrderComplaints
    }
  }
`);
const SUBMIT = graphql(`
  mutation ($i: WorkOrderInput!) {
    submitWorkOrder(input: $i) {
      id
      admissionRequestId
    }
  }
`);
const REVIEW = graphql(`
  mutation ($i: ReviewAdmissionInput!) {
    reviewAdmissionRequest(input: $i) {
      id
      status
    }
  }
`);
const COMPLAIN = graphql(`
  mutation ($i: FileFeedbackInput!) {
    fileFeedback(input: $i) {
      id
    }
  }
`);
const DEPARTMENTS = graphql(`
  {
    departments {
      id
      code
    }
  }
`);

const DAY_MS = 86_400_000;
const day = (offset: number) => platformDay(Date.now() + offset * DAY_MS);

describe('order burden: orders per village per month, late receipts, funds, unclear returns, complaints outside the platform', () => {
  let server: TestApp;
  let mzj: string, nyncj: string, office: string, townA: string, townB: string, cadre: string, cadreA2: string, cadreB: string;
  let auditor: string;
  let tupu: Region, villageA2: Region, villageB: Region;
  let mzjId: number, nyncjId: number;
  let mainDuty: number;
  /** The platform month in which the late villages' order counts (sent two days ago). */
  let lateMonth: string;
  const thisMonth = platformMonth(new Date());

  const ok = <T>(result: GqlResult<T>): T => {
    if (result.errors || !result.data) throw new Error(JSON.stringify(result.errors));
    return result.data;
  };
  const orderInput = (title: string, fundsYuan: number, townIds: number[]): Input<'WorkOrderInput'> => ({
    kind: 'TASK',
    title,
    content: '汛期前对本村独居老人住房逐户排查，登记危房和需要转移安置的老人。',
    dutyItemId: mainDuty,
    departmentDoes: '制定排查标准，汇总全市排查结果并安排转移安置资金',
    villageDoes: '村委会逐户走访独居老人，登记住房安全情况并报镇(街道)',
    legalBasis: '《湖北省城乡社区治理条例》第二十条及市防汛指挥部通知',
    justification: '汛期临近，需掌握独居老人住房风险，提前转移安置',
    fundsYuan,
    supportStaff: '派两名干部到镇(街道)现场指导',
    supportMaterials: '无',
    deadline: day(20),
    townIds,
  });
  const submit = async (token: string, title: string, funds: number, townIds: number[]) =>
    ok(await server.gql(SUBMIT, { i: orderInput(title, funds, townIds) }, token)).submitWorkOrder;
  const review = async (requestId: number, decision: 'APPROVE' | 'RETURN', returnCategory?: Input<'ReturnCategory'>) =>
    ok(
      await server.gql(
        REVIEW,
        { i: { id: requestId, decision, ...(decision === 'RETURN' ? { comment: '请写清村里要做什么、何时完成', returnCategory } : {}) } },
        office,
      ),
    );
  const burden = async (token: string, month?: string) => ok(await server.gql(BURDEN, { month, take: 50 }, token)).orderBurden;
  /** Moves these villages' sending of an order back by two days, as if the town had sent it then (SQL: the rollups are rebuilt after). */
  const sentTwoDaysAgo = async (orderId: number, villageIds: number[]) => {
    const at = new Date(Date.now() - 2 * DAY_MS - 60_000);
    const sqlite = server.dataSource.options.type === 'better-sqlite3';
    await server.dataSource.query(
      `UPDATE work_order_village SET sent_at = ? WHERE order_id = ? AND village_id IN (${villageIds.map(() => '?').join(', ')})`,
      [sqlite ? at.toISOString().replace('T', ' ').replace('Z', '') : at, orderId, ...villageIds],
    );
    lateMonth = platformMonth(at);
  };

  beforeAll(async () => {
    server = await startTestApp('order_burden');
    const accountsA = await villageAccounts(server, TUPU);
    tupu = accountsA.village;
    const regions = server.dataSource.getRepository(Region);
    villageA2 = (await regions.find({ where: { parentId: tupu.parentId! }, order: { code: 'ASC' } })).find(
      (region) => region.id !== tupu.id,
    )!;
    villageB = (await regions.find({ where: { level: tupu.level }, order: { code: 'ASC' } })).find(
      (region) => region.parentId !== tupu.parentId,
    )!;
    const accountsB = await villageAccounts(server, villageB.code);
    [mzj, nyncj, office, townA, townB, cadre, cadreA2, cadreB, auditor] = await Promise.all([
      server.login('bm_mzj'),
      server.login('bm_nyncj'),
      server.login('jianfuban'),
      server.login(accountsA.town),
      server.login(accountsB.town),
      server.login(accountsA.cadre),
      server.login((await villageAccounts(server, villageA2.code)).cadre),
      server.login(accountsB.cadre),
      server.login('shenji'),
    ]);
    const departments = ok(await server.gql(DEPARTMENTS, {}, office)).departments;
    mzjId = departments.find((dept) => dept.code === 'mzj')?.id ?? 0;
    nyncjId = departments.find((dept) => dept.code === 'nyncj')?.id ?? 0;
    mainDuty = ok(
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

    const [tA, tB] = [tupu.parentId!, villageB.parentId!];
    // 1. 市民政局, 3000 yuan, to both towns: approved; town A sends it to 土铺 and A2, town B to its village.
    const o1 = await submit(mzj, '汛前独居老人住房排查', 3000, [tA, tB]);
    await review(o1.admissionRequestId!, 'APPROVE');
    ok(await server.gql(DISPATCH_ORDER, { i: { orderId: o1.id, villageIds: [tupu.id, villageA2.id] } }, townA));
    ok(await server.gql(DISPATCH_ORDER, { i: { orderId: o1.id, villageIds: [villageB.id] } }, townB));
    // 2. 市农业农村局, 5000 yuan, to town A: approved, sent to 土铺.
    const o2 = await submit(nyncj, '秋播备耕情况核查', 5000, [tA]);
    await review(o2.admissionRequestId!, 'APPROVE');
    ok(await server.gql(DISPATCH_ORDER, { i: { orderId: o2.id, villageIds: [tupu.id] } }, townA));
    // 3. 市民政局, to town A: returned for unclear requirements (counted); 4. 市农业农村局: returned, support unclear (not).
    const o3 = await submit(mzj, '村级养老服务情况摸底', 1000, [tA]);
    await review(o3.admissionRequestId!, 'RETURN', 'UNCLEAR_REQUIREMENTS');
    const o4 = await submit(nyncj, '农机保有量调查', 800, [tA]);
    await review(o4.admissionRequestId!, 'RETURN', 'SUPPORT_UNCLEAR');
    // 5. 市农业农村局, pending: its funds are not passed down yet.
    await submit(nyncj, '高标准农田巡查', 200, [tA]);

    // 土铺 and village B were sent order 1 two days ago; 土铺 receives it now (late) and reports it done,
    // A2 receives at once; village B has still not received it.
    await sentTwoDaysAgo(o1.id, [tupu.id, villageB.id]);
    await server.app.get(RollupService).rebuild();
    ok(await server.gql(RECEIVE_ORDER, { id: o1.id }, cadre));
    ok(await server.gql(COMPLETE_ORDER, { i: { orderId: o1.id, note: '已排查 23 户' } }, cadre));
    ok(await server.gql(RECEIVE_ORDER, { id: o1.id }, cadreA2));

    // 土铺 complains that 市农业农村局 sent it work outside the platform; village B's complaint is about a form.
    ok(
      await server.gql(
        COMPLAIN,
        {
          i: {
            type: 'COMPLAINT',
            complaintKind: 'ORDER_OUTSIDE_PLATFORM',
            title: '部门微信群直接派任务',
            content: '市农业农村局在微信群里要求村里三天内上报秸秆禁烧巡查照片，未经平台派单。',
            departmentId: nyncjId,
          },
        },
        cadre,
      ),
    );
    ok(
      await server.gql(
        COMPLAIN,
        {
          i: {
            type: 'COMPLAINT',
            complaintKind: 'FORM_OUTSIDE_PLATFORM',
            title: '表外有表',
            content: '有部门在平台外要求填报一张统计表。',
          },
        },
        cadreB,
      ),
    );
  });
  afterAll(() => server?.close());

  /** The four month counts of the months window, summed (the late villages' month may be last month). */
  const totals = (months: { orders: number; received: number; receivedLate: number; done: number }[]) =>
    months.reduce(
      (sum, row) => ({
        orders: sum.orders + row.orders,
        received: sum.received + row.received,
        receivedLate: sum.receivedLate + row.receivedLate,
        done: sum.done + row.done,
      }),
      { orders: 0, received: 0, receivedLate: 0, done: 0 },
    );

  it('the city sees every figure, by hand count', async () => {
    const city = await burden(office);
    expect(city.scope).toBe('全市');
    expect(city.months).toHaveLength(3);
    expect(city.toMonth).toBe(thisMonth);
    // Sent: 土铺 ×2, A2, B; received: 土铺 (late) and A2; done: 土铺.
    expect(totals(city.months)).toEqual({ orders: 4, received: 2, receivedLate: 1, done: 1 });
    expect(city.orders).toBe(4);
    expect(city.months.find((row) => row.month === lateMonth)!.receivedLate).toBe(1);
    expect(city.notReceived).toBe(1);
    expect(city.lateReceipts).toBe(2);
    expect(city.fundsYuan).toBe(8000);
    expect(city.fundsByDepartment).toEqual(
      expect.arrayContaining([
        { departmentId: mzjId, department: { name: '市民政局' }, orders: 1, fundsYuan: 3000 },
        { departmentId: nyncjId, department: { name: '市农业农村局' }, orders: 1, fundsYuan: 5000 },
      ]),
    );
    expect(city.fundsByDepartment).toHaveLength(2);
    expect(city.unclearReturns).toBe(1);
    expect(city.unclearReturnsByDepartment).toEqual([{ departmentId: mzjId, department: { name: '市民政局' }, count: 1 }]);
    expect(city.outsideOrderComplaints).toBe(1);
    // Per village in the month of the late sending: 土铺 has its late order there (and order 2 if the same month).
    const villages = (await burden(office, lateMonth)).villages;
    expect(villages.find((row) => row.villageId === tupu.id)).toMatchObject({
      village: { name: tupu.name },
      month: lateMonth,
      orders: lateMonth === thisMonth ? 2 : 1,
      receivedLate: 1,
      done: 1,
    });
    expect(villages.find((row) => row.villageId === villageB.id)).toMatchObject({ orders: 1, receivedLate: 0, done: 0 });
  });

  it('a town sees its villages only; a village only itself; a department its own orders', async () => {
    const inA = await burden(townA);
    expect(inA.scope).toBe((await server.dataSource.getRepository(Region).findOneByOrFail({ id: tupu.parentId! })).name);
    expect(totals(inA.months)).toEqual({ orders: 3, received: 2, receivedLate: 1, done: 1 });
    expect(inA.notReceived).toBe(0);
    expect(inA.lateReceipts).toBe(1);
    expect(inA.fundsYuan).toBe(8000);
    expect(inA.unclearReturns).toBe(1);
    expect(inA.outsideOrderComplaints).toBe(1);
    const aVillages = [...(await burden(townA, thisMonth)).villages, ...(await burden(townA, lateMonth)).villages];
    expect(new Set(aVillages.map((row) => row.villageId))).toEqual(new Set([tupu.id, villageA2.id]));

    const inB = await burden(townB);
    expect(totals(inB.months)).toEqual({ orders: 1, received: 0, receivedLate: 0, done: 0 });
    expect(inB).toMatchObject({ notReceived: 1, lateReceipts: 1, fundsYuan: 3000, unclearReturns: 0, outsideOrderComplaints: 0 });
    expect(inB.fundsByDepartment).toEqual([{ departmentId: mzjId, department: { name: '市民政局' }, orders: 1, fundsYuan: 3000 }]);

    const own = await burden(cadre);
    expect(own.scope).toBe(tupu.name);
    expect(totals(own.months)).toEqual({ orders: 2, received: 1, receivedLate: 1, done: 1 });
    expect(own).toMatchObject({ notReceived: 0, lateReceipts: 1, fundsYuan: 8000, unclearReturns: 0, outsideOrderComplaints: 1 });
    for (const month of [thisMonth, lateMonth])
      expect((await burden(cadre, month)).villages.every((row) => row.villageId === tupu.id)).toBe(true);

    const neighbour = await burden(cadreB);
    expect(totals(neighbour.months)).toEqual({ orders: 1, received: 0, receivedLate: 0, done: 0 });
    expect(neighbour).toMatchObject({ notReceived: 1, lateReceipts: 1, fundsYuan: 3000, unclearReturns: 0, outsideOrderComplaints: 0 });
    expect((await burden(cadreB, lateMonth)).villages.map((row) => row.villageId)).toEqual([villageB.id]);

    const dept = await burden(mzj);
    expect(totals(dept.months)).toEqual({ orders: 3, received: 2, receivedLate: 1, done: 1 });
    expect(dept).toMatchObject({ notReceived: 1, lateReceipts: 2, fundsYuan: 3000, unclearReturns: 1, outsideOrderComplaints: 0 });
    const other = await burden(nyncj);
    expect(totals(other.months)).toEqual({ orders: 1, received: 0, receivedLate: 0, done: 0 });
    expect(other).toMatchObject({ notReceived: 0, lateReceipts: 0, fundsYuan: 5000, unclearReturns: 0, outsideOrderComplaints: 1 });

    expectError(await server.gql(BURDEN, {}, auditor), 'FORBIDDEN');
    expectError(
      await server.gql(
        graphql(`
          {
            orderBurden(months: 0) {
              orders
            }
          }
        `),
        {},
        office,
      ),
      'BAD_USER_INPUT',
    );
    expectError(
      await server.gql(
        graphql(`
          {
            orderBurden(month: "2026-13") {
              orders
            }
          }
        `),
        {},
        office,
      ),
      'BAD_USER_INPUT',
    );
  });

  it('the rollup is exact: it agrees with counting the orders themselves, and a rebuild changes nothing', async () => {
    const rollups = server.app.get(RollupService);
    expect(await rollups.drift()).toEqual([]);
    await expectRollupsMatchRaw(server, { office, townA, townB, mzj }, new Date().getUTCFullYear());
    await expectOrderRollupsMatchRaw(server, { cadre, cadreA2, cadreB, nyncj });
    const before = await burden(office, lateMonth);
    await rollups.rebuild();
    expect(await rollups.drift()).toEqual([]);
    expect(await burden(office, lateMonth)).toEqual(before);
  });

  it('statement count does not grow with the villages and departments listed (no N+1)', async () => {
    // This month: 土铺 (order 2) and A2 (order 1), two departments' funds; names come batched.
    const result = await measureNPlusOne(server, {
      query: BURDEN,
      token: office,
      variables: { month: thisMonth },
      items: (data) => [...data.orderBurden.villages],
    });
    expect(result.large.queries).toBe(result.small.queries);
  });
});
