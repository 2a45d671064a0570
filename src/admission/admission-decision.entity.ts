import { Field, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { ReturnCategory } from './order-kind.js';

export enum DecisionAction {
  SUBMIT = 'SUBMIT',
  APPROVE = 'APPROVE',
  REJECT = 'REJECT',
  RETURN = 'RETURN',
  WITHDRAW = 'WITHDRAW',
  SYSTEM_REJECT = 'SYSTEM_REJECT',
  RETIRE = 'RETIRE',
}
registerEnumType(DecisionAction, { name: 'DecisionAction', description: '提交、准入、不予准入、退回、撤回、系统拒绝（负面清单）、退出' });

/** The history of a form's (or a work order's) admission: every transition with who, when and why. Append-only. */
@ObjectType({ description: '准入流转记录' })
@Entity('admission_decision')
@Index('idx_admission_decision_request', ['requestId'])
@Index('idx_admission_decision_form', ['formId'])
export class AdmissionDecision {
  @Field(() => Int)
  @PrimaryGeneratedColumn()
  id: number;

  @Field(() => Int, { nullable: true, description: '表单（报表类）；派单为空' })
  @Column({ type: 'int', nullable: true })
  formId: number | null;

  @Field(() => Int, { nullable: true })
  @Column({ type: 'int', nullable: true })
  requestId: number | null;

  @Field(() => DecisionAction)
  @Column({ type: 'varchar', length: 16 })
  action: DecisionAction;

  @Field(() => String, { nullable: true, description: '表单原状态' })
  @Column({ type: 'varchar', length: 10, nullable: true })
  fromStatus: string | null;

  @Field({ description: '表单新状态' })
  @Column({ type: 'varchar', length: 10 })
  toStatus: string;

  /** Null for the system (negative-list refusal). */
  @Column({ type: 'int', nullable: true })
  actorId: number | null;

  @Field(() => String, { nullable: true, description: '理由或意见' })
  @Column({ type: 'text', nullable: true })
  comment: string | null;

  @Field(() => ReturnCategory, { nullable: true, description: '退回原因类别（退回时）' })
  @Column({ type: 'varchar', length: 24, nullable: true })
  returnCategory: ReturnCategory | null;

  @Field()
  @Column({ type: 'datetime' })
  at: Date;
}
