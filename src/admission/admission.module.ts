import { Global, Module } from '@nestjs/common';
import {
  AdmissionDecisionFieldsResolver,
  AdmissionRequestFieldsResolver,
  AdmissionResolver,
  FormAdmissionFieldsResolver,
} from './admission.resolver.js';
import { AdmissionService } from './admission.service.js';
import { CurrentFactCoverage } from '../records/current-fact-coverage.js';
import { COVERAGE_PROVIDER } from './coverage.provider.js';

@Global()
@Module({
  providers: [
    AdmissionService,
    // How much of a form the shared database already knows: read from current values (records).
    { provide: COVERAGE_PROVIDER, useExisting: CurrentFactCoverage },
    AdmissionResolver,
    AdmissionRequestFieldsResolver,
    AdmissionDecisionFieldsResolver,
    FormAdmissionFieldsResolver,
  ],
  exports: [AdmissionService],
})
export class AdmissionModule {}
