import { DataSource, type EntityManager } from 'typeorm';
import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { CacheVersion, type CacheName } from './cache-version.entity.js';

export type { CacheName };

/**
 * Version stamps of the in-memory caches, for several server processes on one database. A writer calls
 * `bump` inside its transaction; a reader asks `version` before it trusts its cache — one query of two
 * rows at most every CACHE_STAMP_CHECK_MS per process (shared by every request in that time), so a
 * change committed on one server is seen on the others within that bound. Read the stamp before loading
 * the cache: a write landing in between then only costs one extra reload, never a stale cache labelled new.
 */
@Injectable()
export class CacheStamps {
  private seen = new Map<CacheName, number>();
  private checkedAt = -Infinity;
  private pending: Promise<Map<CacheName, number>> | null = null;

  constructor(
    private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** The cache's current version, at most CACHE_STAMP_CHECK_MS old. */
  async version(name: CacheName): Promise<number> {
    if (Date.now() - this.checkedAt >= this.config.cacheStampCheckMs) await this.check();
    return this.seen.get(name) ?? 0;
  }

  private check(): Promise<Map<CacheName, number>> {
    if (!this.pending) {
      const started = Date.now();
      this.pending = this.dataSource
        .getRepository(CacheVersion)
        .find()
        .then((rows) => {
          this.seen = new Map(rows.map((row) => [row.name, row.version]));
          this.checkedAt = started;
          return this.seen;
        })
        .finally(() => (this.pending = null));
    }
    return this.pending;
  }

  /** Moves the cache's version in the writer's transaction; this process reads it afresh at its next look. */
  async bump(em: EntityManager, name: CacheName): Promise<void> {
    await em
      .createQueryBuilder()
      .update(CacheVersion)
      .set({ version: () => 'version + 1' })
      .where('name = :name', { name })
      .execute();
    this.forget();
  }

  /** The next `version` reads the database (after this process's own write has committed). */
  forget(): void {
    this.checkedAt = -Infinity;
  }
}
