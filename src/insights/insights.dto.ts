import { Field, Float, Int, ObjectType } from '@nestjs/graphql';
import { Department } from '../departments/department.entity.js';
import { Region } from '../regions/region.entity.js';

@ObjectType({ description: '准入申请按状态计数' })
export class RequestStatusCount {
  @Field() status: string;
  @Field(() => Int) count: number;
}

@ObjectType({ description: '填报进度计数' })
export class ProgressCounts {
  @Field(() => Int, { description: '下发总数' }) total: number;
  @Field(() => Int, { description: '未开始' }) notStarted: number;
  @Field(() => Int, { description: '草稿' }) draft: number;
  @Field(() => Int, { description: '已提交待审' }) submitted: number;
  @Field(() => Int, { description: '已退回' }) returned: number;
  @Field(() => Int, { description: '已通过' }) accepted: number;
  @Field(() => Int, { description: '已逾期（到期未提交）' }) overdue: number;
}

@ObjectType({ description: '部门的准入审核结果' })
export class DepartmentDecisions {
  @Field(() => Int) departmentId: number;
  @Field(() => Department, { nullable: true }) department?: Department | null;
  @Field(() => Int) approved: number;
  @Field(() => Int) rejected: number;
  @Field(() => Int) returned: number;
}

@ObjectType({ description: '总览（一屏观全域），按调用者范围：全市、本镇、本村或本部门' })
export class Overview {
  @Field({ description: '统计范围，如 全市、琚湾镇、市民政局' }) scope: string;
  @Field(() => Int, { description: '生效的村级表单数' }) activeVillageForms: number;
  @Field(() => Int, { description: '生效的镇级表单数' }) activeTownForms: number;
  @Field(() => Int, { description: '村级表单上限' }) villageFormCap: number;
  @Field(() => [RequestStatusCount], { description: '准入申请按状态' }) requestsByStatus: RequestStatusCount[];
  @Field(() => [DepartmentDecisions], { description: '各部门准入、不予准入、退回次数' }) decisionsByDepartment: DepartmentDecisions[];
  @Field(() => Int, { description: '进行中的任务数' }) openTasks: number;
  @Field(() => ProgressCounts) assignments: ProgressCounts;
  @Field(() => Float, { description: '完成率：已提交或已通过 / 下发总数' }) completionRate: number;
  @Field(() => Float, { description: '按时率：到期前提交 / 已提交' }) onTimeRate: number;
  @Field(() => Float, { description: '自动填充率：自动带出且未改动的字段 / 全部已填字段' }) autofillRate: number;
  @Field(() => Int, { description: '未办结的投诉' }) openComplaints: number;
  @Field(() => Int, { description: '监测点村的未办结反馈' }) monitoringPointOpenFeedback: number;
  @Field(() => Int, { description: '被催办过的填报单位（份）' }) urgedUnits: number;
  @Field(() => Int, { description: '其中催办后已提交的' }) doneAfterUrge: number;
}

@ObjectType({ description: '某张表单给一个村带来的负担' })
export class FormBurden {
  @Field(() => Int) formId: number;
  @Field() formTitle: string;
  @Field(() => Int, { description: '应填次数' }) fillsDue: number;
  @Field(() => Int, { description: '已提交次数' }) fillsDone: number;
  @Field(() => Int, { description: '手工录入字段数' }) fieldsTyped: number;
  @Field(() => Int, { description: '自动带出且保留的字段数' }) fieldsAutofilled: number;
  @Field(() => Int, { description: '自动带出后修改的字段数' }) fieldsChanged: number;
}

@ObjectType({ description: '村(社区)的填报负担' })
export class VillageBurden {
  @Field(() => Region) village: Region;
  @Field(() => Int) year: number;
  @Field(() => Int) fillsDue: number;
  @Field(() => Int) fillsDone: number;
  @Field(() => Int) fieldsTyped: number;
  @Field(() => Int) fieldsAutofilled: number;
  @Field(() => Int) fieldsChanged: number;
  @Field(() => Float, { description: '自动填充率' }) autofillRate: number;
  @Field(() => [FormBurden]) forms: FormBurden[];
}

@ObjectType({ description: '负担排名中的一个村' })
export class BurdenRank {
  @Field(() => Int) villageId: number;
  @Field(() => Region, { nullable: true }) village?: Region | null;
  @Field(() => Int) fillsDue: number;
  @Field(() => Int) fieldsTyped: number;
  @Field(() => Int) fieldsAutofilled: number;
}

@ObjectType({ description: '一个镇(或村)在某任务上的进度' })
export class UnitProgress extends ProgressCounts {
  @Field(() => Int) regionId: number;
  @Field(() => Region, { nullable: true }) region?: Region | null;
}

@ObjectType({ description: '一个村在某任务上的状态' })
export class VillageProgress {
  @Field(() => Int) assignmentId: number;
  @Field(() => Int) villageId: number;
  @Field(() => Region, { nullable: true }) village?: Region | null;
  @Field() status: string;
  @Field() overdue: boolean;
  @Field(() => Date, { nullable: true }) submittedAt: Date | null;
}

