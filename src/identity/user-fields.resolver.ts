import { Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { Ctx } from '../common/decorators.js';
import type { RequestContext } from '../common/request-context.js';
import { Department } from '../departments/department.entity.js';
import { DepartmentsService } from '../departments/departments.service.js';
import { Region } from '../regions/region.entity.js';
import { RegionsService } from '../regions/regions.service.js';
import { User } from './user.entity.js';

@Resolver(() => User)
export class UserFieldsResolver {
  constructor(
    private readonly regions: RegionsService,
    private readonly departments: DepartmentsService,
  ) {}

  @ResolveField(() => Region, { nullable: true })
  region(@Ctx() ctx: RequestContext, @Parent() user: User) {
    return user.regionId ? this.regions.load(ctx, user.regionId) : null;
  }

  @ResolveField(() => Department, { nullable: true })
  department(@Ctx() ctx: RequestContext, @Parent() user: User) {
    return user.departmentId ? this.departments.load(ctx, user.departmentId) : null;
  }
}
