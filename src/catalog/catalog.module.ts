import { Global, Module } from '@nestjs/common';
import { CatalogResolver } from './catalog.resolver.js';
import { CatalogService } from './catalog.service.js';
import { CatalogDemoStep } from './catalog.demo-step.js';

@Global()
@Module({ providers: [CatalogService, CatalogResolver, CatalogDemoStep], exports: [CatalogService, CatalogDemoStep] })
export class CatalogModule {}
