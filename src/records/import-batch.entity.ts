import { Field, Int, ObjectType } from '@nestjs/graphql';
import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

@ObjectType({ description: '导入报告中的一条错误' })
export class ImportRowError {
  @Field(() => Int, { description: '文件中的行号（含表头，从 1 起）' })
  row: number;
  @Field(() => String, { nullable: true, description: '列名（表头）' })
  column: string | null;
  @Field()
  reason: string;
}

/** One imported file: its key (the same file with the same as-of twice adds nothing), counts and per-row errors. */
@ObjectType({ description: '历史数据导入批次' })
@Entity('import_batch')
export class ImportBatch {
  @Field(() => Int)
  @PrimaryGeneratedColumn()
  id: number;

  @Field()
  @Column({ type: 'varchar', length: 255 })
  fileName: string;

  /** The batch key: the file's SHA-256, or SHA-256 of it with the as-of date when one was given; `retried:<id>` once a batch that imported nothing was run again. */
  @Field({ description: '导入键：文件内容的 SHA-256（指定了数据日期时与该日期一起计算）；未导入任何行的批次被重新导入后为 retried:批次号' })
  @Index('uq_import_batch_hash', { unique: true })
  @Column({ type: 'varchar', length: 64 })
  fileHash: string;

  @Field({ description: 'VILLAGE（村级数据）或 RESIDENT（居民数据）' })
  @Column({ type: 'varchar', length: 10 })
  kind: string;

  @Field(() => String, {
    nullable: true,
    description: '统一的数据日期：导入时指定的（--as-of），或表头上方的“填报日期”；为空时按文件中的日期列或导入当天',
  })
  @Column({ type: 'varchar', length: 10, nullable: true })
  asOf: string | null;

  @Field(() => Int, { description: '数据行数（不含表头）' })
  @Column({ type: 'int' })
  totalRows: number;

  @Field(() => Int, { description: '导入的行数' })
  @Column({ type: 'int' })
  importedRows: number;

  @Field(() => Int, { description: '有错误未导入的行数' })
  @Column({ type: 'int' })
  errorRows: number;

  @Field(() => Int, { description: '文件内重复的行数（只导入一次）' })
  @Column({ type: 'int' })
  duplicateRows: number;

  @Field(() => Int, { description: '新增的历史数据条数' })
  @Column({ type: 'int' })
  factsAdded: number;

  @Field(() => Int, { description: '库中已有、未重复写入的数据条数' })
  @Column({ type: 'int' })
  factsUnchanged: number;

  @Field(() => Int, { description: '新建的居民数' })
  @Column({ type: 'int' })
  residentsCreated: number;

  /** No longer written ('[]'): every error is in import_batch_error (errors, paged, on the GraphQL type); read only for batches from before it. */
  @Column({ type: 'text' })
  errorsJson: string;

  @Field(() => Int, { description: '错误条数（含重复行）' })
  @Column({ type: 'int' })
  errorCount: number;

  @Field(() => Int, { description: '跳过的行数：空行与合计/小计行' })
  @Column({ type: 'int', default: 0 })
  skippedRows: number;

  /** JSON array of the header's cells as read (the error workbook repeats it); null before this was kept. */
  @Column({ type: 'text', nullable: true })
  headerJson: string | null;

  /** JSON array of headers that matched no data element. */
  @Column({ type: 'text' })
  ignoredColumnsJson: string;

  @Field(() => Int, { description: '耗时（毫秒）' })
  @Column({ type: 'int' })
  durationMs: number;

  @Field(() => Int, { nullable: true })
  @Column({ type: 'int', nullable: true })
  createdBy: number | null;

  @Field(() => Date)
  @CreateDateColumn({ type: 'datetime' })
  createdAt: Date;

  @Field(() => [String], { description: '未识别、已忽略的列' })
  get ignoredColumns(): string[] {
    return JSON.parse(this.ignoredColumnsJson || '[]');
  }
}
