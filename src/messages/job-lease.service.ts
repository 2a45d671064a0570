import { Injectable } from '@nestjs/common';
import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import { TransactionService } from '../common/transaction.service.js';
import { JobLease } from './message.entity.js';

/** This process's name as a lease holder. */
export const PROCESS_HOLDER = `${hostname().slice(0, 60)}:${process.pid}:${randomBytes(4).toString('hex')}`;

/**
 * A lease row per scheduled job (`job_lease`): with several server processes on one database, the job
 * runs where the lease was taken. Taking it is one atomic UPDATE … WHERE expired OR already mine, so
 * of two processes asking at once exactly one gets it, on either engine.
 */
@Injectable()
export class JobLeaseService {
  constructor(private readonly tx: TransactionService) {}

  async take(name: string, holder: string, ttlMs: number, now = new Date()): Promise<boolean> {
    // The row exists once (INSERT IGNORE), already expired; then the UPDATE decides.
    await this.tx.run((em) =>
      em
        .createQueryBuilder()
        .insert()
        .into(JobLease)
        .values({ name, holder: '', expiresAt: new Date(0) })
        .orIgnore()
        .execute(),
    );
    const result = await this.tx.run((em) =>
      em
        .createQueryBuilder()
        .update(JobLease)
        .set({ holder, expiresAt: new Date(now.getTime() + ttlMs) })
        .where('name = :name', { name })
        .andWhere('(expires_at < :now OR holder = :holder)', { now, holder })
        .execute(),
    );
    return result.affected === 1;
  }
}
