import { Args, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Role } from '../common/auth-user.js';
import { AllowPending, Ctx, Public, Roles } from '../common/decorators.js';
import { RequestContext } from '../common/request-context.js';
import { notFound } from '../common/errors.js';
import { platformTimeZone } from '../common/platform-time.js';
import { CreateUserInput, LoginResult, UserPage, UsersArgs } from './dto/identity.dto.js';
import { User } from './user.entity.js';
import { UsersService } from './users.service.js';
import { AllowedBeforePasswordChange } from './password-policy.js';

@Resolver()
export class IdentityResolver {
  constructor(private readonly service: UsersService) {}

  @Public()
  @Mutation(() => LoginResult, { description: '登录：连续 5 次密码错误锁定 15 分钟' })
  login(
    @Ctx() ctx: RequestContext,
    @Args('username') username: string,
    @Args('password') password: string,
    @Args('otp', { nullable: true, description: '已启用两步验证的账号：手机验证器上的 6 位动态码，或一个恢复码' }) otp?: string,
    @Args('cookie', {
      nullable: true,
      description: '网页端用：true 时令牌放入 httpOnly、SameSite=Strict 的 Cookie，不在应答中返回（页面脚本拿不到）',
    })
    cookie?: boolean,
  ) {
    return this.service.login(ctx, username, password, otp).then((result) => {
      if (!cookie || !ctx.sessionCookie) return result;
      ctx.sessionCookie.set(result.token, Math.max(1, Math.floor((result.expiresAt.getTime() - Date.now()) / 1000)));
      return { ...result, token: null };
    });
  }

  @Public()
  @Query(() => String, { description: '平台时区（TIME_ZONE，如 Asia/Shanghai）：页面、消息和导出的时间都按此时区书写' })
  timeZone() {
    return platformTimeZone();
  }

  @AllowedBeforePasswordChange()
  @AllowPending()
  @Query(() => User, { description: '当前登录用户' })
  async me(@Ctx() ctx: RequestContext) {
    const user = await this.service.findById(ctx.me.id);
    if (!user) throw notFound('用户');
    return user;
  }

  @AllowedBeforePasswordChange()
  @AllowPending()
  @Mutation(() => Boolean, {
    description: '修改自己的密码（不能包含用户名，不能与最近 5 次相同；改后须用新密码重新登录）',
  })
  changePassword(@Ctx() ctx: RequestContext, @Args('oldPassword') oldPassword: string, @Args('newPassword') newPassword: string) {
    return this.service.changeOwnPassword(ctx, oldPassword, newPassword);
  }

  @Roles(Role.SECURITY_ADMIN)
  @Query(() => UserPage, { description: '用户列表（安全管理员）' })
  users(@Ctx() ctx: RequestContext, @Args() args: UsersArgs) {
    return this.service.list(ctx, args, args);
  }

  @Roles(Role.SECURITY_ADMIN)
  @Mutation(() => User, { description: '新建用户（安全管理员；不能新建安全管理员，安全管理员只能在服务器上用 npm run user:create 创建）' })
  createUser(@Ctx() ctx: RequestContext, @Args('input') input: CreateUserInput) {
    return this.service.create(ctx, input);
  }

  @Roles(Role.SECURITY_ADMIN)
  @Mutation(() => User, { description: '停用或启用用户（安全管理员；安全管理员账号除外）' })
  setUserDisabled(@Ctx() ctx: RequestContext, @Args('userId', { type: () => Int }) userId: number, @Args('disabled') disabled: boolean) {
    return this.service.setDisabled(ctx, userId, disabled);
  }

  @Roles(Role.SECURITY_ADMIN)
  @Mutation(() => User, { description: '重置用户密码并解除锁定（安全管理员；安全管理员账号除外；用户下次登录须修改密码）' })
  resetPassword(@Ctx() ctx: RequestContext, @Args('userId', { type: () => Int }) userId: number, @Args('newPassword') newPassword: string) {
    return this.service.resetPassword(ctx, userId, newPassword);
  }
}
