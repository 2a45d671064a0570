import { Field, Int, ObjectType } from '@nestjs/graphql';
import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A resident's identity only: the ID number is held as a keyed hash (look-up), a ciphertext
 * (AES-256-GCM) and a masked form. Everything else known about a person is a fact.
 */
@ObjectType({ description: '居民（身份证号加密存储，仅显示脱敏号码）' })
@Entity('resident')
@Index('idx_resident_village', ['villageId'])
export class Resident {
  @Field(() => Int)
  @PrimaryGeneratedColumn()
  id: number;

  /** HMAC-SHA256 of the normalised ID number (hex). */
  @Index('uq_resident_id_hash', { unique: true })
  @Column({ type: 'varchar', length: 64 })
  idHash: string;

  /** base64(iv ‖ tag ‖ ciphertext). */
  @Column({ type: 'varchar', length: 128 })
  idCipher: string;

  @Field({ description: '脱敏身份证号，如 420683********123X' })
  @Column({ type: 'varchar', length: 18 })
  idMasked: string;

  @Field({ description: '出生日期（由身份证号推导）' })
  @Column({ type: 'varchar', length: 10 })
  birthDate: string;

  @Field({ description: '性别（由身份证号推导）' })
  @Column({ type: 'varchar', length: 2 })
  gender: string;

  /** The village the resident is registered in (scope); null when no file or form said so. */
  @Field(() => Int, { nullable: true })
  @Column({ type: 'int', nullable: true })
  villageId: number | null;

  /** The as-of date of the record that put the resident in villageId: an older record never moves them. */
  @Column({ type: 'varchar', length: 10, nullable: true })
  villageAsOf: string | null;

  @CreateDateColumn({ type: 'datetime' })
  createdAt: Date;
}
