import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** A user's TOTP second factor (两步验证); `User.secondFactor` says whether it is on. Owned by identity. */
@Entity('user_second_factor')
export class UserSecondFactor {
  @PrimaryColumn({ type: 'int' })
  userId: number;

  /** The base32 secret, encrypted with the personal-data keyring (crypto/): never answered after enrolment. */
  @Column({ type: 'varchar', length: 255 })
  secretEnc: string;

  /** Null while enrolment waits for the first code. */
  @Column({ type: 'datetime', nullable: true })
  enabledAt: Date | null;

  /** The last 30-second time step a code was accepted for: a code is never accepted twice (RFC 6238 §5.2). */
  @Column({ type: 'bigint', default: 0, transformer: { to: (value: number) => value, from: (value: string | number) => Number(value) } })
  lastStep: number;

  /** JSON array of SHA-256 hashes of the unused recovery codes. */
  @Column({ type: 'text' })
  recoveryHashes: string;

  @CreateDateColumn({ type: 'datetime' })
  createdAt: Date;
}
