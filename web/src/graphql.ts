// GraphQL documents typed from ../schema.gql: `graphql(`…`)` checks each query against the schema and gives its result
// and variables types. src/graphql-env.d.ts is generated (`npx gql.tada generate-output` in web/), never edited.
import { initGraphQLTada } from 'gql.tada';
import type { introspection } from './graphql-env.js';

export const graphql = initGraphQLTada<{
  introspection: introspection;
  // DateTime travels as an ISO string (the server's GraphQLISODateTime).
  scalars: { DateTime: string; Date: string };
  // The pages read fragment fields directly; masking would only add readFragment calls.
  disableMasking: true;
}>();

export type { FragmentOf, ResultOf, TadaDocumentNode, VariablesOf } from 'gql.tada';
export { readFragment } from 'gql.tada';

/** A schema enum's values as a string union, e.g. `Enum<'Role'>` = 'ADMIN' | 'AUDITOR' | … */
export type Enum<Name extends EnumName> = ReturnType<typeof graphql.scalar<Name>>;
type EnumName = {
  [K in keyof introspection['types']]: introspection['types'][K] extends { enumValues: string } ? K : never;
}[keyof introspection['types']];
