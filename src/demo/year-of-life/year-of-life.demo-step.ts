import { DeadlineRemindersService } from '../../dispatch/deadline-reminders.service.js';
import { Injectable } from '@nestjs/common';
import { DataSource, In, type EntityManager, type EntityTarget, type ObjectLiteral } from 'typeorm';
import { AdmissionDecision } from '../../admission/admission-decision.entity.js';
import { AdmissionRequest } from '../../admission/admission-request.entity.js';
import { AdmissionService, ReviewDecision } from '../../admission/admission.service.js';
import { AdmissionErrorCode } from '../../admission/admission.errors.js';
import { AppError } from '../../common/errors.js';
import { DataElement } from '../../catalog/data-element.entity.js';
import { ValueType } from '../../catalog/value-type.js';
import { Role } from '../../common/auth-user.js';
import { RequestContext } from '../../common/request-context.js';
import { TransactionService } from '../../common/transaction.service.js';
import { Department } from '../../departments/department.entity.js';
import { RegisterDemoStep, type DemoRun, type DemoStep } from '../../common/demo-step.js';
import { Rng } from '../../common/rng.js';
import { Assignment } from '../../dispatch/assignment.entity.js';
import { RollupService } from '../../rollups/rollup.service.js';
import { DispatchService, snapshotOf } from '../../dispatch/dispatch.service.js';
import type { AssignmentSnapshot } from '../../rollups/rollups.js';
import { Task } from '../../dispatch/task.entity.js';
import { DutyItem } from '../../duties/duty-item.entity.js';
import { FeedbackService } from '../../feedback/feedback.service.js';
import { ComplaintKind, Feedback, FeedbackType } from '../../feedback/feedback.entity.js';
import { FillingService, SubmissionDecision, figuresOf, type RowInput } from '../../filling/filling.service.js';
import { Submission } from '../../filling/submission.entity.js';
import { FieldSection } from '../../forms/form-field.entity.js';
import { FormVersion } from '../../forms/form-version.entity.js';
import { Frequency, TargetLevel } from '../../forms/form.entity.js';
import { FormsService } from '../../forms/forms.service.js';
import type { FieldDefinition } from '../../forms/field-definitions.js';
import { User } from '../../identity/user.entity.js';
import { UsersService } from '../../identity/users.service.js';
import { FactsService } from '../../records/facts.service.js';
import { PiiService } from '../../records/pii.service.js';
import { DEMO_RESIDENTS_PER_VILLAGE } from '../../records/records.demo-step.js';
import { ResidentsService } from '../../records/residents.service.js';
import { syntheticId } from '../../records/synthetic.js';
import { Region, RegionLevel } from '../../regions/region.entity.js';
import { COMPLAINTS, LEGAL_BASIS, LIFE_FORMS, SUGGESTIONS, type LifeForm } from './year-of-life.data.js';
import { OrdersService } from '../../orders/orders.service.js';
import { ReceiptRemindersService } from '../../orders/receipt-reminders.service.js';
import { OrderLife, type OrderLifeCounts } from './year-of-life.orders.js';

const DAY = 86_400_000;
const HOUR = 3_600_000;
const CHUNK = 500;
/** A period of a dispatched task: name, first and last day (UTC), and its (simulated) due date. */
interface SimPeriod {
  name: string;
  start: Date;
  end: Date;
  due: Date;
}
/** What a village (or town) did with one assignment. */
type Outcome = 'ACCEPT' | 'RETURN_FIX_ACCEPT' | 'SUBMITTED' | 'RETURNED' | 'DRAFT' | 'NOT_STARTED';

/** Why a town sends a submission back: each names a field the returned form really has (`{}` is its label). */
const RETURN_REASONS = [
  '“{}”与上期相差较大，请核实后重新上报',
  '“{}”与台账记录不一致，请核对后再报',
  '“{}”与镇(街道)掌握的情况对不上，请补充说明',
  '请按最新口径重新填写“{}”',
];
const RESIDENT_RETURN_REASON = '居民明细的“{}”有误，请核对后再报';
/** Town forms reach this many towns per frequency unless they say otherwise. */
const TOWN_REACH: Record<string, number> = { MONTHLY: 2, QUARTERLY: 2, HALF_YEARLY: 3, YEARLY: 4, ONCE: 4 };
/** 土铺村 (named in the public facts) carries the most forms: the README's walk-through uses it. */
const FIRST_VILLAGE = '420683003200';
const FREQ_DUE_DAYS: Record<string, number> = { MONTHLY: 10, QUARTERLY: 15, HALF_YEARLY: 20, YEARLY: 25, ONCE: 20 };

/** The rollup snapshots of the assignments of these tasks (with their submissions), by assignment id. */
async function snapshotsOfTasks(em: EntityManager, taskIds: number[]): Promise<Map<number, AssignmentSnapshot>> {
  const out = new Map<number, AssignmentSnapshot>();
  for (let i = 0; i < taskIds.length; i += CHUNK) {
    const list = await em.getRepository(Assignment).findBy({ taskId: In(taskIds.slice(i, i + CHUNK)) });
    const subs = new Map<number, Submission>();
    for (let j = 0; j < list.length; j += CHUNK)
      for (const sub of await em.getRepository(Submission).findBy({ assignmentId: In(list.slice(j, j + CHUNK).map((item) => item.id)) }))
        subs.set(sub.assignmentId, sub);
    for (const assignment of list) out.set(assignment.id, snapshotOf(assignment, figuresOf(subs.get(assignment.id) ?? null)));
  }
  return out;
}

const utc = (y: number, num: number, value = 1) => new Date(Date.UTC(y, num, value));
const iso = (date: Date) => date.toISOString().slice(0, 10);

/**
 * A year of platform life (full demo only): what Zaoyang looks like after a year on the platform.
 * Everything goes through the services as the right user — departments design and apply, the
 * office reviews (returns, rejects, retires), departments dispatch monthly and quarterly, villages
 * and towns autofill and submit, towns and departments accept (write-back) or return, villages
 * complain and the office answers — so every rule (cap, negative list, scope, validation, audit)
 * holds. The services stamp "now"; at the end one documented step — time travel for demo
 * history — moves the timestamps of what happened to the dates it is meant to have happened on
 * (a handful of grouped UPDATEs). Audit events cannot be moved (the hash chain): each call carries its simulated time
 * in its context (`as(user, at)` → `RequestContext.asOf`), which the audit log stamps.
 */
