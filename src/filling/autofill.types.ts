import { Field, InputType, Int, ObjectType } from '@nestjs/graphql';
import { IsInt, IsOptional, IsString, MaxLength } from 'class-validator';
import { FactSource } from '../records/fact.entity.js';

@InputType({ description: '村(社区)：给 id，或给村名（重名时加镇名）' })
export class VillageRefInput {
  @Field(() => Int, { nullable: true })
  @IsOptional()
  @IsInt()
  id?: number;

  @Field(() => String, { nullable: true, description: '村名，如 土铺村' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  name?: string;

  @Field(() => String, { nullable: true, description: '所属镇(街道)名，村名重名时必填' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  town?: string;
}

@ObjectType()
export class VillageInfo {
  @Field(() => Int)
  id: number;
  @Field()
  code: string;
  @Field()
  name: string;
  @Field(() => String, { nullable: true })
  town: string | null;
}

@ObjectType({ description: '带来源的当前值' })
export class FilledValue {
  @Field({ description: '表单字段的 key（按数据元查询时为数据元编码）' })
  key: string;
  @Field()
  elementCode: string;
  @Field()
  elementName: string;
  @Field(() => String, { nullable: true, description: '当前值；库中没有时为空' })
  value: string | null;
  @Field(() => String, { nullable: true, description: '数据元的计量单位，如 亩、人、万元；没有时为空' })
  unit: string | null;
  @Field(() => String, { nullable: true, description: '给人看的当前值：是/否，数值带单位（如 1200亩）；填表请用 value' })
  text: string | null;
  @Field({ description: '是否找到了数据' })
  found: boolean;
  @Field({ description: '是否由身份证号推导（性别、出生日期）' })
  derived: boolean;
  @Field(() => FactSource, { nullable: true })
  source: FactSource | null;
  @Field(() => String, { nullable: true, description: '来源引用，如 import_batch:3、submission:12' })
  sourceRef: string | null;
  @Field(() => String, { nullable: true, description: '数据日期（该值截至哪天）' })
  asOf: string | null;
  @Field({ description: '数据日期早于本期开始日期：请核实后再用' })
  stale: boolean;
  @Field({ description: '按本账号的个人信息权限脱敏显示（电话中间打星、出生日期只显示年份）：不可原样填入表中' })
  masked: boolean;
}

@ObjectType({ description: '按身份证号自动填写的一行居民数据' })
export class ResidentRow {
  @Field(() => Int, { description: '在输入的身份证号列表中的位置（从 0 起）' })
  index: number;
  @Field()
  valid: boolean;
  @Field(() => String, { nullable: true, description: '身份证号无效或无权查看的原因' })
  reason: string | null;
  @Field(() => String, { nullable: true, description: '脱敏身份证号' })
  idMasked: string | null;
  @Field({ description: '库中是否有该居民（且在本村）' })
  known: boolean;
  @Field(() => [FilledValue])
  values: FilledValue[];
}

@ObjectType({ description: '自动填写结果' })
export class AutofillResult {
  @Field(() => VillageInfo)
  village: VillageInfo;
  @Field(() => [FilledValue], { description: '村级字段' })
  values: FilledValue[];
  @Field(() => [ResidentRow], { description: '居民行，与输入的身份证号一一对应' })
  residents: ResidentRow[];
}

@ObjectType({ description: '居住地记录：某份文件或已通过的填报所说的居住村(社区)及其日期' })
export class ResidenceEntry {
  @Field(() => VillageInfo)
  village: VillageInfo;
  @Field({ description: '这条记录所属的日期（YYYY-MM-DD）' })
  asOf: string;
  @Field({ description: '是否为现居住地（最新的一条）' })
  current: boolean;
}

@ObjectType()
export class ResidentInfo {
  @Field()
  idMasked: string;
  @Field()
  gender: string;
  @Field()
  birthDate: string;
  @Field(() => VillageInfo, { nullable: true })
  village: VillageInfo | null;
  @Field(() => [ResidenceEntry], {
    description: '居住地记录，新的在前：旧文件只添记录、不改现居住地；只列出本账号权限范围内的村(社区)',
  })
  residences: ResidenceEntry[];
}

@ObjectType({ description: '一键查询：一个村或一位居民目前已知的全部数据' })
export class SubjectProfile {
  @Field({ description: 'VILLAGE 或 RESIDENT' })
  subjectType: string;
  @Field(() => VillageInfo, { nullable: true })
  village: VillageInfo | null;
  @Field(() => ResidentInfo, { nullable: true })
  resident: ResidentInfo | null;
  @Field(() => [FilledValue])
  values: FilledValue[];
}
