import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import { CommonModule } from '../common/common.module.js';
import { DepartmentsModule } from '../departments/departments.module.js';
import { FormsModule } from '../forms/forms.module.js';
import { IdentityModule } from '../identity/identity.module.js';
import { MessagesModule } from '../messages/messages.module.js';
import { RegionsModule } from '../regions/regions.module.js';
import { ConsultationFieldsResolver, ConsultationRecipientFieldsResolver, ConsultationResolver } from './consultation.resolver.js';
import { ConsultationService } from './consultation.service.js';

@Module({
  imports: [CommonModule, AuditModule, DepartmentsModule, FormsModule, IdentityModule, MessagesModule, RegionsModule],
  providers: [ConsultationService, ConsultationResolver, ConsultationFieldsResolver, ConsultationRecipientFieldsResolver],
  exports: [ConsultationService],
})
export class ConsultationModule {}
