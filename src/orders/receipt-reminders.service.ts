import { Inject, Injectable } from '@nestjs/common';
import { In } from 'typeorm';
import { WORK_ORDER_KIND_NAMES } from '../admission/order-kind.js';
import { Role } from '../common/auth-user.js';
import { TransactionService } from '../common/transaction.service.js';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { MessageKind } from '../messages/message.entity.js';
import { JobLeaseService } from '../messages/job-lease.service.js';
import { LeasedJob } from '../messages/leased-job.js';
import { MessagesService, type MessageDraft } from '../messages/messages.service.js';
import { WorkOrderAction, WorkOrderStep } from './work-order-step.entity.js';
import { WorkOrderVillage, WorkOrderVillageStatus } from './work-order-unit.entity.js';
import { WorkOrder } from './work-order.entity.js';

export const RECEIPT_JOB = 'order-receipt-reminders';
const DAY_MS = 24 * 3600 * 1000;

export interface ReceiptRun {
  /** false: another process holds the job's lease and runs it. */
  ran: boolean;
  /** Villages reminded in this run. */
  reminded: number;
}

/**
 * Reminds a village of an order it has not received within a day of its town's 派发 (and tells the town),
 * once per village and order (the row's remindedAt and the message's dedupe key), whichever process holds
 * the job's lease (LeasedJob, as dispatch's deadline reminders), every MESSAGE_DEADLINE_JOB_SECONDS.
 */
@Injectable()
export class ReceiptRemindersService extends LeasedJob<ReceiptRun> {
  constructor(
    private readonly tx: TransactionService,
    private readonly messages: MessagesService,
    lease: JobLeaseService,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    super(RECEIPT_JOB, lease, config);
  }

  protected notRun(): ReceiptRun {
    return { ran: false, reminded: 0 };
  }

  protected async work(now: Date): Promise<ReceiptRun> {
    const reminded = await this.tx.run(async (em) => {
      const late = await em
        .getRepository(WorkOrderVillage)
        .createQueryBuilder('v')
        .where('v.status = :sent AND v.sentAt <= :dayAgo AND v.remindedAt IS NULL', {
          sent: WorkOrderVillageStatus.SENT,
          dayAgo: new Date(now.getTime() - DAY_MS),
        })
        .orderBy('v.id', 'ASC')
        .getMany();
      if (!late.length) return 0;
      const orders = new Map(
        (await em.getRepository(WorkOrder).findBy({ id: In([...new Set(late.map((row) => row.orderId))]) })).map((order) => [
          order.id,
          order,
        ]),
      );
      const drafts: MessageDraft[] = late.flatMap((row) => {
        const order = orders.get(row.orderId)!;
        const what = `${WORK_ORDER_KIND_NAMES[order.kind]}派单“${order.title}”`;
        return [
          {
            kind: MessageKind.ORDER_NOT_RECEIVED,
            title: `请接收派单：${order.title}`,
            body: `${what}派发已超过一天，本村尚未接收。请尽快接收并按期限 ${row.deadline} 办理。`,
            link: `/orders/${order.id}`,
            regionId: row.villageId,
            dedupeKey: `order-receipt:${row.id}`,
            at: now,
          },
          {
            kind: MessageKind.ORDER_NOT_RECEIVED,
            title: `村(社区)未按时接收派单：${order.title}`,
            body: `${what}派发已超过一天，仍有村(社区)未接收，请在派单页查看。`,
            link: `/orders/${order.id}`,
            regionId: row.townId,
            role: Role.TOWN_STAFF,
            dedupeKey: `order-receipt-town:${row.orderId}:${row.townId}`,
            at: now,
          },
        ];
      });
      await this.messages.post(em, drafts);
      await em.getRepository(WorkOrderVillage).update({ id: In(late.map((row) => row.id)) }, { remindedAt: now });
      await em.getRepository(WorkOrderStep).insert(
        late.map((row) => ({
          orderId: row.orderId,
          action: WorkOrderAction.REMIND,
          townId: row.townId,
          villageId: row.villageId,
          actorId: null,
          note: '派发超过一天未接收，已发提醒',
          returnCategory: null,
          at: now,
        })),
      );
      return late.length;
    });
    return { ran: true, reminded };
  }
}
