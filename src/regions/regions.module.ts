import { Global, Module } from '@nestjs/common';
import { RegionsResolver } from './regions.resolver.js';
import { RegionsService } from './regions.service.js';

@Global()
@Module({ providers: [RegionsService, RegionsResolver], exports: [RegionsService] })
export class RegionsModule {}
