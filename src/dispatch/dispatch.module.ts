import { Global, Module } from '@nestjs/common';
import { AssignmentFieldsResolver, DispatchResolver, TaskFieldsResolver } from './dispatch.resolver.js';
import { DispatchService } from './dispatch.service.js';

@Global()
@Module({ providers: [DispatchService, DispatchResolver, TaskFieldsResolver, AssignmentFieldsResolver], exports: [DispatchService] })
export class DispatchModule {}
