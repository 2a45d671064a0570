import type { ApolloServerPlugin } from '@apollo/server';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import type { GraphQLArmorRejectCallback } from '@escape.tech/graphql-armor-types';
import { GraphQLError } from 'graphql';
import { ErrorCode } from './errors.js';

/** Limits on what one GraphQL document may ask for (graphql-armor validation rules). */
export const GRAPHQL_LIMITS = {
  maxDepth: 8,
  maxAliases: 15,
  /** armor's cost model: 1 per object, 1 per scalar, × 1.5 per level of depth. */
  maxCost: 5000,
  maxDirectives: 20,
  maxTokens: 2000,
} as const;

/**
 * A rejection as a coded, Chinese GraphQL error. Reported into the validation context, so Apollo
 * answers HTTP 400 with every problem listed and nothing executed. Apollo stamps validation errors
 * GRAPHQL_VALIDATION_FAILED; `refusal` carries our code through and formatError puts it back.
 */
function reject(message: string, limit: string, max: number): GraphQLArmorRejectCallback {
  return (ctx, error) => {
    const coded = new GraphQLError(message, {
      extensions: { code: ErrorCode.QUERY_TOO_COMPLEX, refusal: ErrorCode.QUERY_TOO_COMPLEX, limit, max, detail: error.message },
    });
    if (ctx) ctx.reportError(coded);
    else throw coded;
  };
}

/**
 * graphql-armor wired for Apollo Server 5: its validation rules (depth, aliases, cost, directives)
 * and, in production, its field-suggestion mask. The token limit uses graphql-js's own parser option
 * instead of armor's plugin: armor throws from `parsingDidStart`, which Apollo 5 turns into a 500
 * without a code; graphql-js's `maxTokens` fails parsing cleanly (400), and formatError reports it
 * as QUERY_TOO_COMPLEX with `limit: 'tokens'` like the others.
 */
export function graphqlHardening(production: boolean) {
  const armor = new ApolloArmor({
    maxDepth: {
      n: GRAPHQL_LIMITS.maxDepth,
      propagateOnRejection: false,
      onReject: [reject(`查询嵌套层级过深：最多 ${GRAPHQL_LIMITS.maxDepth} 层，请拆分查询`, 'depth', GRAPHQL_LIMITS.maxDepth)],
    },
    maxAliases: {
      n: GRAPHQL_LIMITS.maxAliases,
      propagateOnRejection: false,
      onReject: [reject(`查询中的别名过多：最多 ${GRAPHQL_LIMITS.maxAliases} 个，请分批查询`, 'aliases', GRAPHQL_LIMITS.maxAliases)],
    },
    costLimit: {
      maxCost: GRAPHQL_LIMITS.maxCost,
      propagateOnRejection: false,
      onReject: [reject(`查询过于复杂（超出计算量上限 ${GRAPHQL_LIMITS.maxCost}），请减少字段或拆分查询`, 'cost', GRAPHQL_LIMITS.maxCost)],
    },
    maxDirectives: {
      n: GRAPHQL_LIMITS.maxDirectives,
      propagateOnRejection: false,
      onReject: [reject(`查询中的指令过多：最多 ${GRAPHQL_LIMITS.maxDirectives} 个`, 'directives', GRAPHQL_LIMITS.maxDirectives)],
    },
    maxTokens: { enabled: false },
    // "Did you mean …" lists field names: useful while developing, a schema leak in production.
    blockFieldSuggestion: { enabled: production, mask: '' },
  });
  const { plugins, validationRules } = armor.protect();
  // armor's types come from @apollo/server's CJS build, Nest's from its ESM build: same objects, two declarations.
  return { plugins: plugins as unknown as ApolloServerPlugin[], validationRules, parseOptions: { maxTokens: GRAPHQL_LIMITS.maxTokens } };
}
