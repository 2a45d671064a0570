import { Args, Int, Query, Resolver } from '@nestjs/graphql';
import { Ctx } from '../common/decorators.js';
import type { RequestContext } from '../common/request-context.js';
import { Department } from './department.entity.js';
import { DepartmentsService } from './departments.service.js';

@Resolver(() => Department)
export class DepartmentsResolver {
  constructor(private readonly service: DepartmentsService) {}

  @Query(() => [Department], { description: '市直部门列表' })
  departments() {
    return this.service.list();
  }

  @Query(() => Department)
  department(@Ctx() ctx: RequestContext, @Args('id', { type: () => Int }) id: number) {
    return this.service.get(ctx, id);
  }
}
