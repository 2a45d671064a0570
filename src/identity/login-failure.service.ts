import { Injectable } from '@nestjs/common';
import { DataSource, In, LessThan, MoreThan, type EntityManager } from 'typeorm';
import { TransactionService } from '../common/transaction.service.js';
import { KeyringService } from '../crypto/keyring.service.js';
import { LoginFailure } from './login-failure.entity.js';
import { brakeDelayMs, FAILURE_RETENTION_MS, LOGIN_THROTTLE, normaliseUsername, pairRetryAfter } from './login-throttle.js';

/** Purge old rows at most this often per process (each purge is one indexed DELETE). */
const PURGE_EVERY_MS = 60_000;

const userText = (username: string) => `login user:${normaliseUsername(username)}`;
const addressText = (address: string | null) => `login address:${address ?? '-'}`;

/** Where an attempt stands before its password is checked. */
export interface LoginStanding {
  /** Seconds until this account may be tried again from this address; 0 when it may now. */
  retryAfter: number;
  /** How long to hold this attempt first (the per-address brake). */
  delayMs: number;
}

/**
 * The database side of the login limits (login-throttle.ts has the arithmetic): failures are rows of login_failure,
 * keyed by hashes of the username and of the address, so every server process counts the same failures.
 */
@Injectable()
export class LoginFailureService {
  private lastPurge = 0;

  constructor(
    private readonly dataSource: DataSource,
    private readonly tx: TransactionService,
    private readonly keys: KeyringService,
  ) {}

  // Prefixed so neither key can equal an ID number's lookup hash; every key's form is matched (rotation-safe).
  private userKeys(username: string): string[] {
    return this.keys.ring.hashes(userText(username));
  }

  private addressKeys(address: string | null): string[] {
    return this.keys.ring.hashes(addressText(address));
  }

  /** The pair's standing and the address's brake (two indexed reads). */
  async standing(username: string, address: string | null, now = new Date()): Promise<LoginStanding> {
    const repo = this.dataSource.getRepository(LoginFailure);
    const addressKeys = this.addressKeys(address);
    const pairSince = new Date(now.getTime() - LOGIN_THROTTLE.pair.windowMs);
    const brakeSince = new Date(now.getTime() - LOGIN_THROTTLE.brake.windowMs);
    const [pair, fromAddress] = await Promise.all([
      repo.find({
        select: { at: true },
        where: { userKey: In(this.userKeys(username)), addressKey: In(addressKeys), at: MoreThan(pairSince) },
        order: { at: 'DESC' },
        take: LOGIN_THROTTLE.pair.max,
      }),
      repo.count({ where: { addressKey: In(addressKeys), at: MoreThan(brakeSince) } }),
    ]);
    return {
      retryAfter: pairRetryAfter(
        pair.map((row) => row.at.getTime()),
        now.getTime(),
      ),
      delayMs: brakeDelayMs(fromAddress),
    };
  }

  /** Counts one failed attempt, inside the caller's transaction (with its audit event). */
  async failed(em: EntityManager, username: string, address: string | null, now = new Date()): Promise<void> {
    const ring = this.keys.ring;
    await em
      .getRepository(LoginFailure)
      .insert({ userKey: ring.hash(userText(username)), addressKey: ring.hash(addressText(address)), at: now });
  }

  /** Drops rows no window counts any more, at most once a minute per process: the table stays bounded. */
  async purge(now = new Date()): Promise<number> {
    if (now.getTime() - this.lastPurge < PURGE_EVERY_MS) return 0;
    this.lastPurge = now.getTime();
    const cutoff = new Date(now.getTime() - FAILURE_RETENTION_MS);
    const result = await this.tx.run((em) => em.getRepository(LoginFailure).delete({ at: LessThan(cutoff) }));
    return result.affected ?? 0;
  }
}
