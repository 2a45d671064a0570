import { ValueType } from '../catalog/value-type.js';
import { makeIdNumber } from '../common/id-number.js';
import { checkSubmission, type CheckField } from './submission-check.js';

const makeCheckField = (x: Partial<CheckField>): CheckField => ({
  fieldKey: 'k',
  label: '标签',
  valueType: ValueType.TEXT,
  required: false,
  section: 'VILLAGE',
  elementId: null,
  options: null,
  minValue: null,
  maxValue: null,
  maxLength: null,
  ...x,
});
const FIELDS = [
  makeCheckField({ fieldKey: 'population', label: '户籍人口', valueType: ValueType.INTEGER, required: true, minValue: 0 }),
  makeCheckField({ fieldKey: 'kind', label: '类型', valueType: ValueType.ENUM, options: ['村', '社区'] }),
  makeCheckField({ fieldKey: 'id', label: '身份证号', valueType: ValueType.ID_NUMBER, required: true, section: 'RESIDENT' }),
  makeCheckField({ fieldKey: 'name', label: '姓名', section: 'RESIDENT', required: true }),
];
const idNumber = makeIdNumber('420683', '19500101', 11);
const number = makeIdNumber('420683', '19600202', 22);

describe('checking a submission against its form version', () => {
  it('canonicalises valid values and takes the ID number out of the row values', () => {
    const checkedSubmission = checkSubmission(
      FIELDS,
      [
        { key: 'population', value: '1,234' },
        { key: 'kind', value: '村' },
      ],
      [
        {
          values: [
            { key: 'id', value: idNumber.toLowerCase() },
            { key: 'name', value: ' 张三 ' },
          ],
        },
      ],
      true,
    );
    expect(checkedSubmission.problems).toEqual([]);
    expect(checkedSubmission.values).toEqual({ population: '1234', kind: '村' });
    expect(checkedSubmission.rows).toEqual([{ idNumber: idNumber, values: { name: '张三' } }]);
  });

  it('returns every problem at once, with field and row', () => {
    const bad = idNumber.slice(0, 17) + (idNumber[17] === '1' ? '2' : '1');
    const checkedSubmission = checkSubmission(
      FIELDS,
      [
        { key: 'population', value: '-3' },
        { key: 'kind', value: '镇' },
        { key: 'nope', value: 'x' },
      ],
      [
        {
          values: [
            { key: 'id', value: number },
            { key: 'name', value: '甲' },
          ],
        },
        {
          values: [
            { key: 'id', value: bad },
            { key: 'name', value: '乙' },
          ],
        },
        { values: [{ key: 'id', value: number }] },
      ],
      true,
    );
    expect(checkedSubmission.problems.map((problem) => [problem.field, problem.row])).toEqual([
      ['values.nope', undefined],
      ['values.population', undefined],
      ['values.kind', undefined],
      ['rows[1].id', 1],
      ['rows[2].id', 2],
      ['rows[2].name', 2],
    ]);
    expect(checkedSubmission.problems[3].message).toContain('校验位');
    expect(checkedSubmission.problems[4].message).toContain('与第 1 行重复');
  });

  it('a draft keeps incomplete values but still refuses unknown keys', () => {
    const checkedSubmission = checkSubmission(
      FIELDS,
      [{ key: 'population', value: '很多' }],
      [{ values: [{ key: 'id', value: '4206' }] }],
      false,
    );
    expect(checkedSubmission.problems).toEqual([]);
    expect(checkedSubmission.values).toEqual({ population: '很多' });
    expect(checkedSubmission.rows[0].idNumber).toBe('4206');
    expect(checkSubmission(FIELDS, [{ key: 'x', value: '1' }], [], false).problems[0].field).toBe('values.x');
  });
});
