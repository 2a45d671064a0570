import { Module } from '@nestjs/common';
import { CommonModule } from '../common/common.module.js';
import { JobLeaseService } from './job-lease.service.js';
import { MessageDelivery } from './message-delivery.js';
import { MessagesResolver } from './messages.resolver.js';
import { MessagesService } from './messages.service.js';

/** The message centre: in-app messages per unit and user, outgoing channels, and the lease of scheduled jobs. */
@Module({
  imports: [CommonModule],
  providers: [MessagesService, MessageDelivery, JobLeaseService, MessagesResolver],
  exports: [MessagesService, JobLeaseService],
})
export class MessagesModule {}
