import { Field, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export enum AssignmentStatus {
  NOT_STARTED = 'NOT_STARTED',
  DRAFT = 'DRAFT',
  SUBMITTED = 'SUBMITTED',
  RETURNED = 'RETURNED',
  ACCEPTED = 'ACCEPTED',
}
registerEnumType(AssignmentStatus, { name: 'AssignmentStatus', description: '未开始、草稿、已提交待审核、已退回、已通过' });

/**
 * One village's (or, for town-level forms, one town's) share of a task. Town, department, form and
 * period are copied onto the row: scope filters and the "same form, same village, same period"
 * unique index then need no join.
 */
@ObjectType({ description: '下发到一个村(社区)或镇(街道)的填报任务' })
@Entity('assignment')
@Index('uq_assignment_form_region_period', ['formId', 'regionId', 'period'], { unique: true })
@Index('idx_assignment_task', ['taskId', 'status'])
@Index('idx_assignment_region_due', ['regionId', 'dueAt'])
@Index('idx_assignment_town_due', ['townId', 'dueAt'])
@Index('idx_assignment_department_due', ['departmentId', 'dueAt'])
@Index('idx_assignment_due_cover', ['dueAt', 'status', 'submittedAt', 'regionId', 'townId', 'departmentId']) // dashboards: index-only aggregates
export class Assignment {
  @Field(() => Int)
  @PrimaryGeneratedColumn()
  id: number;

  @Field(() => Int)
  @Column({ type: 'int' })
  taskId: number;

  @Column({ type: 'int' })
  formId: number;

  @Column({ type: 'varchar', length: 10 })
  period: string;

  @Column({ type: 'int' })
  departmentId: number;

  /** The village that fills it; for a town-level form, the town. */
  @Field(() => Int, { description: '填报单位：村(社区)；镇级表单为镇(街道)' })
  @Column({ type: 'int' })
  regionId: number;

  @Field(() => Int, { description: '所属镇(街道)' })
  @Column({ type: 'int' })
  townId: number;

  @Field(() => AssignmentStatus)
  @Column({ type: 'varchar', length: 12 })
  status: AssignmentStatus;

  @Field({ description: '截止时间' })
  @Column({ type: 'datetime' })
  dueAt: Date;

  @Field(() => Date, { nullable: true })
  @Column({ type: 'datetime', nullable: true })
  submittedAt: Date | null;

  @Field(() => Date, { nullable: true })
  @Column({ type: 'datetime', nullable: true })
  acceptedAt: Date | null;

  @Field(() => Int, { description: '收到的催办次数' })
  @Column({ type: 'int', default: 0 })
  reminderCount: number;

  @Field(() => Date, { nullable: true, description: '最近一次催办时间' })
  @Column({ type: 'datetime', nullable: true })
  lastRemindedAt: Date | null;

  @CreateDateColumn({ type: 'datetime' })
  createdAt: Date;
}
