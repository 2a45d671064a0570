import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { basename } from 'node:path';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import { CatalogService } from '../catalog/catalog.service.js';
import { DataElement } from '../catalog/data-element.entity.js';
import { validateValue, type ValueRule } from '../catalog/value-validation.js';
import { Subject, ValueType } from '../catalog/value-type.js';
import { badInput, notFound } from '../common/errors.js';
import { pageOf, type Page, type PageArgs } from '../common/paging.js';
import type { RequestContext } from '../common/request-context.js';
import { normaliseLabel, toHalfWidth } from '../common/text.js';
import { TransactionService } from '../common/transaction.service.js';
import { Region, RegionLevel } from '../regions/region.entity.js';
import { FactSource } from './fact.entity.js';
import { FactsService, type FactInput, type WriteFactsOptions } from './facts.service.js';
import { checkIdNumber } from './id-number.js';
import { ImportBatch, type ImportRowError } from './import-batch.entity.js';
import { kindOf, readRows, type Cell, type Source } from './import-readers.js';
import { ResidentsService } from './residents.service.js';

export interface ImportOptions {
  fileName: string;
  dryRun?: boolean;
  /** YYYY-MM-DD for every row; default: the file's date column, else today. */
  asOf?: string;
  /** Called every CHUNK rows with the number of data rows read so far. */
  onProgress?: (rows: number) => void;
}

export interface ImportReport {
  batchId: number | null;
  /** The same file (by content hash) was imported before: nothing was added; batchId is that batch. */
  alreadyImported: boolean;
  dryRun: boolean;
  kind: string;
  totalRows: number;
  importedRows: number;
  errorRows: number;
  duplicateRows: number;
  factsAdded: number;
  factsUnchanged: number;
  residentsCreated: number;
  errorCount: number;
  errors: ImportRowError[];
  ignoredColumns: string[];
  durationMs: number;
}

const CHUNK = 4000;
const MAX_STORED_ERRORS = 1000;
const ALIASES = {
  id: ['身份证号', '身份证号码', '公民身份号码', '公民身份证号', '证件号码', 'idnumber', 'residentidnumber'],
  villageCode: ['村代码', '村社区代码', '区划代码', '统计用区划代码', '村级区划代码', 'villagecode'],
  villageName: ['村', '村名', '村名称', '村社区', '村社区名称', '行政村', '社区', '村庄', '所属村', '所属村社区', 'village', 'villagename'],
  town: ['镇', '乡镇', '镇街道', '乡镇街道', '镇办区', '所属镇', '所属乡镇', '街道', 'town'],
  date: ['日期', '数据日期', '截至日期', '统计日期', '统计截止日期', 'asof', 'date'],
};
const DATE_RULE = { valueType: ValueType.DATE };
class DryRunRollback extends Error {}

type Role = 'id' | 'villageCode' | 'villageName' | 'town' | 'date';
interface Layout {
  kind: Subject;
  roles: Partial<Record<Role, number>>;
  elements: { col: number; header: string; element: DataElement; rule: ValueRule }[];
  ignored: string[];
  headers: string[];
}

interface Villages {
  byCode: Map<string, Region>;
  byName: Map<string, Region[]>;
  townName: Map<number, string>;
}

const today = () => new Date().toISOString().slice(0, 10);
const text = (c: Cell): string => (c === null ? '' : c instanceof Date ? c.toISOString().slice(0, 10) : toHalfWidth(String(c)).trim());
const compact = (s: string) => s.replace(/\s+/g, '');

