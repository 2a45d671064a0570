import { Global, Module } from '@nestjs/common';
import { DemoService } from './demo.service.js';
import { DEMO_STEPS } from './demo-steps.js';

@Global()
@Module({ providers: [DemoService, ...DEMO_STEPS], exports: [DemoService] })
export class DemoModule {}
