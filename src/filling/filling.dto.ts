import { Extensions, Field, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { IsOptional } from 'class-validator';
import { SubmissionDecision } from './filling.service.js';

registerEnumType(SubmissionDecision, {
  name: 'SubmissionDecision',
  description: 'ACCEPT 通过（数据写回共享库）；RETURN 退回（须写明理由）',
});

@InputType()
export class FieldValueInput {
  @Field({ description: '字段键' })
  key: string;
  /** A text field may allow up to 5000 characters (field-definitions.ts). */
  @Field(() => String, { nullable: true })
  @Extensions({ maxLength: 5000 })
  @IsOptional()
  value?: string | null;
}

@InputType({ description: '居民明细的一行：含身份证号字段，或用 fromRow 沿用已保存版本中某行的身份证号' })
export class ResidentRowInput {
  @Field(() => [FieldValueInput])
  values: FieldValueInput[];
  @Field(() => Int, { nullable: true, description: '沿用已保存版本第几行（从 0 起）的身份证号：修改退回的表时不必重新录入完整号码' })
  @IsOptional()
  fromRow?: number;
}

@InputType()
export class SaveSubmissionInput {
  @Field(() => Int)
  assignmentId: number;
  @Field({ description: '本次保存操作的唯一编号（客户端生成，重试时沿用）：重复提交只生效一次' })
  clientId: string;
  @Field(() => Int, { description: '所基于的版本号（首次保存为 0）：他人已先修改则返回 CONFLICT 与当前版本' })
  expectedVersion: number;
  @Field(() => [FieldValueInput], { nullable: true, description: '表头字段' })
  @IsOptional()
  values?: FieldValueInput[];
  @Field(() => [ResidentRowInput], { nullable: true, description: '居民明细行' })
  @IsOptional()
  rows?: ResidentRowInput[];
  @Field(() => Boolean, { nullable: true, description: 'true 提交（全部校验），否则保存草稿' })
  @IsOptional()
  submit?: boolean;
}

@ObjectType()
export class FieldValue {
  @Field()
  key: string;
  @Field(() => String, { nullable: true })
  value: string | null;
}

@ObjectType('SubmissionRow', { description: '居民明细的一行（身份证号仅显示脱敏形式）' })
export class RowView {
  @Field(() => Int)
  index: number;
  @Field(() => String, { nullable: true })
  idMasked: string | null;
  @Field(() => [FieldValue])
  values: FieldValue[];
}
