import { Field, Int, ObjectType } from '@nestjs/graphql';
import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

@ObjectType({ description: '市直部门' })
@Entity('department')
export class Department {
  @Field(() => Int)
  @PrimaryGeneratedColumn()
  id: number;

  @Field({ description: '部门代码（英文短码），如 minzheng' })
  @Index('uq_department_code', { unique: true })
  @Column({ type: 'varchar', length: 32 })
  code: string;

  @Field()
  @Column({ type: 'varchar', length: 64 })
  name: string;
}
