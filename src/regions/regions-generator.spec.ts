import { generateRegions } from './regions-generator.js';

describe('generateRegions', () => {
  const all = generateRegions();
  const villages = all.filter((genRegion) => genRegion.level === 'VILLAGE');
  const towns = all.filter((genRegion) => genRegion.level === 'TOWN');

  it('has Zaoyang’s shape: 1 city, 17 towns, 558 villages, 31 monitoring points', () => {
    expect(all.filter((genRegion) => genRegion.level === 'CITY')).toHaveLength(1);
    expect(towns).toHaveLength(17);
    expect(villages).toHaveLength(558);
    expect(villages.filter((village) => village.monitoringPoint)).toHaveLength(31);
  });

  it('uses 12-digit codes under their town, unique', () => {
    for (const village of villages) {
      expect(village.code).toMatch(/^\d{12}$/);
      expect(village.code.slice(0, 9)).toBe(village.parentCode!.slice(0, 9));
    }
    expect(new Set(all.map((genRegion) => genRegion.code)).size).toBe(all.length);
  });

  it('repeats village names across towns but never within one', () => {
    const byName = new Map<string, Set<string>>();
    for (const village of villages) {
      const towns = byName.get(village.name) ?? new Set();
      expect(towns.has(village.parentCode!)).toBe(false);
      towns.add(village.parentCode!);
      byName.set(village.name, towns);
    }
    expect([...byName.values()].some((item) => item.size >= 3)).toBe(true);
    expect(byName.get('新集村')?.size ?? 0).toBeGreaterThanOrEqual(2);
  });

  it('is deterministic and scales to a province', () => {
    expect(generateRegions()).toEqual(all);
    const province = generateRegions(20251, 25000).filter((generateRegion) => generateRegion.level === 'VILLAGE');
    expect(province).toHaveLength(25000);
    expect(new Set(province.map((genRegion) => genRegion.code)).size).toBe(25000);
  });
});
