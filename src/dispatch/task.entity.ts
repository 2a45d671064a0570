import { Field, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export enum TaskStatus {
  OPEN = 'OPEN',
  CLOSED = 'CLOSED',
}
registerEnumType(TaskStatus, { name: 'TaskStatus', description: '任务状态：进行中、已关闭（不再接收填报）' });

/** An admitted form version sent to villages (or towns) for one period. */
@ObjectType({ description: '填报任务：已准入表单的一个版本，下发到村(社区)或镇(街道)，填报某一期数据' })
@Entity('task')
@Index('idx_task_department', ['departmentId', 'id'])
@Index('idx_task_form_period', ['formId', 'period'])
@Index('idx_task_status', ['status', 'id'])
export class Task {
  @Field(() => Int)
  @PrimaryGeneratedColumn()
  id: number;

  @Field(() => Int)
  @Column({ type: 'int' })
  formId: number;

  /** The version in force when the task was created: later versions do not change a running task. */
  @Field(() => Int)
  @Column({ type: 'int' })
  formVersionId: number;

  @Field(() => Int)
  @Column({ type: 'int' })
  departmentId: number;

  @Field({ description: '期别，如 2025-Q1、2025-03、2025-H1、2025' })
  @Column({ type: 'varchar', length: 10 })
  period: string;

  @Field({ description: '本期开始日期' })
  @Column({ type: 'varchar', length: 10 })
  periodStart: string;

  @Field({ description: '本期结束日期；审核通过的数据以此日期写回共享库' })
  @Column({ type: 'varchar', length: 10 })
  periodEnd: string;

  @Field({ description: '截止时间' })
  @Column({ type: 'datetime' })
  dueAt: Date;

  @Field({ description: '提交即通过（无需审核）' })
  @Column({ type: 'boolean', default: false })
  autoAccept: boolean;

  @Field(() => TaskStatus)
  @Column({ type: 'varchar', length: 8 })
  status: TaskStatus;

  @Field(() => Int, { description: '下发的村(社区)/镇(街道)数' })
  @Column({ type: 'int' })
  assignmentCount: number;

  @Column({ type: 'int' })
  createdBy: number;

  @Field()
  @CreateDateColumn({ type: 'datetime' })
  createdAt: Date;

  @Field(() => Date, { nullable: true })
  @Column({ type: 'datetime', nullable: true })
  closedAt: Date | null;
}
