import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { GqlExecutionContext } from '@nestjs/graphql';
import type { GraphQLResolveInfo } from 'graphql';
import { ReplicaReads } from '../database/replica-reads.js';
import type { Role } from './auth-user.js';
import { contextOf, PENDING_KEY, PUBLIC_KEY, ROLES_KEY } from './decorators.js';
import { AppError, forbidden, unauthenticated, type ErrorCodeValue } from './errors.js';

/** One global guard: everything needs a valid token unless @Public; @Roles narrows who may call. */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly replica: ReplicaReads,
  ) {}

  canActivate(ec: ExecutionContext): boolean {
    const targets = [ec.getHandler(), ec.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;
    const ctx = contextOf(ec);
    if (!ctx?.user) throw unauthenticated(ctx?.authProblem ?? '请先登录');
    if (ctx.user.mustEnrolSecondFactor && !this.reflector.getAllAndOverride<boolean>(PENDING_KEY, targets))
      throw new AppError(
        'SECOND_FACTOR_ENROLMENT_REQUIRED' as ErrorCodeValue, // identity's code (IdentityErrorCode); common cannot import it
        '您的角色须启用两步验证：请先在“我的账号”页用手机验证器扫码绑定，绑定后即可继续操作',
      );
    if (ctx.user.readOnly && isWrite(ec)) throw forbidden('只读服务令牌不能修改数据：需要写入时请安全管理员签发可写的令牌');
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets);
    if (roles && !roles.includes(ctx.user.role)) throw forbidden('您的角色无权进行此操作');
    // Read-your-writes: after their own mutation, a person's lag-tolerant reads go to the primary for a while.
    if (isWrite(ec)) this.replica.noteWrite(ctx.user.id);
    return true;
  }
}

/** A GraphQL mutation, or an HTTP request other than GET/HEAD. */
function isWrite(ec: ExecutionContext): boolean {
  if (ec.getType<string>() === 'graphql')
    return GqlExecutionContext.create(ec).getInfo<GraphQLResolveInfo>().operation.operation === 'mutation';
  const method = ec.switchToHttp().getRequest<{ method: string }>().method;
  return method !== 'GET' && method !== 'HEAD';
}
