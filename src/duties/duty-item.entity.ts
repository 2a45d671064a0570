import { Field, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export enum DutyList {
  MAIN = 'MAIN',
  ASSIST = 'ASSIST',
  NEGATIVE = 'NEGATIVE',
}
registerEnumType(DutyList, { name: 'DutyList', description: '清单：主责(MAIN)、协助(ASSIST)、负面(NEGATIVE)' });

/** One item of the village duty lists (主责/协助/负面清单); a form names the item it serves. */
@ObjectType({ description: '村(社区)职责清单事项' })
@Entity('duty_item')
@Index('idx_duty_item_list_group', ['list', 'groupName'])
export class DutyItem {
  @Field(() => Int)
  @PrimaryGeneratedColumn()
  id: number;

  @Field(() => DutyList)
  @Column({ type: 'varchar', length: 10 })
  list: DutyList;

  @Field({ description: '事项分类（如 基层党建、招商引资）' })
  @Column({ type: 'varchar', length: 64 })
  groupName: string;

  @Field({ description: '事项名称' })
  @Column({ type: 'varchar', length: 128 })
  name: string;

  @Field(() => Int, { nullable: true, description: '牵头部门 id（空：尚未指定）' })
  @Index('idx_duty_item_department')
  @Column({ type: 'int', nullable: true })
  departmentId: number | null;

  @Field()
  @CreateDateColumn({ type: 'datetime' })
  createdAt: Date;
}
