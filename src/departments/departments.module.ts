import { Module } from '@nestjs/common';
import { DepartmentsDemoStep } from './departments.demo-step.js';
import { DepartmentsResolver } from './departments.resolver.js';
import { DepartmentsService } from './departments.service.js';

@Module({ providers: [DepartmentsService, DepartmentsResolver, DepartmentsDemoStep], exports: [DepartmentsService] })
export class DepartmentsModule {}