@Injectable()
@RegisterDemoStep(80)
export class YearOfLifeDemoStep implements DemoStep {
  readonly name = 'year-of-life';
  readonly fullOnly = true;

  constructor(
    readonly dataSource: DataSource,
    readonly tx: TransactionService,
    readonly forms: FormsService,
    readonly admission: AdmissionService,
    readonly dispatch: DispatchService,
    readonly filling: FillingService,
    readonly feedback: FeedbackService,
    readonly facts: FactsService,
    readonly residents: ResidentsService,
    readonly pii: PiiService,
    readonly rollups: RollupService,
    readonly deadlines: DeadlineRemindersService,
    readonly orders: OrdersService,
    readonly receipts: ReceiptRemindersService,
  ) {}

  async run(run: DemoRun): Promise<void> {
    const started = Date.now();
    const life = new Life(this, run, new Rng(run.options.seed ^ 0x5eed), new Date(Math.floor(Date.now() / 1000) * 1000));
    const lap = (what: string) => process.env.DEMO_TIMING && process.stderr.write(`year-of-life ${what}: ${Date.now() - started} ms\n`);
    await life.load();
    const counts = await life.admit();
    lap('admission');
    const fills = await life.dispatchAndFill();
    lap('dispatch + fill');
    await life.retire();
    const fb = await life.fileFeedback();
    lap('feedback');
    const orders = await life.workOrders();
    lap('work orders');
    await life.timeTravel();
    lap('time travel');
    // With the dates where they belong, the deadline job leaves its reminders (due soon, overdue).
    await this.deadlines.run();
    // And the receipt job its reminders to the villages that have not received a recent order.
    await this.receipts.run();
    run.summary.push(
      `一年运行：表单准入申请 ${counts.requests} 件（生效 ${counts.active} 张，其中村级 ${counts.village} 张；退回 ${counts.returned}、不予准入 ${counts.rejected}、撤回 ${counts.withdrawn}、退出 ${counts.retired}），` +
        `任务 ${fills.tasks} 个、填报 ${fills.assignments} 份（已填 ${fills.filled}），` +
        `派单 ${orders.orders} 件（退回 ${orders.returned}、拒绝 ${orders.refused}，派发到村 ${orders.villages} 次、超时接收 ${orders.late} 次），反馈 ${fb} 条，用时 ${((Date.now() - started) / 1000).toFixed(1)} 秒`,
    );
  }
}

interface FormState {
  spec: LifeForm;
  formId: number;
  /** Simulated date the form came into force. */
  approvedAt: Date | null;
  periods: SimPeriod[];
}

/** One run of the simulation; holds the look-ups and the timestamps to apply at the end. */
class Life {
  private depts = new Map<string, Department>();
  private deptUser = new Map<number, User>();
  private townUser = new Map<number, User>();
  private villageUser = new Map<number, User>();
  private office: User[] = [];
  private towns: Region[] = [];
  private villages: Region[] = [];
  private villageIndex = new Map<number, number>();
  /** Villages and towns in one seeded order: a form reaching N takes the first N (土铺村 first). */
  private villageOrder: Region[] = [];
  private townOrder: Region[] = [];
  private elements = new Map<string, DataElement>();
  private duties = new Map<string, number>();
  private states: FormState[] = [];
  // Simulated timestamps, applied by timeTravel().
  private requestTimes: { id: number; submitted: Date; reviewed: Date | null; withdrawn?: Date }[] = [];
  private versionTimes: { id: number; submitted: Date; approved: Date | null }[] = [];
  private retireTimes: { formId: number; at: Date }[] = [];
  private taskTimes: { id: number; created: Date; due: Date; closed: Date | null }[] = [];
  /** assignment id → [submitted, reviewed] simulated times. */
  private fillTimes = new Map<number, [Date, Date | null]>();
  private feedbackTimes: { id: number; created: Date; answered: Date | null; resolved: Date | null }[] = [];

  constructor(
    private readonly x: YearOfLifeDemoStep,
    private readonly run: DemoRun,
    private readonly rng: Rng,
    private readonly now: Date,
  ) {}

  private get ds(): DataSource {
    return this.x.dataSource;
  }

  /** A fresh context per call: loaders cache per context, and a form's status changes between calls. */
  /** `at`: the simulated time of the work, which its audit events carry. */
  private as(user: User, at?: Date): RequestContext {
    return RequestContext.system(UsersService.toAuthUser(user), at ?? null);
  }
  private ago(days: number): Date {
    return new Date(this.now.getTime() - days * DAY);
  }
  /**
   * A day in the calendar month `months` before this one (not after today): "proposed 11 months ago"
   * stays inside a twelve-month dashboard whatever the day of the month (30-day steps drifted out of it).
   */
  private inMonthAgo(months: number): Date {
    const day = utc(this.now.getUTCFullYear(), this.now.getUTCMonth() - months, this.rng.int(1, 28));
    return day.getTime() > this.now.getTime() - DAY ? this.ago(1) : day;
  }
  private notAfterNow(date: Date): Date {
    return date.getTime() < this.now.getTime() - HOUR ? date : new Date(this.now.getTime() - HOUR - this.rng.int(0, 600) * 60_000);
  }

  async load(): Promise<void> {
    const users = await this.ds.getRepository(User).find();
    for (const user of users) {
      if (user.role === Role.DEPARTMENT_STAFF && user.departmentId) this.deptUser.set(user.departmentId, user);
      if (user.role === Role.TOWN_STAFF && user.regionId) this.townUser.set(user.regionId, user);
      if (user.role === Role.VILLAGE_CADRE && user.regionId) this.villageUser.set(user.regionId, user);
      if (user.role === Role.OFFICE_REVIEWER) this.office.push(user);
    }
    this.office.sort((left, right) => left.id - right.id);
    for (const department of await this.ds.getRepository(Department).find()) this.depts.set(department.name, department);
    const regions = await this.ds.getRepository(Region).find({ order: { code: 'ASC' } });
    this.towns = regions.filter((region) => region.level === RegionLevel.TOWN);
    this.villages = regions.filter((region) => region.level === RegionLevel.VILLAGE);
    // The records step numbered its synthetic residents in village-code order.
    this.villages.forEach((village, i) => this.villageIndex.set(village.id, i));
    const order = new Rng(this.run.options.seed + 7);
    const shuffled = <T>(list: T[]) =>
      list
        .map((x) => ({ x, k: order.next() }))
        .sort((left, right) => left.k - right.k)
        .map((item) => item.x);
    this.villageOrder = shuffled(this.villages);
    const first = this.villageOrder.findIndex((region) => region.code === FIRST_VILLAGE);
    if (first > 0) this.villageOrder.unshift(...this.villageOrder.splice(first, 1));
    this.townOrder = shuffled(this.towns);
    for (const dataElement of await this.ds.getRepository(DataElement).find()) this.elements.set(dataElement.code, dataElement);
    for (const dutyItem of await this.ds.getRepository(DutyItem).find()) this.duties.set(dutyItem.name, dutyItem.id);
  }

