import { Global, Module } from '@nestjs/common';
import { AssignmentFieldsResolver, DispatchResolver, TaskFieldsResolver } from './dispatch.resolver.js';
import { DispatchService } from './dispatch.service.js';
import { RollupService } from './rollup.service.js';

@Global()
@Module({
  providers: [DispatchService, RollupService, DispatchResolver, TaskFieldsResolver, AssignmentFieldsResolver],
  exports: [DispatchService, RollupService],
})
export class DispatchModule {}
