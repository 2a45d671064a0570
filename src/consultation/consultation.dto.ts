import { ArgsType, Extensions, Field, InputType, Int, ObjectType } from '@nestjs/graphql';
import { ArrayMaxSize, IsEnum, IsInt, IsOptional, MaxLength } from 'class-validator';
import { PageArgs, Paginated } from '../common/paging.js';
import { ConsultationAnswer } from './consultation-recipient.entity.js';
import { Consultation, ConsultationStatus } from './consultation.entity.js';

export const ConsultationPage = Paginated(Consultation, 'ConsultationPage');

@InputType({ description: '发起征求意见：草稿、截止时间、被征求意见的镇或村' })
export class CreateConsultationInput {
  @Field({ description: '标题' })
  @MaxLength(100, { message: '标题最多 100 个字' })
  title: string;
  @Field({ description: '草稿内容（表单说明或派单正文）' })
  @Extensions({ maxLength: 5000 })
  @MaxLength(5000, { message: '草稿内容最多 5000 个字' })
  draft: string;
  @Field(() => Int, { nullable: true, description: '所征求意见的本部门表单（可空）' })
  @IsOptional()
  @IsInt()
  formId?: number;
  @Field({ description: '反馈截止时间' })
  dueAt: Date;
  @Field(() => [Int], { description: '被征求意见的镇(街道)或村(社区)编号' })
  @ArrayMaxSize(1000, { message: '一次最多向 1000 个镇村征求意见' })
  regionIds: number[];
}

@InputType({ description: '反馈意见：同意、修改建议（须写明）或无意见' })
export class AnswerConsultationInput {
  @Field(() => Int)
  @IsInt()
  consultationId: number;
  @Field(() => ConsultationAnswer)
  @IsEnum(ConsultationAnswer)
  answer: ConsultationAnswer;
  @Field(() => String, { nullable: true, description: '意见或建议；选“有修改建议”时必填' })
  @IsOptional()
  @MaxLength(2000, { message: '意见最多 2000 个字' })
  comment?: string;
}

@ArgsType()
export class ConsultationsArgs extends PageArgs {
  @Field(() => ConsultationStatus, { nullable: true })
  @IsOptional()
  @IsEnum(ConsultationStatus)
  status?: ConsultationStatus;
}

@ObjectType({ description: '征求意见的表单草稿（发起时的版本）' })
export class ConsultationFormDraft {
  @Field() title: string;
  @Field(() => [String], { description: '字段名称' }) fields: string[];
}
