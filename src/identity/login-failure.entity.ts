import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * One failed login (login_failure), in the database so every server process counts the same failures
 * (login-failure.service.ts). Neither the typed username nor the address is stored: only their keyed hashes
 * (the ID-number lookup key), enough to count per (account, address) and per address. Rows older than the
 * longest window are purged.
 */
@Entity('login_failure')
@Index('IDX_login_failure_pair', ['userKey', 'addressKey', 'at'])
@Index('IDX_login_failure_address', ['addressKey', 'at'])
@Index('IDX_login_failure_at', ['at'])
export class LoginFailure {
  @PrimaryGeneratedColumn()
  id: number;

  /** Keyed hash of the normalised username (login-throttle.ts normaliseUsername), existing or not. */
  @Column({ type: 'varchar', length: 64 })
  userKey: string;

  /** Keyed hash of the client address (TRUST_PROXY decides which address that is). */
  @Column({ type: 'varchar', length: 64 })
  addressKey: string;

  @Column({ type: 'datetime' })
  at: Date;
}
