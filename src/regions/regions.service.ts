import { Injectable } from '@nestjs/common';
import { Brackets, DataSource, In, type EntityManager } from 'typeorm';
import { CacheStamps } from '../common/cache-stamps.js';
import { Contains } from '../common/like.js';
import { Role } from '../common/auth-user.js';
import { badField, notFound } from '../common/errors.js';
import { groupByKeys, type RequestContext } from '../common/request-context.js';
import { PlaceIndex, type PlaceData } from './place-names.js';
import { Region, RegionLevel } from './region.entity.js';

export const MAX_SEARCH = 50;
const REGION_CACHE_MS = 60_000;

@Injectable()
export class RegionsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly stamps: CacheStamps,
  ) {}

  private get repo() {
    return this.dataSource.getRepository(Region);
  }

  list(level?: RegionLevel, parentId?: number): Promise<Region[]> {
    const where: Record<string, unknown> = {};
    if (level) where.level = level;
    if (parentId) where.parentId = parentId;
    return this.repo.find({ where, order: { code: 'ASC' } });
  }

  async get(ctx: RequestContext, id: number): Promise<Region> {
    const region = await this.load(ctx, id);
    if (!region) throw notFound('区划');
    return region;
  }

  /**
   * Regions change only through demo loading or administration: read-mostly, kept a minute in memory, and
   * dropped when the regions' cache version moves (a write on any server process; seen within CACHE_STAMP_CHECK_MS).
   */
  private readonly cache = new Map<number, { at: number; region: Region }>();
  private cacheVersion = -1;

  /** Drops the cached regions and place names if another process (or this one) has changed the regions. */
  private async current(): Promise<void> {
    const version = await this.stamps.version('regions');
    if (version === this.cacheVersion) return;
    this.cache.clear();
    this.places = null;
    this.cacheVersion = version;
  }

  /** In a transaction that writes regions: other processes drop their region caches at their next stamp check. */
  async changed(em: EntityManager): Promise<void> {
    await this.stamps.bump(em, 'regions');
  }

  load(ctx: RequestContext, id: number): Promise<Region | null> {
    return ctx
      .loader<number, Region | null>('region.byId', async (ids) => {
        await this.current();
        const now = Date.now();
        const misses = ids.filter((i) => {
          const cached = this.cache.get(i);
          return !cached || now - cached.at > REGION_CACHE_MS;
        });
        if (misses.length) {
          if (this.cache.size > 200_000) this.cache.clear();
          for (const region of await this.repo.findBy({ id: In([...misses]) })) this.cache.set(region.id, { at: now, region: region });
        }
        return ids.map((i) => this.cache.get(i)?.region ?? null);
      })
      .load(id);
  }

  loadChildren(ctx: RequestContext, parentId: number): Promise<Region[]> {
    return ctx
      .loader<number, Region[]>('region.children', async (ids) =>
        groupByKeys(ids, await this.repo.find({ where: { parentId: In([...ids]) }, order: { code: 'ASC' } }), (region) => region.parentId!),
      )
      .load(parentId);
  }

  /**
   * Villages by Chinese substring, full pinyin or initials. Exact matches first, then prefixes,
   * then the rest; same-named villages come back with their towns (the `town` field).
   */
  async searchVillages(query: string, limit = 20, townId?: number): Promise<Region[]> {
    const replaced = query.trim().toLowerCase().replace(/\s+/g, '');
    if (!replaced) throw badField('query', '请输入村名、拼音或拼音首字母');
    const take = Math.min(Math.max(limit, 1), MAX_SEARCH);
    const like = `%${replaced.replace(/[%_\\]/g, '')}%`;
    const prefix = `${replaced.replace(/[%_\\]/g, '')}%`;
    const qb = this.repo
      .createQueryBuilder('r')
      .where('r.level = :level', { level: RegionLevel.VILLAGE })
      .andWhere(
        new Brackets((whereExpressionBuilder) =>
          whereExpressionBuilder.where('r.name LIKE :like').orWhere('r.pinyin LIKE :prefix').orWhere('r.initials LIKE :prefix'),
        ),
      )
      .setParameters({ like, prefix, q: replaced })
      .addSelect(
        `CASE WHEN r.name = :q OR r.initials = :q OR r.pinyin = :q THEN 0 WHEN r.name LIKE :prefix OR r.initials LIKE :prefix OR r.pinyin LIKE :prefix THEN 1 ELSE 2 END`,
        'rank',
      )
      .orderBy('rank', 'ASC')
      .addOrderBy('r.code', 'ASC')
      .take(take);
    if (townId) qb.andWhere('r.parentId = :townId', { townId });
    return qb.getMany();
  }

  /**
   * Regions whose name holds `text`, and the villages of towns whose name holds it: "环城" finds
   * 环城街道 and every village in it (the user list's search by unit).
   */
  async idsNamed(text: string): Promise<number[]> {
    const named = await this.repo.find({ select: { id: true, level: true }, where: { name: Contains(text.trim()) } });
    const towns = named.filter((region) => region.level === RegionLevel.TOWN).map((region) => region.id);
    const villages = towns.length ? await this.repo.find({ select: { id: true }, where: { parentId: In(towns) } }) : [];
    return [...new Set([...named, ...villages].map((region) => region.id))];
  }

  /** Village ids the caller may see data of; null = every village (city-wide roles). */
  async visibleVillageIds(ctx: RequestContext): Promise<number[] | null> {
    const user = ctx.me;
    if (user.role === Role.VILLAGE_CADRE) return [user.regionId!];
    if (user.role === Role.TOWN_STAFF)
      return (await this.repo.find({ select: { id: true }, where: { parentId: user.regionId! } })).map((region) => region.id);
    return null;
  }

  /** The city, towns and villages as plain data, for resolving names (regions/place-names.ts) on any thread. */
  async placeData(): Promise<PlaceData> {
    const [cities, towns, villages] = await Promise.all([
      this.findAt(RegionLevel.CITY),
      this.findAt(RegionLevel.TOWN),
      this.findAt(RegionLevel.VILLAGE),
    ]);
    return {
      cities: cities.map((city) => city.name),
      towns: towns.map((town) => ({ id: town.id, name: town.name })),
      villages: villages.map((village) => ({ id: village.id, code: village.code, name: village.name, townId: village.parentId ?? null })),
    };
  }

  private places: { at: number; index: Promise<PlaceIndex> } | null = null;

  /** Place names → villages (“环城街道土铺村”, “环城土铺村”), kept as long as the region cache. */
  async placeIndex(): Promise<PlaceIndex> {
    await this.current();
    if (!this.places || Date.now() - this.places.at > REGION_CACHE_MS) {
      const index = this.placeData().then((data) => new PlaceIndex(data));
      this.places = { at: Date.now(), index };
      index.catch(() => (this.places = null));
    }
    return this.places.index;
  }

  /** How many villages the city has (the denominator of coverage shares). */
  countVillages(em?: EntityManager): Promise<number> {
    return this.countByLevel(RegionLevel.VILLAGE, em);
  }

  /** How many regions of a level exist (the target units of a form). */
  countByLevel(level: RegionLevel, em?: EntityManager): Promise<number> {
    return (em ?? this.dataSource.manager).getRepository(Region).countBy({ level });
  }

  /** Regions of one level, optionally among some ids or under some parents, by code. */
  findAt(level: RegionLevel, where: { ids?: number[]; parentIds?: number[] } = {}): Promise<Region[]> {
    if ((where.ids && !where.ids.length) || (where.parentIds && !where.parentIds.length)) return Promise.resolve([]);
    return this.repo.find({
      where: { level, ...(where.ids ? { id: In(where.ids) } : {}), ...(where.parentIds ? { parentId: In(where.parentIds) } : {}) },
      order: { code: 'ASC' },
    });
  }

  /** One region read in the caller's transaction when one is given (no cache: for checks before a write). */
  byId(id: number, em?: EntityManager): Promise<Region | null> {
    return (em ?? this.dataSource.manager).getRepository(Region).findOneBy({ id });
  }

  /** The name of a region, or null if there is none with this id (one statement, no cache: for a one-off label). */
  async nameOf(id: number): Promise<string | null> {
    return (await this.repo.findOne({ select: { id: true, name: true }, where: { id } }))?.name ?? null;
  }

  /** A village by id, read now (not from the cache), or null if the id is not a village's. */
  findVillage(id: number): Promise<Region | null> {
    return this.repo.findOneBy({ id, level: RegionLevel.VILLAGE });
  }
}
