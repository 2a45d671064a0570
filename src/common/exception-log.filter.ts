import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException } from '@nestjs/common';
import { GqlArgumentsHost } from '@nestjs/graphql';
import type { Request } from 'express';
import type { GraphQLResolveInfo } from 'graphql';
import type { Logger } from 'pino';
import { AppError, ErrorCode } from './errors.js';
import { HttpErrorFilter } from './http-error.filter.js';
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
 */
@Catch()
export class ExceptionLogFilter implements ExceptionFilter {
  private readonly http = new HttpErrorFilter();
  constructor(private readonly log: Logger) {}

  catch(err: unknown, host: ArgumentsHost) {
    if (host.getType<string>() === 'graphql') {
      const gql = GqlArgumentsHost.create(host);
      const ctx = (gql.getContext<{ ctx?: RequestContext }>() ?? {}).ctx;
      const info = gql.getInfo<GraphQLResolveInfo | undefined>();
      const operation = info ? `${info.operation.operation} ${info.operation.name?.value ?? ''}`.trim() : undefined;
      this.write(err, { reqId: ctx?.requestId, user: ctx?.user?.username ?? null, operation, field: info?.fieldName });
      return err;
    }
    const req = host.switchToHttp().getRequest<Request | undefined>();
    this.write(err, {
      reqId: req?.ctx?.requestId,
      user: req?.ctx?.user?.username ?? null,
      operation: req ? `${req.method} ${req.path}` : undefined,
    });
    return this.http.catch(err, host);
  }

  private write(err: unknown, where: Record<string, unknown>) {
    if (isExpectedRefusal(err)) {
      const code = err instanceof AppError ? err.code : `HTTP ${(err as HttpException).getStatus()}`;
      this.log.warn({ ...where, code }, `refused: ${(err as Error).message}`);
    } else {
      this.log.error({ ...where, err }, 'unexpected error');
    }
  }
}
