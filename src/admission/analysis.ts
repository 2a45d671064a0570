/** Overlap and burden analysis of an admission request: pure, so the rules are tested without a database. */

export const MERGE_THRESHOLD = 0.5;
const MAX_OVERLAPS = 5;

export interface AnalysedField {
  key: string;
  label: string;
  elementId: number | null;
  elementName: string | null;
  /** Derived from another element (gender, birth date from the ID number): never typed. */
  derived: boolean;
}

export interface ActiveForm {
  formId: number;
  title: string;
  departmentId: number;
  departmentName: string;
  elementIds: number[];
}

export interface FormRef {
  formId: number;
  title: string;
  departmentName: string;
}

export interface FieldReport {
  key: string;
  label: string;
  elementId: number | null;
  elementName: string | null;
  /** Active forms already collecting this element (交叉事项一次报). */
  sharedWith: FormRef[];
  /** Share of target villages for which the shared database holds a current value (0–1). */
  coverage: number;
  autofillable: boolean;
}

export interface FormOverlapReport extends FormRef {
  departmentId: number;
  jaccard: number;
  sharedElements: string[];
  sharedFieldKeys: string[];
  /** Above the threshold: the office should consider merging (同类事项合并报). */
  mergeSuggested: boolean;
}

export interface BurdenReport {
  targetUnits: number;
  fillsPerYear: number;
  totalFields: number;
  manualFields: number;
  /** targetUnits × fillsPerYear × manualFields: entries this form adds to the grassroots each year. */
  annualEntries: number;
}

export interface AnalysisReport {
  fields: FieldReport[];
  overlaps: FormOverlapReport[];
  burden: BurdenReport;
  mergeThreshold: number;
  maxOverlap: number;
}

export function jaccard(a: Set<number>, b: Set<number>): number {
  if (!a.size && !b.size) return 0;
  let inter = 0;
  for (const x of a) if (b.has(x)) inter++;
  return inter / (a.size + b.size - inter);
}

const round = (x: number) => Math.round(x * 1000) / 1000;

export function analyse(input: {
  fields: AnalysedField[];
  active: ActiveForm[];
  coverage: Map<number, number>;
  targetUnits: number;
  fillsPerYear: number;
  threshold?: number;
}): AnalysisReport {
  const threshold = input.threshold ?? MERGE_THRESHOLD;
  const fields: FieldReport[] = input.fields.map((f) => {
    const coverage = f.elementId != null ? round(Math.min(1, Math.max(0, input.coverage.get(f.elementId) ?? 0))) : 0;
    return {
      key: f.key,
      label: f.label,
      elementId: f.elementId,
      elementName: f.elementName,
      sharedWith:
        f.elementId == null
          ? []
          : input.active
              .filter((a) => a.elementIds.includes(f.elementId!))
              .map((a) => ({ formId: a.formId, title: a.title, departmentName: a.departmentName })),
      coverage,
      autofillable: f.elementId != null && (f.derived || coverage > 0),
    };
  });
  const mine = new Set(input.fields.map((f) => f.elementId).filter((x): x is number => x != null));
  const overlaps = input.active
    .map((a) => {
      const theirs = new Set(a.elementIds);
      const shared = input.fields.filter((f) => f.elementId != null && theirs.has(f.elementId));
      return {
        formId: a.formId,
        title: a.title,
        departmentId: a.departmentId,
        departmentName: a.departmentName,
        jaccard: round(jaccard(mine, theirs)),
        sharedElements: [...new Set(shared.map((f) => f.elementName ?? ''))],
        sharedFieldKeys: shared.map((f) => f.key),
        mergeSuggested: false,
      };
    })
    .filter((o) => o.jaccard > 0)
    .sort((x, y) => y.jaccard - x.jaccard || x.formId - y.formId)
    .slice(0, MAX_OVERLAPS)
    .map((o) => ({ ...o, mergeSuggested: o.jaccard >= threshold }));
  const manualFields = fields.filter((f) => !f.autofillable).length;
  return {
    fields,
    overlaps,
    burden: {
      targetUnits: input.targetUnits,
      fillsPerYear: input.fillsPerYear,
      totalFields: fields.length,
      manualFields,
      annualEntries: input.targetUnits * input.fillsPerYear * manualFields,
    },
    mergeThreshold: threshold,
    maxOverlap: overlaps[0]?.jaccard ?? 0,
  };
}

/**
 * The stored form of a report: form titles once, per field only ids and numbers, overlaps without
 * their shared lists (derived again from the fields). Keeps a 200-field report well inside a
 * MySQL TEXT column (64 KB); labels come back from the (immutable) version, element names from
 * the catalogue.
 */
export interface StoredAnalysis {
  v: 2;
  forms: Record<string, { t: string; d: string; di: number }>;
  fields: { k: string; e: number | null; c: number; a: boolean; s: number[] }[];
  overlaps: { f: number; j: number; m: boolean }[];
  burden: BurdenReport;
  mergeThreshold: number;
  maxOverlap: number;
}

export function packReport(r: AnalysisReport): StoredAnalysis {
  const forms: StoredAnalysis['forms'] = {};
  for (const f of r.fields) for (const s of f.sharedWith) forms[s.formId] = { t: s.title, d: s.departmentName, di: 0 };
  for (const o of r.overlaps) forms[o.formId] = { t: o.title, d: o.departmentName, di: o.departmentId };
  return {
    v: 2,
    forms,
    fields: r.fields.map((f) => ({ k: f.key, e: f.elementId, c: f.coverage, a: f.autofillable, s: f.sharedWith.map((x) => x.formId) })),
    overlaps: r.overlaps.map((o) => ({ f: o.formId, j: o.jaccard, m: o.mergeSuggested })),
    burden: r.burden,
    mergeThreshold: r.mergeThreshold,
    maxOverlap: r.maxOverlap,
  };
}

export function unpackReport(s: StoredAnalysis, labels: Map<string, string>, elementNames: Map<number, string>): AnalysisReport {
  const ref = (id: number): FormRef => ({ formId: id, title: s.forms[id]?.t ?? '', departmentName: s.forms[id]?.d ?? '' });
  const fields: FieldReport[] = s.fields.map((f) => ({
    key: f.k,
    label: labels.get(f.k) ?? f.k,
    elementId: f.e,
    elementName: f.e != null ? (elementNames.get(f.e) ?? null) : null,
    sharedWith: f.s.map(ref),
    coverage: f.c,
    autofillable: f.a,
  }));
  return {
    fields,
    overlaps: s.overlaps.map((o) => {
      const shared = fields.filter((f) => f.sharedWith.some((x) => x.formId === o.f));
      return {
        ...ref(o.f),
        departmentId: s.forms[o.f]?.di ?? 0,
        jaccard: o.j,
        sharedElements: [...new Set(shared.map((f) => f.elementName ?? ''))],
        sharedFieldKeys: shared.map((f) => f.key),
        mergeSuggested: o.m,
      };
    }),
    burden: s.burden,
    mergeThreshold: s.mergeThreshold,
    maxOverlap: s.maxOverlap,
  };
}
