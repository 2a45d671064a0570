import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import type { Role } from './auth-user.js';
import type { RequestContext } from './request-context.js';

export const ROLES_KEY = 'onetable:roles';
export const PUBLIC_KEY = 'onetable:public';

/** Who may call this resolver; checked by the global AuthGuard. Scope is still enforced in the query. */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);
/** Callable without a token (login, public disclosure). */
export const Public = () => SetMetadata(PUBLIC_KEY, true);
export const PENDING_KEY = 'onetable:pending';
/** Callable by a caller who must still finish signing in (bind a second factor): me, the enrolment, logout. */
export const AllowPending = () => SetMetadata(PENDING_KEY, true);

export function contextOf(ec: ExecutionContext): RequestContext {
  if (ec.getType<string>() === 'graphql') return GqlExecutionContext.create(ec).getContext().ctx;
  return ec.switchToHttp().getRequest().ctx;
}

/** The RequestContext of the current request. */
export const Ctx = createParamDecorator((_: unknown, ec: ExecutionContext) => contextOf(ec));
