import { Field, Int, ObjectType } from '@nestjs/graphql';
import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** A version of a form: its fields are frozen from the moment it is submitted for review. */
@ObjectType({ description: '表单版本（提交审核后不可修改）' })
@Entity('form_version')
@Index('uq_form_version_no', ['formId', 'versionNo'], { unique: true })
export class FormVersion {
  @Field(() => Int)
  @PrimaryGeneratedColumn()
  id: number;

  @Field(() => Int)
  @Column({ type: 'int' })
  formId: number;

  @Field(() => Int, { description: '版本号，从 1 开始' })
  @Column({ type: 'int' })
  versionNo: number;

  @Field(() => Date, { nullable: true, description: '提交审核时间；此后版本不可修改' })
  @Column({ type: 'datetime', nullable: true })
  submittedAt: Date | null;

  @Field(() => Date, { nullable: true, description: '准入时间；只有准入的版本才能下发到基层' })
  @Column({ type: 'datetime', nullable: true })
  approvedAt: Date | null;

  @Column({ type: 'int' })
  createdBy: number;

  @Field()
  @CreateDateColumn({ type: 'datetime' })
  createdAt: Date;

  @Field({ description: '是否已锁定（提交审核后）' })
  get locked(): boolean {
    return this.submittedAt != null;
  }
}
