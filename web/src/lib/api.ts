import { Client, fetchExchange, type CombinedError } from '@urql/vue';
import type { TadaDocumentNode } from '../graphql.js';
import { auth, clearSession } from './auth.js';

export interface FieldProblem {
  field: string;
  message: string;
  row?: number;
}

/** A GraphQL failure as the pages see it: the server's Chinese message, its code and per-field details. */
export class ApiError extends Error {
  constructor(
    message: string,
    public readonly code: string,
    public readonly details: FieldProblem[] = [],
  ) {
    super(message);
  }
}

export const client = new Client({
  url: '/graphql',
  exchanges: [fetchExchange],
  requestPolicy: 'network-only',
  preferGetMethod: false,
  // The session is the httpOnly cookie the browser sends with same-origin requests; no token passes through script.
  fetchOptions: (): RequestInit => ({ credentials: 'same-origin' }),
});

function toApiError(err: CombinedError): ApiError {
  const first = err.graphQLErrors[0];
  if (first) {
    const ext = (first.extensions ?? {}) as { code?: string; details?: FieldProblem[] };
    return new ApiError(first.message, ext.code ?? 'INTERNAL', ext.details ?? []);
  }
  return new ApiError('无法连接服务器，请检查网络后重试', 'NETWORK');
}

let onEnrolmentRequired: () => void = () => {};
/** The role needs a second factor and the caller has none yet: the app sends them to bind one. */
export function whenEnrolmentRequired(handler: () => void) {
  onEnrolmentRequired = handler;
}

let onUnauthenticated: () => void = () => {};
export function whenUnauthenticated(handler: () => void) {
  onUnauthenticated = handler;
}
let onPasswordChangeRequired: () => void = () => {};
/** The server refused because the password must be changed first (reset, first sign-in, expired). */
export function whenPasswordChangeRequired(handler: () => void) {
  onPasswordChangeRequired = handler;
}

/** A typed document: its result and variables types come from schema.gql through `graphql(…)`. */
type Document<Result, Variables> = TadaDocumentNode<Result, Variables>;
/** Variables may be left out only when the document declares none (or all of them are optional). */
type VariablesArg<Variables> = Record<string, never> extends Variables ? [variables?: Variables] : [variables: Variables];

/** Marks a request the page makes by itself (a timer), which must not keep an unattended session from idling out. */
export const BACKGROUND_HEADER = 'x-background-poll';

async function run<Result, Variables>(
  kind: 'query' | 'mutation',
  doc: Document<Result, Variables>,
  variables: Variables | undefined,
  background = false,
): Promise<Result> {
  const vars = (variables ?? {}) as Variables & object;
  const context = background ? { fetchOptions: { credentials: 'same-origin' as const, headers: { [BACKGROUND_HEADER]: '1' } } } : undefined;
  const result =
    kind === 'query' ? await client.query(doc, vars, context).toPromise() : await client.mutation(doc, vars, context).toPromise();
  if (result.error) {
    const error = toApiError(result.error);
    if (error.code === 'UNAUTHENTICATED' && auth.me) {
      clearSession();
      onUnauthenticated();
    }
    if (error.code === 'PASSWORD_CHANGE_REQUIRED') onPasswordChangeRequired();
    if (error.code === 'SECOND_FACTOR_ENROLMENT_REQUIRED') onEnrolmentRequired();
    throw error;
  }
  // Without an error urql always has the data the document asked for.
  return result.data as Result;
}

export const gqlQuery = <Result, Variables>(doc: Document<Result, Variables>, ...[variables]: VariablesArg<Variables>) =>
  run('query', doc, variables);
/** A query a timer makes, not the person: it does not count as activity for the idle timeout (SESSION_IDLE_MINUTES). */
export const gqlBackgroundQuery = <Result, Variables>(doc: Document<Result, Variables>, ...[variables]: VariablesArg<Variables>) =>
  run('query', doc, variables, true);
export const gqlMutation = <Result, Variables>(doc: Document<Result, Variables>, ...[variables]: VariablesArg<Variables>) =>
  run('mutation', doc, variables);
