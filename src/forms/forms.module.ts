import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import { CatalogModule } from '../catalog/catalog.module.js';
import { CommonModule } from '../common/common.module.js';
import { DepartmentsModule } from '../departments/departments.module.js';
import { DutiesModule } from '../duties/duties.module.js';
import { DutyItemsResolver } from './duty-items.resolver.js';
import { FormFieldResolver, FormFieldsResolver, FormVersionFieldsResolver } from './form-fields.resolver.js';
import { FormsResolver } from './forms.resolver.js';
import { FormsService } from './forms.service.js';

@Module({
  imports: [CommonModule, AuditModule, CatalogModule, DutiesModule, DepartmentsModule],
  providers: [FormsService, FormsResolver, FormFieldsResolver, FormVersionFieldsResolver, FormFieldResolver, DutyItemsResolver],
  exports: [FormsService],
})
export class FormsModule {}
