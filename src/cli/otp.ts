/**
 * `npm run otp -- <密钥>`: prints the current 6-digit code of a TOTP secret (base32), for a demo account
 * when no phone authenticator is at hand. It knows only the secret it is given.
 */
import { Secret, TOTP } from 'otpauth';

const secret = process.argv[2]?.replace(/\s/g, '').toUpperCase();
if (!secret || !/^[A-Z2-7]+=*$/.test(secret)) {
  console.error('用法：npm run otp -- <两步验证密钥（Base32，演示数据载入时打印）>');
  process.exit(2);
}
const totp = new TOTP({ secret: Secret.fromBase32(secret), digits: 6, period: 30, algorithm: 'SHA1' });
const left = 30 - (Math.floor(Date.now() / 1000) % 30);
console.log(`${totp.generate()}（${left} 秒内有效）`);
