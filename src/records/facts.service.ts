import { platformDay } from '../common/platform-time.js';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { CatalogService } from '../catalog/catalog.service.js';
import { validateValue } from '../catalog/value-validation.js';
import { ValueType } from '../catalog/value-type.js';
import { badInput, type FieldProblem } from '../common/errors.js';
import type { RequestContext } from '../common/request-context.js';
import { FactSource, type SubjectType } from './fact.entity.js';
import { hotRead } from '../database/hot-read.js';
import { bulkInsert, copyRowsById, inSlices, placeholders } from './sql-bulk.js';

export interface FactInput {
  subjectType: SubjectType;
  subjectId: number;
  elementId: number;
  /** Raw value: validated against the element and stored in canonical text form. */
  value: unknown;
  /** YYYY-MM-DD: the date the value was true as of. */
  asOf: string;
  source: FactSource;
  /** e.g. `import_batch:12`, `submission:345`. */
  sourceRef?: string | null;
}

export interface WriteFactsResult {
  /** Facts appended to the history. */
  added: number;
  /** Facts already in the history (same subject, element, value and as-of date): not written again. */
  unchanged: number;
  /** Facts for derived elements (gender, birth date) or the ID number itself: never stored as facts. */
  skippedDerived: number;
  /** Current values inserted or replaced. */
  currentChanged: number;
}

export interface WriteFactsOptions {
  /** Values are already canonical (the caller ran validateValue with the same rule, as import does). */
  canonical?: boolean;
  /** Subjects created earlier in the caller's transaction (residents an import just added): no current value or history to look up. */
  newSubjects?: { subjectType: SubjectType; ids: ReadonlySet<number> };
}

/** A validated fact on its way in, with its subject+element key. */
interface Pending extends Omit<CurrentValue, 'updatedAt'> {
  key: string;
}

/** A current value as autofill and profiles read it. */
export interface CurrentValue {
  subjectType: SubjectType;
  subjectId: number;
  elementId: number;
  value: string;
  asOf: string;
  source: FactSource;
  sourceRef: string | null;
  updatedAt: Date | string;
}

const SLICE = 500;

/** Raw rows (snake_case columns, as the drivers return them; ids may come back as strings on MySQL). */
interface CurrentFactKeyRow {
  id: number | string;
  subject_id: number | string;
  element_id: number | string;
  value: string;
  as_of: string;
}
type FactHistoryRow = Omit<CurrentFactKeyRow, 'id'>;
interface CurrentFactRow extends FactHistoryRow {
  source: FactSource;
  source_ref: string | null;
  updated_at: Date | string;
}
/** Up to this many subjects, current() picks the elements in code (see there). */
const FEW_SUBJECTS = 50;
/** The columns a fact and its current value share. */
const FACT_COLUMNS = ['subject_type', 'subject_id', 'element_id', 'value', 'as_of', 'source', 'source_ref'];
const AS_OF = /^\d{4}-\d{2}-\d{2}$/;
const keyOf = (text: string, num: number, value: number) => `${text}|${num}|${value}`;
/** subject+element+date+value, as historyKeys returns them. */
const exactOf = (pending2: Pending) => `${pending2.key}|${pending2.asOf}|${pending2.value}`;

/**
 * The shared database's write path: every value that enters history comes through writeFacts
 * (import now; accepted submissions and admin edits later), inside the caller's transaction.
 */
