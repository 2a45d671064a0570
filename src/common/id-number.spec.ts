import { checkIdNumber, makeIdNumber, maskIdNumber, normalizeIdNumber } from './id-number.js';

describe('ID numbers (GB 11643-1999)', () => {
  const today = new Date('2026-11-21T00:00:00Z');
  // 11010519491231002X is the standard's own worked example.
  it('accepts the standard example and derives birth date and gender', () => {
    expect(checkIdNumber('11010519491231002X', today)).toEqual({
      valid: true,
      normalized: '11010519491231002X',
      birthDate: '1949-12-31',
      gender: '女',
    });
    const male = makeIdNumber('420683', '19800115', 351);
    expect(checkIdNumber(male, today)).toMatchObject({ valid: true, birthDate: '1980-01-15', gender: '男' });
  });

  it('normalises spaces, full-width digits and lower-case x', () => {
    expect(normalizeIdNumber(' １１０１０５１９４９１２３１００２x ')).toBe('11010519491231002X');
    expect(checkIdNumber(' １１０１０５１９４９１２３１００２x ', today).valid).toBe(true);
  });

  it('rejects with a reason: wrong check digit, length, address, impossible or future birth date', () => {
    expect(checkIdNumber('110105194912310021', today)).toMatchObject({ valid: false, reason: expect.stringContaining('校验位') });
    expect(checkIdNumber('1101051949123100', today)).toMatchObject({ valid: false, reason: expect.stringContaining('18 位') });
    expect(checkIdNumber(makeIdNumber('990683', '19800115', 1), today)).toMatchObject({
      valid: false,
      reason: expect.stringContaining('地址码'),
    });
    expect(checkIdNumber(makeIdNumber('420683', '19800230', 1), today)).toMatchObject({
      valid: false,
      reason: expect.stringContaining('不是有效日期'),
    });
    expect(checkIdNumber(makeIdNumber('420683', '20301201', 1), today)).toMatchObject({
      valid: false,
      reason: expect.stringContaining('晚于今天'),
    });
  });

  it('masks all but the address code and the last four', () => {
    expect(maskIdNumber('42068319800115123X')).toBe('420683********123X');
  });
});
