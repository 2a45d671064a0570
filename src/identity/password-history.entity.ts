import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** The hashes of a user's latest passwords (PASSWORD_HISTORY of them): a new password may not be one of them. */
@Entity('password_history')
@Index('idx_password_history_user', ['userId', 'id'])
export class PasswordHistory {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'int' })
  userId: number;

  @Column({ type: 'varchar', length: 255 })
  passwordHash: string;

  @CreateDateColumn({ type: 'datetime' })
  createdAt: Date;
}
