/**
 * Sliding-window counters of failed logins, per client IP and per username (in memory: one
 * server process; behind several processes a shared store would be needed). Failures only, so an
 * office where many cadres share one IP is not throttled by successful logins; the per-username
 * window also covers usernames that do not exist, which the account lock-out cannot.
 */
export interface RateLimit {
  max: number;
  windowMs: number;
}

export const LOGIN_LIMITS = {
  // Generous per IP: a town office or a whole village network often sits behind one NAT address.
  perIp: { max: 60, windowMs: 10 * 60_000 },
  perUsername: { max: 10, windowMs: 10 * 60_000 },
} satisfies Record<string, RateLimit>;

export class SlidingWindow {
  private readonly hits = new Map<string, number[]>();
  constructor(readonly limit: RateLimit) {}

  private live(key: string, now: number): number[] {
    const list = (this.hits.get(key) ?? []).filter((num) => now - num < this.limit.windowMs);
    if (list.length) this.hits.set(key, list);
    else this.hits.delete(key);
    return list;
  }

  /** Seconds until one more attempt is allowed; 0 when allowed now. */
  retryAfter(key: string, now = Date.now()): number {
    const list = this.live(key, now);
    if (list.length < this.limit.max) return 0;
    return Math.max(1, Math.ceil((list[list.length - this.limit.max] + this.limit.windowMs - now) / 1000));
  }

  hit(key: string, now = Date.now()): void {
    const list = this.live(key, now);
    list.push(now);
    this.hits.set(key, list);
    // Bound memory under a spray of distinct keys: drop the stalest half when it grows large.
    if (this.hits.size > 50_000) for (const k of [...this.hits.keys()].slice(0, 25_000)) this.hits.delete(k);
  }
}

export class LoginRateLimiter {
  private readonly byIp: SlidingWindow;
  private readonly byUser: SlidingWindow;
  constructor(limits: { perIp: RateLimit; perUsername: RateLimit } = LOGIN_LIMITS) {
    this.byIp = new SlidingWindow(limits.perIp);
    this.byUser = new SlidingWindow(limits.perUsername);
  }

  /** Which window refuses this attempt, if any, and for how long. */
  check(ip: string | null, username: string, now = Date.now()): { by: 'ip' | 'username'; retryAfter: number } | null {
    const ipWait = ip ? this.byIp.retryAfter(ip, now) : 0;
    if (ipWait) return { by: 'ip', retryAfter: ipWait };
    const userWait = this.byUser.retryAfter(username.toLowerCase(), now);
    return userWait ? { by: 'username', retryAfter: userWait } : null;
  }

  failed(ip: string | null, username: string, now = Date.now()): void {
    if (ip) this.byIp.hit(ip, now);
    this.byUser.hit(username.toLowerCase(), now);
  }
}
