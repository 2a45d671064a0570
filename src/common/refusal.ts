import { HttpException } from '@nestjs/common';
import { AppError, ErrorCode } from './errors.js';
import type { RequestContext } from './request-context.js';

/** Where a refusal happened: a GraphQL field (with its operation) or an HTTP route. */
export interface RefusalSite {
  kind: 'graphql' | 'http';
  /** The GraphQL field (`townProgress`) or the HTTP route (`GET /api/users/export.xlsx`). */
  target: string;
  /** The GraphQL operation (`query Progress`), when there is one. */
  operation?: string;
  reason: string;
}

/** Writes a refusal to the audit log (audit/refusal-audit.ts); common knows only its shape. */
export type RefusalRecorder = (ctx: RequestContext, site: RefusalSite) => Promise<void>;

/** A FORBIDDEN answer: the role or the scope said no (an AppError of that code, or an HTTP 403). */
export function isForbidden(err: unknown): boolean {
  if (err instanceof AppError) return err.code === ErrorCode.FORBIDDEN;
  return err instanceof HttpException && err.getStatus() === 403;
}
