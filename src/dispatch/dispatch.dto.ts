import { ArgsType, Field, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { MaxLength, IsOptional } from 'class-validator';
import { PageArgs, Paginated } from '../common/paging.js';
import { Assignment, AssignmentStatus } from './assignment.entity.js';
import { AssignmentView } from './dispatch.service.js';
import { Task, TaskStatus } from './task.entity.js';

registerEnumType(AssignmentView, {
  name: 'AssignmentView',
  description:
    'ALL 全部；TODO 待办（未开始、草稿、退回）；DUE 未到期的待办；OVERDUE 已逾期；RETURNED 被退回；SUBMITTED 待审核；DONE 已通过',
});

export const TaskPage = Paginated(Task, 'TaskPage');
export const AssignmentPage = Paginated(Assignment, 'AssignmentPage');

@InputType({ description: '下发任务：村级表单给出村(社区)、镇(街道)（其下全部村）或全部；镇级表单给出镇(街道)或全部' })
export class CreateTaskInput {
  @Field(() => Int)
  formId: number;
  @Field({ description: '期别：月报 2025-03，季报 2025-Q1，半年报 2025-H1，年报 2025' })
  period: string;
  @Field({ description: '截止时间' })
  dueAt: Date;
  @Field(() => [Int], { nullable: true })
  @IsOptional()
  villageIds?: number[];
  @Field(() => [Int], { nullable: true })
  @IsOptional()
  townIds?: number[];
  @Field(() => Boolean, { nullable: true, description: '下发给全部村(社区)（镇级表单：全部镇）' })
  @IsOptional()
  all?: boolean;
  @Field(() => Boolean, { nullable: true, description: '提交即通过，不经审核' })
  @IsOptional()
  autoAccept?: boolean;
}

@ArgsType()
export class TasksArgs extends PageArgs {
  @Field(() => Int, { nullable: true })
  @IsOptional()
  formId?: number;
  @Field(() => TaskStatus, { nullable: true })
  @IsOptional()
  status?: TaskStatus;
  @Field(() => String, { nullable: true, description: '搜索：表单名称或期别的一部分（如“低保”“2025-Q1”）' })
  @IsOptional()
  @MaxLength(64)
  search?: string;
}

@ArgsType()
export class AssignmentsArgs extends PageArgs {
  @Field(() => AssignmentView, { nullable: true, defaultValue: AssignmentView.ALL })
  @IsOptional()
  view?: AssignmentView;
  @Field(() => Int, { nullable: true })
  @IsOptional()
  taskId?: number;
  @Field(() => Int, { nullable: true, description: '某个村(社区)' })
  @IsOptional()
  regionId?: number;
}

@ArgsType()
export class MyAssignmentsArgs extends PageArgs {
  @Field(() => AssignmentView, { nullable: true, defaultValue: AssignmentView.TODO })
  @IsOptional()
  status?: AssignmentView;
}

@ObjectType()
export class StatusCount {
  @Field(() => AssignmentStatus)
  status: AssignmentStatus;
  @Field(() => Int)
  count: number;
}

@ObjectType({ description: '到期提醒的一次运行' })
export class DeadlineRunResult {
  @Field({ description: 'false：另一个服务进程正在运行（持有租约），本次未运行' })
  ran: boolean;
  @Field(() => Int, { description: '新发出的提醒条数（每个单位每种提醒只发一次）' })
  created: number;
}

@InputType({ description: '催办：镇(街道)催所辖村，部门催镇（即该镇尚未提交的村）；不选单位则催全部未提交的' })
export class UrgeTaskInput {
  @Field(() => Int) taskId: number;
  @Field(() => [Int], { nullable: true, description: '镇(街道)账号：村(社区) id；部门账号：镇(街道) id；不填：全部未提交的单位' })
  @IsOptional()
  unitIds?: number[];
  @Field(() => String, { nullable: true, description: '附言（可选，不超过 200 字）' })
  @IsOptional()
  note?: string;
}

@ObjectType({ description: '催办结果' })
export class UrgeResult {
  @Field(() => Int, { description: '本次催办的单位数' }) urged: number;
  @Field(() => Int, { description: '今天已催办过而跳过的单位数' }) skipped: number;
}

@ObjectType({ description: '任务的催办情况（镇村账号只计本辖区的）' })
export class UrgeSummary {
  @Field(() => Int, { description: '催办次数（每个单位每次计一次）' }) times: number;
  @Field(() => Int, { description: '被催办过的单位数' }) units: number;
  @Field(() => Date, { nullable: true, description: '最近一次催办时间' }) lastAt: Date | null;
}
