import { ArgsType, Field, Int, ObjectType } from '@nestjs/graphql';
import type { Type } from '@nestjs/common';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

export const MAX_PAGE = 200;

@ArgsType()
export class PageArgs {
  @Field(() => Int, { nullable: true, description: `每页条数，默认 20，最多 ${MAX_PAGE}` })
  @IsOptional()
  @IsInt()
  @Min(1, { message: '每页至少 1 条' })
  @Max(MAX_PAGE, { message: `每页最多 ${MAX_PAGE} 条` })
  take?: number;

  @Field(() => Int, { nullable: true, description: '跳过条数' })
  @IsOptional()
  @IsInt()
  @Min(0, { message: 'skip 不能为负数' })
  skip?: number;
}

export function pageOf(args: PageArgs): { take: number; skip: number } {
  return { take: Math.min(args.take ?? 20, MAX_PAGE), skip: args.skip ?? 0 };
}

export interface Page<T> {
  items: T[];
  totalItems: number;
}

/** `{ items, totalItems }` list type for T. */
export function Paginated<T>(item: Type<T>, name: string): Type<Page<T>> {
  @ObjectType(name)
  class PageType {
    @Field(() => [item])
    items: T[];
    @Field(() => Int)
    totalItems: number;
  }
  return PageType as Type<Page<T>>;
}
