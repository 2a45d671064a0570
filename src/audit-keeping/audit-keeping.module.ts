import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import { MessagesModule } from '../messages/messages.module.js';
import { AuditJobsService } from './audit-jobs.service.js';

/** The audit log's scheduled keeping (checkpoints, archives, purge) under job leases: above audit and messages. */
@Module({
  imports: [AuditModule, MessagesModule],
  providers: [AuditJobsService],
  exports: [AuditJobsService],
})
export class AuditKeepingModule {}
