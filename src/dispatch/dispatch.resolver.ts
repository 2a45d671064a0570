import { Args, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Role } from '../common/auth-user.js';
import { Ctx, Roles } from '../common/decorators.js';
import type { RequestContext } from '../common/request-context.js';
import { Department } from '../departments/department.entity.js';
import { DepartmentsService } from '../departments/departments.service.js';
import { FormVersion } from '../forms/form-version.entity.js';
import { Form } from '../forms/form.entity.js';
import { FormsService } from '../forms/forms.service.js';
import { Region } from '../regions/region.entity.js';
import { RegionsService } from '../regions/regions.service.js';
import { Assignment } from './assignment.entity.js';
import {
  AssignmentPage,
  AssignmentsArgs,
  CreateTaskInput,
  DeadlineRunResult,
  MyAssignmentsArgs,
  StatusCount,
  TaskPage,
  TasksArgs,
  UrgeResult,
  UrgeSummary,
  UrgeTaskInput,
} from './dispatch.dto.js';
import { DeadlineRemindersService } from './deadline-reminders.service.js';
import { DispatchService } from './dispatch.service.js';
import { Task } from './task.entity.js';

@Resolver()
export class DispatchResolver {
  constructor(
    private readonly dispatch: DispatchService,
    private readonly deadlines: DeadlineRemindersService,
  ) {}

  @Roles(Role.ADMIN)
  @Mutation(() => DeadlineRunResult, { description: '立即运行一次到期提醒（3 天内到期、明天到期、已逾期；每个单位每种只发一次）' })
  runDeadlineReminders() {
    return this.deadlines.run();
  }

  @Roles(Role.DEPARTMENT_STAFF)
  @Mutation(() => Task, { description: '把已准入的表单下发到村(社区)/镇(街道)：每个单位一份；同一期不能重复下发' })
  createTask(@Ctx() ctx: RequestContext, @Args('input') input: CreateTaskInput) {
    return this.dispatch.createTask(ctx, input);
  }

  @Roles(Role.DEPARTMENT_STAFF)
  @Mutation(() => Task, { description: '关闭任务：不再接收填报' })
  closeTask(@Ctx() ctx: RequestContext, @Args('id', { type: () => Int }) id: number) {
    return this.dispatch.closeTask(ctx, id);
  }

  @Roles(Role.DEPARTMENT_STAFF)
  @Mutation(() => Int, {
    description: '催办尚未提交的单位（或指定的几个），返回催办的数量（只计数，不限频、不发消息）',
    deprecationReason: '请改用 urgeTask：每个单位每天一次，并给被催办单位发消息',
  })
  sendReminder(
    @Ctx() ctx: RequestContext,
    @Args('taskId', { type: () => Int }) taskId: number,
    @Args('assignmentIds', { type: () => [Int], nullable: true }) assignmentIds?: number[],
  ) {
    return this.dispatch.sendReminder(ctx, taskId, assignmentIds);
  }

  @Roles(Role.TOWN_STAFF, Role.DEPARTMENT_STAFF)
  @Mutation(() => UrgeResult, {
    description: '催办未提交的单位：镇(街道)催所辖村，部门催镇；每个单位每个任务每天一次（再催：URGED_TODAY）；催全部时跳过今天已催的',
  })
  urgeTask(@Ctx() ctx: RequestContext, @Args('input') input: UrgeTaskInput) {
    return this.dispatch.urge(ctx, input);
  }

  @Query(() => TaskPage, { description: '任务：部门看本部门的，镇村看下发给自己（及所辖村）的' })
  tasks(@Ctx() ctx: RequestContext, @Args() args: TasksArgs) {
    return this.dispatch.listTasks(ctx, args, args);
  }

  @Query(() => Task)
  task(@Ctx() ctx: RequestContext, @Args('id', { type: () => Int }) id: number) {
    return this.dispatch.getTask(ctx, id);
  }

