import { dateInTitle } from './import-rows.js';

describe('the 填报日期 above a sheet’s header', () => {
  it('reads it in the same cell, in the forms cadres write it', () => {
    expect(dateInTitle(['填报日期：2025年6月30日'])).toBe('2025-06-30');
    expect(dateInTitle(['填报单位：环城街道土铺村    填报日期：2025.6.30'])).toBe('2025-06-30');
    expect(dateInTitle(['统计截止日期:2024-12-31（盖章）'])).toBe('2024-12-31');
    expect(dateInTitle(['填报日期：２０２５ 年 ６ 月 ３０ 日'])).toBe('2025-06-30');
    expect(dateInTitle(['截至日期 20250630'])).toBe('2025-06-30');
  });

  it('reads it from the next cell: text, an Excel date or a date serial', () => {
    expect(dateInTitle(['填报单位：土铺村', null, '填报日期：', null, '2025/6/30'])).toBe('2025-06-30');
    expect(dateInTitle(['填报日期', new Date('2025-06-30T00:00:00Z')])).toBe('2025-06-30');
    expect(dateInTitle(['填报时间：', 45838])).toBe('2025-06-30');
  });

  it('finds none in a title, a blank form line or an impossible date', () => {
    expect(dateInTitle(['枣阳市土铺村居民基本信息登记表'])).toBeNull();
    expect(dateInTitle(['填报日期：    年   月   日'])).toBeNull();
    expect(dateInTitle(['填报日期：2025年2月30日'])).toBeNull();
    expect(dateInTitle(['填报日期：'])).toBeNull();
    expect(dateInTitle([2025, '数据'])).toBeNull();
  });
});
