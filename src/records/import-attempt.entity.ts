import { Field, Int, ObjectType } from '@nestjs/graphql';
import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * One import as it runs, written (committed) before the import's own transaction starts and marked
 * DONE inside it: a process that dies mid-import (SIGKILL, power) leaves RUNNING behind while the
 * import's rows roll back, and the next start of a server on the same host marks it INTERRUPTED.
 */
@ObjectType({ description: '一次导入的运行记录（服务器中途停止的导入在此标为“已中断”）' })
@Entity('import_attempt')
@Index('ix_import_attempt_status', ['status'])
export class ImportAttempt {
  @Field(() => Int)
  @PrimaryGeneratedColumn()
  id: number;

  @Field({ description: '文件名' })
  @Column({ type: 'varchar', length: 255 })
  fileName: string;

  /** The batch key the import would have: the same file imported again after an interruption. */
  @Column({ type: 'varchar', length: 64 })
  batchKey: string;

  @Column({ type: 'int', nullable: true })
  startedBy: number | null;

  /** Where it ran: a later start on this host knows whether the process still lives. */
  @Column({ type: 'varchar', length: 255 })
  host: string;

  @Column({ type: 'int' })
  pid: number;

  @Field({ description: 'RUNNING（进行中）、DONE（完成）、FAILED（出错，未写入）、INTERRUPTED（服务器中途停止，未写入）' })
  @Column({ type: 'varchar', length: 12 })
  status: string;

  @Field({ description: '开始时间' })
  @CreateDateColumn({ type: 'datetime' })
  startedAt: Date;

  @Field(() => Date, { nullable: true, description: '结束（或被发现中断）的时间' })
  @Column({ type: 'datetime', nullable: true })
  endedAt: Date | null;

  @Field(() => Int, { nullable: true, description: '完成时的批次号' })
  @Column({ type: 'int', nullable: true })
  batchId: number | null;
}