  private deptOf(spec: LifeForm): User {
    return this.deptNamed(spec.dept);
  }
  private deptNamed(name: string): User {
    const department = this.depts.get(name);
    const user = department && this.deptUser.get(department.id);
    if (!user) throw new Error(`demo: no account for ${name}`);
    return user;
  }

  private fieldsOf(spec: LifeForm): FieldDefinition[] {
    return spec.fields.map((field) => {
      const resident = field.startsWith('R:');
      const body = resident ? field.slice(2) : field;
      const section = resident ? FieldSection.RESIDENT : FieldSection.VILLAGE;
      const dataElement = this.elements.get(body);
      if (dataElement)
        return {
          key: body.split('.')[1],
          label: dataElement.name,
          valueType: dataElement.valueType,
          required: true,
          section,
          elementId: dataElement.id,
        };
      const [key, label, type] = body.split(':');
      return { key, label, valueType: type as ValueType, required: true, section, min: 0 };
    });
  }

  private statements(spec: LifeForm) {
    const what = spec.fields
      .slice(0, 3)
      .map((field) => this.elements.get(field.replace(/^R:/, ''))?.name ?? field.split(':')[1])
      .join('、');
    const who = spec.level === 'VILLAGE' ? '村(社区)' : '镇(街道)';
    const often = { MONTHLY: '每月', QUARTERLY: '每季度', HALF_YEARLY: '每半年', YEARLY: '每年', ONCE: '一次性' }[spec.freq];
    return {
      departmentDoes: `${spec.dept}制定《${spec.title}》口径，汇总分析全市数据，并将结果按月通报给各镇和${who}`,
      villageDoes: `${who}${often}核对${what}，确认平台自动带出的数值，只修改发生变化的数据后提交`,
      departmentSupport: `${spec.dept}安排专人解答口径问题，开展一次线上培训，已有数据由部门预先导入共享库`,
      legalBasis: LEGAL_BASIS[spec.dept] ?? `${spec.dept}年度工作要点`,
      justification: `掌握${what}的变化情况，为${spec.title.replace(/(月报|季报|半年报|年报|表)$/, '')}的政策制定和资金分配提供依据`,
    };
  }

  // ——— admission ———

  async admit(): Promise<{
    requests: number;
    active: number;
    village: number;
    returned: number;
    rejected: number;
    withdrawn: number;
    retired: number;
  }> {
    const office = () => this.office[this.rng.int(0, this.office.length - 1)];
    // In the order the year happened: the launch wave first; the retired village form before the one approved after it.
    const ordered = LIFE_FORMS.map((spec, i) => ({ spec, i })).sort(
      (left, right) => right.spec.proposedMonthsAgo - left.spec.proposedMonthsAgo || left.i - right.i,
    );
    let requests = 0;
    for (const { spec } of ordered) {
      const dept = this.deptOf(spec);
      const dutyItemId = this.duties.get(spec.duty);
      if (!dutyItemId) throw new Error(`demo: no duty item ${spec.duty}`);
      const fields = this.fieldsOf(spec);
      let date = new Date(this.inMonthAgo(spec.proposedMonthsAgo).getTime() + this.rng.int(9, 17) * HOUR);
      if (spec.proposedMonthsAgo === 0) date = this.ago(this.rng.int(1, 3));
      const form = await this.x.forms.createForm(this.as(dept, new Date(date.getTime() - HOUR)), {
        title: spec.title,
        description: `${spec.dept}：${spec.title}`,
        dutyItemId,
        targetLevel: spec.level as TargetLevel,
        frequency: spec.freq as Frequency,
        fields,
      });
      const state: FormState = { spec, formId: form.id, approvedAt: null, periods: [] };
      this.states.push(state);
      const submit = async (when: Date) => {
        requests++;
        return this.x.admission.submit(this.as(dept, when), { formId: form.id, ...this.statements(spec) });
      };
      const review = async (id: number, decision: ReviewDecision, when: Date, comment?: string) =>
        this.x.admission.review(this.as(office(), when), { id, decision, comment });
      const later = (from: Date, minH: number, maxH: number) =>
        this.notAfterNow(new Date(from.getTime() + this.rng.int(minH, maxH) * HOUR));

      if (spec.fate === 'NEGATIVE') {
        requests++;
        const refused = await this.x.admission.submit(this.as(dept, date), { formId: form.id, ...this.statements(spec) }).then(
          () => null,
          (value) => value,
        );
        if (!(refused instanceof AppError) || refused.code !== AdmissionErrorCode.NEGATIVE_LIST)
          throw new Error(`demo: expected NEGATIVE_LIST for ${spec.title}, got ${refused?.message ?? 'success'}`);
        const admissionRequest = await this.ds.getRepository(AdmissionRequest).findOneByOrFail({ formId: form.id });
        this.requestTimes.push({ id: admissionRequest.id, submitted: date, reviewed: date });
        this.versionTimes.push({ id: admissionRequest.formVersionId!, submitted: date, approved: null });
        continue;
      }
      const first = await submit(date);
      this.versionTimes.push({ id: first.formVersionId!, submitted: date, approved: null });
      if (spec.fate === 'PENDING') {
        this.requestTimes.push({ id: first.id, submitted: date, reviewed: null });
        continue;
      }
      let current = first;
      let at = date;
      if (spec.fate === 'WITHDRAW' || spec.fate === 'WITHDRAW_APPROVE') {
        const date2 = later(date, 4, 30);
        await this.x.admission.withdraw(this.as(dept, date2), first.id, '需补充征求镇(街道)意见，先撤回');
        this.requestTimes.push({ id: first.id, submitted: date, reviewed: null, withdrawn: date2 });
        if (spec.fate === 'WITHDRAW') continue;
        at = later(date2, 72, 200);
        await this.x.forms.updateForm(this.as(dept, new Date(at.getTime() - HOUR)), form.id, {
          description: `${spec.dept}：${spec.title}（已征求镇街意见）`,
        });
        current = await submit(at);
        this.versionTimes.push({ id: current.formVersionId!, submitted: at, approved: null });
      }
      if (spec.fate === 'RETURN' || spec.fate === 'RETURN_APPROVE') {
        const back = later(at, 20, 100);
        await review(current.id, ReviewDecision.RETURN, back, spec.comment);
        this.requestTimes.push({ id: current.id, submitted: at, reviewed: back });
        if (spec.fate === 'RETURN') continue;
        // The department edits (a new version: the returned one stays as it was reviewed) and applies again.
        at = later(back, 48, 240);
        await this.x.forms.updateForm(this.as(dept, new Date(at.getTime() - HOUR)), form.id, { fields: fieldsAfterReturn(fields) });
        current = await submit(at);
        this.versionTimes.push({ id: current.formVersionId!, submitted: at, approved: null });
      }
      if (spec.fate === 'REJECT') {
        const rejected = later(at, 24, 120);
        await review(current.id, ReviewDecision.REJECT, rejected, spec.comment);
        this.requestTimes.push({ id: current.id, submitted: at, reviewed: rejected });
        continue;
      }
      // APPROVE, RETURN_APPROVE, WITHDRAW_APPROVE, APPROVE_RETIRE
      if (spec.level === 'VILLAGE' && !(await this.capLeft())) {
        // The retired fire check made room (see retireEarly below): retire it now, at its simulated date.
        await this.retireOne('VILLAGE', at);
      }
      const approved = later(at, 6, 96);
      await review(current.id, ReviewDecision.APPROVE, approved);
      this.requestTimes.push({ id: current.id, submitted: at, reviewed: approved });
      this.versionTimes.push({ id: current.formVersionId!, submitted: at, approved });
      state.approvedAt = approved;
    }
    const rows: { status: string; c: string | number }[] = await this.ds
      .createQueryBuilder()
      .select('status')
      .addSelect('COUNT(*)', 'c')
      .from('admission_request', 'r')
      .groupBy('status')
      .getRawMany();
    const by = (text: string) => Number(rows.find((row) => row.status === text)?.c ?? 0);
    const active = this.states.filter((state) => state.approvedAt && state.spec.fate !== 'APPROVE_RETIRE');
    return {
      requests,
      active: active.length,
      village: active.filter((formState) => formState.spec.level === 'VILLAGE').length,
      returned: by('RETURNED'),
      rejected: by('REJECTED'),
      withdrawn: by('WITHDRAWN'),
      retired: this.states.filter((state) => state.spec.fate === 'APPROVE_RETIRE').length,
    };
  }

