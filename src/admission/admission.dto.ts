import { ArgsType, Field, Float, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { IsEnum, IsOptional, MaxLength } from 'class-validator';
import { PageArgs, Paginated } from '../common/paging.js';
import { AdmissionRequest, RequestStatus } from './admission-request.entity.js';
import { AdmissionRequestSort, ReviewDecision } from './admission.service.js';
import { ReturnCategory, WorkOrderKind } from './order-kind.js';

registerEnumType(ReviewDecision, { name: 'ReviewDecision', description: '准入、不予准入、退回修改' });

export const AdmissionRequestPage = Paginated(AdmissionRequest, 'AdmissionRequestPage');

@InputType({ description: '准入申请：三个明确 + 依据 + 必要性' })
export class SubmitAdmissionInput {
  @Field(() => Int)
  formId: number;
  @Field({ description: '部门做什么' })
  departmentDoes: string;
  @Field({ description: '村(社区)做什么' })
  villageDoes: string;
  @Field({ description: '部门提供什么支持' })
  departmentSupport: string;
  @Field({ description: '法律或政策依据' })
  legalBasis: string;
  @Field({ description: '必要性说明' })
  justification: string;
  @Field(() => Int, { nullable: true, description: '附上本部门的一次征求意见（可空）' })
  @IsOptional()
  consultationId?: number;
}

@InputType()
export class ReviewAdmissionInput {
  @Field(() => Int)
  id: number;
  @Field(() => ReviewDecision)
  decision: ReviewDecision;
  @Field(() => String, { nullable: true, description: '审核意见；退回、不予准入、突破上限时必填' })
  @IsOptional()
  @MaxLength(2000)
  comment?: string;
  @Field(() => Boolean, { nullable: true, description: '突破村级表单上限（需写明理由）' })
  @IsOptional()
  overrideCap?: boolean;
  @Field(() => ReturnCategory, { nullable: true, description: '退回原因类别；退回派单时必填，退回表单时可选' })
  @IsOptional()
  @IsEnum(ReturnCategory)
  returnCategory?: ReturnCategory;
}

registerEnumType(AdmissionRequestSort, {
  name: 'AdmissionRequestSort',
  description: '准入申请排序：提交时间、审核时间、状态、每年手填项数',
});

@ArgsType()
export class AdmissionRequestsArgs extends PageArgs {
  @Field(() => String, { nullable: true, description: '搜索：表单名称或申请部门名称的一部分（按字面匹配）' })
  @IsOptional()
  @MaxLength(64)
  search?: string;
  @Field(() => AdmissionRequestSort, { nullable: true, description: '排序字段，默认按提交先后（新的在前）' })
  @IsOptional()
  @IsEnum(AdmissionRequestSort)
  sort?: AdmissionRequestSort;
  @Field(() => Boolean, { nullable: true, description: 'true 为降序' })
  @IsOptional()
  descending?: boolean;
  @Field(() => RequestStatus, { nullable: true })
  @IsOptional()
  status?: RequestStatus;
  @Field(() => WorkOrderKind, { nullable: true, description: '只看某一类：报表（表单）或某类派单' })
  @IsOptional()
  @IsEnum(WorkOrderKind)
  kind?: WorkOrderKind;
  @Field(() => Int, { nullable: true })
  @IsOptional()
  departmentId?: number;
  @Field(() => Int, { nullable: true })
  @IsOptional()
  dutyItemId?: number;
  @Field(() => Int, { nullable: true })
  @IsOptional()
  formId?: number;
}

@ObjectType()
export class FormRefReport {
  @Field(() => Int) formId: number;
  @Field() title: string;
  @Field() departmentName: string;
}

@ObjectType({ description: '逐字段分析' })
export class FieldReportType {
  @Field() key: string;
  @Field() label: string;
  @Field(() => Int, { nullable: true }) elementId: number | null;
  @Field(() => String, { nullable: true }) elementName: string | null;
  @Field(() => [FormRefReport], { description: '已在采集同一数据元的生效表单' }) sharedWith: FormRefReport[];
  @Field(() => Float, { description: '共享数据库已有现值的目标单位占比 0–1' }) coverage: number;
  @Field({ description: '能否自动带出（无需手填）' }) autofillable: boolean;
}

@ObjectType({ description: '与生效表单的重合' })
export class FormOverlapType {
  @Field(() => Int) formId: number;
  @Field() title: string;
  @Field(() => Int) departmentId: number;
  @Field() departmentName: string;
  @Field(() => Float, { description: '数据元集合 Jaccard 相似度' }) jaccard: number;
  @Field(() => [String]) sharedElements: string[];
  @Field(() => [String]) sharedFieldKeys: string[];
  @Field({ description: '建议合并（同类事项合并报）' }) mergeSuggested: boolean;
}

@ObjectType({ description: '基层负担' })
export class BurdenType {
  @Field(() => Int, { description: '目标单位数（村或镇）' }) targetUnits: number;
  @Field(() => Int) fillsPerYear: number;
  @Field(() => Int) totalFields: number;
  @Field(() => Int, { description: '需手工填写的字段数' }) manualFields: number;
  @Field(() => Int, { description: '每年手工填报项数' }) annualEntries: number;
}

@ObjectType({ description: '提交时计算并保存的重合与负担分析' })
export class AnalysisType {
  @Field(() => [FieldReportType]) fields: FieldReportType[];
  @Field(() => [FormOverlapType]) overlaps: FormOverlapType[];
  @Field(() => BurdenType) burden: BurdenType;
  @Field(() => Float) mergeThreshold: number;
  @Field(() => Float) maxOverlap: number;
}

@ObjectType({ description: '村级表单上限' })
export class CapStatus {
  @Field(() => Int) cap: number;
  @Field(() => Int) activeVillageForms: number;
}