@Injectable()
export class FactsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly catalog: CatalogService,
  ) {}

  /**
   * Validates, appends new facts (skipping exact duplicates of history) and keeps current_fact
   * in step, all in the caller's transaction `em`: an older as-of never replaces a newer one;
   * on equal dates the later write wins (later in `facts`, or a later call).
   * Throws BAD_USER_INPUT (details `facts[i].value`) and writes nothing when any value is invalid.
   */
  async writeFacts(em: EntityManager, _ctx: RequestContext, facts: FactInput[], opts: WriteFactsOptions = {}): Promise<WriteFactsResult> {
    const result: WriteFactsResult = { added: 0, unchanged: 0, skippedDerived: 0, currentChanged: 0 };
    if (!facts.length) return result;
    const elementIds = [...new Set(facts.map((fact) => fact.elementId))];
    const elements = new Map((await this.catalog.byIds(elementIds, em)).map((dataElement) => [dataElement.id, dataElement]));
    const rules = new Map([...elements.values()].map((element) => [element.id, CatalogService.ruleOf(element)]));

    // 1. Validate and canonicalise; drop exact duplicates within the batch. An import writes
    //    hundreds of thousands of facts and strings are its main garbage: one key per fact, the
    //    longer subject+element+date+value key only where it is needed (history look-ups).
    const problems: FieldProblem[] = [];
    const wanted: (Pending | null)[] = [];
    /** subject+element → index of its first fact in `wanted` (-1 once the key repeats: its facts are then indexed by exact key). */
    const firstOfKey = new Map<string, number>();
    const exactSeen = new Map<string, number>();
    const field = (i: number) => `facts[${i}].value`;
    const today = platformDay();
    facts.forEach((fact, i) => {
      const dataElement = elements.get(fact.elementId);
      if (!dataElement) return problems.push({ field: field(i), message: `数据元 ${fact.elementId} 不存在` });
      if (dataElement.subject !== fact.subjectType)
        return problems.push({
          field: field(i),
          message: `数据元“${dataElement.name}”不属于${fact.subjectType === 'VILLAGE' ? '村' : '居民'}`,
        });
      if (!AS_OF.test(fact.asOf)) return problems.push({ field: field(i), message: `数据日期应为 YYYY-MM-DD，收到“${fact.asOf}”` });
      // Every writer (imports, accepted submissions, the demo) passes here: no value is dated after today.
      if (fact.asOf > today)
        return problems.push({ field: field(i), message: `数据日期 ${fact.asOf} 晚于今天（${today}），数据不能记在未来的日期上` });
      if (dataElement.derivedFrom || dataElement.valueType === ValueType.ID_NUMBER) {
        result.skippedDerived++;
        return;
      }
      const valueCheck =
        opts.canonical && typeof fact.value === 'string'
          ? { ok: true as const, value: fact.value }
          : validateValue(rules.get(dataElement.id)!, fact.value);
      if (!valueCheck.ok) return problems.push({ field: field(i), message: `${dataElement.name}：${valueCheck.reason}` });
      const key = keyOf(fact.subjectType, fact.subjectId, fact.elementId);
      const first = firstOfKey.get(key);
      if (first === undefined) firstOfKey.set(key, wanted.length);
      else {
        if (first >= 0) {
          // The key again (several dates, or a repeated row): from now on its facts are compared by exact key.
          exactSeen.set(exactOf(wanted[first]!), first);
          firstOfKey.set(key, -1);
        }
        const exact = `${key}|${fact.asOf}|${valueCheck.value}`;
        const j = exactSeen.get(exact);
        if (j !== undefined && wanted[j]) {
          // Same subject, element, date and value twice: written once, with the later provenance.
          result.unchanged++;
          wanted[j] = null;
        }
        exactSeen.set(exact, wanted.length);
      }
      wanted.push({
        subjectType: fact.subjectType,
        subjectId: fact.subjectId,
        elementId: fact.elementId,
        value: valueCheck.value,
        asOf: fact.asOf,
        source: fact.source,
        sourceRef: fact.sourceRef ?? null,
        key,
      });
    });
    if (problems.length) throw badInput(`有 ${problems.length} 个数据不符合要求：${problems[0].message}`, problems);
    const valid = wanted.filter((pending2): pending2 is Pending => pending2 !== null);
    if (!valid.length) return result;

    // 2. Current rows for the batch's keys (unique index), one query per slice of subjects;
    //    subjects the caller just created have none (nor any history) and are not looked up.
    const created = opts.newSubjects;
    const existing = created
      ? valid.filter((pending2) => !(pending2.subjectType === created.subjectType && created.ids.has(pending2.subjectId)))
      : valid;
    const current = await this.currentFor(em, existing);

    // 3. Exact duplicates: equal to the current row → duplicate at once. A fact that would become
    //    current (its date not older than the current one's) is always appended, even if the same
    //    value and date are in the history already: on equal dates the later write wins, so a
    //    correction back to an earlier value (A, B, then A again) must become current and leave
    //    its own trace. Only older facts are looked up in the history (new subjects have none).
    const needHistory = existing.filter((pending2) => {
      const value = current.get(pending2.key);
      return value && value.asOf > pending2.asOf;
    });
    const inHistory = await this.historyKeys(em, needHistory);
    const fresh = valid.filter((pending2) => {
      const value = current.get(pending2.key);
      if (value && value.asOf === pending2.asOf && value.value === pending2.value) return false;
      if (!value || value.asOf <= pending2.asOf) return true;
      return !inHistory.size || !inHistory.has(exactOf(pending2));
    });
    result.unchanged += valid.length - fresh.length;
    if (!fresh.length) return result;

    // 4. Append, then replace the current rows that the new facts win over.
    const ids = await bulkInsert(
      em,
      'fact',
      FACT_COLUMNS,
      fresh.map((pending2) => [
        pending2.subjectType,
        pending2.subjectId,
        pending2.elementId,
        pending2.value,
        pending2.asOf,
        pending2.source,
        pending2.sourceRef,
      ]),
      true,
    );
    result.added = fresh.length;
    const winners = new Map<string, { f: Pending; id: number }>();
    fresh.forEach((pending2, i) => {
      const winner = winners.get(pending2.key);
      if (!winner || pending2.asOf >= winner.f.asOf) winners.set(pending2.key, { f: pending2, id: ids[i] });
    });
    const replace: number[] = [];
    const copy: number[] = [];
    for (const [k, { f, id }] of winners) {
      const value = current.get(k);
      if (value && value.asOf > f.asOf) continue;
      if (value) replace.push(value.id);
      copy.push(id);
    }
    await inSlices(replace, SLICE, async (nums) => {
      await em.query(`DELETE FROM current_fact WHERE id IN (${placeholders(nums.length)})`, nums);
      return [];
    });
    // The new current rows are copied from the fact rows just appended (by id, mostly id ranges):
    // their values cross from the app to the database once, not twice.
    await copyRowsById(em, 'current_fact', [...FACT_COLUMNS, 'fact_id'], 'fact', [...FACT_COLUMNS, 'id'], copy);
    result.currentChanged = copy.length;
    return result;
  }

  private async currentFor(em: EntityManager, facts: FactInput[]): Promise<Map<string, { id: number; value: string; asOf: string }>> {
    const out = new Map<string, { id: number; value: string; asOf: string }>();
    for (const [type, subjects, elements] of groupBySubjectType(facts)) {
      await inSlices(subjects, SLICE, async (nums) => {
        const rows: CurrentFactKeyRow[] = await em.query(
          `SELECT id, subject_id, element_id, value, as_of FROM current_fact WHERE subject_type = ? AND subject_id IN (${placeholders(nums.length)}) AND element_id IN (${placeholders(elements.length)})`,
          [type, ...nums, ...elements],
        );
        for (const row of rows)
          out.set(keyOf(type, Number(row.subject_id), Number(row.element_id)), { id: Number(row.id), value: row.value, asOf: row.as_of });
        return [];
      });
    }
    return out;
  }

  private async historyKeys(em: EntityManager, facts: FactInput[]): Promise<Set<string>> {
    const out = new Set<string>();
    for (const [type, subjects, elements] of groupBySubjectType(facts)) {
      const dates = [...new Set(facts.filter((fact) => fact.subjectType === type).map((fact) => fact.asOf))];
      await inSlices(subjects, SLICE, async (nums) => {
        const rows: FactHistoryRow[] = await em.query(
          `SELECT subject_id, element_id, value, as_of FROM fact WHERE subject_type = ? AND subject_id IN (${placeholders(nums.length)}) AND element_id IN (${placeholders(elements.length)}) AND as_of IN (${placeholders(dates.length)})`,
          [type, ...nums, ...elements, ...dates],
        );
        for (const row of rows) out.add(`${keyOf(type, Number(row.subject_id), Number(row.element_id))}|${row.as_of}|${row.value}`);
        return [];
      });
    }
    return out;
  }

  /**
   * Current values of many subjects (optionally for some elements): one statement per slice of
   * subjects, served by the unique (subject_type, subject_id, element_id) index; plain rows, no
   * entity hydration (this is autofill's hot path). For a few subjects (a village, a form's resident
   * rows) the elements are picked here rather than in SQL: a subject has tens of current values,
   * and MariaDB plans subjects × elements equality ranges far slower than subjects alone (20
   * residents × 18 elements: 1.4 → 0.9 ms per statement; 2.2 → 1.5 ms with 10× the residents).
   */
  async current(subjectType: SubjectType, subjectIds: number[], elementIds?: number[]): Promise<CurrentValue[]> {
    if (!subjectIds.length || (elementIds && !elementIds.length)) return [];
    const pick = elementIds && subjectIds.length <= FEW_SUBJECTS ? new Set(elementIds) : null;
    const inSql = elementIds && !pick ? elementIds : null;
    return inSlices(subjectIds, SLICE, async (nums) => {
      const byElement = inSql ? ` AND element_id IN (${placeholders(inSql.length)})` : '';
      const rows = await hotRead<CurrentFactRow>(
        this.dataSource,
        `SELECT subject_id, element_id, value, as_of, source, source_ref, updated_at FROM current_fact WHERE subject_type = ? AND subject_id IN (${placeholders(nums.length)})${byElement}`,
        [subjectType, ...nums, ...(inSql ?? [])],
      );
      const out: CurrentValue[] = [];
      for (const row of rows) {
        const elementId = Number(row.element_id);
        if (pick && !pick.has(elementId)) continue;
        out.push({
          subjectType,
          subjectId: Number(row.subject_id),
          elementId,
          value: row.value,
          asOf: row.as_of,
          source: row.source,
          sourceRef: row.source_ref,
          updatedAt: row.updated_at,
        });
      }
      return out;
    });
  }
}

function groupBySubjectType(facts: FactInput[]): [SubjectType, number[], number[]][] {
  const map = new Map<SubjectType, { s: Set<number>; e: Set<number> }>();
  for (const fact of facts) {
    let value = map.get(fact.subjectType);
    if (!value) map.set(fact.subjectType, (value = { s: new Set(), e: new Set() }));
    value.s.add(fact.subjectId);
    value.e.add(fact.elementId);
  }
  return [...map].map(([subjectType, item]) => [subjectType, [...item.s], [...item.e]]);
}
