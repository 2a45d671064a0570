// Place names as people write them in one cell: “土铺村”, “环城街道土铺村”, “枣阳市环城街道土铺村”,
// “环城街道/土铺村”, “环城街道 土铺村”, “环城土铺村” (the town's short name), “土铺村委会”,
// “土铺村（环城街道）”. Pure (no Nest, no database): the import's worker thread and autofill's
// village look-up resolve names with the same rules.
import { toHalfWidth } from '../common/text.js';

export interface PlaceTown {
  id: number;
  name: string;
}

export interface PlaceVillage {
  id: number;
  code: string;
  name: string;
  townId: number | null;
}

/** Plain data (it crosses to the import's worker thread). */
export interface PlaceData {
  /** Names above the towns (the city), which a cell may start with: “枣阳市…”. */
  cities: string[];
  towns: PlaceTown[];
  villages: PlaceVillage[];
}

/**
 * The villages a text may mean: one (found), none, or several (ambiguous: the caller names the
 * candidates). `town` is the town the text or the town column named, when one did; `townText`
 * is a town column that names no town.
 */
export interface PlaceAnswer {
  villages: PlaceVillage[];
  town: PlaceTown | null;
  townText: string | null;
}

const TOWN_SUFFIX = /(街道办事处|街道办|街办|街道|管理区|办事处|镇|乡)$/;
const VILLAGE_SUFFIX = /(村民委员会|居民委员会|社区居委会|村委会|居委会|社区|村)$/;
const CITY_SUFFIX = /(市|县|区)$/;
/** Separators between the parts of a place (“环城街道/土铺村”, “环城街道 土铺村”, “环城街道-土铺村”). */
const SEPARATORS = /[\s/\\|,，、·\-—_]+/g;
/** “土铺村（环城街道）”: the town in brackets after the village. */
const BRACKETED = /^(.+?)[(（]([^()（）]+)[)）]$/;

/** Half-width, without white space or separators: the form names are compared in. */
export const compactPlace = (text: string) => toHalfWidth(text).replace(SEPARATORS, '').trim();

/** “土铺村委会”, “土铺村” and “土铺” are the same village's key. */
const villageKey = (name: string) => name.replace(VILLAGE_SUFFIX, '') || name;

const push = <K, V>(map: Map<K, V[]>, key: K, value: V) => {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
};

export class PlaceIndex {
  private readonly townsByName = new Map<string, PlaceTown>();
  private readonly townById = new Map<number, PlaceTown>();
  /** Full names, then unambiguous short names, longest first (a prefix is tried longest first). */
  private readonly townPrefixes: [string, PlaceTown][] = [];
  private readonly byName = new Map<string, PlaceVillage[]>();
  private readonly byKey = new Map<string, PlaceVillage[]>();
  private readonly cityNames: string[];

  constructor(data: PlaceData) {
    for (const town of data.towns) {
      this.townById.set(town.id, town);
      this.townsByName.set(compactPlace(town.name), town);
    }
    const shorts = new Map<string, PlaceTown[]>();
    for (const town of data.towns) {
      const short = compactPlace(town.name).replace(TOWN_SUFFIX, '');
      if (short.length >= 2 && short !== compactPlace(town.name)) push(shorts, short, town);
    }
    for (const [short, towns] of shorts) if (towns.length === 1 && !this.townsByName.has(short)) this.townsByName.set(short, towns[0]);
    this.townPrefixes = [...this.townsByName].sort((left, right) => right[0].length - left[0].length);
    for (const village of data.villages) {
      push(this.byName, compactPlace(village.name), village);
      push(this.byKey, villageKey(compactPlace(village.name)), village);
    }
    this.cityNames = [
      ...new Set(
        data.cities.flatMap((city) => [compactPlace(city), compactPlace(city).replace(CITY_SUFFIX, '')]).filter((name) => name.length >= 2),
      ),
    ].sort((left, right) => right.length - left.length);
  }

  /** A town by its name (“环城街道”) or its unambiguous short name (“环城”). */
  town(text: string): PlaceTown | null {
    return this.townsByName.get(this.withoutCity(compactPlace(text))) ?? null;
  }

  townOf(village: PlaceVillage): PlaceTown | null {
    return village.townId === null ? null : (this.townById.get(village.townId) ?? null);
  }

  /** The villages a cell means, within the town a town column names when there is one. */
  resolve(villageText: string, townText?: string | null): PlaceAnswer {
    const townCell = townText ? compactPlace(townText) : '';
    const columnTown = townCell ? this.town(townCell) : null;
    if (townCell && !columnTown) return { villages: [], town: null, townText: townCell };
    const bracket = BRACKETED.exec(toHalfWidth(villageText).trim());
    let found: PlaceVillage[] = [];
    let cellTown: PlaceTown | null = null;
    if (bracket && this.town(bracket[2])) {
      cellTown = this.town(bracket[2]);
      found = this.inTown(this.lookup(compactPlace(bracket[1])), cellTown);
    } else {
      // As written first (a village may be called 枣阳村), then without the city in front.
      const whole = compactPlace(villageText);
      const texts = [...new Set([whole, this.withoutCity(whole)])];
      for (const text of texts) if (!found.length) found = this.lookup(text);
      for (const text of found.length ? [] : texts)
        for (const [prefix, town] of this.townPrefixes) {
          if (!text.startsWith(prefix) || text.length === prefix.length) continue;
          const inside = this.inTown(this.lookup(text.slice(prefix.length)), town);
          if (!inside.length) continue;
          cellTown ??= town;
          found = [...found, ...inside.filter((village) => !found.includes(village))];
        }
    }
    if (columnTown) found = this.inTown(found, columnTown);
    return { villages: found, town: columnTown ?? cellTown, townText: null };
  }

  /**
   * Villages named so: exactly, else (“土铺村委会”, “东园社区居委会”) by the name without its
   * suffix; a bare stem (“土铺”) is not a name, the cadre is shown the close ones instead.
   */
  private lookup(name: string): PlaceVillage[] {
    if (!name) return [];
    const exact = this.byName.get(name);
    if (exact || !VILLAGE_SUFFIX.test(name)) return exact ?? [];
    return this.byKey.get(villageKey(name)) ?? [];
  }

  private inTown(villages: PlaceVillage[], town: PlaceTown | null): PlaceVillage[] {
    return town ? villages.filter((village) => village.townId === town.id) : villages;
  }

  /** “湖北省襄阳市枣阳市环城街道…” → “环城街道…”: the city and anything ending in 省/市/州 before it. */
  private withoutCity(text: string): string {
    for (const city of this.cityNames) {
      const at = text.indexOf(city);
      if (at < 0 || at > 9) continue;
      if (at === 0 || /[省市州]$/.test(text.slice(0, at))) {
        const rest = text.slice(at + city.length).replace(/^[市县]/, '');
        if (rest) return rest;
      }
    }
    return text;
  }
}
