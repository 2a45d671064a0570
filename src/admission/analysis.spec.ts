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
    const analysisReport = analyse({ fields, active, coverage: new Map(), targetUnits: 558, fillsPerYear: 4 });
    expect(analysisReport.fields.find((fieldReport) => fieldReport.key === 'pop')!.sharedWith).toEqual([
      { formId: 10, title: '人口表', departmentName: '市民政局' },
    ]);
    expect(analysisReport.fields.find((fieldReport) => fieldReport.key === 'hh')!.sharedWith.map((formRef) => formRef.formId)).toEqual([
      10, 12,
    ]);
    expect(analysisReport.fields.find((fieldReport) => fieldReport.key === 'note')!.sharedWith).toEqual([]);
  });

  it('ranks overlapping forms, flags merging above the threshold and leaves out disjoint ones', () => {
    const analysisReport = analyse({ fields, active, coverage: new Map(), targetUnits: 558, fillsPerYear: 4 });
    expect(
      analysisReport.overlaps.map((formOverlapReport) => [
        formOverlapReport.formId,
        formOverlapReport.jaccard,
        formOverlapReport.mergeSuggested,
      ]),
    ).toEqual([
      [10, 0.5, true],
      [12, 0.143, false],
    ]);
    expect(analysisReport.overlaps[0].sharedElements).toEqual(['户籍人口', '户数']);
    expect(analysisReport.overlaps[0].sharedFieldKeys).toEqual(['pop', 'hh']);
    expect(analysisReport.maxOverlap).toBe(0.5);
  });

  it('counts as burden only fields a cadre must type: derived and covered elements fill themselves', () => {
    const none = analyse({ fields, active: [], coverage: new Map(), targetUnits: 558, fillsPerYear: 4 });
    expect(none.burden).toEqual({ targetUnits: 558, fillsPerYear: 4, totalFields: 4, manualFields: 3, annualEntries: 558 * 4 * 3 });
    const covered = analyse({ fields, active: [], coverage: new Map([[1, 0.9]]), targetUnits: 558, fillsPerYear: 4 });
    expect(covered.burden.manualFields).toBe(2);
    expect(covered.fields[0]).toMatchObject({ coverage: 0.9, autofillable: true });
  });

  it('packs for storage without losing anything a reader sees, and stays small for a 200-field form', () => {
    const analysisReport = analyse({ fields, active, coverage: new Map([[2, 0.5]]), targetUnits: 558, fillsPerYear: 4 });
    const labels = new Map(fields.map((analysedField) => [analysedField.key, analysedField.label]));
    const names = new Map([
      [1, '户籍人口'],
      [2, '户数'],
      [9, '性别'],
    ]);
    const packed = packReport(analysisReport);
    expect(unpackReport(JSON.parse(JSON.stringify(packed)), labels, names)).toEqual(analysisReport);

    const many = Array.from({ length: 200 }, (_, i) =>
      field(`field_with_a_rather_long_key_${i}`, i, `数据元名称很长很长很长很长很长很长${i}`),
    );
    const crowded = Array.from({ length: 25 }, (_, i) => ({
      formId: 100 + i,
      title: '某某部门某某事项情况统计表（季度）'.repeat(3),
      departmentId: i,
      departmentName: '市某某局',
      elementIds: many.map((analysedField) => analysedField.elementId!),
    }));
    const big = analyse({ fields: many, active: crowded, coverage: new Map(), targetUnits: 558, fillsPerYear: 12 });
    expect(Buffer.byteLength(JSON.stringify(packReport(big)))).toBeLessThan(60000);
  });
});
