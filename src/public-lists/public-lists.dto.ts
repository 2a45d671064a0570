import { Field, InputType } from '@nestjs/graphql';
import { IsEnum, IsOptional, MaxLength } from 'class-validator';
import { NameplateCategory } from './public-list-item.entity.js';

@InputType({
  description: '清单事项：证明事项填名称、依据、替代方式；挂牌标准填名称、类别；说明可选。修改时不传的项不变',
})
export class PublicListItemInput {
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(64, { message: '名称最多 64 个字' }) name?: string;
  @Field(() => NameplateCategory, { nullable: true })
  @IsOptional()
  @IsEnum(NameplateCategory, { message: '挂牌类别无效' })
  category?: NameplateCategory | null;
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(200, { message: '依据最多 200 个字' }) basis?: string | null;
  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(200, { message: '替代方式最多 200 个字' })
  alternative?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(200, { message: '说明最多 200 个字' }) note?: string | null;
}
