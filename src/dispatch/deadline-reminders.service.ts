import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { RequestContext } from '../common/request-context.js';
import { TransactionService } from '../common/transaction.service.js';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { FormsService } from '../forms/forms.service.js';
import { MessageKind } from '../messages/message.entity.js';
import { JobLeaseService } from '../messages/job-lease.service.js';
import { LeasedJob } from '../messages/leased-job.js';
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
export class DeadlineRemindersService extends LeasedJob<DeadlineRun> {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tx: TransactionService,
    private readonly forms: FormsService,
    private readonly messages: MessagesService,
    lease: JobLeaseService,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    super(DEADLINE_JOB, lease, config);
  }

  protected notRun(): DeadlineRun {
    return { ran: false, created: 0 };
  }

  protected async work(now: Date): Promise<DeadlineRun> {
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
