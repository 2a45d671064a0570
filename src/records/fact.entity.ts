import { registerEnumType } from '@nestjs/graphql';
import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

export enum FactSource {
  IMPORT = 'IMPORT',
  SUBMISSION = 'SUBMISSION',
  ADMIN = 'ADMIN',
}
registerEnumType(FactSource, { name: 'FactSource', description: '数据来源：历史导入、表单填报（审核通过）、管理员录入' });

export type SubjectType = 'VILLAGE' | 'RESIDENT';

/** Append-only history: what was true of a subject, as of a date, and who said so. */
@Entity('fact')
@Index('idx_fact_subject', ['subjectType', 'subjectId', 'elementId', 'asOf'])
export class Fact {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'varchar', length: 10 })
  subjectType: SubjectType;

  @Column({ type: 'int' })
  subjectId: number;

  @Column({ type: 'int' })
  elementId: number;

  /** Canonical text (validateValue). */
  @Column({ type: 'text' })
  value: string;

  /** YYYY-MM-DD: the date the value was true as of. */
  @Column({ type: 'varchar', length: 10 })
  asOf: string;

  @Column({ type: 'varchar', length: 12 })
  source: FactSource;

  /** e.g. `import_batch:12`, `submission:345`. */
  @Column({ type: 'varchar', length: 64, nullable: true })
  sourceRef: string | null;

  @CreateDateColumn({ type: 'datetime' })
  recordedAt: Date;
}

/** The latest as-of value per (subject, element): autofill reads only this. */
@Entity('current_fact')
@Index('uq_current_fact', ['subjectType', 'subjectId', 'elementId'], { unique: true })
export class CurrentFact {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'varchar', length: 10 })
  subjectType: SubjectType;

  @Column({ type: 'int' })
  subjectId: number;

  @Column({ type: 'int' })
  elementId: number;

  @Column({ type: 'text' })
  value: string;

  @Column({ type: 'varchar', length: 10 })
  asOf: string;

  @Column({ type: 'varchar', length: 12 })
  source: FactSource;

  @Column({ type: 'varchar', length: 64, nullable: true })
  sourceRef: string | null;

  @Column({ type: 'int' })
  factId: number;

  @UpdateDateColumn({ type: 'datetime' })
  updatedAt: Date;
}
