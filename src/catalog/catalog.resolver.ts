import { Args, Int, Query, Resolver } from '@nestjs/graphql';
import { Ctx } from '../common/decorators.js';
import type { RequestContext } from '../common/request-context.js';
import { CatalogService } from './catalog.service.js';
import { DataElement } from './data-element.entity.js';
import { Subject } from './value-type.js';

@Resolver(() => DataElement)
export class CatalogResolver {
  constructor(private readonly catalog: CatalogService) {}

  @Query(() => [DataElement], { description: '数据元目录' })
  dataElements(@Args('subject', { type: () => Subject, nullable: true }) subject?: Subject) {
    return this.catalog.list(subject);
  }

  @Query(() => DataElement)
  dataElement(@Ctx() ctx: RequestContext, @Args('id', { type: () => Int }) id: number) {
    return this.catalog.get(ctx, id);
  }
}
