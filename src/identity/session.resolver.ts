import { Args, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Role } from '../common/auth-user.js';
import { AllowPending, Ctx, Roles } from '../common/decorators.js';
import { PageArgs, pageOf } from '../common/paging.js';
import { RequestContext } from '../common/request-context.js';
import { CreateServiceTokenInput, ServiceTokenResult, SessionPage, SessionsArgs } from './dto/identity.dto.js';
import { AllowedBeforePasswordChange } from './password-policy.js';
import { UserSession } from './session.entity.js';
import { SessionService } from './session.service.js';
import { User } from './user.entity.js';
import { UsersService } from './users.service.js';

@Resolver(() => UserSession)
export class SessionResolver {
  constructor(
    private readonly service: SessionService,
    private readonly users: UsersService,
  ) {}

  @AllowedBeforePasswordChange()
  @AllowPending()
  @Mutation(() => Boolean, { description: '退出登录：结束当前会话（令牌随即失效，网页端的登录 Cookie 一并清除）' })
  async logout(@Ctx() ctx: RequestContext) {
    const ended = await this.service.logout(ctx);
    ctx.sessionCookie?.clear();
    return ended;
  }

  @AllowedBeforePasswordChange()
  @AllowPending()
  @Query(() => SessionPage, { description: '我的会话：仍有效的登录（各设备、浏览器）' })
  mySessions(@Ctx() ctx: RequestContext, @Args() args: PageArgs) {
    return this.service.list({ userId: ctx.me.id, activeOnly: true }, pageOf(args));
  }

  @Mutation(() => Int, { description: '退出我在其他设备和浏览器上的登录（当前这个除外），返回结束了几个' })
  endMyOtherSessions(@Ctx() ctx: RequestContext) {
    return this.service.endOwnOthers(ctx);
  }

  @Roles(Role.SECURITY_ADMIN)
  @Query(() => SessionPage, { description: '会话与服务令牌（安全管理员）：默认只列仍有效的' })
  sessions(@Args() args: SessionsArgs) {
    return this.service.list(args, pageOf(args));
  }

  @Roles(Role.SECURITY_ADMIN)
  @Mutation(() => UserSession, { description: '结束一个会话或吊销一个服务令牌（安全管理员；其他安全管理员的除外）' })
  endSession(@Ctx() ctx: RequestContext, @Args('id') id: string) {
    return this.service.endByAdmin(ctx, id);
  }

  @Roles(Role.SECURITY_ADMIN)
  @Mutation(() => Int, { description: '结束一个账号的全部会话，返回结束了几个（安全管理员；其他安全管理员的除外）' })
  endUserSessions(@Ctx() ctx: RequestContext, @Args('userId', { type: () => Int }) userId: number) {
    return this.service.endAllByAdmin(ctx, userId);
  }

  @Roles(Role.SECURITY_ADMIN)
  @Mutation(() => ServiceTokenResult, {
    description: '签发服务令牌（安全管理员）：给大屏或其他系统，绑定角色和单位，默认只读，到期失效，可吊销',
  })
  createServiceToken(@Ctx() ctx: RequestContext, @Args('input') input: CreateServiceTokenInput) {
    return this.users.createServiceToken(ctx, input);
  }

  @ResolveField(() => User, { nullable: true, description: '会话所属账号' })
  user(@Ctx() ctx: RequestContext, @Parent() session: UserSession) {
    return this.users.loadById(ctx, session.userId);
  }

  @ResolveField(() => Boolean, { description: '本次请求所用的会话' })
  current(@Ctx() ctx: RequestContext, @Parent() session: UserSession) {
    return ctx.user?.sessionId === session.id;
  }
}