  private async capLeft(): Promise<boolean> {
    const { cap, activeVillageForms } = await this.x.admission.capStatus();
    return activeVillageForms < cap;
  }

  private retired = new Set<number>();
  /** Dispatches and fills a to-be-retired form's one-off task, then the office retires it. */
  private async retireOne(level: 'VILLAGE' | 'TOWN', before?: Date): Promise<void> {
    const formState = this.states.find(
      (x) => x.spec.fate === 'APPROVE_RETIRE' && x.spec.level === level && x.approvedAt && !this.retired.has(x.formId),
    );
    if (!formState) throw new Error(`demo: village form cap reached and nothing to retire`);
    await this.dispatchForm(formState);
    const last = formState.periods[formState.periods.length - 1];
    let at = this.notAfterNow(new Date((last?.due ?? formState.approvedAt!).getTime() + 20 * DAY));
    if (before && at.getTime() > before.getTime()) at = new Date(before.getTime() - DAY);
    await this.x.admission.retire(this.as(this.office[0], at), formState.formId, '临时事项不再报：专项排查已结束，后续情况并入常规季报');
    this.retireTimes.push({ formId: formState.formId, at });
    this.retired.add(formState.formId);
  }

  async retire(): Promise<void> {
    for (const level of ['VILLAGE', 'TOWN'] as const)
      if (
        this.states.some((x) => x.spec.fate === 'APPROVE_RETIRE' && x.spec.level === level && x.approvedAt && !this.retired.has(x.formId))
      )
        await this.retireOne(level);
  }

  // ——— dispatch and filling ———

  /** Periods of a form from its approval to now, each with its due date. */
  private periodsOf(spec: LifeForm, approvedAt: Date): SimPeriod[] {
    const out: SimPeriod[] = [];
    const y0 = approvedAt.getUTCFullYear() - 1;
    const dueOf = (end: Date) => new Date(end.getTime() + FREQ_DUE_DAYS[spec.freq] * DAY + 16 * HOUR - 1000); // 23:59:59 +08:00
    const push = (name: string, start: Date, end: Date) => {
      if (end.getTime() >= approvedAt.getTime() && start.getTime() <= this.now.getTime()) out.push({ name, start, end, due: dueOf(end) });
    };
    if (spec.freq === 'ONCE') {
      const num = approvedAt.getUTCMonth() + 1;
      const value = Math.floor(num / 3) % 4;
      const y = approvedAt.getUTCFullYear() + (num >= 12 ? 1 : 0);
      const start = utc(y, value * 3);
      return [
        {
          name: `${y}-Q${value + 1}`,
          start,
          end: new Date(utc(y, value * 3 + 3).getTime() - DAY),
          due: dueOf(new Date(utc(y, value * 3 + 3).getTime() - DAY)),
        },
      ];
    }
    for (let y = y0; y <= this.now.getUTCFullYear(); y++) {
      if (spec.freq === 'YEARLY') push(String(y), utc(y, 0), utc(y, 11, 31));
      if (spec.freq === 'HALF_YEARLY')
        for (let num = 0; num < 2; num++) push(`${y}-H${num + 1}`, utc(y, num * 6), new Date(utc(y, num * 6 + 6).getTime() - DAY));
      if (spec.freq === 'QUARTERLY')
        for (let num = 0; num < 4; num++) push(`${y}-Q${num + 1}`, utc(y, num * 3), new Date(utc(y, num * 3 + 3).getTime() - DAY));
      if (spec.freq === 'MONTHLY')
        for (let num = 0; num < 12; num++)
          push(`${y}-${String(num + 1).padStart(2, '0')}`, utc(y, num), new Date(utc(y, num + 1).getTime() - DAY));
    }
    return out;
  }

