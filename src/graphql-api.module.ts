import type { DynamicModule } from '@nestjs/common';
import { GraphQLModule } from '@nestjs/graphql';
import { ApolloDriver, type ApolloDriverConfig } from '@nestjs/apollo';
import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import { join } from 'node:path';
import type { Logger } from 'pino';
import type { AppConfig } from './config/config.js';
import { makeFormatError } from './common/format-error.js';
import { graphqlHardening } from './common/graphql-hardening.js';
import { boundInputs } from './common/input-bounds.js';
import { StrictDateTime } from './common/date-scalars.js';
import { registeredErrorEnums } from './common/error-codes.js';
import type { Request } from 'express';
import { GraphQLError, Kind, type OperationDefinitionNode } from 'graphql';
import { ErrorCode } from './common/errors.js';
import type { RequestContext } from './common/request-context.js';

/** `cache-control: no-store` on every GraphQL answer, unless a resolver set its own. */
const noStore = {
  async requestDidStart() {
    return {
      async willSendResponse({ response }: { response: { http: { headers: Map<string, string> } } }) {
        if (!response.http.headers.has('cache-control')) response.http.headers.set('cache-control', 'no-store');
      },
    };
  },
};

/**
 * The whole schema (`__schema`, which /explorer loads) only for a signed-in caller (`__type` of one name stays: the
 * GraphQL-over-HTTP audit and tools probe with it); production turns it off entirely.
 * Checked once the operation is known, before anything runs: 401 UNAUTHENTICATED.
 */
const introspectionNeedsLogin = {
  async requestDidStart() {
    return {
      async didResolveOperation({
        operation,
        contextValue,
      }: {
        operation?: OperationDefinitionNode | null;
        contextValue: { ctx?: RequestContext };
      }) {
        const asksSchema = operation?.selectionSet.selections.some(
          (selection) => selection.kind === Kind.FIELD && selection.name.value === '__schema',
        );
        if (asksSchema && !contextValue.ctx?.user)
          throw new GraphQLError('请先登录后再查看接口定义（introspection）', {
            extensions: { code: ErrorCode.UNAUTHENTICATED, http: { status: 401 } },
          });
      },
    };
  },
};

/**
 * The GraphQL API: code-first schema, Apollo Server 5, the document limits. Its own file so that
 * createApp can leave it (and Apollo) unloaded for a CLI that only calls services.
 */
export function graphqlApiModule(config: AppConfig, log: Logger): DynamicModule {
  const hardening = graphqlHardening(config.production);
  return GraphQLModule.forRoot<ApolloDriverConfig>({
    driver: ApolloDriver,
    path: '/graphql',
    // Development writes schema.gql (committed; CI fails on drift); production keeps it in memory.
    autoSchemaFile: config.production ? true : join(process.cwd(), 'schema.gql'),
    sortSchema: true,
    // The error-code enums (<module>.errors.ts) are in no field's type: listed so schema.gql carries them for the web app.
    // Every Date field and argument is the strict DateTime scalar (common/date-scalars.ts).
    buildSchemaOptions: { orphanedTypes: registeredErrorEnums(), scalarsMap: [{ type: Date, scalar: StrictDateTime }] },
    // Every argument bounded (strings, lists, pages, visible names) before any resolver runs.
    transformSchema: boundInputs,
    graphiql: false,
    introspection: !config.production,
    // CSRF prevention is Apollo 5's default; kept explicit so nobody turns it off by accident.
    csrfPrevention: true,
    allowBatchedHttpRequests: false,
    ...hardening,
    // No type or field carries a cache hint and POST answers are never cached, yet Apollo's default
    // cache-control plugin wraps every field resolver (willResolveField): ~20% of an autofill request.
    // What that plugin answered every time (nothing here is cacheable), kept: answers carry personal data.
    plugins: [...hardening.plugins, ApolloServerPluginCacheControlDisabled(), noStore, introspectionNeedsLogin],
    // Apollo's own suggestion stripping too: it also catches "Did you mean the enum value …", which armor's mask misses.
    hideSchemaDetailsFromClientErrors: config.production,
    includeStacktraceInErrorResponses: false,
    context: ({ req }: { req: Request }) => ({ req, ctx: req.ctx }),
    formatError: makeFormatError(log),
  });
}
