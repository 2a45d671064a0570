import { createHash } from 'node:crypto';

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
export function truncateToSecond(d: Date): Date {
  return new Date(Math.floor(d.getTime() / 1000) * 1000);
}

export function chainHash(e: ChainedFields): string {
  const canonical = JSON.stringify([
    e.seq,
    truncateToSecond(e.at).toISOString(),
    e.userId,
    e.username,
    e.action,
    e.objectType,
    e.objectId,
    e.outcome,
    e.detail,
    e.requestId,
    e.prevHash,
  ]);
  return createHash('sha256').update(canonical).digest('hex');
}
