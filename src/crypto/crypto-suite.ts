import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * The two cryptographic suites (CRYPTO_SUITE). STANDARD: AES-256-GCM, HMAC-SHA-256, HKDF-SHA-256 (the
 * platform's first suite; its derivations are unchanged, so data written before key ids existed still
 * reads). SM (商用密码, GB/T 39786): SM4-CTR with HMAC-SM3 over the ciphertext (encrypt-then-MAC: Node 20's
 * OpenSSL has no SM4-GCM, and a ciphertext must read on every runtime the platform runs on), HMAC-SM3
 * for look-up keys and the audit chain, HKDF-SM3 for the subkeys.
 */
export type CryptoSuite = 'STANDARD' | 'SM';
export const CRYPTO_SUITES: readonly CryptoSuite[] = ['STANDARD', 'SM'];

/** The suite's letter in a ciphertext's prefix. */
export const SUITE_LETTER: Record<CryptoSuite, string> = { STANDARD: 'G', SM: 'S' };

const SALT = Buffer.from('onetable/pii/v1');

/** Every subkey one master key gives under one suite. */
export interface SuiteKeys {
  suite: CryptoSuite;
  hashKey: Buffer;
  encKey: Buffer;
  /** SM only: the MAC key of encrypt-then-MAC. */
  macKey: Buffer;
  chainKey: Buffer;
  checkKey: Buffer;
}

const digestOf = (suite: CryptoSuite) => (suite === 'SM' ? 'sm3' : 'sha256');

export function deriveSuiteKeys(master: Buffer, suite: CryptoSuite): SuiteKeys {
  const derive = (salt: Buffer, info: string, length: number) => Buffer.from(hkdfSync(digestOf(suite), master, salt, info, length));
  if (suite === 'STANDARD')
    return {
      suite,
      // The platform's original derivations (records/pii-crypto.ts, audit/audit-hash.ts before key ids).
      hashKey: derive(SALT, 'id-number lookup hash', 32),
      encKey: derive(SALT, 'id-number encryption', 32),
      macKey: Buffer.alloc(0),
      chainKey: derive(Buffer.alloc(0), 'onetable audit chain v1', 32),
      checkKey: derive(SALT, 'key check value', 32),
    };
  return {
    suite,
    hashKey: derive(SALT, 'sm: id-number lookup hash', 32),
    encKey: derive(SALT, 'sm: sm4 encryption', 16),
    macKey: derive(SALT, 'sm: sm3 mac', 32),
    chainKey: derive(SALT, 'sm: audit chain', 32),
    checkKey: derive(SALT, 'sm: key check value', 32),
  };
}

/** HMAC (SHA-256 or SM3 by suite), hex. */
export function macHex(suite: CryptoSuite, key: Buffer, text: string | Buffer): string {
  return createHmac(digestOf(suite), key).update(text).digest('hex');
}

/** The key-check value stored per key id: a MAC of a constant, which tells whether a key is the same without revealing it. */
export function keyCheckValue(keys: SuiteKeys): string {
  return macHex(keys.suite, keys.checkKey, 'onetable key check');
}

const IV_POOL = 4096;
let ivPool = Buffer.alloc(0);
let ivAt = 0;
/** IVs are cut from a pool of random bytes: one getrandom call per few thousand encryptions. */
function freshIv(length: number): Buffer {
  if (ivAt + length > ivPool.length) {
    ivPool = randomBytes(16 * IV_POOL);
    ivAt = 0;
  }
  return Buffer.from(ivPool.subarray(ivAt, (ivAt += length)));
}

/**
 * Seals bytes; `aad` (the ciphertext's prefix: suite and key id) is authenticated too, so a prefix cannot
 * be changed to another key's. STANDARD: iv(12) ‖ tag(16) ‖ ct. SM: iv(16) ‖ ct ‖ HMAC-SM3(aad ‖ iv ‖ ct)(32).
 */
export function seal(keys: SuiteKeys, plain: Buffer, aad: Buffer | null): Buffer {
  if (keys.suite === 'STANDARD') {
    const iv = freshIv(12);
    const cipher = createCipheriv('aes-256-gcm', keys.encKey, iv);
    if (aad) cipher.setAAD(aad);
    const ct = Buffer.concat([cipher.update(plain), cipher.final()]);
    return Buffer.concat([iv, cipher.getAuthTag(), ct]);
  }
  const iv = freshIv(16);
  const cipher = createCipheriv('sm4-ctr', keys.encKey, iv);
  const ct = Buffer.concat([cipher.update(plain), cipher.final()]);
  const tag = createHmac('sm3', keys.macKey)
    .update(aad ?? Buffer.alloc(0))
    .update(iv)
    .update(ct)
    .digest();
  return Buffer.concat([iv, ct, tag]);
}

/** Opens what seal() wrote; throws when the bytes, the prefix or the key are not the ones sealed. */
export function open(keys: SuiteKeys, sealed: Buffer, aad: Buffer | null): Buffer {
  if (keys.suite === 'STANDARD') {
    const decipher = createDecipheriv('aes-256-gcm', keys.encKey, sealed.subarray(0, 12));
    if (aad) decipher.setAAD(aad);
    decipher.setAuthTag(sealed.subarray(12, 28));
    return Buffer.concat([decipher.update(sealed.subarray(28)), decipher.final()]);
  }
  if (sealed.length < 48) throw new Error('SM4 ciphertext too short');
  const iv = sealed.subarray(0, 16);
  const ct = sealed.subarray(16, sealed.length - 32);
  const expected = createHmac('sm3', keys.macKey)
    .update(aad ?? Buffer.alloc(0))
    .update(iv)
    .update(ct)
    .digest();
  if (!timingSafeEqual(expected, sealed.subarray(sealed.length - 32))) throw new Error('SM3 MAC mismatch');
  const decipher = createDecipheriv('sm4-ctr', keys.encKey, iv);
  return Buffer.concat([decipher.update(ct), decipher.final()]);
}
