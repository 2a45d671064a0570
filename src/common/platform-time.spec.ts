import {
  DEFAULT_TIME_ZONE,
  earlierDay,
  platformDateTime,
  platformDateTimeSeconds,
  platformDay,
  platformTimeZone,
  setPlatformTimeZone,
} from './platform-time.js';

describe('platformDay', () => {
  it('is the calendar day in Asia/Shanghai, whatever the server clock zone', () => {
    expect(platformDay(Date.parse('2025-06-30T15:59:59Z'))).toBe('2025-06-30');
    expect(platformDay(Date.parse('2025-06-30T16:00:00Z'))).toBe('2025-07-01');
    expect(platformDay(new Date('2025-12-31T17:00:00Z'))).toBe('2026-01-01');
  });
  it('earlierDay picks the earlier date', () => {
    expect(earlierDay('2025-12-31', '2025-11-15')).toBe('2025-11-15');
    expect(earlierDay('2025-01-01', '2025-11-15')).toBe('2025-01-01');
  });
});

describe('platformDateTime', () => {
  it('shows a UTC instant as the date and time in China', () => {
    expect(platformDateTime('2025-06-30T16:05:00Z')).toBe('2025-07-01 00:05');
  });
});

describe('TIME_ZONE', () => {
  afterEach(() => setPlatformTimeZone(DEFAULT_TIME_ZONE));
  it('writes days and times in the configured zone', () => {
    setPlatformTimeZone('Asia/Urumqi'); // UTC+6
    expect(platformTimeZone()).toBe('Asia/Urumqi');
    expect(platformDateTimeSeconds('2025-06-30T16:05:09Z')).toBe('2025-06-30 22:05:09');
    expect(platformDay(Date.parse('2025-06-30T17:59:59Z'))).toBe('2025-06-30');
    expect(platformDay(Date.parse('2025-06-30T18:00:00Z'))).toBe('2025-07-01');
  });
});
