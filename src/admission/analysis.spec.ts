import { analyse, jaccard, packReport, unpackReport, type AnalysedField } from './analysis.js';

const field = (key: string, elementId: number | null, elementName: string | null = null, derived = false): AnalysedField => ({
  key,
  label: key,
  elementId,
  elementName,
  derived,
});

describe('overlap and burden analysis', () => {
  const fields = [field('pop', 1, '户籍人口'), field('hh', 2, '户数'), field('gender', 9, '性别', true), field('note', null)];
  const active = [
    { formId: 10, title: '人口表', departmentId: 1, departmentName: '市民政局', elementIds: [1, 2, 3] },
    { formId: 11, title: '耕地表', departmentId: 2, departmentName: '市农业农村局', elementIds: [4] },
    { formId: 12, title: '户数表', departmentId: 3, departmentName: '市统计局', elementIds: [2, 5, 6, 7, 8] },
  ];

  it('computes Jaccard over element sets', () => {
    expect(jaccard(new Set([1, 2]), new Set([2, 3]))).toBeCloseTo(1 / 3);
    expect(jaccard(new Set(), new Set())).toBe(0);
  });

  it('names, per field, the active forms already collecting its element', () => {
    const r = analyse({ fields, active, coverage: new Map(), targetUnits: 558, fillsPerYear: 4 });
    expect(r.fields.find((f) => f.key === 'pop')!.sharedWith).toEqual([{ formId: 10, title: '人口表', departmentName: '市民政局' }]);
    expect(r.fields.find((f) => f.key === 'hh')!.sharedWith.map((s) => s.formId)).toEqual([10, 12]);
    expect(r.fields.find((f) => f.key === 'note')!.sharedWith).toEqual([]);
  });

  it('ranks overlapping forms, flags merging above the threshold and leaves out disjoint ones', () => {
    const r = analyse({ fields, active, coverage: new Map(), targetUnits: 558, fillsPerYear: 4 });
    expect(r.overlaps.map((o) => [o.formId, o.jaccard, o.mergeSuggested])).toEqual([
      [10, 0.5, true],
      [12, 0.143, false],
    ]);
    expect(r.overlaps[0].sharedElements).toEqual(['户籍人口', '户数']);
    expect(r.overlaps[0].sharedFieldKeys).toEqual(['pop', 'hh']);
    expect(r.maxOverlap).toBe(0.5);
  });

  it('counts as burden only fields a cadre must type: derived and covered elements fill themselves', () => {
    const none = analyse({ fields, active: [], coverage: new Map(), targetUnits: 558, fillsPerYear: 4 });
    expect(none.burden).toEqual({ targetUnits: 558, fillsPerYear: 4, totalFields: 4, manualFields: 3, annualEntries: 558 * 4 * 3 });
    const covered = analyse({ fields, active: [], coverage: new Map([[1, 0.9]]), targetUnits: 558, fillsPerYear: 4 });
    expect(covered.burden.manualFields).toBe(2);
    expect(covered.fields[0]).toMatchObject({ coverage: 0.9, autofillable: true });
  });

  it('packs for storage without losing anything a reader sees, and stays small for a 200-field form', () => {
    const r = analyse({ fields, active, coverage: new Map([[2, 0.5]]), targetUnits: 558, fillsPerYear: 4 });
    const labels = new Map(fields.map((f) => [f.key, f.label]));
    const names = new Map([
      [1, '户籍人口'],
      [2, '户数'],
      [9, '性别'],
    ]);
    const packed = packReport(r);
    expect(unpackReport(JSON.parse(JSON.stringify(packed)), labels, names)).toEqual(r);

    const many = Array.from({ length: 200 }, (_, i) =>
      field(`field_with_a_rather_long_key_${i}`, i, `数据元名称很长很长很长很长很长很长${i}`),
    );
    const crowded = Array.from({ length: 25 }, (_, i) => ({
      formId: 100 + i,
      title: '某某部门某某事项情况统计表（季度）'.repeat(3),
      departmentId: i,
      departmentName: '市某某局',
      elementIds: many.map((f) => f.elementId!),
    }));
    const big = analyse({ fields: many, active: crowded, coverage: new Map(), targetUnits: 558, fillsPerYear: 12 });
    expect(Buffer.byteLength(JSON.stringify(packReport(big)))).toBeLessThan(60000);
  });
});
