import { Args, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Role } from '../common/auth-user.js';
import { Ctx, Public, Roles } from '../common/decorators.js';
import type { RequestContext } from '../common/request-context.js';
import { PublicDisclosure, TownContact, TownContactInput } from './disclosure.dto.js';
import { DisclosureService } from './disclosure.service.js';

@Resolver()
export class DisclosureResolver {
  constructor(private readonly service: DisclosureService) {}

  @Public()
  @Query(() => PublicDisclosure, { description: '政务公开：职责清单与各镇(街道)联系方式（无需登录）' })
  publicDisclosure(@Ctx() ctx: RequestContext) {
    return this.service.publicDisclosure(ctx);
  }

  @Roles(Role.ADMIN, Role.OFFICE_REVIEWER)
  @Mutation(() => TownContact, { description: '登记或修改镇(街道)的公开联系方式（管理员、减负办）' })
  setTownContact(@Ctx() ctx: RequestContext, @Args('townId', { type: () => Int }) townId: number, @Args('input') input: TownContactInput) {
    return this.service.setTownContact(ctx, townId, input);
  }
}
