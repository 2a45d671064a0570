import { Field, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export enum SubmissionStatus {
  DRAFT = 'DRAFT',
  SUBMITTED = 'SUBMITTED',
  RETURNED = 'RETURNED',
  ACCEPTED = 'ACCEPTED',
}
registerEnumType(SubmissionStatus, { name: 'SubmissionStatus', description: '草稿、已提交、已退回、已通过' });

/**
 * The one working copy of an assignment's data (unique per assignment), changed only by an
 * UPDATE that names the expected version. Its resident rows are SubmissionRow records.
 */
@ObjectType({ description: '填报数据（每个任务一份，草稿 → 提交 → 审核）' })
@Entity('submission')
@Index('uq_submission_assignment', ['assignmentId'], { unique: true })
// Dashboards: index-only sums of the autofill counts, by status and time, and per assignment.
@Index('idx_submission_status_submitted', ['status', 'submittedAt', 'autofilledKept', 'autofilledChanged', 'typed'])
@Index('idx_submission_assignment_cover', ['assignmentId', 'status', 'typed', 'autofilledKept', 'autofilledChanged'])
export class Submission {
  @Field(() => Int)
  @PrimaryGeneratedColumn()
  id: number;

  @Field(() => Int)
  @Column({ type: 'int' })
  assignmentId: number;

  /** `{ key: canonical or raw text }` of the VILLAGE section. */
  @Column({ type: 'text' })
  valuesJson: string;

  @Field(() => Int, { description: '居民明细行数' })
  @Column({ type: 'int', default: 0 })
  rowCount: number;

  @Field(() => SubmissionStatus)
  @Column({ type: 'varchar', length: 10 })
  status: SubmissionStatus;

  @Field(() => Int, { description: '版本号：保存时须带上，防止覆盖他人的修改' })
  @Column({ type: 'int' })
  version: number;

  @Field(() => Int, { description: '自动填写后未改动的字段数' })
  @Column({ type: 'int', default: 0 })
  autofilledKept: number;

  @Field(() => Int, { description: '自动填写后改动过的字段数' })
  @Column({ type: 'int', default: 0 })
  autofilledChanged: number;

  @Field(() => Int, { description: '库中没有、手工填写的字段数' })
  @Column({ type: 'int', default: 0 })
  typed: number;

  @Field(() => String, { nullable: true, description: '退回理由：保留到村(社区)重新提交为止' })
  @Column({ type: 'varchar', length: 500, nullable: true })
  returnComment: string | null;

  @Field(() => Int, { nullable: true })
  @Column({ type: 'int', nullable: true })
  reviewedBy: number | null;

  @Field(() => Date, { nullable: true })
  @Column({ type: 'datetime', nullable: true })
  reviewedAt: Date | null;

  @Field(() => Date, { nullable: true })
  @Column({ type: 'datetime', nullable: true })
  submittedAt: Date | null;

  @Column({ type: 'int' })
  updatedBy: number;

  @Field()
  @CreateDateColumn({ type: 'datetime' })
  createdAt: Date;

  @Field()
  @Column({ type: 'datetime' })
  updatedAt: Date;
}

/**
 * One resident row of a submission (rows, not one JSON text: a form may carry thousands of rows,
 * and MySQL's TEXT holds 64 KB). The ID number is kept as keyed hash, ciphertext and masked form,
 * never in plain text; the other values are `{ key: value }` JSON.
 */
@Entity('submission_row')
@Index('uq_submission_row_position', ['submissionId', 'position'], { unique: true })
@Index('idx_submission_row_id_hash', ['idHash'])
export class SubmissionRow {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'int' })
  submissionId: number;

  @Column({ type: 'int' })
  position: number;

  @Column({ type: 'varchar', length: 64, nullable: true })
  idHash: string | null;

  @Column({ type: 'varchar', length: 128, nullable: true })
  idCipher: string | null;

  @Column({ type: 'varchar', length: 18, nullable: true })
  idMasked: string | null;

  @Column({ type: 'text' })
  valuesJson: string;
}

/**
 * Idempotency log: one row per (assignment, clientId). A retried request with the same payload
 * finds its row and gets the same answer; the unique index makes concurrent retries apply once.
 */
@Entity('submission_save')
@Index('uq_submission_save_client', ['assignmentId', 'clientId'], { unique: true })
export class SubmissionSave {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'int' })
  assignmentId: number;

  @Column({ type: 'int' })
  submissionId: number;

  @Column({ type: 'varchar', length: 64 })
  clientId: string;

  /** Keyed hash (HMAC) of the canonical payload: the payload holds ID numbers. */
  @Column({ type: 'varchar', length: 64 })
  payloadHash: string;

  /** The submission's version after this save. */
  @Column({ type: 'int' })
  version: number;

  @Column({ type: 'int' })
  createdBy: number;

  @CreateDateColumn({ type: 'datetime' })
  createdAt: Date;
}
