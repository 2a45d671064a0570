import { Module } from '@nestjs/common';
import { CommonModule } from '../common/common.module.js';
import { RegionsDemoStep } from './regions.demo-step.js';
import { RegionsResolver } from './regions.resolver.js';
import { RegionsService } from './regions.service.js';

@Module({ imports: [CommonModule], providers: [RegionsService, RegionsResolver, RegionsDemoStep], exports: [RegionsService] })
export class RegionsModule {}
