import { Field, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { ReturnCategory } from '../admission/order-kind.js';

export enum WorkOrderAction {
  SUBMIT = 'SUBMIT',
  APPROVE = 'APPROVE',
  RETURN = 'RETURN',
  REJECT = 'REJECT',
  SYSTEM_REJECT = 'SYSTEM_REJECT',
  WITHDRAW = 'WITHDRAW',
  DISPATCH = 'DISPATCH',
  RECEIVE = 'RECEIVE',
  REMIND = 'REMIND',
  DONE = 'DONE',
}
registerEnumType(WorkOrderAction, {
  name: 'WorkOrderAction',
  description: '派单纪实环节：部门提交、减负办准入、退回、不予准入、系统拒绝（负面清单）、撤回、镇街派发、村接收、接收提醒、村办结',
});

export const WORK_ORDER_ACTION_NAMES: Record<WorkOrderAction, string> = {
  SUBMIT: '部门提交',
  APPROVE: '减负办准入',
  RETURN: '减负办退回',
  REJECT: '不予准入',
  SYSTEM_REJECT: '系统拒绝（负面清单）',
  WITHDRAW: '部门撤回',
  DISPATCH: '镇(街道)派发',
  RECEIVE: '村(社区)接收',
  REMIND: '接收提醒',
  DONE: '村(社区)办结',
};

/**
 * 纪实: every step of an order with who and when. Append-only. A step of one village carries its
 * village (and town), a town's dispatch its town; admission steps neither (the whole order).
 */
@ObjectType({ description: '派单纪实：每一步由谁、何时、做了什么' })
@Entity('work_order_step')
@Index('idx_work_order_step_order', ['orderId', 'id'])
@Index('idx_work_order_step_action', ['action', 'at'])
export class WorkOrderStep {
  @Field(() => Int)
  @PrimaryGeneratedColumn()
  id: number;

  @Field(() => Int)
  @Column({ type: 'int' })
  orderId: number;

  @Field(() => WorkOrderAction)
  @Column({ type: 'varchar', length: 16 })
  action: WorkOrderAction;

  @Field(() => Int, { nullable: true })
  @Column({ type: 'int', nullable: true })
  townId: number | null;

  @Field(() => Int, { nullable: true })
  @Column({ type: 'int', nullable: true })
  villageId: number | null;

  /** Null for the system (a negative-list refusal, a reminder). */
  @Column({ type: 'int', nullable: true })
  actorId: number | null;

  @Field(() => String, { nullable: true, description: '意见、说明或理由' })
  @Column({ type: 'text', nullable: true })
  note: string | null;

  @Field(() => ReturnCategory, { nullable: true, description: '退回原因类别（退回时）' })
  @Column({ type: 'varchar', length: 24, nullable: true })
  returnCategory: ReturnCategory | null;

  @Field()
  @Column({ type: 'datetime' })
  at: Date;
}
