import { Args, Field, Int, Mutation, ObjectType, Query, Resolver } from '@nestjs/graphql';
import { Role } from '../common/auth-user.js';
import { AllowPending, Ctx, Roles } from '../common/decorators.js';
import type { RequestContext } from '../common/request-context.js';
import { SecondFactorService } from './second-factor.service.js';
import { UsersService } from './users.service.js';
import { User } from './user.entity.js';

@ObjectType({ description: '两步验证绑定：用手机验证器（如微信小程序、Google/Microsoft Authenticator）扫描二维码' })
export class SecondFactorEnrolment {
  @Field({ description: '密钥（Base32），无法扫码时手动输入；确认绑定后不再显示' })
  secret: string;
  @Field({ description: 'otpauth:// 地址：网页把它画成二维码' })
  otpauthUri: string;
}

@ObjectType({ description: '本人的两步验证状态' })
export class SecondFactorStatus {
  @Field({ description: '本角色是否必须启用' })
  required: boolean;
  @Field({ description: '是否已启用' })
  enabled: boolean;
  @Field(() => Int, { description: '剩余可用的恢复码个数' })
  recoveryCodesLeft: number;
}

@Resolver()
export class SecondFactorResolver {
  constructor(
    private readonly service: SecondFactorService,
    private readonly users: UsersService,
  ) {}

  @AllowPending()
  @Query(() => SecondFactorStatus, { description: '本人的两步验证状态' })
  async mySecondFactor(@Ctx() ctx: RequestContext): Promise<SecondFactorStatus> {
    const me = ctx.me;
    return { required: this.service.required(me.role), ...(await this.service.status(me.id)) };
  }

  @AllowPending()
  @Mutation(() => SecondFactorEnrolment, { description: '开始绑定两步验证：生成密钥和二维码（输入第一个动态码后才启用）' })
  beginSecondFactorEnrolment(@Ctx() ctx: RequestContext) {
    return this.service.begin(ctx);
  }

  @AllowPending()
  @Mutation(() => [String], { description: '输入验证器上的动态码，确认绑定：返回 10 个一次性恢复码（只显示这一次）' })
  async confirmSecondFactor(@Ctx() ctx: RequestContext, @Args('code') code: string) {
    const codes = await this.service.confirm(ctx, code);
    this.users.forgetCached(ctx.me.id);
    return codes;
  }

  @Roles(Role.SECURITY_ADMIN)
  @Mutation(() => User, { description: '重置用户的两步验证（手机丢失等），用户下次登录时重新绑定（安全管理员）' })
  async resetSecondFactor(@Ctx() ctx: RequestContext, @Args('userId', { type: () => Int }) userId: number) {
    const user = await this.service.reset(ctx, userId);
    this.users.forgetCached(userId);
    return user;
  }
}
