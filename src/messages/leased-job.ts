import { Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import type { AppConfig } from '../config/config.js';
import { JobLeaseService, PROCESS_HOLDER } from './job-lease.service.js';

/**
 * A reminder job run every MESSAGE_DEADLINE_JOB_SECONDS by whichever process takes its `job_lease` row, one run
 * at a time within a process; `run()` runs it at once (an administrator's mutation, the demo, tests). The owner of
 * the data subclasses it (dispatch's deadline reminders, orders' receipt reminders) with its name and its work.
 */
export abstract class LeasedJob<R extends { ran: boolean }> implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly log: Logger;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<R> | null = null;
  protected constructor(
    private readonly jobName: string,
    private readonly jobLease: JobLeaseService,
    private readonly jobConfig: AppConfig,
  ) {
    this.log = new Logger(jobName);
  }

  /** The job's work, once this process holds the lease. */
  protected abstract work(now: Date): Promise<R>;
  /** The answer when another process holds the lease and runs it. */
  protected abstract notRun(): R;

  onApplicationBootstrap(): void {
    const seconds = this.jobConfig.messages.deadlineJobSeconds;
    if (!seconds) return;
    this.timer = setInterval(() => {
      this.run().catch((err: unknown) => this.log.error(`${this.jobName} failed: ${String(err)}`));
    }, seconds * 1000);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    if (this.timer) clearInterval(this.timer);
  }

  /** One run, if this process can take the lease; one at a time within the process. */
  run(now = new Date(), holder = PROCESS_HOLDER): Promise<R> {
    this.running ??= this.runOnce(now, holder).finally(() => (this.running = null));
    return this.running;
  }

  private async runOnce(now: Date, holder: string): Promise<R> {
    const ttl = Math.max(60, this.jobConfig.messages.deadlineJobSeconds) * 1000 - 1000;
    if (!(await this.jobLease.take(this.jobName, holder, ttl, now))) return this.notRun();
    return this.work(now);
  }
}
