import { Field, Int, ObjectType } from '@nestjs/graphql';
import { Column, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/** A town's published burden-reduction contact (政务公开: each town's contact table). */
@ObjectType({ description: '镇(街道)减负工作联系方式（公开）' })
@Entity('town_contact')
@Index('uq_town_contact_town', ['townId'], { unique: true })
export class TownContact {
  @Field(() => Int)
  @PrimaryGeneratedColumn()
  id: number;

  @Field(() => Int)
  @Column({ type: 'int' })
  townId: number;

  @Field({ description: '联系人' })
  @Column({ type: 'varchar', length: 32 })
  contactName: string;

  @Field({ description: '联系电话' })
  @Column({ type: 'varchar', length: 32 })
  phone: string;

  @Field(() => String, { nullable: true, description: '办公地址' })
  @Column({ type: 'varchar', length: 200, nullable: true })
  address: string | null;

  @Field()
  @UpdateDateColumn({ type: 'datetime' })
  updatedAt: Date;
}
