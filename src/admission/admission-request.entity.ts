import { Field, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { ReturnCategory, WorkOrderKind } from './order-kind.js';

export enum RequestStatus {
  PENDING = 'PENDING',
  APPROVED = 'APPROVED',
  REJECTED = 'REJECTED',
  RETURNED = 'RETURNED',
  WITHDRAWN = 'WITHDRAWN',
}
registerEnumType(RequestStatus, { name: 'AdmissionRequestStatus', description: '待审核、已准入、不予准入、退回修改、已撤回' });

/**
 * A department's application to send something to the grassroots: a form version (kind REPORT, with its
 * stored analysis) or a work order of another kind (`subjectId`: the orders module's work_order).
 */
@ObjectType({ description: '准入申请' })
@Entity('admission_request')
@Index('idx_admission_request_dept_status', ['departmentId', 'status'])
@Index('idx_admission_request_status', ['status'])
@Index('idx_admission_request_form', ['formId'])
@Index('idx_admission_request_duty', ['dutyItemId'])
@Index('idx_admission_request_consultation', ['consultationId'])
@Index('idx_admission_request_kind_subject', ['kind', 'subjectId'])
export class AdmissionRequest {
  @Field(() => Int)
  @PrimaryGeneratedColumn()
  id: number;

  @Field(() => WorkOrderKind, { description: '派单类型：报表为表单准入，其他为派单准入' })
  @Column({ type: 'varchar', length: 16, default: WorkOrderKind.REPORT })
  kind: WorkOrderKind;

  @Field(() => Int, { nullable: true, description: '表单（报表类）；其他类型为空' })
  @Column({ type: 'int', nullable: true })
  formId: number | null;

  @Field(() => Int, { nullable: true, description: '表单版本（报表类）；其他类型为空' })
  @Column({ type: 'int', nullable: true })
  formVersionId: number | null;

  /** For kinds other than REPORT: the work order (orders module) this request admits. */
  @Field(() => Int, { nullable: true, description: '派单编号（非报表类）' })
  @Column({ type: 'int', nullable: true })
  subjectId: number | null;

  @Field(() => Int)
  @Column({ type: 'int' })
  departmentId: number;

  @Field(() => Int)
  @Column({ type: 'int' })
  dutyItemId: number;

  @Field(() => RequestStatus)
  @Column({ type: 'varchar', length: 10 })
  status: RequestStatus;

  @Field({ description: '部门做什么' })
  @Column({ type: 'text' })
  departmentDoes: string;

  @Field({ description: '村(社区)做什么' })
  @Column({ type: 'text' })
  villageDoes: string;

  @Field({ description: '部门提供什么支持' })
  @Column({ type: 'text' })
  departmentSupport: string;

  @Field({ description: '法律或政策依据' })
  @Column({ type: 'text' })
  legalBasis: string;

  @Field({ description: '必要性说明' })
  @Column({ type: 'text' })
  justification: string;

  @Column({ type: 'int' })
  submittedBy: number;

  @Field()
  @Column({ type: 'datetime' })
  submittedAt: Date;

  @Column({ type: 'int', nullable: true })
  reviewerId: number | null;

  @Field(() => Date, { nullable: true })
  @Column({ type: 'datetime', nullable: true })
  reviewedAt: Date | null;

  @Field(() => String, { nullable: true, description: '审核意见' })
  @Column({ type: 'text', nullable: true })
  reviewComment: string | null;

  @Field(() => ReturnCategory, { nullable: true, description: '退回原因类别（退回时）' })
  @Column({ type: 'varchar', length: 24, nullable: true })
  returnCategory: ReturnCategory | null;

  @Field({ description: '是否超出村级表单上限、经说明后准入' })
  @Column({ type: 'boolean', default: false })
  capOverridden: boolean;

  @Field({ description: '是否系统自动拒绝（负面清单事项）' })
  @Column({ type: 'boolean', default: false })
  systemRejected: boolean;

  /** The overlap + burden report computed at submission (AnalysisReport as JSON). */
  @Column({ type: 'text', nullable: true })
  analysisJson: string | null;

  @Field(() => Int, { nullable: true, description: '随申请附上的征求意见（可空）' })
  @Column({ type: 'int', nullable: true })
  consultationId: number | null;

  @Field(() => Int, { description: '每年新增基层手工填报项数（目标单位数 × 年频次 × 需手填字段数）' })
  @Column({ type: 'int', default: 0 })
  annualEntries: number;

  @Field()
  @CreateDateColumn({ type: 'datetime' })
  createdAt: Date;

  @Field()
  @UpdateDateColumn({ type: 'datetime' })
  updatedAt: Date;
}
