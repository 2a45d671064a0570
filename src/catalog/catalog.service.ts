import { Injectable } from '@nestjs/common';
import { DataSource, In, type EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import { badInput, conflict, notFound, type FieldProblem } from '../common/errors.js';
import type { RequestContext } from '../common/request-context.js';
import { CacheStamps } from '../common/cache-stamps.js';
import { TransactionService } from '../common/transaction.service.js';
import { normaliseLabel } from '../common/text.js';
import { lockForUpdate } from '../database/lock.js';
import { DataElement } from './data-element.entity.js';
import { rankByLabel } from './similarity.js';
import type { ValueRule } from './value-validation.js';
import { Subject, ValueType } from './value-type.js';

export interface ElementInput {
  code?: string;
  name?: string;
  subject?: Subject;
  valueType?: ValueType;
  unit?: string | null;
  options?: string[] | null;
  minValue?: number | null;
  maxValue?: number | null;
  description?: string | null;
}

export interface ElementSuggestion {
  element: DataElement;
  score: number;
}

export const MAX_ALIASES = 20;
const MAX_ALIAS_LENGTH = 64;

/** The labels a column header is matched by (import-rows.ts compares normalised labels): name, code and aliases. */
export function labelsOf(dataElement: Pick<DataElement, 'name' | 'code' | 'aliases'>): string[] {
  return [dataElement.name, dataElement.code, ...dataElement.aliases].map((label) => normaliseLabel(label));
}

interface Snapshot {
  /** The catalogue's cache version (cache_version) read before the rows were. */
  version: number;
  rows: DataElement[];
  byId: Map<number, DataElement>;
  byCode: Map<string, DataElement>;
}

@Injectable()
export class CatalogService {
  /**
   * The catalogue is small and read on every autofill: one in-memory snapshot, not a query per request.
   * A write on any server process moves the catalogue's cache version; a snapshot of an older version is
   * reloaded (this process at once, the others within CACHE_STAMP_CHECK_MS).
   */
  private snapshot: Promise<Snapshot> | null = null;
  private snapshotVersion = -1;

  constructor(
    private readonly dataSource: DataSource,
    private readonly tx: TransactionService,
    private readonly audit: AuditService,
    private readonly stamps: CacheStamps,
  ) {}

  private get repo() {
    return this.dataSource.getRepository(DataElement);
  }

  list(subject?: Subject): Promise<DataElement[]> {
    return this.repo.find({ where: subject ? { subject } : {}, order: { code: 'ASC' } });
  }

  async get(ctx: RequestContext, id: number): Promise<DataElement> {
    const dataElement = await this.load(ctx, id);
    if (!dataElement) throw notFound('数据元');
    return dataElement;
  }

  private async elements(): Promise<Snapshot> {
    const version = await this.stamps.version('catalog');
    if (!this.snapshot || this.snapshotVersion !== version) {
      this.snapshotVersion = version;
      this.snapshot = this.repo.find({ order: { id: 'ASC' } }).then((rows) => ({
        version,
        rows,
        byId: new Map(rows.map((row) => [row.id, row])),
        byCode: new Map(rows.map((row) => [row.code, row])),
      }));
      this.snapshot.catch(() => (this.snapshot = null));
    }
    return this.snapshot!;
  }

  /** Drops the snapshot once a catalogue write has committed (or failed). */
  private async refreshing<T>(write: Promise<T>): Promise<T> {
    try {
      return await write;
    } finally {
      this.snapshot = null;
      this.stamps.forget();
    }
  }

  async byCodes(codes: string[]): Promise<Map<string, DataElement>> {
    const { byCode } = await this.elements();
    return new Map(codes.filter((code) => byCode.has(code)).map((code) => [code, byCode.get(code)!]));
  }

  async load(_ctx: RequestContext, id: number): Promise<DataElement | null> {
    return (await this.elements()).byId.get(id) ?? null;
  }

  static ruleOf(dataElement: DataElement): ValueRule {
    return { valueType: dataElement.valueType, options: dataElement.options, min: dataElement.minValue, max: dataElement.maxValue };
  }

  /** The whole catalogue, once per request (it is small: tens to hundreds of rows). */
  async all(_ctx: RequestContext): Promise<DataElement[]> {
    return (await this.elements()).rows;
  }

  /** Binding suggestions: catalogue elements whose name is like the label (bigram Dice after normalising). */
  async suggest(ctx: RequestContext, label: string, subject?: Subject | null, limit = 5): Promise<ElementSuggestion[]> {
    const pool = (await this.all(ctx)).filter((row) => !subject || row.subject === subject);
    return rankByLabel(label, pool, Math.min(Math.max(limit, 1), 20)).map((item) => ({ element: item.item, score: item.score }));
  }

  private problems(input: ElementInput, existing: DataElement | null): FieldProblem[] {
    const fieldProblems: FieldProblem[] = [];
    const subject = input.subject ?? existing?.subject;
    const valueType = input.valueType ?? existing?.valueType;
    const options = input.options !== undefined ? input.options : existing?.options;
    if (input.code !== undefined) {
      if (!/^(village|resident)\.[a-z][a-z0-9_]{1,54}$/.test(input.code))
        fieldProblems.push({ field: 'code', message: '编码应为 village.xxx 或 resident.xxx（小写字母、数字、下划线）' });
      else if (subject && !input.code.startsWith(subject === Subject.VILLAGE ? 'village.' : 'resident.'))
        fieldProblems.push({ field: 'code', message: '编码前缀应与数据主体一致（村为 village.，居民为 resident.）' });
    }
    if (input.name !== undefined && (!input.name.trim() || input.name.trim().length > 64))
      fieldProblems.push({ field: 'name', message: '名称不能为空，且不超过 64 个字' });
    if (valueType === ValueType.ENUM) {
      const clean = (options ?? []).map((text) => text.trim()).filter(Boolean);
      if (clean.length < 2) fieldProblems.push({ field: 'options', message: '选项类型至少需要 2 个选项' });
      else if (new Set(clean).size !== clean.length) fieldProblems.push({ field: 'options', message: '选项不能重复' });
    } else if (input.options?.length) fieldProblems.push({ field: 'options', message: '只有选项类型（ENUM）可以设置选项' });
    const min = input.minValue !== undefined ? input.minValue : existing?.minValue;
    const max = input.maxValue !== undefined ? input.maxValue : existing?.maxValue;
    if ((min != null || max != null) && valueType !== ValueType.INTEGER && valueType !== ValueType.DECIMAL)
      fieldProblems.push({ field: 'minValue', message: '只有整数或小数可以设置上下限' });
    if (min != null && max != null && min > max) fieldProblems.push({ field: 'maxValue', message: '上限不能小于下限' });
    if (input.unit && input.unit.length > 16) fieldProblems.push({ field: 'unit', message: '单位不超过 16 个字' });
    return fieldProblems;
  }

  async create(ctx: RequestContext, input: ElementInput): Promise<DataElement> {
    const fieldProblems = this.problems(input, null);
    for (const text of ['code', 'name', 'subject', 'valueType'] as const)
      if (input[text] == null) fieldProblems.unshift({ field: text, message: `${text} 必须填写` });
    if (fieldProblems.length) throw badInput(fieldProblems.map((x) => x.message).join('；'), fieldProblems);
    return this.refreshing(
      this.tx.run(async (em) => {
        // Other server processes drop their snapshot at their next stamp check (CACHE_STAMP_CHECK_MS).
        await this.stamps.bump(em, 'catalog');
        const repo = em.getRepository(DataElement);
        if (await repo.existsBy({ code: input.code! })) throw conflict(`编码 ${input.code} 已存在`);
        const dataElement = repo.create({
          code: input.code!,
          name: input.name!.trim(),
          subject: input.subject!,
          valueType: input.valueType!,
          unit: input.unit ?? null,
          optionsJson: input.options?.length ? JSON.stringify(input.options.map((option) => option.trim())) : null,
          minValue: input.minValue ?? null,
          maxValue: input.maxValue ?? null,
          description: input.description ?? null,
        });
        await repo.save(dataElement);
        await this.audit.record(em, ctx, {
          action: 'catalog.create',
          objectType: 'data_element',
          objectId: dataElement.id,
          detail: { code: dataElement.code, name: dataElement.name },
        });
        return dataElement;
      }),
    );
  }

  /** Code, subject and value type are fixed once created (forms and facts refer to them); the rest may change. */
  async update(ctx: RequestContext, id: number, input: ElementInput): Promise<DataElement> {
    return this.refreshing(
      this.tx.run(async (em) => {
        // Other server processes drop their snapshot at their next stamp check (CACHE_STAMP_CHECK_MS).
        await this.stamps.bump(em, 'catalog');
        const repo = em.getRepository(DataElement);
        const dataElement = await repo.findOneBy({ id });
        if (!dataElement) throw notFound('数据元');
        const fieldProblems = this.problems(input, dataElement);
        if (input.code !== undefined && input.code !== dataElement.code)
          fieldProblems.push({ field: 'code', message: '数据元编码创建后不能修改' });
        if (input.subject !== undefined && input.subject !== dataElement.subject)
          fieldProblems.push({ field: 'subject', message: '数据元主体创建后不能修改' });
        // Forms bind by type and facts are stored in its canonical form: a new type is a new element.
        if (input.valueType !== undefined && input.valueType !== dataElement.valueType)
          fieldProblems.push({ field: 'valueType', message: '数据元类型创建后不能修改；如需其他类型请新建数据元' });
        if (fieldProblems.length) throw badInput(fieldProblems.map((x) => x.message).join('；'), fieldProblems);
        const before = {
          name: dataElement.name,
          valueType: dataElement.valueType,
          unit: dataElement.unit,
          options: dataElement.options,
          minValue: dataElement.minValue,
          maxValue: dataElement.maxValue,
        };
        if (input.name !== undefined) dataElement.name = input.name.trim();
        if (input.unit !== undefined) dataElement.unit = input.unit;
        if (input.options !== undefined)
          dataElement.optionsJson = input.options?.length ? JSON.stringify(input.options.map((option) => option.trim())) : null;
        if (input.minValue !== undefined) dataElement.minValue = input.minValue;
        if (input.maxValue !== undefined) dataElement.maxValue = input.maxValue;
        if (input.description !== undefined) dataElement.description = input.description;
        await repo.save(dataElement);
        await this.audit.record(em, ctx, {
          action: 'catalog.update',
          objectType: 'data_element',
          objectId: id,
          detail: { code: dataElement.code, before },
        });
        return dataElement;
      }),
    );
  }

  /**
   * Replaces an element's aliases: the other names of its column in imported files. Blank and
   * repeated ones (after normalising, as header matching compares) and the element's own name or
   * code are dropped; one that names another element (its name, code or an alias) is a CONFLICT,
   * so a header always means one element.
   */
  async setAliases(ctx: RequestContext, id: number, input: string[]): Promise<DataElement> {
    const fieldProblems: FieldProblem[] = [];
    if (input.length > MAX_ALIASES) fieldProblems.push({ field: 'aliases', message: `每个数据元最多 ${MAX_ALIASES} 个别名` });
    for (const alias of input) {
      const trimmed = alias.trim();
      if (trimmed.length > MAX_ALIAS_LENGTH)
        fieldProblems.push({ field: 'aliases', message: `别名“${trimmed.slice(0, 20)}…”超过 ${MAX_ALIAS_LENGTH} 个字` });
      else if (trimmed && !normaliseLabel(trimmed))
        fieldProblems.push({ field: 'aliases', message: `别名“${trimmed}”只有标点或符号，不能用来识别列名` });
    }
    if (fieldProblems.length) throw badInput(fieldProblems.map((x) => x.message).join('；'), fieldProblems);
    return this.refreshing(
      this.tx.run(async (em) => {
        // Other server processes drop their snapshot at their next stamp check (CACHE_STAMP_CHECK_MS).
        await this.stamps.bump(em, 'catalog');
        // All elements, locked: two administrators cannot give the same alias to two elements at once.
        const all = await lockForUpdate(em.getRepository(DataElement).createQueryBuilder('e')).getMany();
        const dataElement = all.find((row) => row.id === id);
        if (!dataElement) throw notFound('数据元');
        const own = new Set([normaliseLabel(dataElement.name), normaliseLabel(dataElement.code)]);
        const seen = new Set<string>();
        const aliases: string[] = [];
        for (const alias of input.map((text) => text.trim()).filter(Boolean)) {
          const label = normaliseLabel(alias);
          if (own.has(label) || seen.has(label)) continue;
          seen.add(label);
          aliases.push(alias);
        }
        for (const other of all) {
          if (other.id === id) continue;
          const taken = new Set(labelsOf(other));
          const clash = aliases.find((alias) => taken.has(normaliseLabel(alias)));
          if (clash)
            throw conflict(`别名“${clash}”已是数据元“${other.name}”（${other.code}）的名称、编码或别名；同一列名只能对应一个数据元`, {
              details: [{ field: 'aliases', message: `“${clash}”已属于 ${other.code}` }],
            });
        }
        const before = dataElement.aliases;
        dataElement.aliasesJson = aliases.length ? JSON.stringify(aliases) : null;
        await em.getRepository(DataElement).update({ id }, { aliasesJson: dataElement.aliasesJson });
        await this.audit.record(em, ctx, {
          action: 'catalog.aliases',
          objectType: 'data_element',
          objectId: id,
          detail: { code: dataElement.code, before, after: aliases },
        });
        return dataElement;
      }),
    );
  }

  /** Data elements by id, read in the caller's transaction when one is given. */
  byIds(ids: number[], em?: EntityManager): Promise<DataElement[]> {
    if (!ids.length) return Promise.resolve([]);
    return (em ?? this.dataSource.manager).getRepository(DataElement).findBy({ id: In(ids) });
  }
}
