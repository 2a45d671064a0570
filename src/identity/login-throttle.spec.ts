import { brakeDelayMs, normaliseUsername, pairRetryAfter, retryText } from './login-throttle.js';

describe('login throttle', () => {
  const limit = { max: 3, windowMs: 60_000 };

  it('refuses a pair only once max failures sit inside the window, until the max-th newest leaves it', () => {
    expect(pairRetryAfter([], 0, limit)).toBe(0);
    expect(pairRetryAfter([20_000, 10_000], 30_000, limit)).toBe(0);
    // Newest first: the third newest (10 s) leaves the window at 70 s.
    expect(pairRetryAfter([25_000, 20_000, 10_000, 5_000], 30_000, limit)).toBe(40);
    expect(pairRetryAfter([25_000, 20_000, 10_000], 69_500, limit)).toBe(1);
    expect(pairRetryAfter([25_000, 20_000, 10_000], 70_000, limit)).toBe(0);
  });

  it('brakes an address by a growing delay, capped, and never below zero', () => {
    const brake = { free: 5, stepMs: 100, maxDelayMs: 1_000 };
    expect(brakeDelayMs(0, brake)).toBe(0);
    expect(brakeDelayMs(5, brake)).toBe(0);
    expect(brakeDelayMs(6, brake)).toBe(100);
    expect(brakeDelayMs(10, brake)).toBe(500);
    expect(brakeDelayMs(500, brake)).toBe(1_000);
  });

  it('says the wait in seconds or minutes', () => {
    expect(retryText(45)).toBe('45 秒');
    expect(retryText(61)).toBe('2 分钟');
  });

  it('counts one account whatever the case, width or surrounding spaces', () => {
    expect(normaliseUsername(' Admin ')).toBe('admin');
    expect(normaliseUsername('ａｄｍｉｎ')).toBe('admin');
  });
});
