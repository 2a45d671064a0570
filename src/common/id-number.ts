import { toHalfWidth } from './text.js';

// GB 11643-1999: 17 digits + a check character by ISO 7064 MOD 11-2.
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';
/** First two digits of a valid address code: the provinces, autonomous regions and municipalities. */
const PROVINCES = new Set([
  11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46, 50, 51, 52, 53, 54, 61, 62, 63, 64, 65, 71, 81, 82,
]);

export type IdCheck =
  { valid: true; normalized: string; birthDate: string; gender: '男' | '女' } | { valid: false; normalized: string; reason: string };

/** Trim, full-width digits to half-width, lower-case x to X, drop inner spaces. */
export function normalizeIdNumber(raw: string): string {
  return toHalfWidth(String(raw)).replace(/[\s-]/g, '').toUpperCase();
}

export function checkCharacter(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i];
  return CHECK[sum % 11];
}

/** Validates a resident ID number; reasons are Chinese, for the cadre who typed it. */
export function checkIdNumber(raw: string, today: Date = new Date()): IdCheck {
  const number = normalizeIdNumber(raw);
  if (number.length !== 18) return { valid: false, normalized: number, reason: `身份证号应为 18 位，当前 ${number.length} 位` };
  if (!/^\d{17}[\dX]$/.test(number)) return { valid: false, normalized: number, reason: '身份证号前 17 位必须是数字，末位是数字或 X' };
  if (!PROVINCES.has(Number(number.slice(0, 2))))
    return { valid: false, normalized: number, reason: `身份证号的地址码 ${number.slice(0, 6)} 不存在` };
  const y = Number(number.slice(6, 10));
  const num = Number(number.slice(10, 12));
  const numD = Number(number.slice(12, 14));
  const birth = new Date(Date.UTC(y, num - 1, numD));
  if (y < 1900 || birth.getUTCFullYear() !== y || birth.getUTCMonth() !== num - 1 || birth.getUTCDate() !== numD)
    return { valid: false, normalized: number, reason: `身份证号中的出生日期 ${number.slice(6, 14)} 不是有效日期` };
  if (birth.getTime() > today.getTime())
    return { valid: false, normalized: number, reason: `身份证号中的出生日期 ${number.slice(6, 14)} 晚于今天` };
  const expected = checkCharacter(number);
  if (number[17] !== expected) return { valid: false, normalized: number, reason: '身份证号校验位不正确，请核对是否输错' };
  return {
    valid: true,
    normalized: number,
    birthDate: `${number.slice(6, 10)}-${number.slice(10, 12)}-${number.slice(12, 14)}`,
    gender: Number(number[16]) % 2 === 1 ? '男' : '女',
  };
}

/** `420683********123X`: address code and last four kept, birth date hidden. */
export function maskIdNumber(text: string): string {
  return text.length === 18 ? `${text.slice(0, 6)}********${text.slice(14)}` : '*'.repeat(Math.max(0, text.length - 4)) + text.slice(-4);
}

/** A synthetic, valid ID number (demo data and tests): never a real person's. */
export function makeIdNumber(address6: string, birth: string /* YYYYMMDD */, seq3: number): string {
  const first17 = `${address6}${birth}${String(seq3 % 1000).padStart(3, '0')}`;
  return first17 + checkCharacter(first17);
}
