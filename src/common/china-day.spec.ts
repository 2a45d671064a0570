import { chinaDateTime, chinaDay, earlierDay } from './china-day.js';

describe('chinaDay', () => {
  it('is the calendar day in Asia/Shanghai, whatever the server clock zone', () => {
    expect(chinaDay(Date.parse('2025-06-30T15:59:59Z'))).toBe('2025-06-30');
    expect(chinaDay(Date.parse('2025-06-30T16:00:00Z'))).toBe('2025-07-01');
    expect(chinaDay(new Date('2025-12-31T17:00:00Z'))).toBe('2026-01-01');
  });
  it('earlierDay picks the earlier date', () => {
    expect(earlierDay('2025-12-31', '2025-11-15')).toBe('2025-11-15');
    expect(earlierDay('2025-01-01', '2025-11-15')).toBe('2025-01-01');
  });
});

describe('chinaDateTime', () => {
  it('shows a UTC instant as the date and time in China', () => {
    expect(chinaDateTime('2025-06-30T16:05:00Z')).toBe('2025-07-01 00:05');
  });
});