@ObjectType({ description: '任务进度：按镇、按村' })
export class TaskProgress {
  @Field(() => Int) taskId: number;
  @Field() period: string;
  @Field() dueAt: Date;
  @Field(() => ProgressCounts) totals: ProgressCounts;
  @Field(() => [UnitProgress]) towns: UnitProgress[];
  @Field(() => [VillageProgress], { description: '各村状态（可按镇、状态筛选，分页）' }) villages: VillageProgress[];
  @Field(() => Int) villagesTotal: number;
}

@ObjectType({ description: '部门统计' })
export class DepartmentStat {
  @Field(() => Int) departmentId: number;
  @Field(() => Department, { nullable: true }) department?: Department | null;
  @Field(() => Int, { description: '提交准入申请的表单数' }) formsProposed: number;
  @Field(() => Int) approved: number;
  @Field(() => Int) rejected: number;
  @Field(() => Int) returned: number;
  @Field(() => Float, { nullable: true, description: '平均审核用时（小时）' }) averageReviewHours: number | null;
  @Field(() => Int, { description: '生效表单每年给基层增加的手工录入次数' }) annualEntriesAdded: number;
}

@ObjectType({ description: '按月趋势' })
export class MonthTrend {
  @Field({ description: 'YYYY-MM' }) month: string;
  @Field(() => Int) requestsSubmitted: number;
  @Field(() => Int) approved: number;
  @Field(() => Int) returned: number;
  @Field(() => Int) rejected: number;
  @Field(() => Int, { description: '当月到期的填报任务' }) assignmentsDue: number;
  @Field(() => Int, { description: '其中已提交或通过' }) assignmentsDone: number;
  @Field(() => Int, { description: '其中按时提交' }) onTime: number;
  @Field(() => Float, { description: '当月提交的自动填充率' }) autofillRate: number;
  @Field(() => Int) complaints: number;
}

@ObjectType({ description: '派单按月计数（按派发到村的月份）' })
export class OrderMonth {
  @Field({ description: 'YYYY-MM' }) month: string;
  @Field(() => Int, { description: '派发到村的派单（村次）' }) orders: number;
  @Field(() => Int, { description: '其中已接收' }) received: number;
  @Field(() => Int, { description: '其中超过一天才接收' }) receivedLate: number;
  @Field(() => Int, { description: '其中已办结' }) done: number;
}

@ObjectType({ description: '一个村某月收到的派单' })
export class VillageOrders {
  @Field(() => Int) villageId: number;
  @Field(() => Region, { nullable: true }) village?: Region | null;
  @Field({ description: 'YYYY-MM' }) month: string;
  @Field(() => Int, { description: '收到的派单' }) orders: number;
  @Field(() => Int, { description: '超过一天才接收' }) receivedLate: number;
  @Field(() => Int, { description: '已办结' }) done: number;
}

@ObjectType({ description: '一个部门随派单下沉的经费' })
export class DepartmentOrderFunds {
  @Field(() => Int) departmentId: number;
  @Field(() => Department, { nullable: true }) department?: Department | null;
  @Field(() => Int, { description: '已准入的派单数' }) orders: number;
  @Field(() => Int, { description: '随派单下沉的经费（元）' }) fundsYuan: number;
}

@ObjectType({ description: '一个部门的派单计数' })
export class DepartmentOrderCount {
  @Field(() => Int) departmentId: number;
  @Field(() => Department, { nullable: true }) department?: Department | null;
  @Field(() => Int) count: number;
}

@ObjectType({
  description:
    '派单负担（与表单并列），按调用者范围：全市、本镇（本镇各村）、本村、本部门；统计近若干月（按月份：派发、准入、退回、投诉的时间）',
})
export class OrderBurden {
  @Field({ description: '统计范围，如 全市、琚湾镇' }) scope: string;
  @Field({ description: '起始月份 YYYY-MM' }) fromMonth: string;
  @Field({ description: '截止月份 YYYY-MM' }) toMonth: string;
  @Field(() => [OrderMonth], { description: '按月：派发到村、接收、超时接收、办结' }) months: OrderMonth[];
  @Field(() => Int, { description: '期间派发到村的派单（村次）' }) orders: number;
  @Field(() => [VillageOrders], { description: '指定月份收到派单最多的村' }) villages: VillageOrders[];
  @Field(() => Int, { description: '接收超时：期间派发后超过一天才接收的，加上至今超过一天仍未接收的' }) lateReceipts: number;
  @Field(() => Int, { description: '其中至今超过一天仍未接收的' }) notReceived: number;
  @Field(() => Int, { description: '期间准入的派单随单下沉的经费（元）' }) fundsYuan: number;
  @Field(() => [DepartmentOrderFunds], { description: '各部门随派单下沉的经费' }) fundsByDepartment: DepartmentOrderFunds[];
  @Field(() => Int, { description: '因要求不明确被退回的派单（次）' }) unclearReturns: number;
  @Field(() => [DepartmentOrderCount], { description: '各部门因要求不明确被退回的派单（次）' })
  unclearReturnsByDepartment: DepartmentOrderCount[];
  @Field(() => Int, { description: '反映部门在平台外派单的投诉' }) outsideOrderComplaints: number;
}
