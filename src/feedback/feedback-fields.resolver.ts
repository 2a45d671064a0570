import { Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { Ctx } from '../common/decorators.js';
import type { RequestContext } from '../common/request-context.js';
import { Department } from '../departments/department.entity.js';
import { DepartmentsService } from '../departments/departments.service.js';
import { StaffRef } from '../identity/staff-ref.js';
import { UsersService } from '../identity/users.service.js';
import { PublicListItem } from '../public-lists/public-list-item.entity.js';
import { PublicListsService } from '../public-lists/public-lists.service.js';
import { Region } from '../regions/region.entity.js';
import { RegionsService } from '../regions/regions.service.js';
import { Feedback } from './feedback.entity.js';

/** Nested fields, each batched per request through the owning module's loader. */
@Resolver(() => Feedback)
export class FeedbackFieldsResolver {
  constructor(
    private readonly regions: RegionsService,
    private readonly departments: DepartmentsService,
    private readonly users: UsersService,
    private readonly publicLists: PublicListsService,
  ) {}

  @ResolveField(() => Region, { description: '提出反馈的村或镇' })
  region(@Ctx() ctx: RequestContext, @Parent() feedback: Feedback) {
    return this.regions.load(ctx, feedback.regionId);
  }

  @ResolveField(() => Region, { description: '所属镇' })
  town(@Ctx() ctx: RequestContext, @Parent() feedback: Feedback) {
    return this.regions.load(ctx, feedback.townId);
  }

  @ResolveField(() => Department, { nullable: true })
  department(@Ctx() ctx: RequestContext, @Parent() feedback: Feedback) {
    return feedback.departmentId ? this.departments.load(ctx, feedback.departmentId) : null;
  }

  @ResolveField(() => PublicListItem, { nullable: true, description: '被反映的公开清单事项（停用后仍显示）' })
  publicListItem(@Ctx() ctx: RequestContext, @Parent() feedback: Feedback) {
    return feedback.publicListItemId ? this.publicLists.load(ctx, feedback.publicListItemId) : null;
  }

  @ResolveField(() => StaffRef, { nullable: true })
  filedBy(@Ctx() ctx: RequestContext, @Parent() feedback: Feedback) {
    return this.users.staffRef(ctx, feedback.filedById);
  }

  @ResolveField(() => StaffRef, { nullable: true })
  respondedBy(@Ctx() ctx: RequestContext, @Parent() feedback: Feedback) {
    return feedback.respondedById ? this.users.staffRef(ctx, feedback.respondedById) : null;
  }

  @ResolveField(() => StaffRef, { nullable: true })
  acknowledgedBy(@Ctx() ctx: RequestContext, @Parent() feedback: Feedback) {
    return feedback.acknowledgedById ? this.users.staffRef(ctx, feedback.acknowledgedById) : null;
  }

  @ResolveField(() => StaffRef, { nullable: true })
  resolvedBy(@Ctx() ctx: RequestContext, @Parent() feedback: Feedback) {
    return feedback.resolvedById ? this.users.staffRef(ctx, feedback.resolvedById) : null;
  }
}
