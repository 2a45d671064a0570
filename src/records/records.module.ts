import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import { CatalogModule } from '../catalog/catalog.module.js';
import { CommonModule } from '../common/common.module.js';
import { CryptoModule } from '../crypto/crypto.module.js';
import { RegionsModule } from '../regions/regions.module.js';
import { CoverageService } from './coverage.service.js';
import { FactsService } from './facts.service.js';
import { ImportAttemptsService } from './import-attempts.service.js';
import { ImportController } from './import.controller.js';
import { ImportProgressService } from './import-progress.js';
import { ImportResolver } from './import.resolver.js';
import { ImportService } from './import.service.js';
import { PiiService } from './pii.service.js';
import { RecordsDemoStep } from './records.demo-step.js';
import { ResidentsService } from './residents.service.js';

/** The shared database: residents, facts and current values, imports. Others read and write it through these services. */
@Module({
  imports: [CommonModule, CryptoModule, AuditModule, CatalogModule, RegionsModule],
  controllers: [ImportController],
  providers: [
    CoverageService,
    PiiService,
    FactsService,
    ResidentsService,
    ImportService,
    ImportAttemptsService,
    ImportProgressService,
    ImportResolver,
    RecordsDemoStep,
  ],
  exports: [CoverageService, PiiService, FactsService, ResidentsService, ImportService],
})
export class RecordsModule {}
