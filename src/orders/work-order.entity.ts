import { Field, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { WorkOrderKind } from '../admission/order-kind.js';

/** Where a work order stands in admission: the status of its newest admission request. */
export enum WorkOrderStatus {
  PENDING = 'PENDING',
  APPROVED = 'APPROVED',
  RETURNED = 'RETURNED',
  REJECTED = 'REJECTED',
  WITHDRAWN = 'WITHDRAWN',
}
registerEnumType(WorkOrderStatus, {
  name: 'WorkOrderStatus',
  description: '派单状态：待审核、已准入（镇街派发中）、退回修改、不予准入、已撤回',
});

export const WORK_ORDER_STATUS_NAMES: Record<WorkOrderStatus, string> = {
  PENDING: '待审核',
  APPROVED: '已准入',
  RETURNED: '退回修改',
  REJECTED: '不予准入',
  WITHDRAWN: '已撤回',
};

/**
 * A department's work order (派单) of a kind other than a form: a job, an inspection, a meeting or
 * campaign, a certificate to issue. Its three clarities and basis are the order's current text (each
 * admission request keeps the text it was submitted with); support is stated in checkable fields.
 */
@ObjectType({ description: '派单：部门向村(社区)派发的工作任务、督查考核、会议活动或开具证明' })
@Entity('work_order')
@Index('idx_work_order_department', ['departmentId', 'id'])
@Index('idx_work_order_status', ['status', 'id'])
export class WorkOrder {
  @Field(() => Int)
  @PrimaryGeneratedColumn()
  id: number;

  @Field(() => WorkOrderKind)
  @Column({ type: 'varchar', length: 16 })
  kind: WorkOrderKind;

  @Field({ description: '标题' })
  @Column({ type: 'varchar', length: 100 })
  title: string;

  @Field({ description: '具体要求' })
  @Column({ type: 'text' })
  content: string;

  @Field(() => Int)
  @Column({ type: 'int' })
  departmentId: number;

  @Field(() => Int)
  @Column({ type: 'int' })
  dutyItemId: number;

  @Field(() => WorkOrderStatus)
  @Column({ type: 'varchar', length: 10 })
  status: WorkOrderStatus;

  /** The newest admission request (admission module); null only inside the submitting transaction. */
  @Field(() => Int, { nullable: true })
  @Column({ type: 'int', nullable: true })
  admissionRequestId: number | null;

  @Field({ description: '部门做什么' })
  @Column({ type: 'text' })
  departmentDoes: string;

  @Field({ description: '村(社区)做什么' })
  @Column({ type: 'text' })
  villageDoes: string;

  @Field({ description: '法律或政策依据' })
  @Column({ type: 'text' })
  legalBasis: string;

  @Field({ description: '必要性说明' })
  @Column({ type: 'text' })
  justification: string;

  @Field(() => Int, { description: '随单下拨资金（元）；0 表示不下拨资金' })
  @Column({ type: 'int' })
  fundsYuan: number;

  @Field({ description: '部门派出或提供的人员；没有时写“无”' })
  @Column({ type: 'varchar', length: 500 })
  supportStaff: string;

  @Field({ description: '部门提供的物资、设备、资料；没有时写“无”' })
  @Column({ type: 'varchar', length: 500 })
  supportMaterials: string;

  @Field(() => String, { nullable: true, description: '其他支持（可选）' })
  @Column({ type: 'text', nullable: true })
  supportOther: string | null;

  @Field({ description: '部门要求的完成期限（YYYY-MM-DD）' })
  @Column({ type: 'varchar', length: 10 })
  deadline: string;

  @Field({ description: '完成时是否须提交佐证材料（默认不要求，不要求拍照留痕）' })
  @Column({ type: 'boolean', default: false })
  evidenceRequired: boolean;

  @Field(() => String, { nullable: true, description: '须提交什么佐证材料（要求佐证时写明）' })
  @Column({ type: 'varchar', length: 500, nullable: true })
  evidenceNote: string | null;

  @Column({ type: 'int' })
  createdBy: number;

  @Field(() => Date, { nullable: true, description: '最近一次提交准入的时间' })
  @Column({ type: 'datetime', nullable: true })
  submittedAt: Date | null;

  @Field(() => Date, { nullable: true, description: '准入时间' })
  @Column({ type: 'datetime', nullable: true })
  approvedAt: Date | null;

  @Field()
  @CreateDateColumn({ type: 'datetime' })
  createdAt: Date;

  @Field()
  @UpdateDateColumn({ type: 'datetime' })
  updatedAt: Date;
}
