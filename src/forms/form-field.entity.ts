import { Field, Float, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { ValueType } from '../catalog/value-type.js';

export enum FieldSection {
  VILLAGE = 'VILLAGE',
  RESIDENT = 'RESIDENT',
}
registerEnumType(FieldSection, {
  name: 'FieldSection',
  description: '字段所在部分：VILLAGE 表头（每村一份），RESIDENT 居民明细行（以身份证号为键）',
});

/**
 * One field of a form version, stored as a row rather than JSON: "which active forms collect
 * element X" (overlap analysis, write-back, dashboards) is then an indexed query, not a scan.
 */
@ObjectType({ description: '表单字段' })
@Entity('form_field')
@Index('uq_form_field_key', ['versionId', 'fieldKey'], { unique: true })
@Index('idx_form_field_element', ['elementId', 'versionId'])
export class FormField {
  @Field(() => Int)
  @PrimaryGeneratedColumn()
  id: number;

  @Field(() => Int)
  @Column({ type: 'int' })
  versionId: number;

  @Field(() => Int, { description: '顺序，从 0 开始' })
  @Column({ type: 'int' })
  position: number;

  @Field({ name: 'key', description: '字段键，如 population' })
  @Column({ type: 'varchar', length: 64 })
  fieldKey: string;

  @Field({ description: '标签（填报人看到的文字）' })
  @Column({ type: 'varchar', length: 128 })
  label: string;

  @Field(() => ValueType)
  @Column({ type: 'varchar', length: 12 })
  valueType: ValueType;

  @Field()
  @Column({ type: 'boolean', default: false })
  required: boolean;

  @Field(() => FieldSection)
  @Column({ type: 'varchar', length: 10 })
  section: FieldSection;

  @Field(() => Int, { nullable: true, description: '绑定的数据元' })
  @Column({ type: 'int', nullable: true })
  elementId: number | null;

  @Column({ type: 'text', nullable: true })
  optionsJson: string | null;

  @Field(() => Float, { nullable: true })
  @Column({ type: 'double', nullable: true })
  minValue: number | null;

  @Field(() => Float, { nullable: true })
  @Column({ type: 'double', nullable: true })
  maxValue: number | null;

  @Field(() => Int, { nullable: true })
  @Column({ type: 'int', nullable: true })
  maxLength: number | null;

  /** Only on the row key: the fewest resident rows a submission may have (null: no minimum). */
  @Field(() => Int, { nullable: true, description: '仅身份证号（行键）字段：提交时居民明细至少的行数' })
  @Column({ type: 'int', nullable: true })
  minRows: number | null;

  /** Only on the row key: the key of a header integer field the number of rows must equal on submit. */
  @Field(() => String, { nullable: true, description: '仅身份证号（行键）字段：提交时居民明细行数须等于该表头整数字段的值' })
  @Column({ type: 'varchar', length: 64, nullable: true })
  rowCountKey: string | null;

  @Field(() => [String], { nullable: true })
  get options(): string[] | null {
    return this.optionsJson ? JSON.parse(this.optionsJson) : null;
  }

  @Field({ description: '是否为居民明细行的键（身份证号）' })
  get isRowKey(): boolean {
    return this.section === FieldSection.RESIDENT && this.valueType === ValueType.ID_NUMBER;
  }
}
