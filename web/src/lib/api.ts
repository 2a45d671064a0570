import { Client, fetchExchange, type CombinedError } from '@urql/vue';
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
  fetchOptions: () => ({ headers: auth.token ? { authorization: `Bearer ${auth.token}` } : {} }),
});

function toApiError(err: CombinedError): ApiError {
  const first = err.graphQLErrors[0];
  if (first) {
    const ext = (first.extensions ?? {}) as { code?: string; details?: FieldProblem[] };
    return new ApiError(first.message, ext.code ?? 'INTERNAL', ext.details ?? []);
  }
  return new ApiError('无法连接服务器，请检查网络后重试', 'NETWORK');
}

let onUnauthenticated: () => void = () => {};
export function whenUnauthenticated(fn: () => void) {
  onUnauthenticated = fn;
}

async function run<T>(kind: 'query' | 'mutation', doc: string, variables: Record<string, unknown> = {}): Promise<T> {
  const r = kind === 'query' ? await client.query(doc, variables).toPromise() : await client.mutation(doc, variables).toPromise();
  if (r.error) {
    const e = toApiError(r.error);
    if (e.code === 'UNAUTHENTICATED' && auth.token) {
      clearSession();
      onUnauthenticated();
    }
    throw e;
  }
  return r.data as T;
}

export const gqlQuery = <T = any>(doc: string, variables?: Record<string, unknown>) => run<T>('query', doc, variables);
export const gqlMutation = <T = any>(doc: string, variables?: Record<string, unknown>) => run<T>('mutation', doc, variables);
