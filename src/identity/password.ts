import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import type { FieldProblem } from '../common/errors.js';

// scrypt is memory-hard: N=2^15, r=8 costs 32 MiB and ~60 ms per check on this hardware.
const PARAMS = { N: 1 << 15, r: 8, p: 1 };
const KEYLEN = 32;

function scryptAsync(pw: string, salt: Buffer, options: ScryptOptions): Promise<Buffer> {
  return new Promise((res, rej) =>
    scrypt(pw, salt, KEYLEN, { ...options, maxmem: 128 * options.N! * options.r! * 2 }, (err, key) => (err ? rej(err) : res(key))),
  );
}

/** `scrypt$N$r$p$salt$hash`, base64 parts; the parameters travel with the hash so they can be raised later. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scryptAsync(password, salt, PARAMS);
  return ['scrypt', PARAMS.N, PARAMS.r, PARAMS.p, salt.toString('base64'), key.toString('base64')].join('$');
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
  const [, text, str, value, salt, hash] = parts;
  const expected = Buffer.from(hash, 'base64');
  const key = await scryptAsync(password, Buffer.from(salt, 'base64'), { N: +text, r: +str, p: +value });
  return key.length === expected.length && timingSafeEqual(key, expected);
}

/** A hash to compare against when the user does not exist, so timing does not reveal usernames. */
export const DUMMY_HASH = 'scrypt$32768$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=';

/** ≥ 8 characters with at least 3 of: lower case, upper case, digits, other symbols. */
export function passwordProblems(password: string, field = 'password'): FieldProblem[] {
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^a-zA-Z0-9]/].filter((re) => re.test(password)).length;
  const problems: FieldProblem[] = [];
  if (password.length < 8) problems.push({ field, message: '密码至少需要 8 个字符' });
  if (password.length > 128) problems.push({ field, message: '密码不能超过 128 个字符' });
  if (classes < 3) problems.push({ field, message: '密码需包含小写字母、大写字母、数字、符号中的至少三类' });
  return problems;
}
