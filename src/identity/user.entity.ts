import { Field, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { Role } from '../common/auth-user.js';

registerEnumType(Role, { name: 'Role', description: '角色' });

@ObjectType({ description: '平台用户' })
@Entity('user')
export class User {
  @Field(() => Int)
  @PrimaryGeneratedColumn()
  id: number;

  @Field()
  @Index('uq_user_username', { unique: true })
  @Column({ type: 'varchar', length: 64 })
  username: string;

  @Field()
  @Column({ type: 'varchar', length: 64 })
  displayName: string;

  @Field(() => Role)
  @Column({ type: 'varchar', length: 20 })
  role: Role;

  @Field(() => Int, { nullable: true, description: '镇/村账号的所属区划' })
  @Index('idx_user_region')
  @Column({ type: 'int', nullable: true })
  regionId: number | null;

  @Field(() => Int, { nullable: true, description: '部门账号的所属部门' })
  @Index('idx_user_department')
  @Column({ type: 'int', nullable: true })
  departmentId: number | null;

  @Column({ type: 'varchar', length: 255 })
  passwordHash: string;

  @Column({ type: 'int', default: 0 })
  failedLogins: number;

  @Field(() => Date, { nullable: true, description: '锁定截止时间' })
  @Column({ type: 'datetime', nullable: true })
  lockedUntil: Date | null;

  @Field()
  @Column({ type: 'boolean', default: false })
  disabled: boolean;

  /** Set by an administrator's reset and for a new account: the next sign-in must choose a password (password-policy.ts). */
  @Column({ type: 'boolean', default: false })
  mustChangePassword: boolean;

  @Field(() => Date, { nullable: true, description: '最近一次设置密码的时间（密码有效期 PASSWORD_MAX_AGE_DAYS 从此算起）' })
  @Column({ type: 'datetime', nullable: true })
  passwordChangedAt: Date | null;

  /** Demo accounts (README): their shared printed password neither expires nor must be changed. */
  @Column({ type: 'boolean', default: false })
  passwordPolicyExempt: boolean;
  @Field({ description: '是否已启用两步验证（手机验证器动态码）' })
  @Column({ type: 'boolean', default: false })
  secondFactor: boolean;

  @Field({ description: '服务账号：只凭安全管理员签发的服务令牌访问（大屏、其他系统），不能用密码登录' })
  @Column({ type: 'boolean', default: false })
  service: boolean;

  @Field(() => Date, { nullable: true })
  @Column({ type: 'datetime', nullable: true })
  lastLoginAt: Date | null;

  @Field()
  @CreateDateColumn({ type: 'datetime' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'datetime' })
  updatedAt: Date;
}
