import { Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { CommonModule } from '../common/common.module.js';
import { DemoService } from './demo.service.js';

/** The demo runner: it imports no feature module; steps register themselves (common/demo-step.ts). */
@Module({ imports: [DiscoveryModule, CommonModule], providers: [DemoService], exports: [DemoService] })
export class DemoModule {}
