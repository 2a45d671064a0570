import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import { CommonModule } from '../common/common.module.js';
import { DepartmentsModule } from '../departments/departments.module.js';
import { IdentityModule } from '../identity/identity.module.js';
import { MessagesModule } from '../messages/messages.module.js';
import { PublicListsModule } from '../public-lists/public-lists.module.js';
import { RegionsModule } from '../regions/regions.module.js';
import { FeedbackFieldsResolver } from './feedback-fields.resolver.js';
import { FeedbackResolver } from './feedback.resolver.js';
import { FeedbackService } from './feedback.service.js';

@Module({
  imports: [CommonModule, AuditModule, DepartmentsModule, IdentityModule, MessagesModule, PublicListsModule, RegionsModule],
  providers: [FeedbackService, FeedbackResolver, FeedbackFieldsResolver],
  exports: [FeedbackService],
})
export class FeedbackModule {}
