import { ArgsType, Field, InputType, Int } from '@nestjs/graphql';
import { IsEnum, IsOptional, MaxLength } from 'class-validator';
import { WorkOrderKind } from '../admission/order-kind.js';
import { StrictDate } from '../common/date-scalars.js';
import { PageArgs, Paginated } from '../common/paging.js';
import { WorkOrder, WorkOrderStatus } from './work-order.entity.js';

export const WorkOrderPage = Paginated(WorkOrder, 'WorkOrderPage');

@InputType({
  description:
    '派单：类型、要求、三个明确（部门做什么、村做什么、部门提供什么支持）、依据与必要性、期限、派往的镇(街道)。支持逐项填写：资金（元，不下拨填 0）、人员、物资（没有写“无”），不得留空',
})
export class WorkOrderInput {
  @Field(() => WorkOrderKind, { description: '工作任务、督查考核、会议活动或开具证明（报表请走表单准入）' })
  kind: WorkOrderKind;
  @Field({ description: '标题' })
  title: string;
  @Field({ description: '具体要求' })
  content: string;
  @Field(() => Int, { description: '所属职责事项：负面清单事项直接拒绝' })
  dutyItemId: number;
  @Field({ description: '部门做什么' })
  departmentDoes: string;
  @Field({ description: '村(社区)做什么' })
  villageDoes: string;
  @Field({ description: '法律或政策依据' })
  legalBasis: string;
  @Field({ description: '必要性说明' })
  justification: string;
  @Field(() => Int, { nullable: true, description: '随单下拨资金（元）；不下拨填 0，不能留空' })
  @IsOptional()
  fundsYuan?: number | null;
  @Field(() => String, { nullable: true, description: '部门提供的人员；没有写“无”，不能留空' })
  @IsOptional()
  supportStaff?: string | null;
  @Field(() => String, { nullable: true, description: '部门提供的物资、设备、资料；没有写“无”，不能留空' })
  @IsOptional()
  supportMaterials?: string | null;
  @Field(() => String, { nullable: true, description: '其他支持（可选）' })
  @IsOptional()
  supportOther?: string | null;
  @Field(() => StrictDate, { nullable: true, description: '完成期限 YYYY-MM-DD，不早于今天' })
  @IsOptional()
  deadline?: string | null;
  @Field(() => [Int], { description: '派往的镇(街道)：由各镇(街道)再派发到所属村(社区)' })
  townIds: number[];
  @Field(() => Boolean, { nullable: true, description: '办结时是否须提交佐证材料（默认否；不得默认要求拍照留痕）' })
  @IsOptional()
  evidenceRequired?: boolean | null;
  @Field(() => String, { nullable: true, description: '须提交哪些佐证材料（要求佐证时必填）' })
  @IsOptional()
  evidenceNote?: string | null;
}

@InputType({ description: '镇(街道)派发：选本镇(街道)的村(社区)，可补充说明，可定更早的期限（不得晚于部门期限）' })
export class DispatchWorkOrderInput {
  @Field(() => Int)
  orderId: number;
  @Field(() => [Int], { description: '本镇(街道)所属的村(社区)' })
  villageIds: number[];
  @Field(() => String, { nullable: true, description: '补充说明' })
  @IsOptional()
  note?: string | null;
  @Field(() => StrictDate, { nullable: true, description: '期限 YYYY-MM-DD：不早于今天、不晚于部门期限；空为沿用部门期限' })
  @IsOptional()
  deadline?: string | null;
}

@InputType({ description: '村(社区)报告办结：简短说明；派单要求时附佐证材料' })
export class CompleteWorkOrderInput {
  @Field(() => Int)
  orderId: number;
  @Field({ description: '办结情况（简短说明）' })
  note: string;
  @Field(() => String, { nullable: true, description: '佐证材料（派单要求时必填：材料名称、编号或链接）' })
  @IsOptional()
  evidence?: string | null;
}

@ArgsType()
export class WorkOrdersArgs extends PageArgs {
  @Field(() => WorkOrderKind, { nullable: true })
  @IsOptional()
  @IsEnum(WorkOrderKind)
  kind?: WorkOrderKind;
  @Field(() => WorkOrderStatus, { nullable: true })
  @IsOptional()
  @IsEnum(WorkOrderStatus)
  status?: WorkOrderStatus;
  @Field(() => String, { nullable: true, description: '搜索：标题的一部分（按字面匹配）' })
  @IsOptional()
  @MaxLength(64)
  search?: string;
  @Field(() => Boolean, {
    nullable: true,
    description: '只看待我办理的：镇(街道)为待派发，村(社区)为待接收或办理中；部门和减负办为待审核',
  })
  @IsOptional()
  awaitingMe?: boolean;
}
