import type { Type } from '@nestjs/common';
import { AdmissionModule } from './admission/admission.module.js';
import { AuditModule } from './audit/audit.module.js';
import { AuditKeepingModule } from './audit-keeping/audit-keeping.module.js';
import { CatalogModule } from './catalog/catalog.module.js';
import { ConsultationModule } from './consultation/consultation.module.js';
import { DemoModule } from './demo/demo.module.js';
import { YearOfLifeModule } from './demo/year-of-life/year-of-life.module.js';
import { DepartmentsModule } from './departments/departments.module.js';
import { DisclosureModule } from './disclosure/disclosure.module.js';
import { DispatchModule } from './dispatch/dispatch.module.js';
import { DutiesModule } from './duties/duties.module.js';
import { FeedbackModule } from './feedback/feedback.module.js';
import { FillingModule } from './filling/filling.module.js';
import { FormsModule } from './forms/forms.module.js';
import { IdentityModule } from './identity/identity.module.js';
import { MessagesModule } from './messages/messages.module.js';
import { OrdersModule } from './orders/orders.module.js';
import { InsightsModule } from './insights/insights.module.js';
import { PublicListsModule } from './public-lists/public-lists.module.js';
import { RecordsModule } from './records/records.module.js';
import { RegionsModule } from './regions/regions.module.js';
import { RollupsModule } from './rollups/rollups.module.js';

// Every module of the app, in the order of the house (ARCHITECTURE.md): reference data, the shared
// database, the flow, the read side, the demo. Each imports what it uses; none is global.
export const FEATURE_MODULES: Type[] = [
  AuditModule,
  RegionsModule,
  DepartmentsModule,
  IdentityModule,
  MessagesModule,
  CatalogModule,
  DutiesModule,
  PublicListsModule,
  RecordsModule,
  AuditKeepingModule,
  FormsModule,
  ConsultationModule,
  AdmissionModule,
  RollupsModule,
  DispatchModule,
  OrdersModule,
  FillingModule,
  FeedbackModule,
  DisclosureModule,
  InsightsModule,
  DemoModule,
  YearOfLifeModule,
];
