import { Args, Int, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Ctx } from '../common/decorators.js';
import type { RequestContext } from '../common/request-context.js';
import { Region, RegionLevel } from './region.entity.js';
import { RegionsService } from './regions.service.js';

@Resolver(() => Region)
export class RegionsResolver {
  constructor(private readonly service: RegionsService) {}

  @Query(() => [Region], { description: '区划列表，可按层级和上级筛选' })
  regions(
    @Args('level', { type: () => RegionLevel, nullable: true }) level?: RegionLevel,
    @Args('parentId', { type: () => Int, nullable: true }) parentId?: number,
  ) {
    return this.service.list(level, parentId);
  }

  @Query(() => Region)
  region(@Ctx() ctx: RequestContext, @Args('id', { type: () => Int }) id: number) {
    return this.service.get(ctx, id);
  }

  @Query(() => [Region], { description: '按村名、全拼或拼音首字母查找村(社区)，精确匹配优先；同名村以所属镇区分' })
  searchVillages(
    @Args('query') query: string,
    @Args('limit', { type: () => Int, nullable: true, defaultValue: 20 }) limit: number,
    @Args('townId', { type: () => Int, nullable: true }) townId?: number,
  ) {
    return this.service.searchVillages(query, limit, townId);
  }

  @ResolveField(() => Region, { nullable: true })
  parent(@Ctx() ctx: RequestContext, @Parent() region: Region) {
    return region.parentId ? this.service.load(ctx, region.parentId) : null;
  }

  @ResolveField(() => Region, { nullable: true, description: '村所属的镇(街道)；镇和市为空' })
  town(@Ctx() ctx: RequestContext, @Parent() region: Region) {
    return region.level === RegionLevel.VILLAGE && region.parentId ? this.service.load(ctx, region.parentId) : null;
  }

  @ResolveField(() => [Region])
  children(@Ctx() ctx: RequestContext, @Parent() region: Region) {
    return this.service.loadChildren(ctx, region.id);
  }
}
