import { Global, Module } from '@nestjs/common';
import { CurrentFactCoverage } from './current-fact-coverage.js';
import { AutofillResolver } from './autofill.resolver.js';
import { AutofillService } from './autofill.service.js';
import { FactsService } from './facts.service.js';
import { ImportController } from './import.controller.js';
import { ImportResolver } from './import.resolver.js';
import { ImportService } from './import.service.js';
import { PiiService } from './pii.service.js';
import { RecordsDemoStep } from './records.demo-step.js';
import { ResidentsService } from './residents.service.js';

@Global()
@Module({
  controllers: [ImportController],
  providers: [
    CurrentFactCoverage,
    PiiService,
    FactsService,
    ResidentsService,
    ImportService,
    ImportResolver,
    AutofillService,
    AutofillResolver,
    RecordsDemoStep,
  ],
  exports: [CurrentFactCoverage, PiiService, FactsService, ResidentsService, ImportService, AutofillService, RecordsDemoStep],
})
export class RecordsModule {}
