import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import { CatalogModule } from '../catalog/catalog.module.js';
import { CommonModule } from '../common/common.module.js';
import { DispatchModule } from '../dispatch/dispatch.module.js';
import { FormsModule } from '../forms/forms.module.js';
import { IdentityModule } from '../identity/identity.module.js';
import { MessagesModule } from '../messages/messages.module.js';
import { RecordsModule } from '../records/records.module.js';
import { RegionsModule } from '../regions/regions.module.js';
import { AutofillResolver } from './autofill.resolver.js';
import { AutofillService } from './autofill.service.js';
import { ExportController } from './export.controller.js';
import { ExportService } from './export.service.js';
import { AssignmentSubmissionResolver, FillingResolver, SubmissionFieldsResolver } from './filling.resolver.js';
import { FillingService } from './filling.service.js';

/** Village cadres fill their assignments (autofilled from records), towns review, accepted values go back to records. */
@Module({
  imports: [
    CommonModule,
    AuditModule,
    CatalogModule,
    DispatchModule,
    FormsModule,
    IdentityModule,
    MessagesModule,
    RecordsModule,
    RegionsModule,
  ],
  controllers: [ExportController],
  providers: [
    FillingService,
    AutofillService,
    ExportService,
    FillingResolver,
    AutofillResolver,
    SubmissionFieldsResolver,
    AssignmentSubmissionResolver,
  ],
  exports: [FillingService, AutofillService],
})
export class FillingModule {}
