import { Args, Int, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Role } from '../common/auth-user.js';
import { Ctx, Roles } from '../common/decorators.js';
import type { RequestContext } from '../common/request-context.js';
import { Department } from '../departments/department.entity.js';
import { DepartmentsService } from '../departments/departments.service.js';
import { Region } from '../regions/region.entity.js';
import { RegionsService } from '../regions/regions.service.js';
import {
  BurdenRank,
  DepartmentDecisions,
  DepartmentOrderCount,
  DepartmentOrderFunds,
  DepartmentStat,
  MonthTrend,
  OrderBurden,
  Overview,
  TaskProgress,
  UnitProgress,
  VillageBurden,
  VillageOrders,
  VillageProgress,
} from './insights.dto.js';
import { InsightsService } from './insights.service.js';
import { ReplicaReads } from '../database/replica-reads.js';

const DASHBOARD_ROLES = [Role.ADMIN, Role.OFFICE_REVIEWER, Role.VIEWER, Role.DEPARTMENT_STAFF, Role.TOWN_STAFF, Role.VILLAGE_CADRE];

@Resolver()
export class InsightsResolver {
  constructor(
    private readonly insights: InsightsService,
    private readonly replica: ReplicaReads,
  ) {}

  /** Dashboards tolerate lag: they read from a fit replica when DATABASE_REPLICA_URLS is set (src/database/replica-reads.ts). */
  private lagTolerant<T>(ctx: RequestContext, work: () => Promise<T>): Promise<T> {
    return this.replica.lagTolerant(ctx.me.id, work);
  }

  @Roles(...DASHBOARD_ROLES)
  @Query(() => Overview, { description: '总览：按调用者范围（全市、本镇、本村、本部门）' })
  overview(@Ctx() ctx: RequestContext) {
    return this.lagTolerant(ctx, () => this.insights.overview(ctx));
  }

  @Roles(...DASHBOARD_ROLES)
  @Query(() => VillageBurden, { description: '某村某年的填报负担（逐表）' })
  villageBurden(
    @Ctx() ctx: RequestContext,
    @Args('villageId', { type: () => Int }) villageId: number,
    @Args('year', { type: () => Int }) year: number,
  ) {
    return this.lagTolerant(ctx, () => this.insights.villageBurden(ctx, villageId, year));
  }

  @Roles(Role.ADMIN, Role.OFFICE_REVIEWER, Role.VIEWER, Role.DEPARTMENT_STAFF, Role.TOWN_STAFF)
  @Query(() => [BurdenRank], { description: '负担最重的村（手工录入字段最多）' })
  burdenRanking(
    @Ctx() ctx: RequestContext,
    @Args('year', { type: () => Int }) year: number,
    @Args('limit', { type: () => Int, defaultValue: 20 }) limit: number,
    @Args('townId', { type: () => Int, nullable: true }) townId?: number,
  ) {
    return this.lagTolerant(ctx, () => this.insights.burdenRanking(ctx, year, limit, townId));
  }

  @Roles(Role.ADMIN, Role.OFFICE_REVIEWER, Role.VIEWER, Role.DEPARTMENT_STAFF, Role.TOWN_STAFF)
  @Query(() => [UnitProgress], { description: '各镇(街道)全年进度：当年到期的全部填报任务（未开始、草稿、已提交、退回、通过、逾期）' })
  townProgress(@Ctx() ctx: RequestContext, @Args('year', { type: () => Int }) year: number) {
    return this.lagTolerant(ctx, () => this.insights.townProgress(ctx, year));
  }

  @Roles(...DASHBOARD_ROLES)
  @Query(() => TaskProgress, { description: '任务进度：按镇、按村（未开始、草稿、已提交、退回、通过、逾期）' })
  taskProgress(
    @Ctx() ctx: RequestContext,
    @Args('taskId', { type: () => Int }) taskId: number,
    @Args('townId', { type: () => Int, nullable: true }) townId?: number,
    @Args('status', { type: () => String, nullable: true }) status?: string,
    @Args('take', { type: () => Int, nullable: true }) take?: number,
    @Args('skip', { type: () => Int, nullable: true }) skip?: number,
  ) {
    return this.lagTolerant(ctx, () => this.insights.taskProgress(ctx, taskId, { townId, status, take, skip }));
  }

