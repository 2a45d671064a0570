import { Args, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Role } from '../common/auth-user.js';
import { Ctx, Public, Roles } from '../common/decorators.js';
import type { RequestContext } from '../common/request-context.js';
import { PublicList, PublicListItem } from './public-list-item.entity.js';
import { PublicListItemInput } from './public-lists.dto.js';
import { PublicListsService } from './public-lists.service.js';

@Resolver(() => PublicListItem)
export class PublicListsResolver {
  constructor(private readonly service: PublicListsService) {}

  @Public()
  @Query(() => [PublicListItem], { description: '公开清单的现行事项（无需登录；不含已停用的），按减负办排定的顺序' })
  publicListItems(@Args('list', { type: () => PublicList, nullable: true, description: '不传：两张清单都列出' }) list?: PublicList) {
    return this.service.published(list);
  }

  @Roles(Role.OFFICE_REVIEWER)
  @Query(() => [PublicListItem], { description: '维护公开清单：一张清单的全部事项，含已停用的（减负办）' })
  managedPublicList(@Args('list', { type: () => PublicList }) list: PublicList) {
    return this.service.all(list);
  }

  @Roles(Role.OFFICE_REVIEWER)
  @Mutation(() => PublicListItem, { description: '新增公开清单事项，排在清单末尾（减负办）' })
  createPublicListItem(
    @Ctx() ctx: RequestContext,
    @Args('list', { type: () => PublicList }) list: PublicList,
    @Args('input') input: PublicListItemInput,
  ) {
    return this.service.create(ctx, list, input);
  }

  @Roles(Role.OFFICE_REVIEWER)
  @Mutation(() => PublicListItem, { description: '修改公开清单事项（减负办）' })
  updatePublicListItem(@Ctx() ctx: RequestContext, @Args('id', { type: () => Int }) id: number, @Args('input') input: PublicListItemInput) {
    return this.service.update(ctx, id, input);
  }

  @Roles(Role.OFFICE_REVIEWER)
  @Mutation(() => PublicListItem, { description: '停用公开清单事项：不再公开，也不能在新投诉中选择（减负办）' })
  retirePublicListItem(@Ctx() ctx: RequestContext, @Args('id', { type: () => Int }) id: number) {
    return this.service.setRetired(ctx, id, true);
  }

  @Roles(Role.OFFICE_REVIEWER)
  @Mutation(() => PublicListItem, { description: '恢复使用已停用的公开清单事项（减负办）' })
  restorePublicListItem(@Ctx() ctx: RequestContext, @Args('id', { type: () => Int }) id: number) {
    return this.service.setRetired(ctx, id, false);
  }

  @Roles(Role.OFFICE_REVIEWER)
  @Mutation(() => [PublicListItem], { description: '调整清单顺序：按新顺序列出该清单的全部事项（含已停用的）（减负办）' })
  reorderPublicList(
    @Ctx() ctx: RequestContext,
    @Args('list', { type: () => PublicList }) list: PublicList,
    @Args('ids', { type: () => [Int] }) ids: number[],
  ) {
    return this.service.reorder(ctx, list, ids);
  }
}
