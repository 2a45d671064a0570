import { initGraphQLTada } from 'gql.tada';
import type { introspection } from './graphql-env.js';

/**
 * GraphQL documents typed from schema.gql (gql.tada): `graphql(`…`)` gives a document whose result
 * and variables are checked against the schema. Regenerate graphql-env.d.ts with
 * `npx gql.tada generate-output` when schema.gql changes.
 */
export const graphql = initGraphQLTada<{
  introspection: introspection;
  scalars: { DateTime: string; Date: string };
}>();

export type { FragmentOf, ResultOf, VariablesOf, TadaDocumentNode } from 'gql.tada';
export { readFragment } from 'gql.tada';

/** The TypeScript type of a schema input object, enum or scalar, e.g. `Input<'FieldInput'>`, for values built before the call. */
export type Input<Name extends string> = ReturnType<typeof graphql.scalar<Name>>;