  /** The villages (or towns) a form's tasks reach: the first N of one seeded order (see LifeForm.reach). */
  private targetsOf(spec: LifeForm, current: boolean): { villageIds?: number[]; townIds?: number[]; all?: boolean } {
    if (spec.level === 'TOWN')
      return {
        townIds: this.townOrder.slice(0, typeof spec.reach === 'number' ? spec.reach : TOWN_REACH[spec.freq]).map((region) => region.id),
      };
    if (spec.reach === 'ALL' && current) return { all: true };
    return { villageIds: this.villageOrder.slice(0, typeof spec.reach === 'number' ? spec.reach : 16).map((region) => region.id) };
  }

  private dispatched = new Set<number>();
  private totals = { tasks: 0, assignments: 0, filled: 0 };

  async dispatchAndFill(): Promise<{ tasks: number; assignments: number; filled: number }> {
    for (const state of this.states) if (state.approvedAt && !this.retired.has(state.formId)) await this.dispatchForm(state);
    return this.totals;
  }

  private async dispatchForm(formState: FormState): Promise<void> {
    if (this.dispatched.has(formState.formId)) return;
    this.dispatched.add(formState.formId);
    const spec = formState.spec;
    const dept = this.deptOf(spec);
    formState.periods = this.periodsOf(spec, formState.approvedAt!);
    const version = await this.ds
      .getRepository(FormVersion)
      .findOneOrFail({ where: { formId: formState.formId }, order: { versionNo: 'DESC' } });
    const fields = await this.x.forms.fieldRows(this.ds.manager, version.id);
    for (const period of formState.periods) {
      const past = period.due.getTime() < this.now.getTime();
      // createTask wants a due date in the future; past periods are dispatched with one and moved back in timeTravel().
      const dueAt = past ? new Date(this.now.getTime() + 7 * DAY) : period.due;
      const targets = this.targetsOf(spec, !past);
      const created = new Date(
        Math.max(period.start.getTime() + this.rng.int(0, 5) * DAY, formState.approvedAt!.getTime() + DAY) + 9 * HOUR,
      );
      const task = await this.x.dispatch.createTask(this.as(dept, this.notAfterNow(created)), {
        formId: formState.formId,
        period: period.name,
        dueAt,
        ...targets,
        autoAccept: !!spec.autoAccept,
      });
      const ageDays = (this.now.getTime() - period.due.getTime()) / DAY;
      this.totals.tasks++;
      const assignments = await this.ds.getRepository(Assignment).find({ where: { taskId: task.id }, order: { id: 'ASC' } });
      this.totals.assignments += assignments.length;
      await this.fillTask(formState, task, period, fields, assignments, dept);
      let closed: Date | null = null;
      if (ageDays > 100) {
        // Old tasks: a reminder went out before the due date, then the department closed the task.
        if (this.rng.chance(0.5)) await this.x.dispatch.sendReminder(this.as(dept, new Date(period.due.getTime() - 2 * DAY)), task.id);
        closed = this.notAfterNow(new Date(period.due.getTime() + this.rng.int(30, 60) * DAY));
        await this.x.dispatch.closeTask(this.as(dept, closed), task.id);
      } else if (ageDays > -5 && this.rng.chance(0.6))
        // Recent tasks: the department urges the units that have not submitted (催办; nothing left: no urge).
        await this.x.dispatch
          .urge(this.as(dept, this.notAfterNow(new Date(period.due.getTime() - 2 * DAY))), {
            taskId: task.id,
            note: this.rng.chance(0.5) ? '请抓紧填报，按时提交' : null,
          })
          .catch((error: unknown) => {
            if (!(error instanceof AppError)) throw error;
          });
      this.taskTimes.push({ id: task.id, created: this.notAfterNow(created), due: period.due, closed });
    }
  }

  /**
   * 土铺村 (the README's walk-through village) is late with the first open task past its deadline that
   * reaches it, whatever the dice say: the overdue marks, counts and 催办 always have something to show.
   */
  private lateOnPurpose(assignment: Assignment, ageDays: number): Outcome | null {
    if (this.firstVillageLate || ageDays <= 1 || ageDays >= 90 || assignment.regionId !== this.villageOrder[0]?.id) return null;
    this.firstVillageLate = true;
    return 'NOT_STARTED';
  }
  private firstVillageLate = false;

  private outcome(ageDays: number, autoAccept: boolean, big: boolean): Outcome {
    // A city-wide task not yet due: most villages have not opened it yet.
    const roll = big && ageDays < 0 ? 0.4 + 0.6 * this.rng.next() : this.rng.next();
    let outcome: Outcome;
    if (ageDays < 0) {
      // Not yet due: some already in, some drafts, most not started.
      outcome = roll < 0.3 ? 'ACCEPT' : roll < 0.42 ? 'SUBMITTED' : roll < 0.55 ? 'DRAFT' : roll < 0.58 ? 'RETURNED' : 'NOT_STARTED';
    } else {
      outcome =
        roll < 0.8
          ? 'ACCEPT'
          : roll < 0.85
            ? 'RETURN_FIX_ACCEPT'
            : roll < 0.88
              ? 'SUBMITTED'
              : roll < 0.9
                ? 'RETURNED'
                : roll < 0.93
                  ? 'DRAFT'
                  : 'NOT_STARTED';
      // Old periods were reviewed long ago.
      if (ageDays > 100 && outcome === 'SUBMITTED') outcome = 'ACCEPT';
    }
    if (autoAccept && (outcome === 'SUBMITTED' || outcome === 'RETURN_FIX_ACCEPT' || outcome === 'RETURNED')) outcome = 'ACCEPT';
    return outcome;
  }

