import { Field, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export enum RegionLevel {
  CITY = 'CITY',
  TOWN = 'TOWN',
  VILLAGE = 'VILLAGE',
}
registerEnumType(RegionLevel, { name: 'RegionLevel', description: '行政层级：市、镇(街道/管理区)、村(社区)' });

@ObjectType({ description: '行政区划：市 → 镇(办、区) → 村(社区)' })
@Entity('region')
@Index('idx_region_parent', ['parentId', 'level'])
@Index('idx_region_level_name', ['level', 'name'])
export class Region {
  @Field(() => Int)
  @PrimaryGeneratedColumn()
  id: number;

  @Field({ description: '12 位统计用区划代码' })
  @Index('uq_region_code', { unique: true })
  @Column({ type: 'varchar', length: 12 })
  code: string;

  @Field()
  @Column({ type: 'varchar', length: 64 })
  name: string;

  @Field(() => RegionLevel)
  @Column({ type: 'varchar', length: 10 })
  level: RegionLevel;

  @Field(() => Int, { nullable: true })
  @Column({ type: 'int', nullable: true })
  parentId: number | null;

  @Field({ description: '全拼（小写、无空格），用于检索' })
  @Column({ type: 'varchar', length: 255 })
  pinyin: string;

  @Field({ description: '拼音首字母，如 新集村 → xjc' })
  @Column({ type: 'varchar', length: 64 })
  initials: string;

  @Field({ description: '是否为减负监测点村' })
  @Column({ type: 'boolean', default: false })
  monitoringPoint: boolean;

  @Field(() => Int, { nullable: true, description: '常住人口（演示数据中的近似值）' })
  @Column({ type: 'int', nullable: true })
  population: number | null;

  @CreateDateColumn({ type: 'datetime' })
  createdAt: Date;
}
