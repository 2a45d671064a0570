import { Field, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

export enum TargetLevel {
  VILLAGE = 'VILLAGE',
  TOWN = 'TOWN',
}
registerEnumType(TargetLevel, { name: 'TargetLevel', description: '填报层级：村(社区) 或 镇(街道)' });

export enum Frequency {
  ONCE = 'ONCE',
  MONTHLY = 'MONTHLY',
  QUARTERLY = 'QUARTERLY',
  HALF_YEARLY = 'HALF_YEARLY',
  YEARLY = 'YEARLY',
}
registerEnumType(Frequency, { name: 'Frequency', description: '报送频次：一次性、每月、每季、每半年、每年' });

/** How many times a year a form is filled, for the burden figure. */
export const FILLS_PER_YEAR: Record<Frequency, number> = { ONCE: 1, MONTHLY: 12, QUARTERLY: 4, HALF_YEARLY: 2, YEARLY: 1 };

export enum FormStatus {
  DRAFT = 'DRAFT',
  PENDING = 'PENDING',
  RETURNED = 'RETURNED',
  ACTIVE = 'ACTIVE',
  REJECTED = 'REJECTED',
  RETIRED = 'RETIRED',
}
registerEnumType(FormStatus, {
  name: 'FormStatus',
  description: '草稿、待审核、退回修改、已准入(生效)、不予准入、已退出',
});

/** A department's form; its fields live in versions. Only an ACTIVE form may be sent to the grassroots. */
@ObjectType({ description: '表单' })
@Entity('form')
@Index('idx_form_department_status', ['departmentId', 'status'])
@Index('idx_form_status_level', ['status', 'targetLevel'])
@Index('idx_form_duty_item', ['dutyItemId'])
export class Form {
  @Field(() => Int)
  @PrimaryGeneratedColumn()
  id: number;

  @Field({ description: '表单名称' })
  @Column({ type: 'varchar', length: 128 })
  title: string;

  @Field(() => String, { nullable: true })
  @Column({ type: 'varchar', length: 500, nullable: true })
  description: string | null;

  @Field(() => Int)
  @Column({ type: 'int' })
  departmentId: number;

  @Field(() => Int)
  @Column({ type: 'int' })
  dutyItemId: number;

  @Field(() => TargetLevel)
  @Column({ type: 'varchar', length: 10 })
  targetLevel: TargetLevel;

  @Field(() => Frequency)
  @Column({ type: 'varchar', length: 12 })
  frequency: Frequency;

  @Field(() => FormStatus)
  @Column({ type: 'varchar', length: 10 })
  status: FormStatus;

  /** The latest version: being edited (DRAFT/RETURNED), under review (PENDING) or in force (ACTIVE). */
  @Field(() => Int, { nullable: true })
  @Column({ type: 'int', nullable: true })
  currentVersionId: number | null;

  @Field(() => Int, { description: '当前版本号' })
  @Column({ type: 'int', default: 0 })
  currentVersionNo: number;

  @Column({ type: 'int' })
  createdBy: number;

  @Field()
  @CreateDateColumn({ type: 'datetime' })
  createdAt: Date;

  @Field()
  @UpdateDateColumn({ type: 'datetime' })
  updatedAt: Date;
}
