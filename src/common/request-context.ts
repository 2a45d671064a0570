import DataLoader from 'dataloader';
import type { AuthUser } from './auth-user.js';
import { unauthenticated } from './errors.js';

declare module 'express-serve-static-core' {
  interface Request {
    /** Set by AuthMiddleware on every request; resolvers and controllers read it (decorators.ts). */
    ctx?: RequestContext;
  }
}

/**
 * Carries the caller and the request's DataLoaders; every service method takes it first.
 * Loaders are created lazily per request by key, so modules need no request-scoped providers.
 */
export class RequestContext {
  private loaders = new Map<string, DataLoader<unknown, unknown>>();
  /** Why the presented token was not accepted (expired, disabled…), for the UNAUTHENTICATED message. */
  authProblem: string | null = null;
  /**
   * The time the work stands for, when it is not now: set only by the demo's simulated year, so its audit events
   * carry the dates of the history they record (a request never sets it).
   */
  asOf: Date | null = null;
  /** The client's User-Agent (trimmed), recorded with a new session. */
  userAgent: string | null = null;
  /** Set by AuthMiddleware on an HTTP request: the web app's session cookie (httpOnly), set at login and cleared at logout. */
  sessionCookie: { set(token: string, maxAgeSeconds: number): void; clear(): void } | null = null;
  constructor(
    readonly requestId: string,
    public user: AuthUser | null = null,
    readonly ip: string | null = null,
  ) {}

  get me(): AuthUser {
    if (!this.user) throw unauthenticated();
    return this.user;
  }

  loader<K, V>(key: string, batch: (keys: readonly K[]) => Promise<(V | Error)[]>): DataLoader<K, V> {
    const dataLoader = this.loaders.get(key);
    if (!dataLoader) {
      const made = new DataLoader<K, V>(batch, { maxBatchSize: 500 });
      this.loaders.set(key, made as unknown as DataLoader<unknown, unknown>);
      return made;
    }
    return dataLoader as unknown as DataLoader<K, V>;
  }

  /** A context for work the system does itself (demo loading, CLI import). */
  static system(user: AuthUser | null = null, asOf: Date | null = null): RequestContext {
    const ctx = new RequestContext('system', user);
    ctx.asOf = asOf;
    return ctx;
  }
}

/** Groups rows by key in the order DataLoader asked for them. */
export function orderByKeys<K, V>(keys: readonly K[], rows: V[], keyOf: (value: V) => K): (V | null)[] {
  const map = new Map<K, V>();
  for (const row of rows) map.set(keyOf(row), row);
  return keys.map((k) => map.get(k) ?? null);
}
export function groupByKeys<K, V>(keys: readonly K[], rows: V[], keyOf: (value: V) => K): V[][] {
  const map = new Map<K, V[]>();
  for (const row of rows) {
    const k = keyOf(row);
    const list = map.get(k);
    if (list) list.push(row);
    else map.set(k, [row]);
  }
  return keys.map((k) => map.get(k) ?? []);
}
