import { maskIdLike } from '../common/id-like.js';
import type { RefusalSite } from '../common/refusal.js';
import type { RequestContext } from '../common/request-context.js';
import type { AuditService } from './audit.service.js';

/**
 * The audit row of a FORBIDDEN (common/exception-log.filter.ts calls it for every refusal): who (user, role), what
 * (the GraphQL field and operation, or the HTTP route — the event's object, so the auditor can filter by it), why,
 * and the request id. Its own transaction: the refused work has already rolled back.
 */
export function refusalRecorder(audit: AuditService) {
  return async (ctx: RequestContext, site: RefusalSite): Promise<void> => {
    await audit.recordAlone(ctx, {
      action: 'access.denied',
      objectType: site.kind,
      objectId: site.target.slice(0, 64),
      outcome: 'DENIED',
      detail: {
        role: ctx.user?.role ?? null,
        ...(site.operation ? { operation: site.operation.slice(0, 120) } : {}),
        reason: maskIdLike(site.reason).slice(0, 200),
      },
    });
  };
}
