import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import { CommonModule } from '../common/common.module.js';
import { PublicListsDemoStep } from './public-lists.demo-step.js';
import { PublicListsResolver } from './public-lists.resolver.js';
import { PublicListsService } from './public-lists.service.js';

@Module({
  imports: [CommonModule, AuditModule],
  providers: [PublicListsService, PublicListsResolver, PublicListsDemoStep],
  exports: [PublicListsService],
})
export class PublicListsModule {}
