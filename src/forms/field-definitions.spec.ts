import { Subject, ValueType } from '../catalog/value-type.js';
import { assignFieldKeys, checkFieldDefinitions, type BindableElement, type FieldDefinition } from './field-definitions.js';
import { FieldSection } from './form-field.entity.js';

const elements = new Map<number, BindableElement>([
  [1, { id: 1, name: '户籍人口', subject: Subject.VILLAGE, valueType: ValueType.INTEGER, options: null }],
  [2, { id: 2, name: '身份证号', subject: Subject.RESIDENT, valueType: ValueType.ID_NUMBER, options: null }],
  [3, { id: 3, name: '性别', subject: Subject.RESIDENT, valueType: ValueType.ENUM, options: ['男', '女'] }],
]);
const village = FieldSection.VILLAGE;
const resident = FieldSection.RESIDENT;
const makeFieldDefinition = (x: Partial<FieldDefinition>): FieldDefinition => ({
  key: 'k',
  label: '标签',
  valueType: ValueType.TEXT,
  section: village,
  ...x,
});

describe('field definitions', () => {
  it('accepts a valid village header with resident rows keyed by ID number', () => {
    expect(
      checkFieldDefinitions(
        [
          makeFieldDefinition({ key: 'population', label: '户籍人口', valueType: ValueType.INTEGER, elementId: 1, min: 0 }),
          makeFieldDefinition({
            key: 'id',
            label: '身份证号',
            valueType: ValueType.ID_NUMBER,
            section: resident,
            elementId: 2,
            required: true,
          }),
          makeFieldDefinition({ key: 'gender', label: '性别', valueType: ValueType.ENUM, section: resident, elementId: 3 }),
        ],
        elements,
      ),
    ).toEqual([]);
  });

  it('names each wrong field: duplicate keys, ENUM without options, mismatched bindings', () => {
    const fieldProblems = checkFieldDefinitions(
      [
        makeFieldDefinition({ key: 'a', label: '甲' }),
        makeFieldDefinition({ key: 'A', label: '乙' }),
        makeFieldDefinition({ key: 'c', label: '类型', valueType: ValueType.ENUM }),
        makeFieldDefinition({ key: 'd', label: '户籍人口', valueType: ValueType.DECIMAL, elementId: 1 }),
        makeFieldDefinition({ key: 'e', label: '性别', valueType: ValueType.ENUM, elementId: 3 }),
        makeFieldDefinition({ key: '1x', label: '坏键' }),
      ],
      elements,
    );
    expect(fieldProblems.map((x) => x.field)).toEqual([
      'fields[1].key',
      'fields[2].options',
      'fields[3].valueType',
      'fields[4].elementId',
      'fields[5].key',
    ]);
    expect(fieldProblems[0].message).toContain('重复');
    expect(fieldProblems[3].message).toContain('村表头');
  });

  it('requires exactly one required ID-number key in the resident section', () => {
    expect(checkFieldDefinitions([makeFieldDefinition({ key: 'name', section: resident })], elements)).toEqual([
      { field: 'fields', message: expect.stringContaining('身份证号') },
    ]);
    expect(
      checkFieldDefinitions([makeFieldDefinition({ key: 'id', section: resident, valueType: ValueType.ID_NUMBER })], elements)[0].field,
    ).toBe('fields[0].required');
  });

  it('refuses an empty field list and bounds on non-numbers', () => {
    expect(checkFieldDefinitions([], elements)[0].field).toBe('fields');
    expect(checkFieldDefinitions([makeFieldDefinition({ min: 1 })], elements)[0].field).toBe('fields[0].min');
  });

  it('makes a missing key from the Chinese label, unique within the form, and keeps keys given', () => {
    const fields = assignFieldKeys([
      makeFieldDefinition({ key: null, label: '户籍人口', valueType: ValueType.INTEGER }),
      makeFieldDefinition({ key: '', label: '备注' }),
      makeFieldDefinition({ key: 'beizhu', label: '说明' }),
      makeFieldDefinition({ key: undefined, label: '备注' }),
      makeFieldDefinition({ key: null, label: '2025年收入' }),
      makeFieldDefinition({
        key: null,
        label: '身份证号',
        section: resident,
        valueType: ValueType.ID_NUMBER,
        required: true,
        rowCountKey: '户籍人口',
      }),
    ]);
    expect(fields.map((field) => field.key)).toEqual([
      'hujirenkou',
      'beizhu_2',
      'beizhu',
      'beizhu_3',
      'f2025nianshouru',
      'shenfenzhenghao',
    ]);
    // The row count named the header field by its label (it had no key yet): it now names its key.
    expect(fields[5].rowCountKey).toBe('hujirenkou');
    expect(checkFieldDefinitions(fields, elements)).toEqual([]);
  });
});
