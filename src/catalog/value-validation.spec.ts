import { validateValue } from './value-validation.js';
import { ValueType } from './value-type.js';

describe('validateValue', () => {
  const makeValueCheck = (valueType: ValueType, raw: unknown, extra = {}) => validateValue({ valueType, ...extra }, raw);

  it('normalises integers (full-width, separators) and enforces bounds', () => {
    expect(makeValueCheck(ValueType.INTEGER, '１,２３４')).toEqual({ ok: true, value: '1234' });
    expect(makeValueCheck(ValueType.INTEGER, 12.5)).toMatchObject({ ok: false });
    expect(makeValueCheck(ValueType.INTEGER, '-3', { min: 0 })).toEqual({ ok: false, reason: '不能小于 0' });
  });
  it('accepts dates in Chinese and slashed forms and Excel serials; rejects impossible ones', () => {
    expect(makeValueCheck(ValueType.DATE, '2025年3月31日')).toEqual({ ok: true, value: '2025-03-31' });
    expect(makeValueCheck(ValueType.DATE, '2025/3/1')).toEqual({ ok: true, value: '2025-03-01' });
    expect(makeValueCheck(ValueType.DATE, 45747)).toEqual({ ok: true, value: '2025-03-31' });
    expect(makeValueCheck(ValueType.DATE, '2025-02-30')).toMatchObject({ ok: false });
  });
  it('maps 是/否 to booleans, checks options, phones and ID numbers', () => {
    expect(makeValueCheck(ValueType.BOOLEAN, '是')).toEqual({ ok: true, value: 'true' });
    expect(makeValueCheck(ValueType.BOOLEAN, '也许')).toMatchObject({ ok: false });
    expect(makeValueCheck(ValueType.ENUM, '汉族', { options: ['汉族', '回族'] })).toEqual({ ok: true, value: '汉族' });
    expect(makeValueCheck(ValueType.ENUM, '苗族', { options: ['汉族', '回族'] })).toMatchObject({
      ok: false,
      reason: expect.stringContaining('汉族'),
    });
    expect(makeValueCheck(ValueType.PHONE, '138 0000 1234')).toEqual({ ok: true, value: '13800001234' });
    expect(makeValueCheck(ValueType.ID_NUMBER, '11010519491231002x')).toEqual({ ok: true, value: '11010519491231002X' });
    expect(makeValueCheck(ValueType.ID_NUMBER, '110105194912310021')).toMatchObject({
      ok: false,
      reason: expect.stringContaining('校验位'),
    });
  });
  it('keeps free text as written: full-width punctuation is not converted', () => {
    expect(makeValueCheck(ValueType.TEXT, ' 本期新增残疾人2名，已核实。 ')).toEqual({ ok: true, value: '本期新增残疾人2名，已核实。' });
    expect(makeValueCheck(ValueType.TEXT, '（备注）Ａ栋')).toEqual({ ok: true, value: '（备注）Ａ栋' });
  });
  it('matches options half-width but stores the option as defined', () => {
    expect(makeValueCheck(ValueType.ENUM, '高中／中专', { options: ['初中', '高中/中专'] })).toEqual({ ok: true, value: '高中/中专' });
  });
  it('normalises phones (international prefixes, landlines with area code)', () => {
    expect(makeValueCheck(ValueType.PHONE, '+86 137 2662 1657')).toEqual({ ok: true, value: '13726621657' });
    expect(makeValueCheck(ValueType.PHONE, '(0710)6212345')).toEqual({ ok: true, value: '0710-6212345' });
  });
  it('refuses empty values', () => {
    expect(makeValueCheck(ValueType.TEXT, '  ')).toEqual({ ok: false, reason: '不能为空' });
    expect(makeValueCheck(ValueType.TEXT, '\u3000')).toEqual({ ok: false, reason: '不能为空' });
  });
});