  private async fillTask(
    formState: FormState,
    task: Task,
    simPeriod: SimPeriod,
    fields: {
      fieldKey: string;
      label: string;
      valueType: string;
      section: string;
      elementId: number | null;
      optionsJson?: string | null;
      maxValue?: number | null;
    }[],
    assignments: Assignment[],
    dept: User,
  ): Promise<void> {
    const spec = formState.spec;
    const village = spec.level === 'VILLAGE';
    const ageDays = (this.now.getTime() - simPeriod.due.getTime()) / DAY;
    const plan = assignments
      .map((assignment) => ({
        a: assignment,
        o: this.lateOnPurpose(assignment, ageDays) ?? this.outcome(ageDays, !!spec.autoAccept, assignments.length > 100),
      }))
      .filter((x) => x.o !== 'NOT_STARTED');
    if (!plan.length) return;
    // What autofill offers each village: its current values of the bound header elements (one batched read).
    const vFields = fields.filter((field) => field.section === 'VILLAGE');
    const rFields = fields.filter((field) => field.section === 'RESIDENT');
    const bound = [...new Set(vFields.map((vField) => vField.elementId).filter((x): x is number => x != null))];
    const current = new Map<string, string>();
    if (village && bound.length)
      for (const currentValue of await this.x.facts.current(
        'VILLAGE',
        plan.map((x) => x.a.regionId),
        bound,
      ))
        current.set(`${currentValue.subjectId}|${currentValue.elementId}`, currentValue.value);
    // Resident rows: two of the village's known residents (autofilled by ID) and now and then a newcomer.
    const rowsFor = new Map<number, { id: string; values: Map<number, string> }[]>();
    if (rFields.length) {
      const people: { villageId: number; id: string }[] = [];
      for (const { a } of plan) {
        const base = this.villageIndex.get(a.regionId)! * DEMO_RESIDENTS_PER_VILLAGE;
        const picks = [
          base + (simPeriod.start.getUTCMonth() % DEMO_RESIDENTS_PER_VILLAGE),
          base + ((simPeriod.start.getUTCMonth() + 3) % DEMO_RESIDENTS_PER_VILLAGE),
        ];
        const ids = picks.map((pick) => syntheticId(pick));
        if (this.rng.chance(0.15)) ids.push(syntheticId(2_000_000 + a.id));
        for (const id of ids) people.push({ villageId: a.regionId, id });
      }
      const byNumber = await this.x.residents.byIdNumbers(people.map((x) => x.id));
      const known = [...byNumber.values()];
      const rEls = [...new Set(rFields.map((rField) => rField.elementId).filter((x): x is number => x != null))];
      const facts =
        known.length && rEls.length
          ? await this.x.facts.current(
              'RESIDENT',
              known.map((resident) => resident.id),
              rEls,
            )
          : [];
      const bySubject = new Map<number, Map<number, string>>();
      for (const fact of facts)
        (bySubject.get(fact.subjectId) ?? bySubject.set(fact.subjectId, new Map()).get(fact.subjectId)!).set(fact.elementId, fact.value);
      for (const x of people) {
        const rid = byNumber.get(x.id)?.id;
        const list = rowsFor.get(x.villageId) ?? [];
        list.push({ id: x.id, values: (rid && bySubject.get(rid)) || new Map() });
        rowsFor.set(x.villageId, list);
      }
    }

    const reviewerOf = (assignment: Assignment): User => (village && this.rng.chance(0.8) ? this.townUser.get(assignment.townId)! : dept);
    for (const { a, o } of plan) {
      const filler = village ? this.villageUser.get(a.regionId)! : this.townUser.get(a.regionId)!;
      const values = vFields.map((vField) => ({
        key: vField.fieldKey,
        value: this.valueFor(vField, vField.elementId != null ? current.get(`${a.regionId}|${vField.elementId}`) : undefined),
      }));
      const rows: RowInput[] = (rowsFor.get(a.regionId) ?? []).map((item) => ({
        values: rFields.map((rField) => ({
          key: rField.fieldKey,
          value:
            rField.valueType === ValueType.ID_NUMBER
              ? item.id
              : this.valueFor(rField, rField.elementId != null ? item.values.get(rField.elementId) : undefined),
        })),
      }));
      const ctx = (at: Date) => this.as(filler, at);
      const cid = (k: string) => `demo-${a.id}-${k}`;
      if (o === 'DRAFT') {
        await this.x.filling.saveSubmission(ctx(this.notAfterNow(new Date(simPeriod.due.getTime() - this.rng.int(2, 9) * DAY))), {
          assignmentId: a.id,
          clientId: cid('d'),
          expectedVersion: 0,
          values: values.slice(0, Math.max(1, values.length - 1)),
          rows,
          submit: false,
        });
        this.totals.filled++;
        continue;
      }
      const onTime = this.rng.chance(ageDays > 0 ? 0.86 : 1);
      const submitted = this.notAfterNow(
        new Date(simPeriod.due.getTime() + (onTime ? -this.rng.int(1, 9) : this.rng.int(1, 12)) * DAY - this.rng.int(1, 8) * HOUR),
      );
      let sub = await this.x.filling.saveSubmission(ctx(submitted), {
        assignmentId: a.id,
        clientId: cid('s'),
        expectedVersion: 0,
        values,
        rows,
        submit: true,
      });
      this.totals.filled++;
      if (spec.autoAccept || o === 'SUBMITTED') {
        this.fillTimes.set(a.id, [submitted, spec.autoAccept ? submitted : null]);
        continue;
      }
      const reviewer = reviewerOf(a);
      const reviewed = this.notAfterNow(new Date(submitted.getTime() + this.rng.int(4, 72) * HOUR));
      const resubmitted =
        o === 'RETURN_FIX_ACCEPT' ? this.notAfterNow(new Date(reviewed.getTime() + this.rng.int(6, 48) * HOUR)) : submitted;
      if (o === 'RETURNED' || o === 'RETURN_FIX_ACCEPT') {
        // The reason names a field of this form: a header figure, or (a list only) a column of the resident rows.
        const named = vFields.length ? this.rng.pick(vFields) : this.rng.pick(rFields);
        const reason = (vFields.length ? this.rng.pick(RETURN_REASONS) : RESIDENT_RETURN_REASON).replace('{}', named.label);
        sub = await this.x.filling.reviewSubmission(this.as(reviewer, reviewed), sub.id, SubmissionDecision.RETURN, reason);
        if (o === 'RETURNED') {
          this.fillTimes.set(a.id, [submitted, reviewed]);
          continue;
        }
        // The cadre fixes the figure the town named (when it is one) and submits again.
        const fixed = values.map((value) =>
          value.key === named.fieldKey && /^\d+$/.test(value.value) ? { ...value, value: String(Number(value.value) + 1) } : value,
        );
        sub = await this.x.filling.saveSubmission(ctx(resubmitted), {
          assignmentId: a.id,
          clientId: cid('f'),
          expectedVersion: sub.version,
          values: fixed,
          rows: rows.map((_, i) => ({
            values: rows[i].values.filter(
              (kv) => !rFields.some((rField) => rField.fieldKey === kv.key && rField.valueType === ValueType.ID_NUMBER),
            ),
            fromRow: i,
          })),
          submit: true,
        });
      }
      const accepted = this.notAfterNow(new Date(resubmitted.getTime() + this.rng.int(4, 72) * HOUR));
      await this.x.filling.reviewSubmission(this.as(reviewer, accepted), sub.id, SubmissionDecision.ACCEPT);
      this.fillTimes.set(a.id, [resubmitted, accepted]);
    }
  }

