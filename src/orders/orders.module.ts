import { Module } from '@nestjs/common';
import { AdmissionModule } from '../admission/admission.module.js';
import { AuditModule } from '../audit/audit.module.js';
import { CommonModule } from '../common/common.module.js';
import { DepartmentsModule } from '../departments/departments.module.js';
import { DutiesModule } from '../duties/duties.module.js';
import { IdentityModule } from '../identity/identity.module.js';
import { MessagesModule } from '../messages/messages.module.js';
import { RegionsModule } from '../regions/regions.module.js';
import { RollupsModule } from '../rollups/rollups.module.js';
import {
  AdmissionRequestOrderFieldsResolver,
  OrdersResolver,
  WorkOrderFieldsResolver,
  WorkOrderStepFieldsResolver,
  WorkOrderTownFieldsResolver,
  WorkOrderVillageFieldsResolver,
} from './orders.resolver.js';
import { OrdersService } from './orders.service.js';
import { ReceiptRemindersService } from './receipt-reminders.service.js';

@Module({
  imports: [
    CommonModule,
    AuditModule,
    AdmissionModule,
    DepartmentsModule,
    DutiesModule,
    IdentityModule,
    MessagesModule,
    RegionsModule,
    RollupsModule,
  ],
  providers: [
    OrdersService,
    ReceiptRemindersService,
    OrdersResolver,
    WorkOrderFieldsResolver,
    WorkOrderTownFieldsResolver,
    WorkOrderVillageFieldsResolver,
    WorkOrderStepFieldsResolver,
    AdmissionRequestOrderFieldsResolver,
  ],
  exports: [OrdersService, ReceiptRemindersService],
})
export class OrdersModule {}
