import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The caches a server process keeps in memory and another process's write must be able to drop. */
export type CacheName = 'catalog' | 'regions';

/** 缓存版本: one row per cache; a writer moves it in its own transaction. */
@Entity('cache_version')
export class CacheVersion {
  @PrimaryColumn({ type: 'varchar', length: 32 })
  name: CacheName;

  @Column({ type: 'int', default: 0 })
  version: number;
}