  @Query(() => AssignmentPage, { description: '填报任务列表（按截止时间排序）：村看本村的，镇看所辖村的，部门看本部门任务的' })
  assignments(@Ctx() ctx: RequestContext, @Args() args: AssignmentsArgs) {
    return this.dispatch.listAssignments(ctx, args, args);
  }

  @Roles(Role.VILLAGE_CADRE, Role.TOWN_STAFF)
  @Query(() => AssignmentPage, { description: '我的填报：待办、逾期、退回、已完成，按截止时间排序；镇(街道)账号看所辖村(社区)' })
  myAssignments(@Ctx() ctx: RequestContext, @Args() args: MyAssignmentsArgs) {
    return this.dispatch.listAssignments(ctx, { view: args.status }, args);
  }

  @Query(() => Assignment)
  assignment(@Ctx() ctx: RequestContext, @Args('id', { type: () => Int }) id: number) {
    return this.dispatch.getAssignment(ctx, id);
  }
}

@Resolver(() => Task)
export class TaskFieldsResolver {
  constructor(
    private readonly dispatch: DispatchService,
    private readonly forms: FormsService,
    private readonly departments: DepartmentsService,
  ) {}

  @ResolveField(() => Form)
  form(@Ctx() ctx: RequestContext, @Parent() task: Task) {
    return this.forms.loadForm(ctx, task.formId);
  }

  @ResolveField(() => FormVersion, { description: '下发时生效的版本' })
  formVersion(@Ctx() ctx: RequestContext, @Parent() task: Task) {
    return this.forms.loadVersion(ctx, task.formVersionId);
  }

  @ResolveField(() => Department)
  department(@Ctx() ctx: RequestContext, @Parent() task: Task) {
    return this.departments.load(ctx, task.departmentId);
  }

  @ResolveField(() => Int, { description: '下发的村(社区)/镇(街道)数（镇村账号只计本辖区的）' })
  assignmentCount(@Ctx() ctx: RequestContext, @Parent() task: Task) {
    return this.dispatch.assignmentCount(ctx, task);
  }

  @ResolveField(() => [StatusCount], { description: '任务进度：各状态的单位数（镇村账号只计本辖区的）' })
  progress(@Ctx() ctx: RequestContext, @Parent() task: Task) {
    return this.dispatch.progress(ctx, task.id);
  }

  @ResolveField(() => UrgeSummary, { description: '催办情况：次数、单位数、最近一次（镇村账号只计本辖区的）' })
  urges(@Ctx() ctx: RequestContext, @Parent() task: Task) {
    return this.dispatch.urgeSummary(ctx, task.id);
  }

  @ResolveField(() => Int, { description: '已逾期的单位数：任务进行中、已过截止时间仍未提交的（镇村账号只计本辖区的）' })
  overdueCount(@Ctx() ctx: RequestContext, @Parent() task: Task) {
    return this.dispatch.overdueCount(ctx, task);
  }
}

@Resolver(() => Assignment)
export class AssignmentFieldsResolver {
  constructor(
    private readonly dispatch: DispatchService,
    private readonly regions: RegionsService,
  ) {}

  @ResolveField(() => Task)
  task(@Ctx() ctx: RequestContext, @Parent() assignment: Assignment) {
    return this.dispatch.loadTask(ctx, assignment.taskId);
  }

  @ResolveField(() => Boolean, { description: '已逾期：任务进行中，已过截止时间仍未提交（未开始、草稿或被退回）' })
  overdue(@Ctx() ctx: RequestContext, @Parent() assignment: Assignment) {
    return this.dispatch.isOverdue(ctx, assignment);
  }

  @ResolveField(() => Region, { description: '填报单位' })
  region(@Ctx() ctx: RequestContext, @Parent() assignment: Assignment) {
    return this.regions.load(ctx, assignment.regionId);
  }

  @ResolveField(() => Region, { description: '所属镇(街道)' })
  town(@Ctx() ctx: RequestContext, @Parent() assignment: Assignment) {
    return this.regions.load(ctx, assignment.townId);
  }
}
