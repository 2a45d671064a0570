import { Global, Module } from '@nestjs/common';
import { DutiesDemoStep } from './duties.demo-step.js';
import { DutiesResolver } from './duties.resolver.js';
import { DutiesService } from './duties.service.js';

@Global()
@Module({ providers: [DutiesService, DutiesResolver, DutiesDemoStep], exports: [DutiesService, DutiesDemoStep] })
export class DutiesModule {}
