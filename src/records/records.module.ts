import { Global, Module } from '@nestjs/common';
import { FactsService } from './facts.service.js';
import { PiiService } from './pii.service.js';
import { ResidentsService } from './residents.service.js';

@Global()
@Module({ providers: [PiiService, FactsService, ResidentsService], exports: [PiiService, FactsService, ResidentsService] })
export class RecordsModule {}
