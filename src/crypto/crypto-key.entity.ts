import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * One row per key id the database has known: its suite and key-check value (a MAC of a constant: it tells
 * a wrong key at start without revealing the key). `retiredAt`: rotate-keys moved every piece of personal
 * data off it (it may still be needed to verify the audit events it sealed).
 */
@Entity('crypto_key')
@Index('uq_crypto_key_key_id', ['keyId'], { unique: true })
export class CryptoKey {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'varchar', length: 8 })
  keyId: string;

  @Column({ type: 'varchar', length: 10 })
  suite: string;

  @Column({ type: 'varchar', length: 64 })
  checkValue: string;

  /** The database's first key: it wrote the values of before key ids (no prefix). */
  @Column({ type: 'boolean', default: false })
  legacy: boolean;

  @Column({ type: 'datetime' })
  createdAt: Date;

  @Column({ type: 'datetime', nullable: true })
  retiredAt: Date | null;
}

/** rotate-keys' progress, one row per table it re-keys: a stopped run resumes after `lastId`. */
@Entity('key_rotation')
@Index('uq_key_rotation_table', ['tableName'], { unique: true })
export class KeyRotation {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'varchar', length: 40 })
  tableName: string;

  /** The key the run moves data to; a run towards another key starts the table again. */
  @Column({ type: 'varchar', length: 8 })
  targetKeyId: string;

  @Column({ type: 'int' })
  lastId: number;

  @Column({ type: 'int', default: 0 })
  rekeyed: number;

  @Column({ type: 'datetime' })
  updatedAt: Date;
}
