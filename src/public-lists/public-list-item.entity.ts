import { Field, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

export enum PublicList {
  CERTIFICATE = 'CERTIFICATE',
  NAMEPLATE = 'NAMEPLATE',
}
registerEnumType(PublicList, {
  name: 'PublicList',
  description: '公开清单',
  valuesMap: {
    CERTIFICATE: { description: '村(社区)不应出具的证明事项' },
    NAMEPLATE: { description: '村级组织挂牌标准' },
  },
});

export enum NameplateCategory {
  REQUIRED = 'REQUIRED',
  OPTIONAL = 'OPTIONAL',
  SIGN = 'SIGN',
}
registerEnumType(NameplateCategory, {
  name: 'NameplateCategory',
  description: '挂牌类别（“4+8+2”）',
  valuesMap: {
    REQUIRED: { description: '必挂：村级组织机构牌' },
    OPTIONAL: { description: '可挂：按实际设置的功能场所牌' },
    SIGN: { description: '统一标识' },
  },
});

/**
 * One item of a list the office publishes (政务公开): a certificate villages may not be asked to issue
 * (name, basis, what to do instead) or a plate a village may hang (name, category). Retired items stay
 * (complaints may name them) but are no longer published.
 */
@ObjectType({ description: '公开清单事项：不应由村(社区)出具的证明，或村级组织挂牌标准中的一块牌子' })
@Entity('public_list_item')
@Index('uq_public_list_item_name', ['list', 'name'], { unique: true })
@Index('idx_public_list_item_order', ['list', 'sortOrder'])
export class PublicListItem {
  @Field(() => Int)
  @PrimaryGeneratedColumn()
  id: number;

  @Field(() => PublicList)
  @Column({ type: 'varchar', length: 12 })
  list: PublicList;

  @Field({ description: '名称：证明名称或牌子名称' })
  @Column({ type: 'varchar', length: 64 })
  name: string;

  @Field(() => NameplateCategory, { nullable: true, description: '挂牌类别（只用于挂牌标准）' })
  @Column({ type: 'varchar', length: 12, nullable: true })
  category: NameplateCategory | null;

  @Field(() => String, { nullable: true, description: '依据（只用于证明事项）' })
  @Column({ type: 'varchar', length: 200, nullable: true })
  basis: string | null;

  @Field(() => String, { nullable: true, description: '替代方式：群众或部门应当怎么办（只用于证明事项）' })
  @Column({ type: 'varchar', length: 200, nullable: true })
  alternative: string | null;

  @Field(() => String, { nullable: true, description: '说明' })
  @Column({ type: 'varchar', length: 200, nullable: true })
  note: string | null;

  @Field(() => Int, { description: '在清单中的顺序（从 1 起）' })
  @Column({ type: 'int' })
  sortOrder: number;

  @Field(() => Date, { nullable: true, description: '停用时间；停用的事项不再公开，也不能在新投诉中选择' })
  @Column({ type: 'datetime', nullable: true })
  retiredAt: Date | null;

  @Field()
  @CreateDateColumn({ type: 'datetime' })
  createdAt: Date;

  @Field()
  @UpdateDateColumn({ type: 'datetime' })
  updatedAt: Date;
}
