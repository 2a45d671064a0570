import { Field, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Column, CreateDateColumn, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

/** What happened: each kind is made by the module that owns the event, in the event's transaction. */
export enum MessageKind {
  TASK_ASSIGNED = 'TASK_ASSIGNED',
  DUE_IN_3_DAYS = 'DUE_IN_3_DAYS',
  DUE_TOMORROW = 'DUE_TOMORROW',
  OVERDUE = 'OVERDUE',
  RETURNED = 'RETURNED',
  ACCEPTED = 'ACCEPTED',
  URGED = 'URGED',
  ADMISSION_DECIDED = 'ADMISSION_DECIDED',
  FEEDBACK_ANSWERED = 'FEEDBACK_ANSWERED',
  FORM_RETIRED = 'FORM_RETIRED',
  CONSULTATION_ASKED = 'CONSULTATION_ASKED',
  ORDER_TO_DISPATCH = 'ORDER_TO_DISPATCH',
  ORDER_SENT = 'ORDER_SENT',
  ORDER_NOT_RECEIVED = 'ORDER_NOT_RECEIVED',
  ORDER_DONE = 'ORDER_DONE',
}
registerEnumType(MessageKind, {
  name: 'MessageKind',
  description:
    '消息类型：新任务、3 天内到期、明天到期、已逾期、被退回、已通过、被催办、准入结果、反馈已答复、表单已退出、征求意见、派单待派发、新派单待接收、派单未按时接收、派单已办结',
});

/**
 * One message, addressed to a unit (a region: village or town; or a department), optionally narrowed
 * to a role, or to one user. Whoever holds the unit's account now reads it, so a new cadre of the
 * village sees what was sent before. No personal data: titles and bodies name forms, periods and units only.
 */
@ObjectType({ description: '站内消息' })
@Entity('message')
@Index('idx_message_region', ['regionId', 'id'])
@Index('idx_message_department', ['departmentId', 'id'])
@Index('idx_message_user', ['userId', 'id'])
@Index('uq_message_dedupe', ['dedupeKey'], { unique: true })
export class Message {
  @Field(() => Int)
  @PrimaryGeneratedColumn()
  id: number;

  @Field(() => MessageKind)
  @Column({ type: 'varchar', length: 24 })
  kind: MessageKind;

  @Field({ description: '标题' })
  @Column({ type: 'varchar', length: 200 })
  title: string;

  @Field({ description: '正文' })
  @Column({ type: 'varchar', length: 600 })
  body: string;

  @Field(() => String, { nullable: true, description: '点击后打开的页面（网页端路由，如 /assignments/12）' })
  @Column({ type: 'varchar', length: 200, nullable: true })
  link: string | null;

  /** The region (village or town) it is addressed to, or null. */
  @Column({ type: 'int', nullable: true })
  regionId: number | null;

  /** The department it is addressed to, or null. */
  @Column({ type: 'int', nullable: true })
  departmentId: number | null;

  /** Only this role within the unit (null: everyone of the unit). */
  @Column({ type: 'varchar', length: 20, nullable: true })
  role: string | null;

  /** One user (the filer of a complaint), or null. */
  @Column({ type: 'int', nullable: true })
  userId: number | null;

  /** Set for messages that must be made once only (a deadline reminder per assignment and kind). */
  @Column({ type: 'varchar', length: 100, nullable: true })
  dedupeKey: string | null;

  @Field()
  @CreateDateColumn({ type: 'datetime' })
  createdAt: Date;

  /** Whether the caller has read it (from message_read; set by the service, not a column). */
  @Field({ description: '当前用户是否已读' })
  read?: boolean;
}

/** That a user has read a message (read state is per user, not per unit). */
@Entity('message_read')
export class MessageRead {
  @PrimaryColumn({ type: 'int' })
  messageId: number;

  @PrimaryColumn({ type: 'int' })
  userId: number;

  @Column({ type: 'datetime' })
  readAt: Date;
}

/** A named job's lease: the one process that holds it (until `expiresAt`) runs the job. */
@Entity('job_lease')
export class JobLease {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  name: string;

  @Column({ type: 'varchar', length: 120 })
  holder: string;

  @Column({ type: 'datetime' })
  expiresAt: Date;
}
