import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException } from '@nestjs/common';
import { GqlArgumentsHost } from '@nestjs/graphql';
import type { Request } from 'express';
import type { GraphQLResolveInfo } from 'graphql';
import type { Logger } from 'pino';
import { AppError, ErrorCode } from './errors.js';
import { HttpErrorFilter } from './http-error.filter.js';
import { isForbidden, type RefusalRecorder, type RefusalSite } from './refusal.js';
import type { RequestContext } from './request-context.js';

/** A refusal the API means to give (bad input, not found, forbidden…), as opposed to a fault. */
export function isExpectedRefusal(err: unknown): boolean {
  if (err instanceof AppError) return err.code !== ErrorCode.INTERNAL_SERVER_ERROR;
  if (err instanceof HttpException) return err.getStatus() < 500;
  return false;
}

/**
 * Every exception from a resolver or controller, logged once with the request id, the user and
 * the operation: expected refusals as warnings (code and message, masked by the logger), faults as
 * errors with the stack. Replaces Nest's "ExceptionsHandler" error line for every refusal.
 * GraphQL errors go on to formatError unchanged; REST ones are answered like HttpErrorFilter.
 * Every FORBIDDEN is also written to the audit log here, once per field or route of a request (the refusal
 * recorder, audit/refusal-audit.ts): the answer waits for that write but never depends on it.
 */
@Catch()
export class ExceptionLogFilter implements ExceptionFilter {
  private readonly http = new HttpErrorFilter();
  constructor(
    private readonly log: Logger,
    private readonly recordRefusal: RefusalRecorder | null = null,
  ) {}

  catch(err: unknown, host: ArgumentsHost) {
    if (host.getType<string>() === 'graphql') {
      const gql = GqlArgumentsHost.create(host);
      const ctx = (gql.getContext<{ ctx?: RequestContext }>() ?? {}).ctx;
      const info = gql.getInfo<GraphQLResolveInfo | undefined>();
      const operation = info ? `${info.operation.operation} ${info.operation.name?.value ?? ''}`.trim() : undefined;
      this.write(err, { reqId: ctx?.requestId, user: ctx?.user?.username ?? null, operation, field: info?.fieldName });
      const site: RefusalSite = { kind: 'graphql', target: info?.fieldName ?? '', operation, reason: (err as Error).message };
      // graphql-js treats an Error a resolver resolves to as that field's error: the answer is unchanged.
      return this.refused(err, ctx, site)?.then(() => err) ?? err;
    }
    const req = host.switchToHttp().getRequest<Request | undefined>();
    // The matched route (`/api/tasks/:id/export`), not the path: one operation, whatever the id.
    const route = req ? `${req.method} ${req.baseUrl ?? ''}${(req.route as { path?: string } | undefined)?.path ?? req.path}` : '';
    this.write(err, {
      reqId: req?.ctx?.requestId,
      user: req?.ctx?.user?.username ?? null,
      operation: req ? `${req.method} ${req.path}` : undefined,
    });
    const recorded = this.refused(err, req?.ctx, { kind: 'http', target: route, reason: (err as Error).message });
    if (!recorded) return this.http.catch(err, host);
    return recorded.then(() => this.http.catch(err, host));
  }

  /** Audits a FORBIDDEN once per request and target; a failed write is logged, never raised. */
  private refused(err: unknown, ctx: RequestContext | undefined, site: RefusalSite): Promise<void> | null {
    if (!this.recordRefusal || !ctx || !isForbidden(err)) return null;
    const seen = this.recorded.get(ctx) ?? new Set<string>();
    if (seen.has(site.target)) return null;
    seen.add(site.target);
    this.recorded.set(ctx, seen);
    return this.recordRefusal(ctx, site).catch((writeErr: unknown) =>
      this.log.error({ reqId: ctx.requestId, err: writeErr }, 'refusal not written to the audit log'),
    );
  }

  /** A list whose every item is refused by a field resolver makes one audit row, not one per item. */
  private readonly recorded = new WeakMap<RequestContext, Set<string>>();

  private write(err: unknown, where: Record<string, unknown>) {
    if (isExpectedRefusal(err)) {
      const code = err instanceof AppError ? err.code : `HTTP ${(err as HttpException).getStatus()}`;
      this.log.warn({ ...where, code }, `refused: ${(err as Error).message}`);
    } else {
      this.log.error({ ...where, err }, 'unexpected error');
    }
  }
}
