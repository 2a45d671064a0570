import { createHmac, hkdfSync } from 'node:crypto';

export const GENESIS_HASH = '0'.repeat(64);

export interface ChainedFields {
  seq: number;
  at: Date;
  userId: number | null;
  username: string | null;
  action: string;
  objectType: string | null;
  objectId: string | null;
  outcome: string;
  detail: string | null;
  requestId: string | null;
  prevHash: string;
}

/** Whole seconds: both engines store datetime at that precision, so the hash survives a round trip. */
export function truncateToSecond(date: Date): Date {
  return new Date(Math.floor(date.getTime() / 1000) * 1000);
}

/**
 * The chain is keyed (HMAC), the key derived from PII_KEY and never stored in the database: someone
 * who can write to the database but lacks the server's key cannot recompute a consistent chain
 * after changing or deleting an event. Each hash names the key id that sealed it (`k2:…`); events of
 * before key ids are the legacy key's (this derivation, STANDARD suite).
 */
export function auditChainKey(piiKey: Buffer): Buffer {
  return Buffer.from(hkdfSync('sha256', piiKey, Buffer.alloc(0), 'onetable audit chain v1', 32));
}

/** The legacy (STANDARD, untagged) chain hash; the chain is now sealed by the keyring (crypto/keyring.ts, sealChain). */
export function chainHash(event: ChainedFields, key: Buffer): string {
  return createHmac('sha256', key).update(canonicalOf(event)).digest('hex');
}

/** What the chain's MAC covers: every field of the event and the previous event's hash. */
export function canonicalOf(event: ChainedFields): string {
  return JSON.stringify([
    event.seq,
    truncateToSecond(event.at).toISOString(),
    event.userId,
    event.username,
    event.action,
    event.objectType,
    event.objectId,
    event.outcome,
    event.detail,
    event.requestId,
    event.prevHash,
  ]);
}
