import { type DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_PIPE } from '@nestjs/core';
import type { Logger } from 'pino';
import { DataSource } from 'typeorm';
import { ReplicaReads } from './database/replica-reads.js';
import { APP_CONFIG, type AppConfig } from './config/config.js';
import { setPlatformTimeZone } from './common/platform-time.js';
import { AuditService } from './audit/audit.service.js';
import { refusalRecorder } from './audit/refusal-audit.js';
import { AuthGuard } from './common/auth.guard.js';
import { ExceptionLogFilter } from './common/exception-log.filter.js';
import { HealthController } from './common/health.controller.js';
import { createValidationPipe } from './common/validation.js';
import { CommonModule } from './common/common.module.js';
import { QueryCounter } from './database/query-counter.js';
import { FEATURE_MODULES } from './feature-modules.js';

export const PINO = Symbol('PINO');

export interface AppDeps {
  config: AppConfig;
  dataSource: DataSource;
  queryCounter: QueryCounter;
  log: Logger;
  /** The GraphQL API (graphql-api.module.ts); none for a CLI that only calls services. */
  graphql?: DynamicModule | null;
}

@Module({})
export class AppModule {
  static register(deps: AppDeps): DynamicModule {
    const { config, log } = deps;
    setPlatformTimeZone(config.timeZone);
    return {
      module: AppModule,
      // Global for the infrastructure values alone (config, DataSource, SQL counter, logger): every module needs them.
      global: true,
      imports: [...(deps.graphql ? [deps.graphql] : []), CommonModule, ...FEATURE_MODULES],
      controllers: [HealthController],
      providers: [
        { provide: APP_CONFIG, useValue: config },
        { provide: DataSource, useValue: deps.dataSource },
        { provide: QueryCounter, useValue: deps.queryCounter },
        ReplicaReads,
        { provide: PINO, useValue: log },
        { provide: APP_GUARD, useClass: AuthGuard },
        { provide: APP_PIPE, useFactory: createValidationPipe },
        // Every FORBIDDEN, logged and audited in this one place.
        {
          provide: APP_FILTER,
          useFactory: (audit: AuditService) => new ExceptionLogFilter(log, refusalRecorder(audit)),
          inject: [AuditService],
        },
      ],
      exports: [APP_CONFIG, DataSource, QueryCounter, PINO, ReplicaReads],
    };
  }
}
