import { Field, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export enum FeedbackType {
  COMPLAINT = 'COMPLAINT',
  SUGGESTION = 'SUGGESTION',
}
registerEnumType(FeedbackType, { name: 'FeedbackType', description: '投诉 | 建议' });

export enum ComplaintKind {
  FORM_OUTSIDE_PLATFORM = 'FORM_OUTSIDE_PLATFORM',
  ORDER_OUTSIDE_PLATFORM = 'ORDER_OUTSIDE_PLATFORM',
  DUPLICATE_FORM = 'DUPLICATE_FORM',
  UNREASONABLE_DEADLINE = 'UNREASONABLE_DEADLINE',
  OTHER = 'OTHER',
}
registerEnumType(ComplaintKind, {
  name: 'ComplaintKind',
  description: '投诉类别',
  valuesMap: {
    FORM_OUTSIDE_PLATFORM: { description: '部门在平台外要求填表（表外有表）' },
    ORDER_OUTSIDE_PLATFORM: { description: '部门在平台外派单（单外有单）' },
    DUPLICATE_FORM: { description: '重复填报：与已有表格内容重复' },
    UNREASONABLE_DEADLINE: { description: '填报时限不合理' },
    OTHER: { description: '其他' },
  },
});

export enum FeedbackStatus {
  OPEN = 'OPEN',
  ACKNOWLEDGED = 'ACKNOWLEDGED',
  RESPONDED = 'RESPONDED',
  RESOLVED = 'RESOLVED',
}
registerEnumType(FeedbackStatus, {
  name: 'FeedbackStatus',
  description: '办理状态',
  valuesMap: {
    OPEN: { description: '待受理' },
    ACKNOWLEDGED: { description: '已受理' },
    RESPONDED: { description: '已答复' },
    RESOLVED: { description: '已办结' },
  },
});

@ObjectType({ description: '基层反馈：投诉或建议，由减负办受理、答复、办结' })
@Entity('feedback')
@Index('idx_feedback_village', ['villageId', 'id'])
@Index('idx_feedback_town', ['townId', 'id'])
@Index('idx_feedback_status', ['status', 'id'])
@Index('idx_feedback_monitoring', ['fromMonitoringPoint', 'id'])
export class Feedback {
  @Field(() => Int)
  @PrimaryGeneratedColumn()
  id: number;

  @Field(() => FeedbackType)
  @Column({ type: 'varchar', length: 12 })
  type: FeedbackType;

  @Field(() => ComplaintKind, { nullable: true, description: '投诉类别（建议为空）' })
  @Column({ type: 'varchar', length: 24, nullable: true })
  complaintKind: ComplaintKind | null;

  @Field()
  @Column({ type: 'varchar', length: 100 })
  title: string;

  @Field()
  @Column({ type: 'text' })
  content: string;

  @Field(() => FeedbackStatus)
  @Column({ type: 'varchar', length: 12 })
  status: FeedbackStatus;

  @Field(() => Int, { description: '提出反馈的村或镇' })
  @Column({ type: 'int' })
  regionId: number;

  @Field(() => Int, { nullable: true, description: '村提出时为该村；镇提出时为空' })
  @Column({ type: 'int', nullable: true })
  villageId: number | null;

  @Field(() => Int, { description: '所属镇（村反馈为其上级镇），用于镇级范围过滤' })
  @Column({ type: 'int' })
  townId: number;

  @Field({ description: '提出时该村是否为减负监测点村' })
  @Column({ type: 'boolean', default: false })
  fromMonitoringPoint: boolean;

  @Field(() => Int, { nullable: true, description: '被反映的部门' })
  @Index('idx_feedback_department')
  @Column({ type: 'int', nullable: true })
  departmentId: number | null;

  @Field(() => Int, { nullable: true, description: '被反映的表格编号' })
  @Column({ type: 'int', nullable: true })
  formId: number | null;

  @Field(() => Int, { nullable: true, description: '被反映的公开清单事项（如被要求开具的清单内证明）' })
  @Column({ type: 'int', nullable: true })
  publicListItemId: number | null;

  @Field(() => Int)
  @Column({ type: 'int' })
  filedById: number;

  @Field()
  @CreateDateColumn({ type: 'datetime' })
  createdAt: Date;

  @Field(() => Int, { nullable: true })
  @Column({ type: 'int', nullable: true })
  acknowledgedById: number | null;

  @Field(() => Date, { nullable: true })
  @Column({ type: 'datetime', nullable: true })
  acknowledgedAt: Date | null;

  @Field(() => String, { nullable: true, description: '减负办的答复' })
  @Column({ type: 'text', nullable: true })
  response: string | null;

  @Field(() => Int, { nullable: true })
  @Column({ type: 'int', nullable: true })
  respondedById: number | null;

  @Field(() => Date, { nullable: true })
  @Column({ type: 'datetime', nullable: true })
  respondedAt: Date | null;

  @Field(() => String, { nullable: true, description: '办结说明' })
  @Column({ type: 'text', nullable: true })
  resolution: string | null;

  @Field(() => Int, { nullable: true })
  @Column({ type: 'int', nullable: true })
  resolvedById: number | null;

  @Field(() => Date, { nullable: true })
  @Column({ type: 'datetime', nullable: true })
  resolvedAt: Date | null;
}
