import { Field, Int, ObjectType } from '@nestjs/graphql';
import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * One month of the audit chain written to a signed archive (AUDIT_ARCHIVE_DIR): the events from firstSeq to
 * lastSeq, consecutive on the chain. Once the month is older than AUDIT_RETENTION_DAYS its events are purged
 * from the database (purgedAt); the chain then starts after the newest purged archive, from its lastHash.
 */
@ObjectType({ description: '审计归档（按月，签名）' })
@Entity('audit_archive')
export class AuditArchive {
  @Field(() => Int)
  @PrimaryGeneratedColumn()
  id: number;

  @Field({ description: '月份（YYYY-MM，平台时区）' })
  @Index('uq_audit_archive_month', { unique: true })
  @Column({ type: 'varchar', length: 7 })
  month: string;

  @Field(() => Int, { description: '首条事件序号' })
  @Column({ type: 'int' })
  firstSeq: number;

  @Field(() => Int, { description: '末条事件序号' })
  @Column({ type: 'int' })
  lastSeq: number;

  @Field(() => Int, { description: '事件条数' })
  @Column({ type: 'int' })
  eventCount: number;

  /** The hash before firstSeq (the previous archive's last): the archive's link to the chain. */
  @Column({ type: 'varchar', length: 64 })
  prevHash: string;

  /** lastSeq's hash: where the chain continues once this month is purged. */
  @Column({ type: 'varchar', length: 64 })
  lastHash: string;

  @Field({ description: '归档文件（JSONL）的 SHA-256' })
  @Column({ type: 'varchar', length: 64 })
  sha256: string;

  @Field({ description: '文件名' })
  @Column({ type: 'varchar', length: 64 })
  fileName: string;

  @Field({ description: '生成时间' })
  @CreateDateColumn({ type: 'datetime' })
  createdAt: Date;

  @Field(() => Date, { nullable: true, description: '库内事件清理时间（超过留存期后）' })
  @Column({ type: 'datetime', nullable: true })
  purgedAt: Date | null;
}
