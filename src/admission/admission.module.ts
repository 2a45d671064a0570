import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import { CatalogModule } from '../catalog/catalog.module.js';
import { CommonModule } from '../common/common.module.js';
import { ConsultationModule } from '../consultation/consultation.module.js';
import { DepartmentsModule } from '../departments/departments.module.js';
import { DutiesModule } from '../duties/duties.module.js';
import { FormsModule } from '../forms/forms.module.js';
import { IdentityModule } from '../identity/identity.module.js';
import { MessagesModule } from '../messages/messages.module.js';
import { RecordsModule } from '../records/records.module.js';
import { RegionsModule } from '../regions/regions.module.js';
import {
  AdmissionDecisionFieldsResolver,
  AdmissionRequestFieldsResolver,
  AdmissionResolver,
  FormAdmissionFieldsResolver,
} from './admission.resolver.js';
import { AdmissionService } from './admission.service.js';

@Module({
  imports: [
    CommonModule,
    AuditModule,
    CatalogModule,
    ConsultationModule,
    DepartmentsModule,
    DutiesModule,
    FormsModule,
    IdentityModule,
    MessagesModule,
    RecordsModule,
    RegionsModule,
  ],
  providers: [
    AdmissionService,
    AdmissionResolver,
    AdmissionRequestFieldsResolver,
    AdmissionDecisionFieldsResolver,
    FormAdmissionFieldsResolver,
  ],
  exports: [AdmissionService],
})
export class AdmissionModule {}
