import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import { CommonModule } from '../common/common.module.js';
import { DepartmentsModule } from '../departments/departments.module.js';
import { FormsModule } from '../forms/forms.module.js';
import { MessagesModule } from '../messages/messages.module.js';
import { RegionsModule } from '../regions/regions.module.js';
import { RollupsModule } from '../rollups/rollups.module.js';
import { AssignmentFieldsResolver, DispatchResolver, TaskFieldsResolver } from './dispatch.resolver.js';
import { DispatchService } from './dispatch.service.js';
import { DeadlineRemindersService } from './deadline-reminders.service.js';

@Module({
  imports: [CommonModule, AuditModule, DepartmentsModule, FormsModule, MessagesModule, RegionsModule, RollupsModule],
  providers: [DispatchService, DeadlineRemindersService, DispatchResolver, TaskFieldsResolver, AssignmentFieldsResolver],
  exports: [DispatchService, DeadlineRemindersService],
})
export class DispatchModule {}
