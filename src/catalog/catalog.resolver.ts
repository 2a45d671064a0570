import { Args, Field, Float, InputType, Int, Mutation, ObjectType, Query, Resolver } from '@nestjs/graphql';
import { IsOptional } from 'class-validator';
import { Role } from '../common/auth-user.js';
import { Ctx, Roles } from '../common/decorators.js';
import type { RequestContext } from '../common/request-context.js';
import { CatalogService } from './catalog.service.js';
import { DataElement } from './data-element.entity.js';
import { Subject, ValueType } from './value-type.js';

@ObjectType({ description: '绑定建议：与标签相似的数据元' })
export class ElementSuggestion {
  @Field(() => DataElement)
  element: DataElement;
  @Field(() => Float, { description: '相似度 0–1' })
  score: number;
}

@InputType()
class DataElementInput {
  @Field(() => String, { nullable: true, description: '编码，如 village.wells（创建时必填，之后不可改）' })
  @IsOptional()
  code?: string;
  @Field(() => String, { nullable: true })
  @IsOptional()
  name?: string;
  @Field(() => Subject, { nullable: true })
  @IsOptional()
  subject?: Subject;
  @Field(() => ValueType, { nullable: true })
  @IsOptional()
  valueType?: ValueType;
  @Field(() => String, { nullable: true })
  @IsOptional()
  unit?: string;
  @Field(() => [String], { nullable: true })
  @IsOptional()
  options?: string[];
  @Field(() => Float, { nullable: true })
  @IsOptional()
  minValue?: number;
  @Field(() => Float, { nullable: true })
  @IsOptional()
  maxValue?: number;
  @Field(() => String, { nullable: true })
  @IsOptional()
  description?: string;
}

@Resolver(() => DataElement)
export class CatalogResolver {
  constructor(private readonly catalog: CatalogService) {}

  @Query(() => [DataElement], { description: '数据元目录' })
  dataElements(@Args('subject', { type: () => Subject, nullable: true }) subject?: Subject) {
    return this.catalog.list(subject);
  }

  @Query(() => DataElement)
  dataElement(@Ctx() ctx: RequestContext, @Args('id', { type: () => Int }) id: number) {
    return this.catalog.get(ctx, id);
  }

  @Query(() => [ElementSuggestion], { description: '按标签推荐可绑定的数据元（全角/半角、标点归一后按字符二元组相似度排序）' })
  suggestDataElements(
    @Ctx() ctx: RequestContext,
    @Args('label') label: string,
    @Args('subject', { type: () => Subject, nullable: true }) subject?: Subject,
    @Args('limit', { type: () => Int, nullable: true }) limit?: number,
  ) {
    return this.catalog.suggest(ctx, label, subject, limit ?? 5);
  }

  @Roles(Role.ADMIN)
  @Mutation(() => DataElement, { description: '新增数据元（管理员）' })
  createDataElement(@Ctx() ctx: RequestContext, @Args('input') input: DataElementInput) {
    return this.catalog.create(ctx, input);
  }

  @Roles(Role.ADMIN)
  @Mutation(() => DataElement, {
    description: '设置数据元的别名（管理员）：导入文件中代表本数据元的其他列名；与其他数据元的名称、编码或别名相同时为 CONFLICT',
  })
  setDataElementAliases(
    @Ctx() ctx: RequestContext,
    @Args('id', { type: () => Int }) id: number,
    @Args('aliases', { type: () => [String] }) aliases: string[],
  ) {
    return this.catalog.setAliases(ctx, id, aliases);
  }

  @Roles(Role.ADMIN)
  @Mutation(() => DataElement, { description: '修改数据元（管理员；编码与主体不可改）' })
  updateDataElement(@Ctx() ctx: RequestContext, @Args('id', { type: () => Int }) id: number, @Args('input') input: DataElementInput) {
    return this.catalog.update(ctx, id, input);
  }
}
