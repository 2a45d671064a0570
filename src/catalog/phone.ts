// Telephone numbers as people write them (+86 137 2662 1657, 0086…, (0710)6212345, 0710-6212345转801),
// read with libphonenumber-js's full metadata (it knows which numbers are mobiles and how long each
// area code is), stored in one form: a mobile as its 11 digits, a landline as 区号-号码, an extension
// as 转NNN, a number outside China in E.164 (+1…).
import { parsePhoneNumberFromString as parseWith } from 'libphonenumber-js/core';
import metadata from 'libphonenumber-js/max/metadata';
import { toHalfWidth } from '../common/text.js';

export type PhoneCheck = { ok: true; value: string } | { ok: false; reason: string };

/** An extension at the end: 转801, 分机 801, ext. 801, x801, #801 (not part of the number itself). */
const EXTENSION = /\s*(?:转|分机|ext\.?|x|#)\s*(\d{1,6})\s*$/i;

/** Already the normal form of a mobile: most cells of a file; parsing each would cost ~15 µs a row. */
const PLAIN_MOBILE = /^1[3-9]\d{9}$/;

export function normalisePhone(raw: string): PhoneCheck {
  const text = toHalfWidth(raw).trim();
  if (PLAIN_MOBILE.test(text)) return { ok: true, value: text };
  const ext = EXTENSION.exec(text);
  const main = ext ? text.slice(0, ext.index) : text;
  // Only digits, spaces, brackets, dashes, dots and a leading + belong to a number; anything else (letters, 无) is not one.
  if (!/^\+?[\d\s()\-.]{5,}$/.test(main)) return refused(raw);
  const phone = parseWith(main, 'CN', metadata);
  if (!phone || !phone.isValid()) return refused(raw);
  let value: string;
  if (phone.countryCallingCode !== '86') value = phone.number;
  else if (phone.getType() === 'MOBILE') value = phone.nationalNumber;
  else {
    // The national format puts the area code first (“0710 621 2345”, “010 1234 5678”).
    const [area, ...rest] = phone.formatNational().split(' ');
    value = rest.length ? `${area}-${rest.join('')}` : area;
  }
  return { ok: true, value: ext ? `${value}转${ext[1]}` : value };
}

const refused = (raw: string): PhoneCheck => ({
  ok: false,
  reason: `应为 11 位手机号（如 13726621657）或带区号的固定电话（如 0710-6212345），收到“${raw.trim()}”`,
});