  /** What a cadre enters: the autofilled value (mostly kept, sometimes corrected), else a plausible figure. */
  private valueFor(
    value: { valueType: string; fieldKey: string; optionsJson?: string | null; maxValue?: number | null },
    known: string | undefined,
  ): string {
    if (known != null) {
      if (!this.rng.chance(0.12)) return known;
      if (value.valueType === ValueType.INTEGER) return String(Number(known) + this.rng.int(1, 4));
      if (value.valueType === ValueType.DECIMAL) return (Number(known) * 0.98).toFixed(1);
      return known;
    }
    switch (value.valueType) {
      case ValueType.INTEGER:
        return String(this.rng.int(0, 60));
      case ValueType.DECIMAL:
        return value.maxValue != null && value.maxValue <= 100
          ? (90 + this.rng.int(0, 99) / 10).toFixed(1)
          : (this.rng.int(10, 5000) / 10).toFixed(1);
      case ValueType.BOOLEAN:
        return this.rng.chance(0.8) ? 'true' : 'false';
      case ValueType.DATE:
        return iso(this.ago(this.rng.int(300, 1500)));
      case ValueType.PHONE:
        return `139${String(this.rng.int(0, 99_999_999)).padStart(8, '0')}`;
      case ValueType.ENUM: {
        const opts: string[] = value.optionsJson ? JSON.parse(value.optionsJson) : [];
        return opts[this.rng.int(0, Math.max(0, Math.min(opts.length - 1, 2)))] ?? '';
      }
      default:
        if (value.fieldKey === 'remark') return this.rng.pick(['数据已与台账核对', '本期无变化', '已按退回意见修改']);
        return this.rng.pick(['王建国', '李红梅', '张志强', '刘桂英', '陈德福']);
    }
  }

  // ——— feedback ———

  async fileFeedback(): Promise<number> {
    const points = this.villages.filter((village) => village.monitoringPoint);
    const others = this.villages.filter((village) => !village.monitoringPoint);
    const formIds = new Map(this.states.map((state) => [state.spec.title, state.formId]));
    let num = 0;
    const items: { filer: User; village: boolean; i: number }[] = [];
    // Every monitoring point reports at least once; some ordinary villages and a few towns too.
    for (const point of points) items.push({ filer: this.villageUser.get(point.id)!, village: true, i: num++ });
    for (let k = 0; k < 24; k++) items.push({ filer: this.villageUser.get(this.rng.pick(others).id)!, village: true, i: num++ });
    for (let k = 0; k < 6; k++) items.push({ filer: this.townUser.get(this.rng.pick(this.towns).id)!, village: false, i: num++ });
    for (const it of items) {
      const complaint = this.rng.chance(0.6);
      const base = complaint ? this.rng.pick(COMPLAINTS) : this.rng.pick(SUGGESTIONS);
      const deptId = base.dept ? this.depts.get(base.dept)?.id : undefined;
      const created = new Date(this.ago(this.rng.int(1, 360)).getTime() + this.rng.int(0, 8) * HOUR);
      const feedback = await this.x.feedback.file(this.as(it.filer, created), {
        type: complaint ? FeedbackType.COMPLAINT : FeedbackType.SUGGESTION,
        complaintKind: complaint ? ((base as (typeof COMPLAINTS)[number]).kind as ComplaintKind) : undefined,
        title: base.title,
        content: base.content,
        departmentId: deptId,
        formId: base.form ? formIds.get(base.form) : undefined,
      });
      const age = (this.now.getTime() - created.getTime()) / DAY;
      const office = (at: Date) => this.as(this.office[it.i % this.office.length], at);
      let answered: Date | null = null;
      let resolved: Date | null = null;
      // Older items were answered and most of them closed; recent ones are still with the office.
      if (age > 10 || this.rng.chance(0.3)) {
        if (this.rng.chance(0.15)) {
          answered = this.notAfterNow(new Date(created.getTime() + this.rng.int(2, 48) * HOUR));
          await this.x.feedback.acknowledge(office(answered), feedback.id);
        } else {
          answered = this.notAfterNow(new Date(created.getTime() + this.rng.int(4, 96) * HOUR));
          await this.x.feedback.respond(
            office(answered),
            feedback.id,
            complaint ? '已转相关部门核实，表外报表一律停止，已通报部门整改' : '感谢建议，已纳入平台下一版优化清单',
          );
          if (age > 30 && this.rng.chance(0.75)) {
            resolved = this.notAfterNow(new Date(answered.getTime() + this.rng.int(24, 240) * HOUR));
            await this.x.feedback.resolve(office(resolved), feedback.id, '经回访，村(社区)对处理结果满意');
          }
        }
      }
      this.feedbackTimes.push({ id: feedback.id, created, answered, resolved });
    }
    return items.length;
  }

  // ——— work orders (派单) ———

  private orderLife: OrderLife | null = null;
  async workOrders(): Promise<OrderLifeCounts> {
    const villagesOf = new Map<number, Region[]>();
    for (const village of this.villages) {
      const list = villagesOf.get(village.parentId!) ?? [];
      list.push(village);
      villagesOf.set(village.parentId!, list);
    }
    this.orderLife = new OrderLife({
      ds: this.ds,
      orders: this.x.orders,
      admission: this.x.admission,
      rng: this.rng,
      now: this.now,
      as: (user, at) => this.as(user, at),
      inMonthAgo: (months) => this.inMonthAgo(months),
      deptUser: (name) => this.deptNamed(name),
      office: this.office,
      townUser: this.townUser,
      villageUser: this.villageUser,
      townOrder: this.townOrder,
      villagesOf: (townId) => villagesOf.get(townId) ?? [],
      duties: this.duties,
    });
    return this.orderLife.run();
  }

