import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import { CommonModule } from '../common/common.module.js';
import { CatalogDemoStep } from './catalog.demo-step.js';
import { CatalogResolver } from './catalog.resolver.js';
import { CatalogService } from './catalog.service.js';

@Module({ imports: [CommonModule, AuditModule], providers: [CatalogService, CatalogResolver, CatalogDemoStep], exports: [CatalogService] })
export class CatalogModule {}
