import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import { CommonModule } from '../common/common.module.js';
import { DutiesModule } from '../duties/duties.module.js';
import { RegionsModule } from '../regions/regions.module.js';
import { DisclosureDemoStep } from './disclosure.demo-step.js';
import { DisclosureResolver } from './disclosure.resolver.js';
import { DisclosureService } from './disclosure.service.js';

@Module({
  imports: [CommonModule, AuditModule, DutiesModule, RegionsModule],
  providers: [DisclosureService, DisclosureResolver, DisclosureDemoStep],
})
export class DisclosureModule {}
