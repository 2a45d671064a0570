import { Field, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

export enum SessionKind {
  /** A person's sign-in: idle timeout and absolute lifetime. */
  LOGIN = 'LOGIN',
  /** A service token (machine client: a big screen, another system): no idle timeout, its own expiry. */
  SERVICE = 'SERVICE',
}
registerEnumType(SessionKind, { name: 'SessionKind', description: '会话类型：LOGIN 人员登录，SERVICE 服务令牌' });

/** Why a session ended (user_session.end_reason). */
export enum SessionEndReason {
  LOGOUT = 'LOGOUT',
  IDLE = 'IDLE',
  EXPIRED = 'EXPIRED',
  PASSWORD_CHANGED = 'PASSWORD_CHANGED',
  PASSWORD_RESET = 'PASSWORD_RESET',
  DISABLED = 'DISABLED',
  ENDED_BY_ADMIN = 'ENDED_BY_ADMIN',
  SECOND_FACTOR_RESET = 'SECOND_FACTOR_RESET',
}
registerEnumType(SessionEndReason, { name: 'SessionEndReason', description: '会话结束原因' });

export const END_REASON_LABELS: Record<SessionEndReason, string> = {
  LOGOUT: '已退出登录',
  IDLE: '长时间未操作，已自动退出',
  EXPIRED: '已超过最长登录时间',
  PASSWORD_CHANGED: '密码已修改',
  PASSWORD_RESET: '密码已被安全管理员重置',
  DISABLED: '账号已停用',
  ENDED_BY_ADMIN: '已被安全管理员结束',
  SECOND_FACTOR_RESET: '两步验证已被重置',
};

/** One sign-in or service token (会话). Owned by identity; the token carries `id` (sid) and is refused once `endedAt` is set. */
@ObjectType({ description: '会话：一次登录或一个服务令牌' })
@Entity('user_session')
@Index('IDX_user_session_user', ['userId', 'endedAt'])
@Index('IDX_user_session_ended', ['endedAt', 'expiresAt'])
export class UserSession {
  @Field({ description: '会话编号' })
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'int' })
  userId: number;

  @Field(() => SessionKind)
  @Column({ type: 'varchar', length: 16 })
  kind: SessionKind;

  @Field(() => Date, { description: '开始时间' })
  @CreateDateColumn({ type: 'datetime' })
  createdAt: Date;

  @Field(() => Date, { description: '最近活动时间（约每分钟记录一次）' })
  @Column({ type: 'datetime' })
  lastSeenAt: Date;

  @Field(() => Date, { description: '最迟结束时间（最长登录时间或服务令牌的有效期）' })
  @Column({ type: 'datetime' })
  expiresAt: Date;

  @Field(() => Date, { nullable: true, description: '结束时间；空表示仍有效' })
  @Column({ type: 'datetime', nullable: true })
  endedAt: Date | null;

  @Field(() => SessionEndReason, { nullable: true })
  @Column({ type: 'varchar', length: 32, nullable: true })
  endReason: SessionEndReason | null;

  @Column({ type: 'int', nullable: true })
  endedBy: number | null;

  @Field(() => String, { nullable: true, description: '登录地址' })
  @Column({ type: 'varchar', length: 64, nullable: true })
  ip: string | null;

  @Field(() => String, { nullable: true, description: '浏览器或客户端' })
  @Column({ type: 'varchar', length: 200, nullable: true })
  userAgent: string | null;

  @Field({ description: '只读：服务令牌默认只读，不能做任何修改' })
  @Column({ type: 'boolean', default: false })
  readOnly: boolean;

  @Field(() => String, { nullable: true, description: '服务令牌的用途（如“市大屏”）' })
  @Column({ type: 'varchar', length: 100, nullable: true })
  name: string | null;
}
