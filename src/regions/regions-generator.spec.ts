import { generateRegions } from './regions-generator.js';

describe('generateRegions', () => {
  const all = generateRegions();
  const villages = all.filter((r) => r.level === 'VILLAGE');
  const towns = all.filter((r) => r.level === 'TOWN');

  it('has Zaoyang’s shape: 1 city, 17 towns, 558 villages, 31 monitoring points', () => {
    expect(all.filter((r) => r.level === 'CITY')).toHaveLength(1);
    expect(towns).toHaveLength(17);
    expect(villages).toHaveLength(558);
    expect(villages.filter((v) => v.monitoringPoint)).toHaveLength(31);
  });

  it('uses 12-digit codes under their town, unique', () => {
    for (const v of villages) {
      expect(v.code).toMatch(/^\d{12}$/);
      expect(v.code.slice(0, 9)).toBe(v.parentCode!.slice(0, 9));
    }
    expect(new Set(all.map((r) => r.code)).size).toBe(all.length);
  });

  it('repeats village names across towns but never within one', () => {
    const byName = new Map<string, Set<string>>();
    for (const v of villages) {
      const towns = byName.get(v.name) ?? new Set();
      expect(towns.has(v.parentCode!)).toBe(false);
      towns.add(v.parentCode!);
      byName.set(v.name, towns);
    }
    expect([...byName.values()].some((t) => t.size >= 3)).toBe(true);
    expect(byName.get('新集村')?.size ?? 0).toBeGreaterThanOrEqual(2);
  });

  it('is deterministic and scales to a province', () => {
    expect(generateRegions()).toEqual(all);
    const province = generateRegions(20251, 25000).filter((r) => r.level === 'VILLAGE');
    expect(province).toHaveLength(25000);
    expect(new Set(province.map((r) => r.code)).size).toBe(25000);
  });
});
