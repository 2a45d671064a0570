import { Args, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Role } from '../common/auth-user.js';
import { Ctx, Public, Roles } from '../common/decorators.js';
import type { RequestContext } from '../common/request-context.js';
import { PublicDisclosure, SiteFooter, TownContact, TownContactInput } from './disclosure.dto.js';
import { DisclosureService } from './disclosure.service.js';

@Resolver()
export class DisclosureResolver {
  constructor(private readonly service: DisclosureService) {}

  @Public()
  @Query(() => PublicDisclosure, { description: '政务公开：职责清单与各镇(街道)联系方式（无需登录）' })
  publicDisclosure(@Ctx() ctx: RequestContext) {
    return this.service.publicDisclosure(ctx);
  }

  @Public()
  @Query(() => SiteFooter, { description: '网站页脚：主办单位、技术支持、ICP 备案号（无需登录；未配置的项为空）' })
  siteFooter() {
    return this.service.siteFooter();
  }

  @Roles(Role.ADMIN, Role.OFFICE_REVIEWER)
  @Mutation(() => TownContact, { description: '登记或修改镇(街道)的公开联系方式（管理员、减负办）' })
  setTownContact(@Ctx() ctx: RequestContext, @Args('townId', { type: () => Int }) townId: number, @Args('input') input: TownContactInput) {
    return this.service.setTownContact(ctx, townId, input);
  }
}
