import { LoginRateLimiter } from './login-rate-limiter.js';

describe('LoginRateLimiter', () => {
  const limits = { perIp: { max: 4, windowMs: 60_000 }, perUsername: { max: 2, windowMs: 60_000 } };

  it('refuses a username after its failures fill the window, and frees it as they slide out', () => {
    const loginRateLimiter = new LoginRateLimiter(limits);
    loginRateLimiter.failed('1.1.1.1', 'Bob', 0);
    expect(loginRateLimiter.check('1.1.1.1', 'bob', 1000)).toBeNull();
    loginRateLimiter.failed('2.2.2.2', 'bob', 10_000);
    expect(loginRateLimiter.check('3.3.3.3', 'BOB', 20_000)).toEqual({ by: 'username', retryAfter: 40 }); // first failure leaves at 60 s
    expect(loginRateLimiter.check('3.3.3.3', 'bob', 60_000)).toBeNull();
    expect(loginRateLimiter.check('3.3.3.3', 'alice', 20_000)).toBeNull();
  });

  it('refuses an IP after failures across usernames; other IPs are unaffected', () => {
    const loginRateLimiter = new LoginRateLimiter(limits);
    for (let i = 0; i < 4; i++) loginRateLimiter.failed('9.9.9.9', `user${i}`, i * 1000);
    expect(loginRateLimiter.check('9.9.9.9', 'someone', 5000)).toEqual({ by: 'ip', retryAfter: 55 });
    expect(loginRateLimiter.check('8.8.8.8', 'someone', 5000)).toBeNull();
    expect(loginRateLimiter.check('9.9.9.9', 'someone', 60_001)).toBeNull();
  });

  it('counts a request without a known IP by username only', () => {
    const loginRateLimiter = new LoginRateLimiter(limits);
    for (let i = 0; i < 5; i++) loginRateLimiter.failed(null, `u${i}`, 0);
    expect(loginRateLimiter.check(null, 'u9', 1)).toBeNull();
  });
});
