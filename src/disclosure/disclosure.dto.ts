import { Field, InputType, ObjectType } from '@nestjs/graphql';
import { IsNotEmpty, IsOptional, Matches, MaxLength } from 'class-validator';
import { DutyItem } from '../duties/duty-item.entity.js';
import { TownContact } from './town-contact.entity.js';

@ObjectType({ description: '公开的镇(街道)联系方式，附镇名' })
export class PublicTownContact {
  @Field() townName: string;
  @Field(() => String, { nullable: true }) contactName: string | null;
  @Field(() => String, { nullable: true }) phone: string | null;
  @Field(() => String, { nullable: true }) address: string | null;
}

@ObjectType({ description: '政务公开：职责清单与各镇(街道)联系方式（无需登录）' })
export class PublicDisclosure {
  @Field(() => [DutyItem], { description: '主责、协助、负面清单的全部事项' }) duties: DutyItem[];
  @Field(() => [PublicTownContact], { description: '每个镇(街道)一行；未登记联系方式的镇也列出' }) contacts: PublicTownContact[];
  @Field(() => String, {
    nullable: true,
    description: '本页的对外地址（PUBLIC_URL + /public），二维码即编码此地址；未设置 PUBLIC_URL 时为空',
  })
  pageUrl: string | null;
}

@ObjectType({ description: '网站页脚（登录页与政务公开页）：主办单位、技术支持、ICP 备案号；未配置的项为空，页面不显示' })
export class SiteFooter {
  @Field(() => String, { nullable: true, description: '主办单位（SITE_SPONSOR）' }) sponsor: string | null;
  @Field(() => String, { nullable: true, description: '技术支持（SITE_TECH_SUPPORT）' }) techSupport: string | null;
  @Field(() => String, { nullable: true, description: 'ICP 备案号（SITE_ICP），链接到 https://beian.miit.gov.cn/' }) icpNumber:
    string | null;
}

@InputType()
export class TownContactInput {
  @Field() @IsNotEmpty({ message: '联系人不能为空' }) @MaxLength(32, { message: '联系人最多 32 个字' }) contactName: string;
  @Field() @Matches(/^[0-9+\-() ]{5,32}$/, { message: '电话只能包含数字、空格和 + - ( )，5 到 32 位' }) phone: string;
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(200, { message: '地址最多 200 个字' }) address?: string | null;
}

export { TownContact };
