import { Frequency } from '../forms/form.entity.js';
import { parsePeriod } from './period.js';

describe('task periods', () => {
  it('gives start and end dates for each frequency', () => {
    expect(parsePeriod(Frequency.QUARTERLY, '2025-q1')).toEqual({
      ok: true,
      period: { name: '2025-Q1', start: '2025-01-01', end: '2025-03-31' },
    });
    expect(parsePeriod(Frequency.MONTHLY, '2024-02')).toEqual({
      ok: true,
      period: { name: '2024-02', start: '2024-02-01', end: '2024-02-29' },
    });
    expect(parsePeriod(Frequency.HALF_YEARLY, '2025-H2')).toEqual({
      ok: true,
      period: { name: '2025-H2', start: '2025-07-01', end: '2025-12-31' },
    });
    expect(parsePeriod(Frequency.YEARLY, '2025')).toEqual({ ok: true, period: { name: '2025', start: '2025-01-01', end: '2025-12-31' } });
    expect(parsePeriod(Frequency.ONCE, '2025-Q4')).toMatchObject({ ok: true, period: { end: '2025-12-31' } });
  });

  it('refuses a period that does not fit the form frequency, naming the expected shape', () => {
    const period = parsePeriod(Frequency.QUARTERLY, '2025-03');
    expect(period.ok).toBe(false);
    expect(!period.ok && period.reason).toContain('2025-Q1');
    expect(parsePeriod(Frequency.MONTHLY, '2025-13').ok).toBe(false);
    expect(parsePeriod(Frequency.YEARLY, '1899').ok).toBe(false);
    expect(parsePeriod(Frequency.MONTHLY, '').ok).toBe(false);
  });
});
