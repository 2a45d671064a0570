import type { DataSource, EntityManager } from 'typeorm';
import { AdmissionDecision } from '../../admission/admission-decision.entity.js';
import { AdmissionRequest } from '../../admission/admission-request.entity.js';
import { AdmissionErrorCode } from '../../admission/admission.errors.js';
import { ReviewDecision, type AdmissionService } from '../../admission/admission.service.js';
import { ReturnCategory, WorkOrderKind } from '../../admission/order-kind.js';
import { AppError } from '../../common/errors.js';
import { platformDay } from '../../common/platform-time.js';
import type { RequestContext } from '../../common/request-context.js';
import type { Rng } from '../../common/rng.js';
import type { User } from '../../identity/user.entity.js';
import type { OrdersService } from '../../orders/orders.service.js';
import { WorkOrderAction, WorkOrderStep } from '../../orders/work-order-step.entity.js';
import { WorkOrderTown, WorkOrderVillage } from '../../orders/work-order-unit.entity.js';
import { WorkOrder } from '../../orders/work-order.entity.js';
import type { Region } from '../../regions/region.entity.js';
import { LIFE_ORDERS, type LifeOrder } from './year-of-life.orders-data.js';

const DAY = 86_400_000;
const HOUR = 3_600_000;

/** What the year of life lends the orders' part of it: its accounts, regions, dice and clock. */
export interface OrderLifeWorld {
  ds: DataSource;
  orders: OrdersService;
  admission: AdmissionService;
  rng: Rng;
  now: Date;
  /** A context for the user, its audit events stamped with the simulated time. */
  as(user: User, at?: Date): RequestContext;
  /** A day in the calendar month `months` before this one (not after today). */
  inMonthAgo(months: number): Date;
  deptUser(name: string): User;
  office: User[];
  townUser: Map<number, User>;
  villageUser: Map<number, User>;
  /** Towns in the year's seeded order; villages of each town in code order. */
  townOrder: Region[];
  villagesOf(townId: number): Region[];
  duties: Map<string, number>;
}

/** The simulated times of one order's life, applied by `timeTravel`. */
interface OrderTimes {
  orderId: number;
  /** Each admission request: submitted and (when decided) reviewed. */
  requests: { id: number; submitted: Date; reviewed: Date | null }[];
  /** The order's admission steps (no town, no village) in the order they were taken. */
  admissionSteps: Date[];
  submitted: Date;
  approved: Date | null;
  deadline: string;
  towns: { townId: number; dispatched: Date; deadline: string }[];
  villages: {
    villageId: number;
    sent: Date;
    deadline: string;
    townNote: string | null;
    received: Date | null;
    late: boolean;
    done: Date | null;
  }[];
}

/** Figures of what the year did with orders, for the demo's summary line. */
export interface OrderLifeCounts {
  orders: number;
  returned: number;
  refused: number;
  villages: number;
  late: number;
}

/**
 * The work orders of the year: each goes through the services as its users would — the department
 * submits (a negative-list item is refused at once), the office returns, rejects or approves, each town
 * 派发 to some of its villages (a note, sometimes an earlier deadline), the villages 接收 (some more than
 * a day late) and report 办结 (evidence where the order asks for it). The services stamp "now";
 * `timeTravel` then lays the year out, like the forms' history.
 */
export class OrderLife {
  private readonly times: OrderTimes[] = [];

  constructor(private readonly world: OrderLifeWorld) {}

  private later(from: Date, minH: number, maxH: number): Date {
    const want = from.getTime() + this.world.rng.int(minH * 60, maxH * 60) * 60_000;
    const latest = this.world.now.getTime() - HOUR;
    // Never after now, never before `from` (recent orders squeeze their steps into the last hours).
    return new Date(Math.max(from.getTime() + 60_000, Math.min(want, latest - this.world.rng.int(0, 30) * 60_000)));
  }

  private office(): User {
    return this.world.office[this.world.rng.int(0, this.world.office.length - 1)];
  }

  async run(): Promise<OrderLifeCounts> {
    const counts: OrderLifeCounts = { orders: 0, returned: 0, refused: 0, villages: 0, late: 0 };
    // In the order the year happened.
    const ordered = LIFE_ORDERS.map((spec, i) => ({ spec, i })).sort(
      (left, right) => right.spec.monthsAgo - left.spec.monthsAgo || left.i - right.i,
    );
    for (const { spec } of ordered) {
      await this.live(spec, counts);
      counts.orders++;
    }
    return counts;
  }