  // ——— time travel for demo history ———

  /**
   * The services stamp the real "now"; here the year is laid out: requests, decisions, versions,
   * tasks, assignments, submissions and feedback get the dates they are meant to have (grouped
   * UPDATEs, one transaction), and the dashboard rollups follow. Nothing else changes: statuses, values, facts (their as-of date is
   * already the period's end) and audit events (written with their simulated time through `RequestContext.asOf`,
   * so the hash chain holds) stay as written.
   */
  async timeTravel(): Promise<void> {
    await this.x.tx.run(async (em) => {
      const set = (entity: EntityTarget<ObjectLiteral>, patch: Record<string, unknown>, where: string, params: Record<string, unknown>) =>
        em.createQueryBuilder().update(entity).set(patch).where(where, params).execute();
      const taskIds = this.taskTimes.map((taskTime) => taskTime.id);
      const before = await snapshotsOfTasks(em, taskIds);
      for (const requestTime of this.requestTimes) {
        await set(
          AdmissionRequest,
          { submittedAt: requestTime.submitted, ...(requestTime.reviewed ? { reviewedAt: requestTime.reviewed } : {}) },
          'id = :id',
          {
            id: requestTime.id,
          },
        );
        await set(AdmissionDecision, { at: requestTime.submitted }, `request_id = :id AND action = 'SUBMIT'`, { id: requestTime.id });
        if (requestTime.reviewed)
          await set(
            AdmissionDecision,
            { at: requestTime.reviewed },
            `request_id = :id AND action IN ('APPROVE','REJECT','RETURN','SYSTEM_REJECT')`,
            {
              id: requestTime.id,
            },
          );
        if (requestTime.withdrawn)
          await set(AdmissionDecision, { at: requestTime.withdrawn }, `request_id = :id AND action = 'WITHDRAW'`, { id: requestTime.id });
      }
      for (const versionTime of this.versionTimes)
        await set(
          FormVersion,
          { submittedAt: versionTime.submitted, ...(versionTime.approved ? { approvedAt: versionTime.approved } : {}) },
          'id = :id',
          { id: versionTime.id },
        );
      for (const retireTime of this.retireTimes)
        await set(AdmissionDecision, { at: retireTime.at }, `form_id = :id AND action = 'RETIRE'`, { id: retireTime.formId });
      for (const taskTime of this.taskTimes) {
        await set(
          Task,
          { createdAt: taskTime.created, dueAt: taskTime.due, ...(taskTime.closed ? { closedAt: taskTime.closed } : {}) },
          'id = :id',
          { id: taskTime.id },
        );
        await set(Assignment, { dueAt: taskTime.due, createdAt: taskTime.created }, 'task_id = :id', { id: taskTime.id });
      }
      // Fills, grouped by their (simulated) day so a year of them takes a few hundred statements.
      const groups = new Map<string, { submitted: Date; reviewed: Date | null; ids: number[] }>();
      for (const [id, [submitted, reviewed]] of this.fillTimes) {
        const sd = new Date(Math.floor(submitted.getTime() / HOUR) * HOUR);
        const rd = reviewed ? new Date(Math.floor(reviewed.getTime() / HOUR) * HOUR) : null;
        const k = `${sd.getTime()}|${rd?.getTime() ?? ''}`;
        const value = groups.get(k) ?? { submitted: sd, reviewed: rd, ids: [] };
        value.ids.push(id);
        groups.set(k, value);
      }
      for (const item of groups.values())
        for (let i = 0; i < item.ids.length; i += CHUNK) {
          const ids = item.ids.slice(i, i + CHUNK);
          await set(
            Assignment,
            { submittedAt: item.submitted, ...(item.reviewed ? { acceptedAt: item.reviewed } : {}) },
            'id IN (:...ids) AND submitted_at IS NOT NULL',
            { ids },
          );
          await set(Assignment, { acceptedAt: null }, `id IN (:...ids) AND status <> 'ACCEPTED'`, { ids });
          await set(
            Submission,
            {
              submittedAt: item.submitted,
              updatedAt: item.reviewed ?? item.submitted,
              ...(item.reviewed ? { reviewedAt: item.reviewed } : {}),
            },
            'assignment_id IN (:...ids)',
            { ids },
          );
        }
      for (const feedbackTime of this.feedbackTimes)
        await set(
          Feedback,
          {
            createdAt: feedbackTime.created,
            ...(feedbackTime.answered ? { acknowledgedAt: feedbackTime.answered } : {}),
            ...(feedbackTime.answered ? { respondedAt: feedbackTime.answered } : {}),
            ...(feedbackTime.resolved ? { resolvedAt: feedbackTime.resolved } : {}),
          },
          'id = :id',
          { id: feedbackTime.id },
        );
      if (this.orderLife) {
        await this.orderLife.timeTravel(em);
        // The orders' sending, receipt and completion dates moved behind the services' back: their rollup is counted again.
        await this.x.rollups.rebuildOrders(em);
      }
      // Acknowledged-only items have no answer yet: their respondedAt stays empty.
      await em.createQueryBuilder().update(Feedback).set({ respondedAt: null }).where('response IS NULL').execute();
      // Due and submission times moved behind the services' back: the dashboard rollups move with them.
      const after = await snapshotsOfTasks(em, taskIds);
      await this.x.rollups.apply(
        em,
        [...before].map(([id, assignmentSnapshot]) => ({ before: assignmentSnapshot, after: after.get(id)! })),
      );
    });
  }
}

/** A returned form, edited: the department adds a remark field (a new version, as the office asked). */
function fieldsAfterReturn(fields: FieldDefinition[]): FieldDefinition[] {
  return [
    ...fields.filter((field) => field.section === FieldSection.VILLAGE),
    { key: 'remark', label: '情况说明', valueType: ValueType.TEXT, required: false, section: FieldSection.VILLAGE, maxLength: 200 },
    ...fields.filter((field) => field.section === FieldSection.RESIDENT),
  ];
}
