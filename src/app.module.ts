import { type DynamicModule, Module } from '@nestjs/common';
import { APP_GUARD, APP_PIPE } from '@nestjs/core';
import { GraphQLModule } from '@nestjs/graphql';
import { ApolloDriver, type ApolloDriverConfig } from '@nestjs/apollo';
import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import { join } from 'node:path';
import type { Logger } from 'pino';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from './config/config.js';
import { AuthGuard } from './common/auth.guard.js';
import { makeFormatError } from './common/format-error.js';
import { graphqlHardening } from './common/graphql-hardening.js';
import { HealthController } from './common/health.controller.js';
import { createValidationPipe } from './common/validation.js';
import { CommonModule } from './common/common.module.js';
import { QueryCounter } from './database/query-counter.js';
import { AuditModule } from './audit/audit.module.js';
import { IdentityModule } from './identity/identity.module.js';
import { RegionsModule } from './regions/regions.module.js';
import { DepartmentsModule } from './departments/departments.module.js';
import { DemoModule } from './demo/demo.module.js';
import { FEATURE_MODULES } from './feature-modules.js';

export const PINO = Symbol('PINO');

export interface AppDeps {
  config: AppConfig;
  dataSource: DataSource;
  queryCounter: QueryCounter;
  log: Logger;
  /** false: no GraphQL schema or Apollo server (a CLI that only calls services starts ~0.3 s sooner). */
  graphql?: boolean;
}

@Module({})
export class AppModule {
  static register(deps: AppDeps): DynamicModule {
    const { config, log } = deps;
    const hardening = graphqlHardening(config.production);
    return {
      module: AppModule,
      global: true,
      imports: [
        ...(deps.graphql === false
          ? []
          : [
              GraphQLModule.forRoot<ApolloDriverConfig>({
                driver: ApolloDriver,
                path: '/graphql',
                // Development writes schema.gql (committed; CI fails on drift); production keeps it in memory.
                autoSchemaFile: config.production ? true : join(process.cwd(), 'schema.gql'),
                sortSchema: true,
                graphiql: false,
                introspection: !config.production,
                // CSRF prevention is Apollo 5's default; kept explicit so nobody turns it off by accident.
                csrfPrevention: true,
                allowBatchedHttpRequests: false,
                ...hardening,
                // No type or field carries a cache hint and POST answers are never cached, yet Apollo's default
                // cache-control plugin wraps every field resolver (willResolveField): ~20% of an autofill request.
                plugins: [...hardening.plugins, ApolloServerPluginCacheControlDisabled()],
                // Apollo's own suggestion stripping too: it also catches "Did you mean the enum value …", which armor's mask misses.
                hideSchemaDetailsFromClientErrors: config.production,
                includeStacktraceInErrorResponses: false,
                context: ({ req }: { req: any }) => ({ req, ctx: req.ctx }),
                formatError: makeFormatError(log),
              }),
            ]),
        CommonModule,
        AuditModule,
        IdentityModule,
        RegionsModule,
        DepartmentsModule,
        DemoModule,
        ...FEATURE_MODULES,
      ],
      controllers: [HealthController],
      providers: [
        { provide: APP_CONFIG, useValue: config },
        { provide: DataSource, useValue: deps.dataSource },
        { provide: QueryCounter, useValue: deps.queryCounter },
        { provide: PINO, useValue: log },
        { provide: APP_GUARD, useClass: AuthGuard },
        { provide: APP_PIPE, useFactory: createValidationPipe },
      ],
      exports: [APP_CONFIG, DataSource, QueryCounter, PINO],
    };
  }

}
