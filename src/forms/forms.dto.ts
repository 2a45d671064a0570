import { ArgsType, Field, Float, InputType, Int, registerEnumType } from '@nestjs/graphql';
import { IsEnum, IsOptional, MaxLength } from 'class-validator';
import { ValueType } from '../catalog/value-type.js';
import { PageArgs, Paginated } from '../common/paging.js';
import { FieldSection } from './form-field.entity.js';
import { Form, FormStatus, Frequency, TargetLevel } from './form.entity.js';
import { FormSort } from './forms.service.js';

registerEnumType(FormSort, { name: 'FormSort', description: '表单列表排序：名称、状态、填报层级、更新时间' });

export const FormPage = Paginated(Form, 'FormPage');

@InputType({ description: '字段定义' })
export class FieldInput {
  @Field(() => String, { nullable: true, description: '字段键：字母开头，字母数字下划线；不填则由标签的拼音生成（表内唯一）' })
  @IsOptional()
  key?: string | null;
  @Field()
  label: string;
  @Field(() => ValueType)
  valueType: ValueType;
  @Field(() => Boolean, { nullable: true })
  @IsOptional()
  required?: boolean;
  @Field(() => FieldSection, { nullable: true, defaultValue: FieldSection.VILLAGE })
  section: FieldSection;
  @Field(() => Int, { nullable: true, description: '绑定的数据元 id' })
  @IsOptional()
  elementId?: number;
  @Field(() => [String], { nullable: true })
  @IsOptional()
  options?: string[];
  @Field(() => Float, { nullable: true })
  @IsOptional()
  min?: number;
  @Field(() => Float, { nullable: true })
  @IsOptional()
  max?: number;
  @Field(() => Int, { nullable: true })
  @IsOptional()
  maxLength?: number;
  @Field(() => Int, { nullable: true, description: '仅身份证号（行键）字段：提交时居民明细至少的行数' })
  @IsOptional()
  minRows?: number;
  @Field(() => String, {
    nullable: true,
    description: '仅身份证号（行键）字段：居民明细行数须等于的表头整数字段的键（该字段尚无键时可写它的标签）',
  })
  @IsOptional()
  rowCountKey?: string;
}

@InputType()
export class CreateFormInput {
  @Field()
  title: string;
  @Field(() => String, { nullable: true })
  @IsOptional()
  description?: string;
  @Field(() => Int, { description: '职责清单事项 id' })
  dutyItemId: number;
  @Field(() => TargetLevel)
  targetLevel: TargetLevel;
  @Field(() => Frequency)
  frequency: Frequency;
  @Field(() => [FieldInput])
  fields: FieldInput[];
}

@InputType()
export class UpdateFormInput {
  @Field(() => String, { nullable: true })
  @IsOptional()
  title?: string;
  @Field(() => String, { nullable: true })
  @IsOptional()
  description?: string;
  @Field(() => Int, { nullable: true })
  @IsOptional()
  dutyItemId?: number;
  @Field(() => TargetLevel, { nullable: true })
  @IsOptional()
  targetLevel?: TargetLevel;
  @Field(() => Frequency, { nullable: true })
  @IsOptional()
  frequency?: Frequency;
  @Field(() => [FieldInput], { nullable: true, description: '给出则整体替换字段' })
  @IsOptional()
  fields?: FieldInput[];
}

@ArgsType()
export class FormsArgs extends PageArgs {
  @Field(() => FormStatus, { nullable: true })
  @IsOptional()
  status?: FormStatus;
  @Field(() => Int, { nullable: true })
  @IsOptional()
  departmentId?: number;
  @Field(() => Int, { nullable: true })
  @IsOptional()
  dutyItemId?: number;
  @Field(() => TargetLevel, { nullable: true })
  @IsOptional()
  targetLevel?: TargetLevel;
  @Field(() => String, { nullable: true, description: '按名称查找（按字面匹配）' })
  @IsOptional()
  @MaxLength(64)
  query?: string;
  @Field(() => FormSort, { nullable: true, description: '排序字段，默认新建的在前' })
  @IsOptional()
  @IsEnum(FormSort)
  sort?: FormSort;
  @Field(() => Boolean, { nullable: true, description: 'true 为降序' })
  @IsOptional()
  descending?: boolean;
}
