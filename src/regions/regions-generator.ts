import { Rng } from '../common/rng.js';
import { CITY, COMMUNITY_STEMS, KNOWN_VILLAGES, TOWNS, VILLAGE_STEMS, type TownFact } from './zaoyang.js';

export interface GenRegion {
  code: string;
  name: string;
  level: 'CITY' | 'TOWN' | 'VILLAGE';
  parentCode: string | null;
  population: number | null;
  monitoringPoint: boolean;
  /** Towns only: short pinyin for the town account's username. */
  slug?: string;
}

export const ZAOYANG_VILLAGES = 558;
export const MONITORING_POINTS = 31;

/** Towns beyond Zaoyang's 17, for province-scale benchmarks: synthetic codes outside 420683. */
function syntheticTowns(count: number): TownFact[] {
  const out: TownFact[] = [];
  for (let i = 0; i < count; i++) {
    const county = String(700 + Math.floor(i / 300)).padStart(4, '0');
    const town = String(100 + (i % 300)).padStart(3, '0');
    out.push({
      code9: `42${county}${town}`,
      name: `${VILLAGE_STEMS[i % VILLAGE_STEMS.length]}${i >= VILLAGE_STEMS.length ? Math.floor(i / VILLAGE_STEMS.length) + 1 : ''}镇`,
      slug: `t${i + 18}`,
      urban: false,
      population: null,
    });
  }
  return out;
}

function shuffled(rng: Rng, list: readonly string[]): string[] {
  const texts = [...list];
  for (let i = texts.length - 1; i > 0; i--) {
    const j = Math.floor(rng.next() * (i + 1));
    [texts[i], texts[j]] = [texts[j], texts[i]];
  }
  return texts;
}

/**
 * The city → town → village tree. villages = 558 gives Zaoyang; larger numbers add synthetic
 * towns of ~33 villages each, so a province (25,000 villages) has the same shape.
 */
export function generateRegions(seed = 20251, villages = ZAOYANG_VILLAGES): GenRegion[] {
  const rng = new Rng(seed);
  const townCount = Math.max(TOWNS.length, Math.ceil(villages / 33));
  const towns = [...TOWNS, ...syntheticTowns(townCount - TOWNS.length)];
  const out: GenRegion[] = [
    { code: CITY.code, name: CITY.name, level: 'CITY', parentCode: null, population: CITY.population, monitoringPoint: false },
  ];
  const base = Math.floor(villages / towns.length);
  let extra = villages - base * towns.length;
  const villageRows: GenRegion[] = [];
  for (const town of towns) {
    const townCode = `${town.code9}000`;
    out.push({
      code: townCode,
      name: town.name,
      level: 'TOWN',
      parentCode: CITY.code,
      population: town.population,
      monitoringPoint: false,
      slug: town.slug,
    });
    const num = base + (extra-- > 0 ? 1 : 0);
    const communities = town.urban ? Math.min(COMMUNITY_STEMS.length, Math.ceil(num * 0.4)) : 0;
    // A shuffled pool per town: names repeat across towns but never within one.
    const villagePool = shuffled(rng, VILLAGE_STEMS);
    const communityPool = shuffled(rng, COMMUNITY_STEMS);
    const nameAt = (pool: string[], i: number, suffix: string) =>
      `${pool[i % pool.length]}${i >= pool.length ? Math.floor(i / pool.length) + 1 : ''}${suffix}`;
    const taken = new Set<string>(
      Object.entries(KNOWN_VILLAGES)
        .filter(([key]) => key.startsWith(town.code9))
        .map(([, value]) => value),
    );
    for (let i = 0; i < num; i++) {
      const isCommunity = i < communities;
      const code = `${town.code9}${String(isCommunity ? 1 + i : 200 + (i - communities)).padStart(3, '0')}`;
      const known = KNOWN_VILLAGES[code];
      let name = known ?? (isCommunity ? nameAt(communityPool, i, '社区') : nameAt(villagePool, i - communities, '村'));
      if (!known && taken.has(name)) name = name.replace(/(社区|村)$/, '二$1');
      taken.add(name);
      villageRows.push({ code, name, level: 'VILLAGE', parentCode: townCode, population: rng.int(800, 4500), monitoringPoint: false });
    }
  }
  // Monitoring-point villages, spread over the towns (every k-th village).
  const step = Math.max(1, Math.floor(villageRows.length / MONITORING_POINTS));
  for (let i = 0, k = 0; i < villageRows.length && k < MONITORING_POINTS; i += step, k++) villageRows[i].monitoringPoint = true;
  return [...out, ...villageRows];
}
