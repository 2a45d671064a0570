import { Module } from '@nestjs/common';
import { RegionsDemoStep } from './regions.demo-step.js';
import { RegionsResolver } from './regions.resolver.js';
import { RegionsService } from './regions.service.js';

@Module({ providers: [RegionsService, RegionsResolver, RegionsDemoStep], exports: [RegionsService] })
export class RegionsModule {}