  private async live(spec: LifeOrder, counts: OrderLifeCounts): Promise<void> {
    const world = this.world;
    const dept = world.deptUser(spec.dept);
    const dutyItemId = world.duties.get(spec.duty);
    if (!dutyItemId) throw new Error(`demo: no duty item ${spec.duty}`);
    const towns = world.townOrder.slice(0, spec.towns);
    // Submitted in its month; this month's orders a week or two ago (their villages have had time to receive).
    const submitted =
      spec.monthsAgo === 0
        ? new Date(world.now.getTime() - world.rng.int(10, 14) * DAY + world.rng.int(9, 17) * HOUR)
        : new Date(world.inMonthAgo(spec.monthsAgo).getTime() + world.rng.int(9, 17) * HOUR);
    // The services want a deadline not before today: a far one now, the simulated one in timeTravel.
    const farDeadline = platformDay(world.now.getTime() + 90 * DAY);
    const deadline = platformDay(submitted.getTime() + world.rng.int(25, 35) * DAY);
    const fields = {
      kind: spec.kind as WorkOrderKind,
      title: spec.title,
      content: spec.content,
      dutyItemId,
      departmentDoes: spec.departmentDoes,
      villageDoes: spec.villageDoes,
      legalBasis: spec.legalBasis,
      justification: spec.justification,
      fundsYuan: spec.fundsYuan,
      supportStaff: spec.staff,
      supportMaterials: spec.materials,
      supportOther: null,
      deadline: farDeadline,
      townIds: towns.map((town) => town.id),
      evidenceRequired: !!spec.evidence,
      evidenceNote: spec.evidence ?? null,
    };
    const times: OrderTimes = {
      orderId: 0,
      requests: [],
      admissionSteps: [],
      submitted,
      approved: null,
      deadline,
      towns: [],
      villages: [],
    };

    if (spec.fate === 'NEGATIVE') {
      const refused = await world.orders.submit(world.as(dept, submitted), fields).then(
        () => null,
        (error: unknown) => error,
      );
      if (!(refused instanceof AppError) || refused.code !== AdmissionErrorCode.NEGATIVE_LIST)
        throw new Error(`demo: expected NEGATIVE_LIST for order ${spec.title}, got ${String(refused ?? 'success')}`);
      const order = await world.ds.getRepository(WorkOrder).findOneByOrFail({ title: spec.title, departmentId: dept.departmentId! });
      times.orderId = order.id;
      times.requests.push({ id: order.admissionRequestId!, submitted, reviewed: submitted });
      times.admissionSteps.push(submitted, submitted);
      counts.refused++;
      this.times.push(times);
      return;
    }

    let order = await world.orders.submit(world.as(dept, submitted), fields);
    times.orderId = order.id;
    times.admissionSteps.push(submitted);
    let requestId = order.admissionRequestId!;
    let at = submitted;
    const review = (decision: ReviewDecision, when: Date, extra: { comment?: string; returnCategory?: ReturnCategory } = {}) =>
      world.admission.review(world.as(this.office(), when), { id: requestId, decision, ...extra });

    if (spec.fate === 'PENDING') {
      times.requests.push({ id: requestId, submitted: at, reviewed: null });
      this.times.push(times);
      return;
    }
    if (spec.fate === 'RETURN' || spec.fate === 'RETURN_APPROVE') {
      const back = this.later(at, 20, 100);
      await review(ReviewDecision.RETURN, back, { comment: spec.comment, returnCategory: spec.returnCategory as ReturnCategory });
      times.requests.push({ id: requestId, submitted: at, reviewed: back });
      times.admissionSteps.push(back);
      counts.returned++;
      if (spec.fate === 'RETURN') {
        this.times.push(times);
        return;
      }
      // The department writes out its support as the office asked, and applies again.
      at = this.later(back, 48, 240);
      order = await world.orders.resubmit(world.as(dept, at), order.id, {
        ...fields,
        supportOther: '值守补助按每村每日 100 元随单下拨，救生衣和应急照明灯由市应急管理局直接配送到村',
      });
      requestId = order.admissionRequestId!;
      times.submitted = at;
      times.admissionSteps.push(at);
    }
    if (spec.fate === 'REJECT') {
      const rejected = this.later(at, 24, 120);
      await review(ReviewDecision.REJECT, rejected, { comment: spec.comment });
      times.requests.push({ id: requestId, submitted: at, reviewed: rejected });
      times.admissionSteps.push(rejected);
      counts.refused++;
      this.times.push(times);
      return;
    }
    const approved = this.later(at, 6, 48);
    await review(ReviewDecision.APPROVE, approved);
    times.requests.push({ id: requestId, submitted: at, reviewed: approved });
    times.admissionSteps.push(approved);
    times.approved = approved;

    // Each town 派发 to some of its villages; the first may set an earlier deadline and add a note.
    let late = spec.lateReceipts;
    let unreceived = spec.notReceived ?? 0;
    let undone = spec.notDone ?? 0;
    for (const [i, town] of towns.entries()) {
      const dispatched = this.later(approved, 4, 40);
      const earlier = i === 0 && spec.earlierDays ? platformDay(Date.parse(`${deadline}T00:00:00Z`) - spec.earlierDays * DAY) : null;
      const villages = world.villagesOf(town.id).slice(0, spec.villagesPerTown);
      const townNote = i === 0 ? (spec.townNote ?? null) : null;
      await world.orders.dispatch(world.as(world.townUser.get(town.id)!, dispatched), {
        orderId: order.id,
        villageIds: villages.map((village) => village.id),
        note: townNote,
        deadline: earlier ? platformDay(world.now.getTime() + 60 * DAY) : null,
      });
      const townDeadline = earlier ?? deadline;
      times.towns.push({ townId: town.id, dispatched, deadline: townDeadline });
      for (const village of villages) {
        counts.villages++;
        const cadre = world.villageUser.get(village.id)!;
        const row = {
          villageId: village.id,
          sent: dispatched,
          deadline: townDeadline,
          townNote,
          received: null as Date | null,
          late: false,
          done: null as Date | null,
        };
        times.villages.push(row);
        // The last villages of the last town are the ones still to receive (recent orders).
        if (unreceived > 0 && i === towns.length - 1 && villages.length - villages.indexOf(village) <= unreceived) {
          unreceived--;
          continue;
        }
        // The first villages to receive are the late ones (the count is the data's, not the dice's).
        const isLate = late > 0;
        const received = isLate ? this.later(dispatched, 26, 72) : this.later(dispatched, 1, 20);
        row.late = received.getTime() - dispatched.getTime() > DAY;
        if (row.late) {
          late--;
          counts.late++;
        }
        await world.orders.receive(world.as(cadre, received), order.id);
        row.received = received;
        if (undone > 0) {
          undone--;
          continue;
        }
        const done = this.later(received, 24, 240);
        await world.orders.complete(world.as(cadre, done), {
          orderId: order.id,
          note: world.rng.pick(['已按要求办结', '已完成，情况已报镇(街道)', '已办结，未发现问题', '已办结，发现的问题已整改']),
          evidence: spec.evidence ? `${spec.evidence}已交镇(街道)` : null,
        });
        row.done = done;
      }
    }
    this.times.push(times);
  }

