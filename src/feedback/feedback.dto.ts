import { ArgsType, Extensions, Field, InputType, Int } from '@nestjs/graphql';
import { IsBoolean, IsEnum, IsInt, IsNotEmpty, IsOptional, MaxLength, Min } from 'class-validator';
import { PageArgs, Paginated } from '../common/paging.js';
import { ComplaintKind, Feedback, FeedbackStatus, FeedbackType } from './feedback.entity.js';

@InputType({ description: '提出反馈：投诉须选择类别；可注明被反映的部门、表格' })
export class FileFeedbackInput {
  @Field(() => FeedbackType) @IsEnum(FeedbackType) type: FeedbackType;
  @Field(() => ComplaintKind, { nullable: true }) @IsOptional() @IsEnum(ComplaintKind) complaintKind?: ComplaintKind;
  @Field() @IsNotEmpty({ message: '标题不能为空' }) @MaxLength(100, { message: '标题最多 100 个字' }) title: string;
  @Field()
  @Extensions({ maxLength: 4000 })
  @IsNotEmpty({ message: '内容不能为空' })
  @MaxLength(4000, { message: '内容最多 4000 个字' })
  content: string;
  @Field(() => Int, { nullable: true }) @IsOptional() @IsInt() departmentId?: number;
  @Field(() => Int, { nullable: true }) @IsOptional() @IsInt() @Min(1, { message: '表格编号无效' }) formId?: number;
  @Field(() => Int, {
    nullable: true,
    description: '被反映的公开清单事项（现行的，如“要求村里开具清单内的证明”时所指的证明）',
  })
  @IsOptional()
  @IsInt()
  publicListItemId?: number;
}

@InputType()
export class FeedbackFilterInput {
  @Field(() => FeedbackStatus, { nullable: true }) @IsOptional() @IsEnum(FeedbackStatus) status?: FeedbackStatus;
  @Field(() => FeedbackType, { nullable: true }) @IsOptional() @IsEnum(FeedbackType) type?: FeedbackType;
  @Field(() => ComplaintKind, { nullable: true }) @IsOptional() @IsEnum(ComplaintKind) complaintKind?: ComplaintKind;
  @Field(() => Int, { nullable: true }) @IsOptional() @IsInt() departmentId?: number;
  @Field(() => Int, { nullable: true }) @IsOptional() @IsInt() villageId?: number;
  @Field(() => Int, { nullable: true }) @IsOptional() @IsInt() townId?: number;
  @Field(() => Boolean, { nullable: true, description: 'true：只看监测点村的反馈；false：只看其他' })
  @IsOptional()
  @IsBoolean()
  monitoringPoint?: boolean;
  @Field(() => String, { nullable: true, description: '搜索：标题或内容的一部分' })
  @IsOptional()
  @MaxLength(64)
  search?: string;
}

@ArgsType()
export class FeedbackListArgs extends PageArgs {
  @Field(() => FeedbackFilterInput, { nullable: true }) @IsOptional() filter?: FeedbackFilterInput;
}

export const FeedbackPage = Paginated(Feedback, 'FeedbackPage');
