import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { RequestContext } from '../common/request-context.js';
import { TransactionService } from '../common/transaction.service.js';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { FormsService } from '../forms/forms.service.js';
import { MessageKind } from '../messages/message.entity.js';
import { JobLeaseService, PROCESS_HOLDER } from '../messages/job-lease.service.js';
import { MessagesService, type MessageDraft } from '../messages/messages.service.js';
import { Assignment } from './assignment.entity.js';
import { deadlineDraft, type DeadlineKind } from './dispatch-messages.js';
import { OVERDUE_STATES } from './overdue.js';
import { TaskStatus } from './task.entity.js';

export const DEADLINE_JOB = 'deadline-reminders';
const DAY_MS = 24 * 3600 * 1000;

export interface DeadlineRun {
  /** false: another process holds the job's lease and runs it. */
  ran: boolean;
  created: number;
}

/**
 * Reminds units of their deadlines: due within 3 days, due within a day, overdue — each once per
 * assignment (the message's dedupe key), whichever process runs it (the job's lease row), every
 * MESSAGE_DEADLINE_JOB_SECONDS; `run()` runs it at once (the administrator's mutation, tests).
 */
@Injectable()
export class DeadlineRemindersService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly log = new Logger('DeadlineReminders');
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<DeadlineRun> | null = null;
  constructor(
    private readonly dataSource: DataSource,
    private readonly tx: TransactionService,
    private readonly forms: FormsService,
    private readonly messages: MessagesService,
    private readonly lease: JobLeaseService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    const seconds = this.config.messages.deadlineJobSeconds;
    if (!seconds) return;
    this.timer = setInterval(() => {
      this.run().catch((err: unknown) => this.log.error(`deadline reminders failed: ${String(err)}`));
    }, seconds * 1000);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    if (this.timer) clearInterval(this.timer);
  }

  /** One run, if this process can take the lease; one at a time within the process. */
  run(now = new Date(), holder = PROCESS_HOLDER): Promise<DeadlineRun> {
    this.running ??= this.runOnce(now, holder).finally(() => (this.running = null));
    return this.running;
  }

  private async runOnce(now: Date, holder: string): Promise<DeadlineRun> {
    const ttl = Math.max(60, this.config.messages.deadlineJobSeconds) * 1000 - 1000;
    if (!(await this.lease.take(DEADLINE_JOB, holder, ttl, now))) return { ran: false, created: 0 };
    const open = await this.dataSource
      .getRepository(Assignment)
      .createQueryBuilder('a')
      .select(['a.id', 'a.regionId', 'a.dueAt', 'a.period', 'a.formId'])
      .where('a.status IN (:...open)', { open: OVERDUE_STATES })
      .andWhere('a.dueAt <= :horizon', { horizon: new Date(now.getTime() + 3 * DAY_MS) })
      .andWhere('EXISTS (SELECT 1 FROM task t WHERE t.id = a.taskId AND t.status = :openTask)', { openTask: TaskStatus.OPEN })
      .orderBy('a.id', 'ASC')
      .getMany();
    const ctx = RequestContext.system();
    const titles = new Map<number, string>();
    for (const formId of new Set(open.map((assignment) => assignment.formId)))
      titles.set(formId, (await this.forms.loadForm(ctx, formId))?.title ?? '报表');
    const drafts: MessageDraft[] = open.map((assignment) => {
      const left = assignment.dueAt.getTime() - now.getTime();
      const kind: DeadlineKind = left < 0 ? MessageKind.OVERDUE : left <= DAY_MS ? MessageKind.DUE_TOMORROW : MessageKind.DUE_IN_3_DAYS;
      return deadlineDraft(kind, assignment, titles.get(assignment.formId)!, now);
    });
    const created = await this.tx.run((em) => this.messages.post(em, drafts));
    return { ran: true, created };
  }
}
