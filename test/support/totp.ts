import { createHmac } from 'node:crypto';

/**
 * The tests' own TOTP (RFC 6238 / RFC 4226, HMAC-SHA1, 6 digits, 30 s) written on node:crypto, not with the
 * otpauth library the server checks codes with: a bug there cannot hide behind the same bug here.
 */
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

export function base32Decode(text: string): Buffer {
  let bits = 0;
  let value = 0;
  const out: number[] = [];
  for (const char of text.replace(/=+$/, '').toUpperCase()) {
    const index = ALPHABET.indexOf(char);
    if (index < 0) throw new Error(`not base32: ${char}`);
    value = (value << 5) | index;
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return Buffer.from(out);
}

/** The code of time step `step` (seconds since the epoch / 30) for a raw key. */
export function hotp(key: Buffer, step: number, digits = 6): string {
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(step));
  const mac = createHmac('sha1', key).update(counter).digest();
  const offset = mac[mac.length - 1] & 0x0f;
  const binary = ((mac[offset] & 0x7f) << 24) | (mac[offset + 1] << 16) | (mac[offset + 2] << 8) | mac[offset + 3];
  return String(binary % 10 ** digits).padStart(digits, '0');
}

export const stepNow = (now = Date.now()) => Math.floor(now / 30_000);
export const totpCode = (secret: string, step = stepNow()) => hotp(base32Decode(secret), step);

/**
 * Secrets of the demo accounts of each running test app, by `${url} ${username}`; and the last step used, by
 * secret (a restored copy of a database shares its accounts' secrets and the steps they used).
 */
const secrets = new Map<string, string>();
const lastStep = new Map<string, number>();

export function rememberSecondFactors(url: string, accounts: { username: string; secondFactorSecret?: string }[]): void {
  for (const account of accounts) if (account.secondFactorSecret) secrets.set(`${url} ${account.username}`, account.secondFactorSecret);
}

/** A secret a test bound; `usedStep`: the step of a code the test already sent (the server takes none twice). */
export function rememberSecondFactor(url: string, username: string, secret: string, usedStep?: number): void {
  secrets.set(`${url} ${username}`, secret);
  if (usedStep !== undefined) lastStep.set(secret, usedStep);
}

export const secondFactorSecretOf = (url: string, username: string): string | undefined => secrets.get(`${url} ${username}`);

/**
 * A code the server has not seen yet for this account: the current step's, or the next one's (the server
 * accepts one step either side) when the current one is used; otherwise waits for time to move on.
 */
export async function freshCode(url: string, username: string): Promise<string> {
  const key = `${url} ${username}`;
  const secret = secrets.get(key);
  if (!secret) throw new Error(`no second-factor secret known for ${username}`);
  for (;;) {
    const now = stepNow();
    const used = lastStep.get(secret) ?? -1;
    const step = Math.max(now, used + 1);
    if (step <= now + 1) {
      lastStep.set(secret, step);
      return totpCode(secret, step);
    }
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
}
