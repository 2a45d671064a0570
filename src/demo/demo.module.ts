import { Global, Module } from '@nestjs/common';
import { DemoService } from './demo.service.js';
import { BaseDemoStep } from './base.step.js';

@Global()
@Module({ providers: [DemoService, BaseDemoStep], exports: [DemoService] })
export class DemoModule {}
