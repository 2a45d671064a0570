import { Args, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { AdmissionRequest } from '../admission/admission-request.entity.js';
import { WorkOrderKind } from '../admission/order-kind.js';
import { Role } from '../common/auth-user.js';
import { Ctx, Roles } from '../common/decorators.js';
import type { RequestContext } from '../common/request-context.js';
import { Department } from '../departments/department.entity.js';
import { DepartmentsService } from '../departments/departments.service.js';
import { DutiesService } from '../duties/duties.service.js';
import { DutyItem } from '../duties/duty-item.entity.js';
import { StaffRef } from '../identity/staff-ref.js';
import { UsersService } from '../identity/users.service.js';
import { Region } from '../regions/region.entity.js';
import { RegionsService } from '../regions/regions.service.js';
import { CompleteWorkOrderInput, DispatchWorkOrderInput, WorkOrderInput, WorkOrderPage, WorkOrdersArgs } from './orders.dto.js';
import { OrdersService, receiptLate } from './orders.service.js';
import { supportText } from './order-input.js';
import { WorkOrderStep } from './work-order-step.entity.js';
import { WorkOrderTown, WorkOrderVillage, WorkOrderVillageStatus } from './work-order-unit.entity.js';
import { WorkOrder } from './work-order.entity.js';

const READERS = [Role.DEPARTMENT_STAFF, Role.OFFICE_REVIEWER, Role.ADMIN, Role.TOWN_STAFF, Role.VILLAGE_CADRE];

@Resolver()
export class OrdersResolver {
  constructor(private readonly orders: OrdersService) {}

  @Roles(...READERS)
  @Query(() => WorkOrderPage, {
    description: '派单列表：部门看本部门的，减负办看全部，镇(街道)看已准入且派往本镇的，村(社区)看派给本村的',
  })
  workOrders(@Ctx() ctx: RequestContext, @Args() args: WorkOrdersArgs) {
    return this.orders.list(ctx, args, args);
  }

  @Roles(...READERS)
  @Query(() => WorkOrder, { description: '一张派单（范围同派单列表；范围外与不存在的回答相同）' })
  workOrder(@Ctx() ctx: RequestContext, @Args('id', { type: () => Int }) id: number) {
    return this.orders.get(ctx, id);
  }

  @Roles(Role.DEPARTMENT_STAFF)
  @Mutation(() => WorkOrder, {
    description:
      '部门派单并申请准入：三个明确、支持逐项写明（资金、人员、物资）、期限、派往的镇(街道)；负面清单事项直接拒绝（NEGATIVE_LIST）',
  })
  submitWorkOrder(@Ctx() ctx: RequestContext, @Args('input') input: WorkOrderInput) {
    return this.orders.submit(ctx, input);
  }

  @Roles(Role.DEPARTMENT_STAFF)
  @Mutation(() => WorkOrder, { description: '修改被退回（或已撤回）的派单并重新申请准入' })
  resubmitWorkOrder(@Ctx() ctx: RequestContext, @Args('id', { type: () => Int }) id: number, @Args('input') input: WorkOrderInput) {
    return this.orders.resubmit(ctx, id, input);
  }

  @Roles(Role.TOWN_STAFF)
  @Mutation(() => WorkOrder, { description: '镇(街道)派发已准入的派单到本镇(街道)的村(社区)' })
  dispatchWorkOrder(@Ctx() ctx: RequestContext, @Args('input') input: DispatchWorkOrderInput) {
    return this.orders.dispatch(ctx, input);
  }

  @Roles(Role.VILLAGE_CADRE)
  @Mutation(() => WorkOrder, { description: '村(社区)接收派单（每村一次）' })
  receiveWorkOrder(@Ctx() ctx: RequestContext, @Args('orderId', { type: () => Int }) orderId: number) {
    return this.orders.receive(ctx, orderId);
  }

  @Roles(Role.VILLAGE_CADRE)
  @Mutation(() => WorkOrder, { description: '村(社区)报告派单办结：简短说明；派单要求时附佐证材料' })
  completeWorkOrder(@Ctx() ctx: RequestContext, @Args('input') input: CompleteWorkOrderInput) {
    return this.orders.complete(ctx, input);
  }
}

@Resolver(() => WorkOrder)
export class WorkOrderFieldsResolver {
  constructor(
    private readonly orders: OrdersService,
    private readonly departments: DepartmentsService,
    private readonly duties: DutiesService,
    private readonly users: UsersService,
  ) {}

  @ResolveField(() => Department)
  department(@Ctx() ctx: RequestContext, @Parent() order: WorkOrder) {
    return this.departments.load(ctx, order.departmentId);
  }

  @ResolveField(() => DutyItem)
  dutyItem(@Ctx() ctx: RequestContext, @Parent() order: WorkOrder) {
    return this.duties.load(ctx, order.dutyItemId);
  }

  @ResolveField(() => StaffRef, { nullable: true, description: '派单人' })
  submittedBy(@Ctx() ctx: RequestContext, @Parent() order: WorkOrder) {
    return this.users.staffRef(ctx, order.createdBy);
  }

  @ResolveField(() => String, { description: '部门提供什么支持（由资金、人员、物资、其他支持写成）' })
  departmentSupport(@Parent() order: WorkOrder) {
    return supportText(order);
  }

  @ResolveField(() => AdmissionRequest, { nullable: true, description: '最近一次准入申请（部门与减负办可见）' })
  admissionRequest(@Ctx() ctx: RequestContext, @Parent() order: WorkOrder) {
    return this.orders.admissionRequestOf(ctx, order);
  }

  @ResolveField(() => [WorkOrderTown], { description: '派往的镇(街道)：镇(街道)只见本镇，村(社区)只见所属镇' })
  towns(@Ctx() ctx: RequestContext, @Parent() order: WorkOrder) {
    return this.orders.townsOf(ctx, order.id);
  }

  @ResolveField(() => [WorkOrderVillage], { description: '已派发的村(社区)：镇(街道)只见本镇的村，村(社区)只见本村' })
  villages(@Ctx() ctx: RequestContext, @Parent() order: WorkOrder) {
    return this.orders.villagesOf(ctx, order.id);
  }

  @ResolveField(() => Int, { description: '已派发的村(社区)数（调用者范围内）' })
  async villageCount(@Ctx() ctx: RequestContext, @Parent() order: WorkOrder) {
    return (await this.orders.villagesOf(ctx, order.id)).length;
  }

  @ResolveField(() => Int, { description: '已接收的村(社区)数（含已办结；调用者范围内）' })
  async receivedCount(@Ctx() ctx: RequestContext, @Parent() order: WorkOrder) {
    return (await this.orders.villagesOf(ctx, order.id)).filter((row) => row.status !== WorkOrderVillageStatus.SENT).length;
  }

  @ResolveField(() => Int, { description: '已办结的村(社区)数（调用者范围内）' })
  async doneCount(@Ctx() ctx: RequestContext, @Parent() order: WorkOrder) {
    return (await this.orders.villagesOf(ctx, order.id)).filter((row) => row.status === WorkOrderVillageStatus.DONE).length;
  }

  @ResolveField(() => [WorkOrderStep], { description: '纪实：提交、审核、派发、接收、提醒、办结，每步由谁、何时（范围内）' })
  steps(@Ctx() ctx: RequestContext, @Parent() order: WorkOrder) {
    return this.orders.stepsOf(ctx, order.id);
  }
}

@Resolver(() => WorkOrderTown)
export class WorkOrderTownFieldsResolver {
  constructor(
    private readonly regions: RegionsService,
    private readonly users: UsersService,
  ) {}

  @ResolveField(() => Region)
  town(@Ctx() ctx: RequestContext, @Parent() row: WorkOrderTown) {
    return this.regions.load(ctx, row.townId);
  }

  @ResolveField(() => StaffRef, { nullable: true, description: '派发人' })
  dispatchedBy(@Ctx() ctx: RequestContext, @Parent() row: WorkOrderTown) {
    return row.dispatchedBy ? this.users.staffRef(ctx, row.dispatchedBy) : null;
  }
}

@Resolver(() => WorkOrderVillage)
export class WorkOrderVillageFieldsResolver {
  constructor(
    private readonly regions: RegionsService,
    private readonly users: UsersService,
  ) {}

  @ResolveField(() => Region)
  village(@Ctx() ctx: RequestContext, @Parent() row: WorkOrderVillage) {
    return this.regions.load(ctx, row.villageId);
  }

  @ResolveField(() => StaffRef, { nullable: true, description: '接收人' })
  receivedBy(@Ctx() ctx: RequestContext, @Parent() row: WorkOrderVillage) {
    return row.receivedBy ? this.users.staffRef(ctx, row.receivedBy) : null;
  }

  @ResolveField(() => StaffRef, { nullable: true, description: '报告办结的人' })
  doneBy(@Ctx() ctx: RequestContext, @Parent() row: WorkOrderVillage) {
    return row.doneBy ? this.users.staffRef(ctx, row.doneBy) : null;
  }

  @ResolveField(() => Boolean, { description: '接收超时：派发后超过一天才接收，或至今超过一天未接收' })
  receiptLate(@Parent() row: WorkOrderVillage) {
    return receiptLate(row);
  }
}

@Resolver(() => WorkOrderStep)
export class WorkOrderStepFieldsResolver {
  constructor(
    private readonly regions: RegionsService,
    private readonly users: UsersService,
  ) {}

  @ResolveField(() => StaffRef, { nullable: true, description: '经办人（系统为空）' })
  actor(@Ctx() ctx: RequestContext, @Parent() step: WorkOrderStep) {
    return step.actorId ? this.users.staffRef(ctx, step.actorId) : null;
  }

  @ResolveField(() => Region, { nullable: true })
  town(@Ctx() ctx: RequestContext, @Parent() step: WorkOrderStep) {
    return step.townId ? this.regions.load(ctx, step.townId) : null;
  }

  @ResolveField(() => Region, { nullable: true })
  village(@Ctx() ctx: RequestContext, @Parent() step: WorkOrderStep) {
    return step.villageId ? this.regions.load(ctx, step.villageId) : null;
  }
}

/** The order behind a work-order admission request, for the office's queue (the request was scoped by its query). */
@Resolver(() => AdmissionRequest)
export class AdmissionRequestOrderFieldsResolver {
  constructor(private readonly orders: OrdersService) {}

  @ResolveField(() => WorkOrder, { nullable: true, description: '申请准入的派单（非报表类）' })
  workOrder(@Ctx() ctx: RequestContext, @Parent() request: AdmissionRequest) {
    return request.kind !== WorkOrderKind.REPORT && request.subjectId ? this.orders.loadOrder(ctx, request.subjectId) : null;
  }
}