  @Roles(Role.ADMIN, Role.OFFICE_REVIEWER, Role.VIEWER, Role.DEPARTMENT_STAFF)
  @Query(() => [DepartmentStat], { description: '各部门：申请、准入、不予准入、退回、平均审核用时、增加的基层负担' })
  departmentStats(@Ctx() ctx: RequestContext, @Args('year', { type: () => Int, nullable: true }) year?: number) {
    return this.lagTolerant(ctx, () => this.insights.departmentStats(ctx, year));
  }

  @Roles(...DASHBOARD_ROLES)
  @Query(() => [MonthTrend], { description: '按月趋势（默认近 12 个月）' })
  trends(@Ctx() ctx: RequestContext, @Args('months', { type: () => Int, defaultValue: 12 }) months: number) {
    return this.lagTolerant(ctx, () => this.insights.trends(ctx, months));
  }

  @Roles(...DASHBOARD_ROLES)
  @Query(() => OrderBurden, {
    description: '派单负担：按月派发到村、接收超时、随单下沉经费、要求不明确退回、平台外派单投诉（默认近 12 个月）',
  })
  orderBurden(
    @Ctx() ctx: RequestContext,
    @Args('months', { type: () => Int, defaultValue: 12 }) months: number,
    @Args('month', { type: () => String, nullable: true, description: '列出各村的月份 YYYY-MM，默认本月' }) month?: string,
    @Args('limit', { type: () => Int, defaultValue: 20, description: '列出的村数（收到派单最多的）' }) limit?: number,
  ) {
    return this.lagTolerant(ctx, () => this.insights.orderBurden(ctx, { months, month, limit: limit ?? 20 }));
  }
}

/** Names for the ids in dashboard rows, batched per request. */
@Resolver(() => DepartmentDecisions)
export class DepartmentDecisionsFields {
  constructor(private readonly departments: DepartmentsService) {}
  @ResolveField(() => Department, { nullable: true })
  department(@Ctx() ctx: RequestContext, @Parent() row: DepartmentDecisions) {
    return this.departments.load(ctx, row.departmentId);
  }
}
@Resolver(() => DepartmentStat)
export class DepartmentStatFields {
  constructor(private readonly departments: DepartmentsService) {}
  @ResolveField(() => Department, { nullable: true })
  department(@Ctx() ctx: RequestContext, @Parent() row: DepartmentStat) {
    return this.departments.load(ctx, row.departmentId);
  }
}
@Resolver(() => BurdenRank)
export class BurdenRankFields {
  constructor(private readonly regions: RegionsService) {}
  @ResolveField(() => Region, { nullable: true })
  village(@Ctx() ctx: RequestContext, @Parent() row: BurdenRank) {
    return this.regions.load(ctx, row.villageId);
  }
}
@Resolver(() => UnitProgress)
export class UnitProgressFields {
  constructor(private readonly regions: RegionsService) {}
  @ResolveField(() => Region, { nullable: true })
  region(@Ctx() ctx: RequestContext, @Parent() row: UnitProgress) {
    return this.regions.load(ctx, row.regionId);
  }
}
@Resolver(() => VillageProgress)
export class VillageProgressFields {
  constructor(private readonly regions: RegionsService) {}
  @ResolveField(() => Region, { nullable: true })
  village(@Ctx() ctx: RequestContext, @Parent() row: VillageProgress) {
    return this.regions.load(ctx, row.villageId);
  }
}
@Resolver(() => VillageOrders)
export class VillageOrdersFields {
  constructor(private readonly regions: RegionsService) {}
  @ResolveField(() => Region, { nullable: true })
  village(@Ctx() ctx: RequestContext, @Parent() row: VillageOrders) {
    return this.regions.load(ctx, row.villageId);
  }
}
@Resolver(() => DepartmentOrderFunds)
export class DepartmentOrderFundsFields {
  constructor(private readonly departments: DepartmentsService) {}
  @ResolveField(() => Department, { nullable: true })
  department(@Ctx() ctx: RequestContext, @Parent() row: DepartmentOrderFunds) {
    return this.departments.load(ctx, row.departmentId);
  }
}
@Resolver(() => DepartmentOrderCount)
export class DepartmentOrderCountFields {
  constructor(private readonly departments: DepartmentsService) {}
  @ResolveField(() => Department, { nullable: true })
  department(@Ctx() ctx: RequestContext, @Parent() row: DepartmentOrderCount) {
    return this.departments.load(ctx, row.departmentId);
  }
}
