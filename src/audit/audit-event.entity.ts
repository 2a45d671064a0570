import { Field, Int, ObjectType } from '@nestjs/graphql';
import { Column, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

@ObjectType({ description: '审计事件（只增不改，哈希链防篡改）' })
@Entity('audit_event')
@Index('idx_audit_action_at', ['action', 'at'])
@Index('idx_audit_user_at', ['userId', 'at'])
export class AuditEvent {
  @Field(() => Int)
  @PrimaryGeneratedColumn()
  id: number;

  @Field(() => Int, { description: '链上序号，连续递增' })
  @Index('uq_audit_seq', { unique: true })
  @Column({ type: 'int' })
  seq: number;

  @Field()
  @Column({ type: 'datetime' })
  at: Date;

  @Field(() => Int, { nullable: true })
  @Column({ type: 'int', nullable: true })
  userId: number | null;

  @Field(() => String, { nullable: true })
  @Column({ type: 'varchar', length: 64, nullable: true })
  username: string | null;

  @Field({ description: '动作，如 form.create、admission.review、resident.lookup' })
  @Column({ type: 'varchar', length: 64 })
  action: string;

  @Field(() => String, { nullable: true })
  @Column({ type: 'varchar', length: 32, nullable: true })
  objectType: string | null;

  @Field(() => String, { nullable: true })
  @Column({ type: 'varchar', length: 64, nullable: true })
  objectId: string | null;

  @Field({ description: 'SUCCESS | FAILURE | DENIED' })
  @Column({ type: 'varchar', length: 10 })
  outcome: string;

  @Field(() => String, { nullable: true, description: '补充信息（JSON），不含完整身份证号' })
  @Column({ type: 'text', nullable: true })
  detail: string | null;

  @Field(() => String, { nullable: true })
  @Column({ type: 'varchar', length: 64, nullable: true })
  requestId: string | null;

  @Field()
  @Column({ type: 'varchar', length: 64 })
  prevHash: string;

  @Field()
  @Column({ type: 'varchar', length: 64 })
  hash: string;
}

/** One row: the chain's head, locked for update so concurrent writers append in order. */
@Entity('audit_chain_head')
export class AuditChainHead {
  @PrimaryColumn({ type: 'int' })
  id: number;

  @Column({ type: 'int' })
  lastSeq: number;

  @Column({ type: 'varchar', length: 64 })
  lastHash: string;
}
