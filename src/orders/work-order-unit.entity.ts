import { Field, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export enum WorkOrderTownStatus {
  WAITING = 'WAITING',
  DISPATCHED = 'DISPATCHED',
}
registerEnumType(WorkOrderTownStatus, { name: 'WorkOrderTownStatus', description: '镇(街道)派发状态：待派发、已派发' });

export enum WorkOrderVillageStatus {
  SENT = 'SENT',
  RECEIVED = 'RECEIVED',
  DONE = 'DONE',
}
registerEnumType(WorkOrderVillageStatus, {
  name: 'WorkOrderVillageStatus',
  description: '村(社区)办理状态：待接收、已接收（办理中）、已办结',
});

export const VILLAGE_STATUS_NAMES: Record<WorkOrderVillageStatus, string> = { SENT: '待接收', RECEIVED: '已接收', DONE: '已办结' };

/**
 * A town the department sent the order to (chosen at submission). Once the order is admitted the
 * town's staff 派发 it to some of their villages, with a note and a deadline no later than the department's.
 */
@ObjectType({ description: '派单的一个镇(街道)：待派发或已派发' })
@Entity('work_order_town')
@Index('uq_work_order_town', ['orderId', 'townId'], { unique: true })
@Index('idx_work_order_town_town', ['townId', 'orderId'])
export class WorkOrderTown {
  @Field(() => Int)
  @PrimaryGeneratedColumn()
  id: number;

  @Field(() => Int)
  @Column({ type: 'int' })
  orderId: number;

  @Field(() => Int)
  @Column({ type: 'int' })
  townId: number;

  @Field(() => WorkOrderTownStatus)
  @Column({ type: 'varchar', length: 10 })
  status: WorkOrderTownStatus;

  @Field(() => String, { nullable: true, description: '镇(街道)派发时的补充说明' })
  @Column({ type: 'varchar', length: 500, nullable: true })
  note: string | null;

  @Field(() => String, { nullable: true, description: '镇(街道)定的期限（不晚于部门期限）；空为沿用部门期限' })
  @Column({ type: 'varchar', length: 10, nullable: true })
  deadline: string | null;

  @Field(() => Date, { nullable: true, description: '派发时间（首次）' })
  @Column({ type: 'datetime', nullable: true })
  dispatchedAt: Date | null;

  @Column({ type: 'int', nullable: true })
  dispatchedBy: number | null;
}

/** One village's share of an order: sent by its town, received (接收), done (办结) — each with who and when. */
@ObjectType({ description: '派单的一个村(社区)：接收与办结' })
@Entity('work_order_village')
@Index('uq_work_order_village', ['orderId', 'villageId'], { unique: true })
@Index('idx_work_order_village_village', ['villageId', 'orderId'])
@Index('idx_work_order_village_town', ['townId', 'orderId'])
@Index('idx_work_order_village_receipt', ['status', 'sentAt'])
export class WorkOrderVillage {
  @Field(() => Int)
  @PrimaryGeneratedColumn()
  id: number;

  @Field(() => Int)
  @Column({ type: 'int' })
  orderId: number;

  @Field(() => Int)
  @Column({ type: 'int' })
  townId: number;

  @Field(() => Int)
  @Column({ type: 'int' })
  villageId: number;

  @Field(() => WorkOrderVillageStatus)
  @Column({ type: 'varchar', length: 10 })
  status: WorkOrderVillageStatus;

  @Field({ description: '本村的完成期限（镇街定的期限，否则部门期限）' })
  @Column({ type: 'varchar', length: 10 })
  deadline: string;

  @Field(() => String, { nullable: true, description: '镇(街道)派发时的补充说明' })
  @Column({ type: 'varchar', length: 500, nullable: true })
  townNote: string | null;

  @Field({ description: '派发到村的时间' })
  @Column({ type: 'datetime' })
  sentAt: Date;

  @Field(() => Date, { nullable: true, description: '接收时间' })
  @Column({ type: 'datetime', nullable: true })
  receivedAt: Date | null;

  @Column({ type: 'int', nullable: true })
  receivedBy: number | null;

  @Field(() => Date, { nullable: true, description: '办结时间' })
  @Column({ type: 'datetime', nullable: true })
  doneAt: Date | null;

  @Column({ type: 'int', nullable: true })
  doneBy: number | null;

  @Field(() => String, { nullable: true, description: '办结情况说明' })
  @Column({ type: 'varchar', length: 500, nullable: true })
  doneNote: string | null;

  @Field(() => String, { nullable: true, description: '佐证材料（派单要求时）' })
  @Column({ type: 'text', nullable: true })
  evidence: string | null;

  @Field(() => Date, { nullable: true, description: '未按时接收的提醒发出时间' })
  @Column({ type: 'datetime', nullable: true })
  remindedAt: Date | null;
}
