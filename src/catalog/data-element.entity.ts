import { Field, Float, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { Subject, ValueType } from './value-type.js';

registerEnumType(ValueType, { name: 'ValueType', description: '取值类型：文本、整数、小数、日期、是/否、选项、身份证号、电话' });
registerEnumType(Subject, { name: 'Subject', description: '数据主体：村(社区) 或 居民' });

/** The catalogue ("一标到底"): one definition per datum, bound to by every form that asks for it. */
@ObjectType({ description: '数据元（一标到底）' })
@Entity('data_element')
export class DataElement {
  @Field(() => Int)
  @PrimaryGeneratedColumn()
  id: number;

  @Field({ description: '编码，如 village.population、resident.name' })
  @Index('uq_data_element_code', { unique: true })
  @Column({ type: 'varchar', length: 64 })
  code: string;

  @Field({ description: '中文名称' })
  @Column({ type: 'varchar', length: 64 })
  name: string;

  @Field(() => Subject)
  @Column({ type: 'varchar', length: 10 })
  subject: Subject;

  @Field(() => ValueType)
  @Column({ type: 'varchar', length: 12 })
  valueType: ValueType;

  @Field(() => String, { nullable: true, description: '单位，如 人、户、亩、万元' })
  @Column({ type: 'varchar', length: 16, nullable: true })
  unit: string | null;

  /** JSON array of allowed values for ENUM. */
  @Column({ type: 'text', nullable: true })
  optionsJson: string | null;

  @Field(() => Float, { nullable: true })
  @Column({ type: 'double', nullable: true })
  minValue: number | null;

  @Field(() => Float, { nullable: true })
  @Column({ type: 'double', nullable: true })
  maxValue: number | null;

  @Field(() => String, { nullable: true, description: '由哪个数据元推导：居民的性别、出生日期由身份证号推导' })
  @Column({ type: 'varchar', length: 64, nullable: true })
  derivedFrom: string | null;

  @Field(() => String, { nullable: true })
  @Column({ type: 'varchar', length: 255, nullable: true })
  description: string | null;

  @Field()
  @CreateDateColumn({ type: 'datetime' })
  createdAt: Date;

  /** JSON array: other names of the element's column in imported files (手机号码 for 联系电话). */
  @Column({ type: 'text', nullable: true })
  aliasesJson: string | null;

  @Field(() => [String], { description: '别名：导入文件中可代表本数据元的其他列名（如“手机号码”之于“联系电话”）；管理员维护' })
  get aliases(): string[] {
    return this.aliasesJson ? JSON.parse(this.aliasesJson) : [];
  }

  @Field(() => [String], { nullable: true, description: '选项（ENUM）' })
  get options(): string[] | null {
    return this.optionsJson ? JSON.parse(this.optionsJson) : null;
  }
}
