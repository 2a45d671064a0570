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

export function jaccard(left: Set<number>, right: Set<number>): number {
  if (!left.size && !right.size) return 0;
  let inter = 0;
  for (const x of left) if (right.has(x)) inter++;
  return inter / (left.size + right.size - inter);
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
  const fields: FieldReport[] = input.fields.map((field) => {
    const coverage = field.elementId != null ? round(Math.min(1, Math.max(0, input.coverage.get(field.elementId) ?? 0))) : 0;
    return {
      key: field.key,
      label: field.label,
      elementId: field.elementId,
      elementName: field.elementName,
      sharedWith:
        field.elementId == null
          ? []
          : input.active
              .filter((activeForm) => activeForm.elementIds.includes(field.elementId!))
              .map((activeForm) => ({ formId: activeForm.formId, title: activeForm.title, departmentName: activeForm.departmentName })),
      coverage,
      autofillable: field.elementId != null && (field.derived || coverage > 0),
    };
  });
  const mine = new Set(input.fields.map((field) => field.elementId).filter((x): x is number => x != null));
  const overlaps = input.active
    .map((activeForm) => {
      const theirs = new Set(activeForm.elementIds);
      const shared = input.fields.filter((field) => field.elementId != null && theirs.has(field.elementId));
      return {
        formId: activeForm.formId,
        title: activeForm.title,
        departmentId: activeForm.departmentId,
        departmentName: activeForm.departmentName,
        jaccard: round(jaccard(mine, theirs)),
        sharedElements: [...new Set(shared.map((analysedField) => analysedField.elementName ?? ''))],
        sharedFieldKeys: shared.map((analysedField) => analysedField.key),
        mergeSuggested: false,
      };
    })
    .filter((item) => item.jaccard > 0)
    .sort((x, y) => y.jaccard - x.jaccard || x.formId - y.formId)
    .slice(0, MAX_OVERLAPS)
    .map((item) => ({ ...item, mergeSuggested: item.jaccard >= threshold }));
  const manualFields = fields.filter((field) => !field.autofillable).length;
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

export function packReport(analysisReport: AnalysisReport): StoredAnalysis {
  const forms: StoredAnalysis['forms'] = {};
  for (const field of analysisReport.fields)
    for (const formRef of field.sharedWith) forms[formRef.formId] = { t: formRef.title, d: formRef.departmentName, di: 0 };
  for (const formOverlapReport of analysisReport.overlaps)
    forms[formOverlapReport.formId] = {
      t: formOverlapReport.title,
      d: formOverlapReport.departmentName,
      di: formOverlapReport.departmentId,
    };
  return {
    v: 2,
    forms,
    fields: analysisReport.fields.map((field) => ({
      k: field.key,
      e: field.elementId,
      c: field.coverage,
      a: field.autofillable,
      s: field.sharedWith.map((x) => x.formId),
    })),
    overlaps: analysisReport.overlaps.map((formOverlapReport) => ({
      f: formOverlapReport.formId,
      j: formOverlapReport.jaccard,
      m: formOverlapReport.mergeSuggested,
    })),
    burden: analysisReport.burden,
    mergeThreshold: analysisReport.mergeThreshold,
    maxOverlap: analysisReport.maxOverlap,
  };
}

export function unpackReport(
  storedAnalysis: StoredAnalysis,
  labels: Map<string, string>,
  elementNames: Map<number, string>,
): AnalysisReport {
  const ref = (id: number): FormRef => ({
    formId: id,
    title: storedAnalysis.forms[id]?.t ?? '',
    departmentName: storedAnalysis.forms[id]?.d ?? '',
  });
  const fields: FieldReport[] = storedAnalysis.fields.map((field) => ({
    key: field.k,
    label: labels.get(field.k) ?? field.k,
    elementId: field.e,
    elementName: field.e != null ? (elementNames.get(field.e) ?? null) : null,
    sharedWith: field.s.map(ref),
    coverage: field.c,
    autofillable: field.a,
  }));
  return {
    fields,
    overlaps: storedAnalysis.overlaps.map((item) => {
      const shared = fields.filter((field) => field.sharedWith.some((x) => x.formId === item.f));
      return {
        ...ref(item.f),
        departmentId: storedAnalysis.forms[item.f]?.di ?? 0,
        jaccard: item.j,
        sharedElements: [...new Set(shared.map((fieldReport) => fieldReport.elementName ?? ''))],
        sharedFieldKeys: shared.map((fieldReport) => fieldReport.key),
        mergeSuggested: item.m,
      };
    }),
    burden: storedAnalysis.burden,
    mergeThreshold: storedAnalysis.mergeThreshold,
    maxOverlap: storedAnalysis.maxOverlap,
  };
}
