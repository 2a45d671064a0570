import { createCipheriv, createHash } from 'node:crypto';
import { deriveSuiteKeys, open, seal } from './crypto-suite.js';
import { cipherKeyId, hashKeyId, Keyring } from './keyring.js';

describe('SM suite primitives against the published test vectors', () => {
  it('SM3 of "abc" is the GB/T 32905-2016 example 1 digest', () => {
    expect(createHash('sm3').update('abc').digest('hex')).toBe('66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0');
  });

  it('SM4 encrypts the GB/T 32907-2016 example 1 block', () => {
    const key = Buffer.from('0123456789abcdeffedcba9876543210', 'hex');
    const cipher = createCipheriv('sm4-ecb', key, null).setAutoPadding(false);
    const out = Buffer.concat([cipher.update(key), cipher.final()]);
    expect(out.toString('hex')).toBe('681edf34d206965e86b3e94f536e4246');
  });

  it('SM4-CTR + HMAC-SM3 round-trips and refuses a changed byte or prefix', () => {
    const keys = deriveSuiteKeys(Buffer.alloc(32, 7), 'SM');
    const aad = Buffer.from('S:k2:');
    const sealed = seal(keys, Buffer.from('420683199001010012'), aad);
    expect(open(keys, sealed, aad).toString()).toBe('420683199001010012');
    const flipped = Buffer.from(sealed);
    flipped[20] ^= 1;
    expect(() => open(keys, flipped, aad)).toThrow();
    expect(() => open(keys, sealed, Buffer.from('S:k3:'))).toThrow();
  });
});

describe('Keyring', () => {
  const k1 = { id: 'k1', key: Buffer.alloc(32, 1), suite: 'STANDARD' as const };
  const k2 = { id: 'k2', key: Buffer.alloc(32, 2), suite: 'SM' as const };

  it('tags ciphertexts and hashes with the key id and reads both keys during a rotation', () => {
    const old = new Keyring({ currentId: 'k1', keys: [k1], legacyId: 'k1' });
    const both = new Keyring({ currentId: 'k2', keys: [k2, k1], legacyId: 'k1' });
    const oldCipher = old.encrypt('420683199001010012');
    expect(cipherKeyId(oldCipher)).toBe('k1');
    expect(oldCipher.startsWith('G:k1:')).toBe(true);
    const newCipher = both.encrypt('420683199001010012');
    expect(newCipher.startsWith('S:k2:')).toBe(true);
    expect(both.decrypt(oldCipher)).toBe('420683199001010012');
    expect(both.decrypt(newCipher)).toBe('420683199001010012');
    expect(hashKeyId(both.hash('x'))).toBe('k2');
    expect(both.hash('x')).toHaveLength(64);
    expect(both.hashes('x')).toContain(old.hash('x'));
    expect(both.sameHash(old.hash('x'), 'x')).toBe(true);
    expect(both.sameHash(old.hash('x'), 'y')).toBe(false);
    expect(() => new Keyring({ currentId: 'k2', keys: [k2], legacyId: null }).decrypt(oldCipher)).toThrow(/k1/);
  });

  it('reads the values of before key ids (unprefixed AES-GCM, untagged HMAC-SHA-256) with the legacy key', () => {
    const legacy = deriveSuiteKeys(Buffer.from(k1.key), 'STANDARD');
    const stored = seal(legacy, Buffer.from('420683199001010012'), null).toString('base64');
    const ring = new Keyring({ currentId: 'k2', keys: [k2, k1], legacyId: 'k1' });
    expect(ring.decrypt(stored)).toBe('420683199001010012');
    const untagged = ring.hashes('x').at(-1)!;
    expect(untagged).toMatch(/^[0-9a-f]{64}$/);
    expect(ring.sameHash(untagged, 'x')).toBe(true);
  });

  it('the key-check value differs between keys and between suites', () => {
    expect(Keyring.checkValue(k1)).not.toBe(Keyring.checkValue({ ...k1, key: Buffer.alloc(32, 3) }));
    expect(Keyring.checkValue(k1)).not.toBe(Keyring.checkValue({ ...k1, suite: 'SM' }));
  });
});