/** Import of historical records: xlsx/csv → residents + facts, in bulk, with a per-row report. */
@Injectable()
export class ImportService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tx: TransactionService,
    private readonly facts: FactsService,
    private readonly residents: ResidentsService,
    private readonly audit: AuditService,
  ) {}

  static async hashOf(src: Source): Promise<string> {
    const h = createHash('sha256');
    if (typeof src === 'string') for await (const chunk of createReadStream(src)) h.update(chunk as Buffer);
    else h.update(src);
    return h.digest('hex');
  }

  /** A file on disk (CLI) or an uploaded buffer (HTTP). */
  async importFile(ctx: RequestContext, src: Source, opts: ImportOptions): Promise<ImportReport> {
    const kind = kindOf(opts.fileName);
    if (!kind) throw badInput(`不支持的文件类型：${basename(opts.fileName)}；请上传 .xlsx 或 .csv 文件`, [{ field: 'file', message: '只支持 .xlsx 或 .csv' }]);
    if (opts.asOf !== undefined) {
      const d = validateValue(DATE_RULE, opts.asOf);
      if (!d.ok) throw badInput(`数据日期无效：${d.reason}`, [{ field: 'asOf', message: d.reason }]);
      opts = { ...opts, asOf: d.value };
    }
    const fileHash = await ImportService.hashOf(src);
    return this.importRows(ctx, readRows(src, kind), { ...opts, fileName: basename(opts.fileName) }, fileHash);
  }

  /** The core: rows (header first) from any reader, or generated (the demo data set). */
  async importRows(ctx: RequestContext, rows: AsyncIterable<Cell[]> | Iterable<Cell[]>, opts: ImportOptions, fileHash: string): Promise<ImportReport> {
    const started = Date.now();
    const previous = await this.dataSource.getRepository(ImportBatch).findOneBy({ fileHash });
    if (previous) return { ...this.reportOf(previous), alreadyImported: true, dryRun: !!opts.dryRun, durationMs: Date.now() - started };

    const elements = await this.dataSource.getRepository(DataElement).find();
    const villages = await this.loadVillages();
    let report!: ImportReport;
    try {
      await this.tx.run(async (em) => {
        report = await this.run(em, ctx, rows, opts, fileHash, elements, villages, started);
        if (opts.dryRun) throw new DryRunRollback();
      });
    } catch (e) {
      if (!(e instanceof DryRunRollback)) {
        // Two uploads of the same file at once: the unique hash lets one through.
        const first = await this.dataSource.getRepository(ImportBatch).findOneBy({ fileHash });
        if (first) return { ...this.reportOf(first), alreadyImported: true, dryRun: !!opts.dryRun, durationMs: Date.now() - started };
        throw e;
      }
      report.batchId = null;
    }
    return report;
  }

  private async run(
    em: EntityManager,
    ctx: RequestContext,
    rows: AsyncIterable<Cell[]> | Iterable<Cell[]>,
    opts: ImportOptions,
    fileHash: string,
    elements: DataElement[],
    villages: Villages,
    started: number,
  ): Promise<ImportReport> {
    const r: ImportReport = {
      batchId: null,
      alreadyImported: false,
      dryRun: !!opts.dryRun,
      kind: '',
      totalRows: 0,
      importedRows: 0,
      errorRows: 0,
      duplicateRows: 0,
      factsAdded: 0,
      factsUnchanged: 0,
      residentsCreated: 0,
      errorCount: 0,
      errors: [],
      ignoredColumns: [],
      durationMs: 0,
    };
    const batch = em.getRepository(ImportBatch).create({
      fileName: opts.fileName.slice(0, 255),
      fileHash,
      kind: '',
      asOf: opts.asOf ?? null,
      totalRows: 0,
      importedRows: 0,
      errorRows: 0,
      duplicateRows: 0,
      factsAdded: 0,
      factsUnchanged: 0,
      residentsCreated: 0,
      errorsJson: '[]',
      errorCount: 0,
      ignoredColumnsJson: '[]',
      durationMs: 0,
      createdBy: ctx.user?.id ?? null,
    });
    await em.getRepository(ImportBatch).insert(batch);
    const sourceRef = `import_batch:${batch.id}`;
    const defaultDate = opts.asOf ?? today();
    const error = (row: number, column: string | null, reason: string) => {
      r.errorCount++;
      if (r.errors.length < MAX_STORED_ERRORS) r.errors.push({ row, column, reason });
    };

    let layout: Layout | null = null;
    let rowNo = 0;
    const seenRows = new Set<string>();
    let pending: { row: number; key: string; villageId: number | null; asOf: string; values: { element: DataElement; value: string }[] }[] = [];

    const flush = async () => {
      if (!pending.length || !layout) return;
      const chunk = pending;
      pending = [];
      let subjectOf: (p: (typeof chunk)[number]) => number;
      let newSubjects: WriteFactsOptions['newSubjects'];
      if (layout.kind === Subject.RESIDENT) {
        const { ids, created, createdIds } = await this.residents.ensure(em, chunk.map((p) => ({ idNumber: p.key, villageId: p.villageId })));
        r.residentsCreated += created;
        subjectOf = (p) => ids.get(p.key)!;
        newSubjects = { subjectType: 'RESIDENT', ids: createdIds };
      } else subjectOf = (p) => p.villageId!;
      const facts: FactInput[] = [];
      const subjectType = layout.kind === Subject.RESIDENT ? 'RESIDENT' : 'VILLAGE';
      for (const p of chunk)
        for (const v of p.values) facts.push({ subjectType, subjectId: subjectOf(p), elementId: v.element.id, value: v.value, asOf: p.asOf, source: FactSource.IMPORT, sourceRef });
      const w = await this.facts.writeFacts(em, ctx, facts, { canonical: true, newSubjects });
      r.factsAdded += w.added;
      r.factsUnchanged += w.unchanged;
    };

    for await (const cells of rows) {
      rowNo++;
      if (!layout) {
        if (cells.every((c) => text(c) === '')) continue;
        layout = this.layoutOf(cells, elements);
        r.kind = layout.kind;
        r.ignoredColumns = layout.ignored;
        continue;
      }
      if (cells.every((c) => text(c) === '')) continue;
      r.totalRows++;
      if (r.totalRows % CHUNK === 0) opts.onProgress?.(r.totalRows);
      const errorsBefore = r.errorCount;
      const h = layout.headers;
      const cell = (role: Role) => (layout!.roles[role] === undefined ? null : cells[layout!.roles[role]!] ?? null);

      // The subject: an ID number (resident files) and/or a village.
      let key = '';
      if (layout.kind === Subject.RESIDENT) {
        const raw = cell('id');
        const col = h[layout.roles.id!];
        if (typeof raw === 'number') error(rowNo, col, '身份证号被 Excel 存成了数字，末几位已丢失；请把该列设为“文本”格式后重新录入');
        else if (text(raw) === '') error(rowNo, col, '身份证号为空');
        else {
          const c = checkIdNumber(text(raw));
          if (c.valid) key = c.normalized;
          else error(rowNo, col, c.reason);
        }
      }
      let villageId: number | null = null;
      const v = this.resolveVillage(layout, cells, villages);
      if ('error' in v) error(rowNo, v.column, v.error);
      else if ('id' in v) villageId = v.id;
      if (layout.kind === Subject.VILLAGE && 'none' in v) error(rowNo, null, '缺少村代码或村名');

      let asOf = defaultDate;
      if (!opts.asOf && layout.roles.date !== undefined) {
        const raw = cell('date');
        if (raw !== null && text(raw) !== '') {
          const d = validateValue(DATE_RULE, raw);
          if (d.ok) asOf = d.value;
          else error(rowNo, h[layout.roles.date], d.reason);
        }
      }
      const values: { element: DataElement; value: string }[] = [];
      for (const m of layout.elements) {
        const raw = cells[m.col] ?? null;
        if (raw === null || text(raw) === '') continue;
        const c = validateValue(m.rule, raw);
        if (c.ok) values.push({ element: m.element, value: c.value });
        else error(rowNo, m.header, c.reason);
      }
      if (r.errorCount > errorsBefore) {
        r.errorRows++;
        continue;
      }
      // A 28-character digest per row rather than the row itself: memory stays small for million-row files.
      const sig = createHash('sha1').update(`${key}|${villageId}|${asOf}|${values.map((x) => `${x.element.id}=${x.value}`).join('\u0001')}`).digest('base64');
      if (seenRows.has(sig)) {
        r.duplicateRows++;
        continue;
      }
      seenRows.add(sig);
      r.importedRows++;
      pending.push({ row: rowNo, key: key || String(villageId), villageId, asOf, values });
      if (pending.length >= CHUNK) await flush();
    }
    await flush();
    if (!layout) throw badInput('文件是空的：没有表头和数据行', [{ field: 'file', message: '文件为空' }]);

    r.durationMs = Date.now() - started;
    r.batchId = batch.id;
    await em.getRepository(ImportBatch).update(
      { id: batch.id },
      {
        kind: r.kind,
        totalRows: r.totalRows,
        importedRows: r.importedRows,
        errorRows: r.errorRows,
        duplicateRows: r.duplicateRows,
        factsAdded: r.factsAdded,
        factsUnchanged: r.factsUnchanged,
        residentsCreated: r.residentsCreated,
        errorsJson: JSON.stringify(r.errors),
        errorCount: r.errorCount,
        ignoredColumnsJson: JSON.stringify(r.ignoredColumns),
        durationMs: r.durationMs,
      },
    );
    await this.audit.record(em, ctx, {
      action: opts.dryRun ? 'import.dry_run' : 'import.batch',
      objectType: 'import_batch',
      objectId: batch.id,
      detail: { fileName: batch.fileName, kind: r.kind, rows: r.totalRows, imported: r.importedRows, errors: r.errorRows, factsAdded: r.factsAdded },
    });
    return r;
  }

  /** Headers → the key columns and the data elements (by Chinese name or code). */
  private layoutOf(cells: Cell[], elements: DataElement[]): Layout {
    const byLabel = new Map<string, DataElement>();
    for (const e of elements) {
      byLabel.set(normaliseLabel(e.name), e);
      byLabel.set(e.code.toLowerCase(), e);
      byLabel.set(normaliseLabel(e.code), e);
    }
    const headers = cells.map((c) => text(c));
    const roles: Layout['roles'] = {};
    const mapped: Layout['elements'] = [];
    const ignored: string[] = [];
    headers.forEach((h, col) => {
      if (!h) return;
      const n = normaliseLabel(h);
      const role = (Object.keys(ALIASES) as Role[]).find((k) => ALIASES[k].includes(n));
      const e = byLabel.get(h.toLowerCase()) ?? byLabel.get(n);
      if (role === 'id' || e?.valueType === ValueType.ID_NUMBER) roles.id ??= col;
      else if (role && roles[role] === undefined) roles[role] = col;
      else if (e && !e.derivedFrom) mapped.push({ col, header: h, element: e, rule: CatalogService.ruleOf(e) });
      else ignored.push(e?.derivedFrom ? `${h}（由身份证号推导，不导入）` : h);
    });
    const kind = roles.id !== undefined ? Subject.RESIDENT : roles.villageCode !== undefined || roles.villageName !== undefined ? Subject.VILLAGE : null;
    if (!kind)
      throw badInput('无法识别文件：居民数据需要“身份证号”列，村级数据需要“村代码”或“村名”列', [{ field: 'file', message: '缺少身份证号列或村代码/村名列' }]);
    const keep = mapped.filter((m) => m.element.subject === kind);
    for (const m of mapped) if (m.element.subject !== kind) ignored.push(`${m.header}（不属于${kind === Subject.RESIDENT ? '居民' : '村级'}数据）`);
    return { kind, roles, elements: keep, ignored, headers };
  }

  private async loadVillages(): Promise<Villages> {
    const rows = await this.dataSource
      .getRepository(Region)
      .createQueryBuilder('r')
      .select(['r.id', 'r.code', 'r.name', 'r.level', 'r.parentId'])
      .where('r.level IN (:...l)', { l: [RegionLevel.TOWN, RegionLevel.VILLAGE] })
      .getMany();
    const v: Villages = { byCode: new Map(), byName: new Map(), townName: new Map() };
    for (const r of rows) {
      if (r.level === RegionLevel.TOWN) v.townName.set(r.id, r.name);
      else {
        v.byCode.set(r.code, r);
        const list = v.byName.get(r.name) ?? [];
        list.push(r);
        v.byName.set(r.name, list);
      }
    }
    return v;
  }

  private resolveVillage(layout: Layout, cells: Cell[], villages: Villages): { id: number } | { error: string; column: string } | { none: true } {
    const at = (role: Role) => (layout.roles[role] === undefined ? '' : compact(text(cells[layout.roles[role]!] ?? null)));
    const code = at('villageCode');
    if (code) {
      const r = villages.byCode.get(code);
      return r ? { id: r.id } : { error: `村代码 ${code} 不存在`, column: layout.headers[layout.roles.villageCode!] };
    }
    const name = at('villageName');
    if (!name) return { none: true };
    const column = layout.headers[layout.roles.villageName!];
    let list = villages.byName.get(name) ?? [];
    const town = at('town');
    if (town) list = list.filter((r) => villages.townName.get(r.parentId!) === town);
    if (list.length === 1) return { id: list[0].id };
    if (!list.length) return { error: town ? `${town}没有名为“${name}”的村（社区）` : `未找到村（社区）“${name}”`, column };
    const towns = list.map((r) => villages.townName.get(r.parentId!)).join('、');
    return { error: `村名“${name}”有重名（${towns}），请填写所属镇或村代码`, column };
  }

  reportOf(b: ImportBatch): ImportReport {
    return {
      batchId: b.id,
      alreadyImported: false,
      dryRun: false,
      kind: b.kind,
      totalRows: b.totalRows,
      importedRows: b.importedRows,
      errorRows: b.errorRows,
      duplicateRows: b.duplicateRows,
      factsAdded: b.factsAdded,
      factsUnchanged: b.factsUnchanged,
      residentsCreated: b.residentsCreated,
      errorCount: b.errorCount,
      errors: b.errors,
      ignoredColumns: b.ignoredColumns,
      durationMs: b.durationMs,
    };
  }

  async batch(_ctx: RequestContext, id: number): Promise<ImportBatch> {
    const b = await this.dataSource.getRepository(ImportBatch).findOneBy({ id });
    if (!b) throw notFound('导入批次');
    return b;
  }

  async batches(_ctx: RequestContext, page: PageArgs): Promise<Page<ImportBatch>> {
    const { take, skip } = pageOf(page);
    const [items, totalItems] = await this.dataSource.getRepository(ImportBatch).findAndCount({ order: { id: 'DESC' }, take, skip });
    return { items, totalItems };
  }
}
