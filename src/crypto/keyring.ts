import { deriveSuiteKeys, keyCheckValue, macHex, open, seal, SUITE_LETTER, type CryptoSuite, type SuiteKeys } from './crypto-suite.js';

/** One configured key: its id (PII_KEY_ID, or the id before the colon in PII_KEYS_OLD), bytes and suite. */
export interface KeySpec {
  id: string;
  key: Uint8Array;
  suite: CryptoSuite;
}

/** What a keyring is made of: plain data, so the import's worker thread gets the same keyring. */
export interface KeyringSpec {
  currentId: string;
  keys: KeySpec[];
  /** The key that wrote the data of before key ids (no prefix): the database's first key, if configured. */
  legacyId: string | null;
}

export const KEY_ID_PATTERN = /^[A-Za-z0-9_-]{1,8}$/;

interface Entry {
  id: string;
  keys: SuiteKeys;
}

/**
 * The platform's keys. Formats (what a stored value says of its key):
 * - ciphertext `G:<id>:<base64>` (STANDARD) or `S:<id>:<base64>` (SM), the prefix authenticated with the data;
 *   a value without a prefix (base64 only) was written before key ids, by the legacy key;
 * - keyed hash (look-up keys, payload fingerprints, the audit chain) `<id>:<hex>`, cut to 64 characters
 *   (the columns' width; at least 220 bits of the MAC remain); 64 hex digits without an id are the legacy key's.
 * Writes use the current key; reads and look-ups use whichever key a value names, so data under an old key
 * reads until `npm run rotate-keys` has moved it.
 */
export class Keyring {
  readonly current: Entry;
  private readonly byId = new Map<string, Entry>();
  private readonly legacy: Entry | null;

  constructor(readonly spec: KeyringSpec) {
    for (const key of spec.keys) this.byId.set(key.id, { id: key.id, keys: deriveSuiteKeys(Buffer.from(key.key), key.suite) });
    const current = this.byId.get(spec.currentId);
    if (!current) throw new Error(`current key ${spec.currentId} missing from the keyring`);
    this.current = current;
    this.legacy = spec.legacyId ? (this.byId.get(spec.legacyId) ?? null) : null;
  }

  get currentId(): string {
    return this.current.id;
  }

  get currentSuite(): CryptoSuite {
    return this.current.keys.suite;
  }

  static checkValue(spec: KeySpec): string {
    return keyCheckValue(deriveSuiteKeys(Buffer.from(spec.key), spec.suite));
  }

  private tagged(entry: Entry, text: string): string {
    return `${entry.id}:${macHex(entry.keys.suite, entry.keys.hashKey, text)}`.slice(0, 64);
  }

  /** The keyed hash written now (current key). */
  hash(text: string): string {
    return this.tagged(this.current, text);
  }

  /** Every form a stored hash of `text` may have (current key first): a look-up matches any of them. */
  hashes(text: string): string[] {
    const all = [this.hash(text)];
    for (const entry of this.byId.values()) if (entry !== this.current) all.push(this.tagged(entry, text));
    if (this.legacy) all.push(macHex('STANDARD', this.legacy.keys.hashKey, text));
    return all;
  }

  /** Whether a stored hash is `text`'s under the key it names (false when that key is not configured). */
  sameHash(stored: string, text: string): boolean {
    const id = hashKeyId(stored);
    const entry = id === null ? this.legacy : this.byId.get(id);
    if (!entry) return false;
    return stored === (id === null ? macHex('STANDARD', entry.keys.hashKey, text) : this.tagged(entry, text));
  }

  encrypt(plain: string): string {
    const prefix = `${SUITE_LETTER[this.current.keys.suite]}:${this.current.id}:`;
    return prefix + seal(this.current.keys, Buffer.from(plain, 'utf8'), Buffer.from(prefix)).toString('base64');
  }

  decrypt(stored: string): string {
    const parsed = parseCipher(stored);
    if (!parsed) {
      if (!this.legacy) throw new KeyMissingError(null);
      return open(this.legacy.keys, Buffer.from(stored, 'base64'), null).toString('utf8');
    }
    const entry = this.byId.get(parsed.keyId);
    if (!entry) throw new KeyMissingError(parsed.keyId);
    if (SUITE_LETTER[entry.keys.suite] !== parsed.letter) throw new Error(`ciphertext suite ${parsed.letter} is not key ${entry.id}'s`);
    return open(entry.keys, Buffer.from(parsed.body, 'base64'), Buffer.from(parsed.prefix)).toString('utf8');
  }

  /** The audit chain's MAC of one event's canonical text, tagged with the current key. */
  sealChain(canonical: string): string {
    return `${this.current.id}:${macHex(this.current.keys.suite, this.current.keys.chainKey, canonical)}`.slice(0, 64);
  }

  /** Checks a stored chain hash with the key it names: 'ok', 'bad', or the id of a key not configured. */
  checkChain(canonical: string, stored: string): 'ok' | 'bad' | { missingKey: string } {
    const id = hashKeyId(stored);
    const entry = id === null ? this.legacy : this.byId.get(id);
    if (!entry) return { missingKey: id ?? this.spec.legacyId ?? '(legacy)' };
    const expected =
      id === null
        ? macHex('STANDARD', entry.keys.chainKey, canonical)
        : `${entry.id}:${macHex(entry.keys.suite, entry.keys.chainKey, canonical)}`.slice(0, 64);
    return expected === stored ? 'ok' : 'bad';
  }
}

/** A key a stored value needs is not configured. */
export class KeyMissingError extends Error {
  constructor(readonly keyId: string | null) {
    super(`key ${keyId ?? '(legacy)'} is not configured`);
  }
}

/** The key id a stored hash names; null for a legacy (untagged) one. */
export function hashKeyId(stored: string): string | null {
  const colon = stored.indexOf(':');
  return colon < 0 ? null : stored.slice(0, colon);
}

/** The key id a stored ciphertext names; null for a legacy (unprefixed) one. */
export function cipherKeyId(stored: string): string | null {
  return parseCipher(stored)?.keyId ?? null;
}

function parseCipher(stored: string): { letter: string; keyId: string; prefix: string; body: string } | null {
  const match = /^([GS]):([A-Za-z0-9_-]{1,8}):/.exec(stored);
  if (!match) return null;
  return { letter: match[1], keyId: match[2], prefix: match[0], body: stored.slice(match[0].length) };
}
