import { Global, Module } from '@nestjs/common';
import { DepartmentsResolver } from './departments.resolver.js';
import { DepartmentsService } from './departments.service.js';

@Global()
@Module({ providers: [DepartmentsService, DepartmentsResolver], exports: [DepartmentsService] })
export class DepartmentsModule {}
