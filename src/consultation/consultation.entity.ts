import { Field, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export enum ConsultationStatus {
  OPEN = 'OPEN',
  CLOSED = 'CLOSED',
}
registerEnumType(ConsultationStatus, {
  name: 'ConsultationStatus',
  description: '征求意见状态',
  valuesMap: { OPEN: { description: '征求中' }, CLOSED: { description: '已结束' } },
});

/**
 * 征求意见: a department asks chosen towns and villages for their opinion on a draft (a form it is
 * designing, or an order text) before it applies for admission; the answers go with the request.
 */
@ObjectType({ description: '征求意见：部门在申请准入前就草稿征求镇村意见' })
@Entity('consultation')
@Index('idx_consultation_department', ['departmentId', 'id'])
export class Consultation {
  @Field(() => Int)
  @PrimaryGeneratedColumn()
  id: number;

  @Field(() => Int, { description: '发起部门' })
  @Column({ type: 'int' })
  departmentId: number;

  @Field({ description: '标题' })
  @Column({ type: 'varchar', length: 100 })
  title: string;

  @Field({ description: '草稿内容（表单说明或派单正文）' })
  @Column({ type: 'text' })
  draft: string;

  @Field(() => Int, { nullable: true, description: '所征求意见的表单（可空）' })
  @Column({ type: 'int', nullable: true })
  formId: number | null;

  /** The form's version when the consultation was made: recipients read that draft's fields. */
  @Column({ type: 'int', nullable: true })
  formVersionId: number | null;

  @Field({ description: '反馈截止时间' })
  @Column({ type: 'datetime' })
  dueAt: Date;

  @Field(() => ConsultationStatus)
  @Column({ type: 'varchar', length: 8 })
  status: ConsultationStatus;

  @Column({ type: 'int' })
  createdBy: number;

  @Field()
  @CreateDateColumn({ type: 'datetime' })
  createdAt: Date;

  @Field(() => Date, { nullable: true, description: '结束时间' })
  @Column({ type: 'datetime', nullable: true })
  closedAt: Date | null;
}
