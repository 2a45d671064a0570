import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { AuditArchiveService } from '../audit/audit-archive.service.js';
import type { AuditArchive } from '../audit/audit-archive.entity.js';
import type { Checkpoint } from '../audit/audit-checkpoints.js';
import { AuditService } from '../audit/audit.service.js';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { JobLeaseService, PROCESS_HOLDER } from '../messages/job-lease.service.js';

export const CHECKPOINT_JOB = 'audit-checkpoint';
export const ARCHIVE_JOB = 'audit-archive';

export interface AuditJobsRun {
  /** false: another process holds the jobs' lease and runs them. */
  ran: boolean;
  checkpoint: Checkpoint | null;
  archived: AuditArchive[];
  purged: AuditArchive[];
}

/**
 * The audit log's keeping, every AUDIT_CHECKPOINT_MINUTES, in one server process at a time (a job lease each):
 * a signed checkpoint of the chain head, then the archives of months that are over, then the purge of
 * archived months older than AUDIT_RETENTION_DAYS. `run()` runs them at once (tests).
 */
@Injectable()
export class AuditJobsService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly log = new Logger('AuditJobs');
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<AuditJobsRun> | null = null;
  constructor(
    private readonly audit: AuditService,
    private readonly archives: AuditArchiveService,
    private readonly lease: JobLeaseService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    const minutes = this.config.audit.checkpointMinutes;
    if (!minutes) return;
    this.timer = setInterval(() => {
      this.run().catch((err: unknown) => this.log.error(`audit keeping failed: ${String(err)}`));
    }, minutes * 60_000);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    if (this.timer) clearInterval(this.timer);
  }

  run(now = new Date(), holder = PROCESS_HOLDER): Promise<AuditJobsRun> {
    this.running ??= this.runOnce(now, holder).finally(() => (this.running = null));
    return this.running;
  }

  private async runOnce(now: Date, holder: string): Promise<AuditJobsRun> {
    // Due once per interval across processes: the lease lasts the interval less a second.
    const ttl = Math.max(1, this.config.audit.checkpointMinutes) * 60_000 - 1000;
    const out: AuditJobsRun = { ran: false, checkpoint: null, archived: [], purged: [] };
    if (!(await this.lease.take(CHECKPOINT_JOB, holder, ttl, now))) return out;
    out.ran = true;
    out.checkpoint = await this.audit.checkpoint(now);
    if (await this.lease.take(ARCHIVE_JOB, holder, ttl, now)) {
      out.archived = await this.archives.archiveDue(now);
      out.purged = await this.archives.purge(now);
    }
    return out;
  }
}
