import { Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { Ctx } from '../common/decorators.js';
import type { RequestContext } from '../common/request-context.js';
import { Department } from '../departments/department.entity.js';
import { DepartmentsService } from '../departments/departments.service.js';
import { Region } from '../regions/region.entity.js';
import { RegionsService } from '../regions/regions.service.js';
import { StaffRef } from './staff-ref.js';
import { User } from './user.entity.js';
import { PasswordChangeReason } from './dto/identity.dto.js';
import { UsersService } from './users.service.js';

@Resolver(() => User)
export class UserFieldsResolver {
  constructor(
    private readonly regions: RegionsService,
    private readonly departments: DepartmentsService,
    private readonly users: UsersService,
  ) {}

  @ResolveField(() => PasswordChangeReason, {
    nullable: true,
    description: '非空：须先修改密码（管理员重置、首次登录或超过 PASSWORD_MAX_AGE_DAYS 天未改）',
  })
  passwordChangeRequired(@Parent() user: User): PasswordChangeReason | null {
    return this.users.passwordChangeReason(user) as PasswordChangeReason | null;
  }

  @ResolveField(() => Region, { nullable: true })
  region(@Ctx() ctx: RequestContext, @Parent() user: User) {
    return user.regionId ? this.regions.load(ctx, user.regionId) : null;
  }

  @ResolveField(() => Department, { nullable: true })
  department(@Ctx() ctx: RequestContext, @Parent() user: User) {
    return user.departmentId ? this.departments.load(ctx, user.departmentId) : null;
  }
}

@Resolver(() => StaffRef)
export class StaffRefFieldsResolver {
  constructor(
    private readonly regions: RegionsService,
    private readonly departments: DepartmentsService,
  ) {}

  @ResolveField(() => String, { nullable: true, description: '所属单位：部门或镇(街道)、村(社区)名称（减负办等市级账号为空）' })
  async unit(@Ctx() ctx: RequestContext, @Parent() staff: StaffRef): Promise<string | null> {
    if (staff.departmentId) return (await this.departments.load(ctx, staff.departmentId))?.name ?? null;
    if (staff.regionId) return (await this.regions.load(ctx, staff.regionId))?.name ?? null;
    return null;
  }
}
