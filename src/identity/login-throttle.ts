/**
 * The login limits' arithmetic, without a database (login-failure.service.ts reads the rows and acts):
 * - per (account, address): after `pair.max` failures in `pair.windowMs`, that account from that address is refused
 *   (RATE_LIMITED) until the oldest counted failure leaves the window — other addresses and other accounts are not;
 * - per address: a brake that only slows — past `brake.free` failures in the window each attempt waits a little
 *   longer, never more than `brake.maxDelayMs` — so a county office behind one NAT address under attack still logs in.
 * The per-account lock (MAX_FAILED_LOGINS / LOCK_MINUTES in users.service.ts) is the third limit.
 */
export const LOGIN_THROTTLE = {
  pair: { max: 10, windowMs: 15 * 60_000 },
  brake: { free: 20, stepMs: 100, maxDelayMs: 3_000, windowMs: 15 * 60_000 },
} as const;

/** How long rows are kept: the longest window (older failures count for nothing). */
export const FAILURE_RETENTION_MS = Math.max(LOGIN_THROTTLE.pair.windowMs, LOGIN_THROTTLE.brake.windowMs);

/**
 * Seconds until this (account, address) may try again; 0 when it may now.
 * `failures` are the pair's failure times (ms) inside the window, newest first (at most `max` are needed).
 */
export function pairRetryAfter(
  failures: readonly number[],
  now: number,
  limit: { max: number; windowMs: number } = LOGIN_THROTTLE.pair,
): number {
  const live = failures.filter((at) => now - at < limit.windowMs);
  if (live.length < limit.max) return 0;
  // The max-th newest failure is the one whose leaving the window lets one more attempt in.
  const leaving = live[limit.max - 1];
  return Math.max(1, Math.ceil((leaving + limit.windowMs - now) / 1000));
}

/** Milliseconds to wait before answering an attempt from an address with `failures` failures in the window. */
export function brakeDelayMs(failures: number, brake: { free: number; stepMs: number; maxDelayMs: number } = LOGIN_THROTTLE.brake): number {
  if (failures <= brake.free) return 0;
  return Math.min(brake.maxDelayMs, (failures - brake.free) * brake.stepMs);
}

/** The text a cadre reads when the pair is refused: how long, and from what time. */
export function retryText(seconds: number): string {
  return seconds < 60 ? `${seconds} 秒` : `${Math.ceil(seconds / 60)} 分钟`;
}

/** One username as the limits count it: 'Admin ' and 'admin' are one account. */
export function normaliseUsername(username: string): string {
  return username.normalize('NFKC').trim().toLowerCase();
}
