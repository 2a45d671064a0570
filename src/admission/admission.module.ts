import { Global, Module } from '@nestjs/common';
import { AdmissionDecisionFieldsResolver, AdmissionRequestFieldsResolver, AdmissionResolver, FormAdmissionFieldsResolver } from './admission.resolver.js';
import { AdmissionService } from './admission.service.js';
import { COVERAGE_PROVIDER, NoCoverageProvider } from './coverage.provider.js';

@Global()
@Module({
  providers: [
    AdmissionService,
    // The records module replaces this with a provider reading current_fact.
    { provide: COVERAGE_PROVIDER, useClass: NoCoverageProvider },
    AdmissionResolver,
    AdmissionRequestFieldsResolver,
    AdmissionDecisionFieldsResolver,
    FormAdmissionFieldsResolver,
  ],
  exports: [AdmissionService],
})
export class AdmissionModule {}
