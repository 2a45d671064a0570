import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import { CommonModule } from '../common/common.module.js';
import { DepartmentsModule } from '../departments/departments.module.js';
import { DutiesDemoStep } from './duties.demo-step.js';
import { DutiesResolver } from './duties.resolver.js';
import { DutiesService } from './duties.service.js';

@Module({
  imports: [CommonModule, AuditModule, DepartmentsModule],
  providers: [DutiesService, DutiesResolver, DutiesDemoStep],
  exports: [DutiesService],
})
export class DutiesModule {}
