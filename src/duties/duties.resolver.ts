import { Args, ArgsType, Field, InputType, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { IsOptional, MaxLength } from 'class-validator';
import { Role } from '../common/auth-user.js';
import { Ctx, Roles } from '../common/decorators.js';
import { PageArgs, Paginated } from '../common/paging.js';
import type { RequestContext } from '../common/request-context.js';
import { Department } from '../departments/department.entity.js';
import { DepartmentsService } from '../departments/departments.service.js';
import { DutiesService } from './duties.service.js';
import { DutyItem, DutyList } from './duty-item.entity.js';

const DutyItemPage = Paginated(DutyItem, 'DutyItemPage');

@ArgsType()
class DutyItemsArgs extends PageArgs {
  @Field(() => DutyList, { nullable: true })
  @IsOptional()
  list?: DutyList;
  @Field(() => String, { nullable: true })
  @IsOptional()
  groupName?: string;
  @Field(() => String, { nullable: true, description: '按名称或分类模糊查找' })
  @IsOptional()
  @MaxLength(64)
  query?: string;
  @Field(() => Int, { nullable: true, description: '只列此部门牵头的事项' })
  @IsOptional()
  departmentId?: number;
}

@InputType()
class DutyItemInput {
  @Field(() => DutyList)
  list: DutyList;
  @Field()
  groupName: string;
  @Field()
  name: string;
  @Field(() => Int, { nullable: true, description: '牵头部门 id（不填：暂不指定）' })
  @IsOptional()
  departmentId?: number | null;
}

@InputType()
class DutyItemUpdate {
  @Field(() => DutyList, { nullable: true })
  @IsOptional()
  list?: DutyList;
  @Field(() => String, { nullable: true })
  @IsOptional()
  groupName?: string;
  @Field(() => String, { nullable: true })
  @IsOptional()
  name?: string;
  @Field(() => Int, { nullable: true, description: '牵头部门 id（null：清除；不传：不变）' })
  @IsOptional()
  departmentId?: number | null;
}

@Resolver(() => DutyItem)
export class DutiesResolver {
  constructor(
    private readonly service: DutiesService,
    private readonly departments: DepartmentsService,
  ) {}

  @Query(() => DutyItemPage, { description: '职责清单（主责、协助、负面），公开信息' })
  dutyItems(@Ctx() ctx: RequestContext, @Args() args: DutyItemsArgs) {
    return this.service.list(ctx, args, args);
  }

  @Query(() => DutyItem)
  dutyItem(@Ctx() ctx: RequestContext, @Args('id', { type: () => Int }) id: number) {
    return this.service.get(ctx, id);
  }

  @Roles(Role.ADMIN, Role.OFFICE_REVIEWER)
  @Mutation(() => DutyItem, { description: '新增职责清单事项（管理员、减负办）' })
  createDutyItem(@Ctx() ctx: RequestContext, @Args('input') input: DutyItemInput) {
    return this.service.create(ctx, input);
  }

  @Roles(Role.ADMIN, Role.OFFICE_REVIEWER)
  @Mutation(() => DutyItem, { description: '修改职责清单事项（管理员、减负办）' })
  updateDutyItem(@Ctx() ctx: RequestContext, @Args('id', { type: () => Int }) id: number, @Args('input') input: DutyItemUpdate) {
    return this.service.update(ctx, id, input);
  }

  @ResolveField(() => Department, { nullable: true, description: '牵头部门（空：尚未指定）' })
  department(@Ctx() ctx: RequestContext, @Parent() dutyItem: DutyItem) {
    return dutyItem.departmentId ? this.departments.load(ctx, dutyItem.departmentId) : null;
  }

  // deleteDutyItem: in forms/duty-items.resolver.ts (whether forms refer to an item is the forms module's to say).
}