  /**
   * Time travel for the orders' history (in the year's time-travel transaction): requests, decisions,
   * orders, towns, villages and the record (纪实) get the dates they stand for; a receipt more than a
   * day after its 派发 carries the record's note the service writes for a late one.
   */
  async timeTravel(em: EntityManager): Promise<void> {
    for (const order of this.times) {
      for (const request of order.requests) {
        await em.update(
          AdmissionRequest,
          { id: request.id },
          { submittedAt: request.submitted, ...(request.reviewed ? { reviewedAt: request.reviewed } : {}) },
        );
        await em.update(AdmissionDecision, { requestId: request.id, action: 'SUBMIT' }, { at: request.submitted });
        if (request.reviewed)
          await em
            .createQueryBuilder()
            .update(AdmissionDecision)
            .set({ at: request.reviewed })
            .where(`request_id = :id AND action IN ('APPROVE','REJECT','RETURN','SYSTEM_REJECT')`, { id: request.id })
            .execute();
      }
      await em.update(
        WorkOrder,
        { id: order.orderId },
        {
          createdAt: new Date(order.requests[0].submitted.getTime() - HOUR),
          submittedAt: order.submitted,
          approvedAt: order.approved,
          deadline: order.deadline,
        },
      );
      const steps = await em.getRepository(WorkOrderStep).find({ where: { orderId: order.orderId }, order: { id: 'ASC' } });
      const admission = steps.filter((step) => step.villageId == null && step.townId == null && step.action !== WorkOrderAction.REMIND);
      for (const [i, step] of admission.entries())
        if (order.admissionSteps[i]) await em.update(WorkOrderStep, { id: step.id }, { at: order.admissionSteps[i] });
      for (const town of order.towns)
        await em.update(
          WorkOrderTown,
          { orderId: order.orderId, townId: town.townId },
          { dispatchedAt: town.dispatched, deadline: town.deadline === order.deadline ? null : town.deadline },
        );
      for (const village of order.villages) {
        await em.update(
          WorkOrderVillage,
          { orderId: order.orderId, villageId: village.villageId },
          { sentAt: village.sent, deadline: village.deadline, receivedAt: village.received, doneAt: village.done },
        );
        const where = { orderId: order.orderId, villageId: village.villageId };
        await em.update(
          WorkOrderStep,
          { ...where, action: WorkOrderAction.DISPATCH },
          {
            at: village.sent,
            // The service wrote the far deadline the call needed into the record: the simulated one replaces it.
            ...(village.deadline !== order.deadline
              ? { note: `期限 ${village.deadline}${village.townNote ? `；${village.townNote}` : ''}` }
              : {}),
          },
        );
        if (village.received)
          await em.update(
            WorkOrderStep,
            { ...where, action: WorkOrderAction.RECEIVE },
            { at: village.received, note: village.late ? '超过一天才接收' : null },
          );
        if (village.done) await em.update(WorkOrderStep, { ...where, action: WorkOrderAction.DONE }, { at: village.done });
      }
    }
  }
}
