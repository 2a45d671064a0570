import { Module } from '@nestjs/common';
import { DisclosureDemoStep } from './disclosure.demo-step.js';
import { DisclosureResolver } from './disclosure.resolver.js';
import { DisclosureService } from './disclosure.service.js';

@Module({ providers: [DisclosureService, DisclosureResolver, DisclosureDemoStep], exports: [DisclosureDemoStep] })
export class DisclosureModule {}
