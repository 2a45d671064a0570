import { Field, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export enum ConsultationAnswer {
  AGREE = 'AGREE',
  SUGGEST = 'SUGGEST',
  NO_OPINION = 'NO_OPINION',
}
registerEnumType(ConsultationAnswer, {
  name: 'ConsultationAnswer',
  description: '反馈意见',
  valuesMap: {
    AGREE: { description: '同意' },
    SUGGEST: { description: '有修改建议（须写明）' },
    NO_OPINION: { description: '无意见' },
  },
});

/** One town or village asked in a consultation, and its answer (null until it answers). */
@ObjectType({ description: '征求意见的对象（镇或村）及其反馈' })
@Entity('consultation_recipient')
@Index('uq_consultation_recipient', ['consultationId', 'regionId'], { unique: true })
@Index('idx_consultation_recipient_region', ['regionId', 'consultationId'])
@Index('idx_consultation_recipient_town', ['townId', 'consultationId'])
export class ConsultationRecipient {
  @Field(() => Int)
  @PrimaryGeneratedColumn()
  id: number;

  @Field(() => Int)
  @Column({ type: 'int' })
  consultationId: number;

  @Field(() => Int, { description: '被征求意见的镇或村' })
  @Column({ type: 'int' })
  regionId: number;

  /** The town: the region itself when a town is asked, the village's town otherwise (a town's scope, no sub-query). */
  @Field(() => Int, { description: '所属镇（问镇时即该镇）' })
  @Column({ type: 'int' })
  townId: number;

  @Field(() => ConsultationAnswer, { nullable: true, description: '反馈意见（未反馈为空）' })
  @Column({ type: 'varchar', length: 12, nullable: true })
  answer: ConsultationAnswer | null;

  @Field(() => String, { nullable: true, description: '意见或建议的内容' })
  @Column({ type: 'text', nullable: true })
  comment: string | null;

  @Column({ type: 'int', nullable: true })
  answeredBy: number | null;

  @Field(() => Date, { nullable: true, description: '反馈时间（修改后为最后一次）' })
  @Column({ type: 'datetime', nullable: true })
  answeredAt: Date | null;
}
