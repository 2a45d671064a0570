import { maskIdNumber } from '../common/id-number.js';
import type { Keyring } from '../crypto/keyring.js';

/**
 * Personal-data crypto, without Nest (the import worker thread uses it too), over the platform's keyring
 * (crypto/keyring.ts: the current key writes; a value under an old key still reads and is found).
 */
export class PiiCrypto {
  constructor(private readonly keys: { readonly ring: Keyring }) {}

  /** Keyed hash of a normalised ID number under the current key: what a new row stores. */
  hash(normalized: string): string {
    return this.keys.ring.hash(normalized);
  }

  /** Every stored form of that hash (current key first): look-ups match any, so rows not yet rotated are found. */
  hashes(normalized: string): string[] {
    return this.keys.ring.hashes(normalized);
  }

  /** Whether a stored keyed hash is this text's (under the key it names). */
  sameHash(stored: string, text: string): boolean {
    return this.keys.ring.sameHash(stored, text);
  }

  encrypt(plain: string): string {
    return this.keys.ring.encrypt(plain);
  }

  decrypt(stored: string): string {
    return this.keys.ring.decrypt(stored);
  }

  mask(normalized: string): string {
    return maskIdNumber(normalized);
  }
}
