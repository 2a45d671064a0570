import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';
import { maskIdNumber } from '../common/id-number.js';

const SALT = Buffer.from('onetable/pii/v1');

/**
 * Personal-data crypto, without Nest (the import worker thread uses it too). Separate keys are
 * derived from the one master key (HKDF-SHA256): one for the look-up hash (HMAC-SHA256 of the
 * normalised ID number), one for AES-256-GCM.
 */
export class PiiCrypto {
  private readonly hashKey: Buffer;
  private readonly encKey: Buffer;
  /** IVs are cut from a pool of random bytes: one getrandom call per 4,096 encryptions. */
  private ivPool = Buffer.alloc(0);
  private ivAt = 0;

  constructor(masterKey: Buffer) {
    this.hashKey = Buffer.from(hkdfSync('sha256', masterKey, SALT, 'id-number lookup hash', 32));
    this.encKey = Buffer.from(hkdfSync('sha256', masterKey, SALT, 'id-number encryption', 32));
  }

  /** Keyed hash (hex) of a normalised ID number: the only way residents are looked up. */
  hash(normalized: string): string {
    return createHmac('sha256', this.hashKey).update(normalized, 'utf8').digest('hex');
  }

  /** base64(iv ‖ tag ‖ ciphertext), a fresh random IV each time. */
  encrypt(plain: string): string {
    if (this.ivAt + 12 > this.ivPool.length) {
      this.ivPool = randomBytes(12 * 4096);
      this.ivAt = 0;
    }
    const iv = this.ivPool.subarray(this.ivAt, (this.ivAt += 12));
    const cipherGCM = createCipheriv('aes-256-gcm', this.encKey, iv);
    const ct = Buffer.concat([cipherGCM.update(plain, 'utf8'), cipherGCM.final()]);
    return Buffer.concat([iv, cipherGCM.getAuthTag(), ct]).toString('base64');
  }

  decrypt(stored: string): string {
    const buf = Buffer.from(stored, 'base64');
    const decipherGCM = createDecipheriv('aes-256-gcm', this.encKey, buf.subarray(0, 12));
    decipherGCM.setAuthTag(buf.subarray(12, 28));
    return Buffer.concat([decipherGCM.update(buf.subarray(28)), decipherGCM.final()]).toString('utf8');
  }

  mask(normalized: string): string {
    return maskIdNumber(normalized);
  }
}
