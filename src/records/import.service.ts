import { Inject, Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { createReadStream, existsSync } from 'node:fs';
import { basename } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import { CatalogService } from '../catalog/catalog.service.js';
import { validateValue } from '../catalog/value-validation.js';
import { Subject, ValueType } from '../catalog/value-type.js';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { badInput, notFound } from '../common/errors.js';
import { platformDateTime, platformDay, platformTimeZone } from '../common/platform-time.js';
import { pageOf, type Page, type PageArgs } from '../common/paging.js';
import type { RequestContext } from '../common/request-context.js';
import { TransactionService } from '../common/transaction.service.js';
import { FactSource } from './fact.entity.js';
import { FactsService, type FactInput } from './facts.service.js';
import { ImportBatch, type ImportRowError } from './import-batch.entity.js';
import { ImportBatchError } from './import-batch-error.entity.js';
import { ImportAttemptsService } from './import-attempts.service.js';
import { kindOf, readRows, type Cell, type Source } from './import-readers.js';
import {
  checkedSteps,
  ImportFileError,
  RowChecker,
  type CheckedRow,
  type CheckStep,
  type ImportElement,
  type ImportPlaces,
  type PlainCell,
  type RefusedRow,
  type SheetsRead,
  ERROR_REASON_HEADER,
  REPORTED_ERRORS,
  readStoredCells,
} from './import-rows.js';
import type { WorkerInput, WorkerMessage } from './import-worker.js';
import { ignoredColumnsNotice, normalisedNotices } from './import-notices.js';
import { PiiService } from './pii.service.js';
import { bulkInsert } from './sql-bulk.js';
import { ResidentsService } from './residents.service.js';
import { RegionsService } from '../regions/regions.service.js';

export interface ImportOptions {
  fileName: string;
  dryRun?: boolean;
  /** YYYY-MM-DD for every row; default: the file's date column, else today. */
  asOf?: string;
  /** Called after every batch written, with the data rows read, written (dry run: checked good) and refused so far. */
  onProgress?: (progress: ImportStepProgress) => void;
}

export interface ImportStepProgress {
  rowsRead: number;
  rowsWritten: number;
  rowsRefused: number;
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
  /** Blank rows and 合计/小计 lines passed over. */
  skippedRows: number;
  factsAdded: number;
  factsUnchanged: number;
  residentsCreated: number;
  /** Every error (repeated rows included); `errors` holds the first REPORTED_ERRORS, the batch's `errors` on GraphQL all of them. */
  errorCount: number;
  errors: ImportRowError[];
  ignoredColumns: string[];
  /** The date of rows without their own: --as-of, or the 填报日期 above the header; null: the file's date column, else the day of import. */
  asOf: string | null;
  /** A workbook: the worksheet the rows came from (the first with a header), whether it was the first, and the next one, not read. */
  sheets: SheetsRead | null;
  /** What the cadre should know about how the file was read (where the date came from, which worksheet), as sentences. */
  notices: string[];
  durationMs: number;
}

/** Checked rows written per step (one resident look-up and one fact write per batch). */
const CHUNK = 4000;
/** Batches the reading thread may have ready while one is written. */
const AHEAD = 2;
const DATE_RULE = { valueType: ValueType.DATE };
/** The compiled worker; absent when the sources run untranspiled (Jest), where rows are checked in-process. */
const WORKER = new URL('./import-worker.js', import.meta.url);
class DryRunRollback extends Error {}

/** The day of import in China: the date of rows that carry none. */
const today = () => platformDay();

/** Which worksheet was read, when a workbook has more than one. */
function sheetsNotice(sheetsRead: SheetsRead): string {
  const skipped = sheetsRead.first ? '' : '（之前的工作表没有表头，已跳过）';
  const rest = sheetsRead.next ? `；其后的工作表（“${sheetsRead.next}”等）未读取，如需导入请另存为单独的文件` : '';
  return `读取的工作表：“${sheetsRead.read}”${skipped}${rest}`;
}

/**
 * Import of historical records: xlsx/csv → residents + facts, in bulk, with a per-row report.
 * Files are read and checked on a worker thread while this thread writes the previous batch.
 */
@Injectable()
export class ImportService {
  private readonly useWorker = WORKER.protocol === 'file:' && existsSync(fileURLToPath(WORKER));

  constructor(
    private readonly dataSource: DataSource,
    private readonly tx: TransactionService,
    private readonly facts: FactsService,
    private readonly residents: ResidentsService,
    private readonly pii: PiiService,
    private readonly audit: AuditService,
    private readonly catalog: CatalogService,
    private readonly regions: RegionsService,
    private readonly attempts: ImportAttemptsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  static async hashOf(src: Source): Promise<string> {
    const hash = createHash('sha256');
    if (typeof src === 'string') for await (const chunk of createReadStream(src)) hash.update(chunk as Buffer);
    else hash.update(src);
    return hash.digest('hex');
  }

  /** A file on disk (CLI) or an uploaded buffer (HTTP). */
  async importFile(ctx: RequestContext, src: Source, opts: ImportOptions): Promise<ImportReport> {
    const kind = kindOf(opts.fileName);
    if (!kind)
      throw badInput(`不支持的文件类型：${basename(opts.fileName)}；请上传 .xlsx 或 .csv 文件`, [
        { field: 'file', message: '只支持 .xlsx 或 .csv' },
      ]);
    if (opts.asOf !== undefined) {
      const valueCheck = validateValue(DATE_RULE, opts.asOf);
      if (!valueCheck.ok) throw badInput(`数据日期无效：${valueCheck.reason}`, [{ field: 'asOf', message: valueCheck.reason }]);
      if (valueCheck.value > platformDay())
        throw badInput(`数据日期 ${valueCheck.value} 晚于今天（${platformDay()}），数据不能记在未来的日期上；请填写数据实际所属的日期`, [
          { field: 'asOf', message: '数据日期不能晚于今天' },
        ]);
      opts = { ...opts, asOf: valueCheck.value };
    }
    const fileHash = await ImportService.hashOf(src);
    const opts2 = { ...opts, fileName: basename(opts.fileName) };
    if (!this.useWorker) return this.importRows(ctx, readRows(src, kind, this.config.importLimits), opts2, fileHash);
    return this.importSteps(ctx, opts2, fileHash, (elements, places) =>
      this.fromWorker({
        src,
        kind,
        elements,
        places,
        asOf: opts2.asOf,
        defaultDate: opts2.asOf ?? today(),
        keyring: this.pii.keyring.ring.spec,
        batchSize: CHUNK,
        ahead: AHEAD,
        limits: this.config.importLimits,
        timeZone: platformTimeZone(),
      }),
    );
  }

  /** Rows (header first) from any reader, or generated (the demo data set), checked in-process. */
  importRows(
    ctx: RequestContext,
    rows: AsyncIterable<Cell[]> | Iterable<Cell[]>,
    opts: ImportOptions,
    fileHash: string,
  ): Promise<ImportReport> {
    return this.importSteps(ctx, opts, fileHash, (elements, places) =>
      checkedSteps(rows, new RowChecker(elements, places, { asOf: opts.asOf, defaultDate: opts.asOf ?? today() }, this.pii), CHUNK),
    );
  }

  /** The core: one transaction around the batches of checked rows, whichever thread checked them. */
  private async importSteps(
    ctx: RequestContext,
    opts: ImportOptions,
    fileHash: string,
    steps: (elements: ImportElement[], places: ImportPlaces) => AsyncIterable<CheckStep>,
  ): Promise<ImportReport> {
    const started = Date.now();
    // The same bytes mean something else with another as-of date: the key is the file and that option.
    // (The kind of records is read from the file itself, so the bytes already fix it.)
    const batchKey = opts.asOf ? createHash('sha256').update(`${fileHash}|asOf=${opts.asOf}`).digest('hex') : fileHash;
    const previous = await this.dataSource.getRepository(ImportBatch).findOneBy({ fileHash: batchKey });
    // A file that imported nothing (every row refused, e.g. before a village alias was added) may be run again.
    if (previous && previous.importedRows > 0) return this.alreadyImported(previous, opts, started);

    const elements = (await this.catalog.list()).map((dataElement): ImportElement => ({
      id: dataElement.id,
      code: dataElement.code,
      name: dataElement.name,
      subject: dataElement.subject,
      valueType: dataElement.valueType,
      derivedFrom: dataElement.derivedFrom ?? null,
      rule: CatalogService.ruleOf(dataElement),
      aliases: dataElement.aliases,
    }));
    const places = await this.loadPlaces();
    let report!: ImportReport;
    // Committed before the import's transaction: if this process dies mid-import, the next start finds it.
    const attempt = opts.dryRun ? null : await this.attempts.begin(opts.fileName, batchKey, ctx.user?.id ?? null);
    try {
      await this.tx.run(async (em) => {
        // The earlier batch that imported nothing gives its key to this run (and keeps its report).
        if (previous) await em.getRepository(ImportBatch).update({ id: previous.id }, { fileHash: `retried:${previous.id}` });
        report = await this.run(em, ctx, steps(elements, places), opts, batchKey, started);
        if (opts.dryRun) throw new DryRunRollback();
        if (attempt !== null) await this.attempts.finish(em, attempt, report.batchId);
      });
    } catch (err) {
      if (attempt !== null) await this.attempts.fail(attempt);
      if (err instanceof ImportFileError) throw badInput(err.message, [{ field: 'file', message: err.problem }]);
      if (!(err instanceof DryRunRollback)) {
        // Two uploads of the same file at once: the unique hash lets one through.
        const first = await this.dataSource.getRepository(ImportBatch).findOneBy({ fileHash: batchKey });
        if (first) return this.alreadyImported(first, opts, started);
        throw err;
      }
      report.batchId = null;
    }
    return report;
  }

  private async run(
    em: EntityManager,
    ctx: RequestContext,
    steps: AsyncIterable<CheckStep>,
    opts: ImportOptions,
    fileHash: string,
    started: number,
  ): Promise<ImportReport> {
    const importReport: ImportReport = {
      batchId: null,
      alreadyImported: false,
      dryRun: !!opts.dryRun,
      kind: '',
      totalRows: 0,
      importedRows: 0,
      errorRows: 0,
      duplicateRows: 0,
      skippedRows: 0,
      factsAdded: 0,
      factsUnchanged: 0,
      residentsCreated: 0,
      errorCount: 0,
      errors: [],
      ignoredColumns: [],
      asOf: opts.asOf ?? null,
      sheets: null,
      notices: [],
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
      skippedRows: 0,
      headerJson: null,
      ignoredColumnsJson: '[]',
      durationMs: 0,
      createdBy: ctx.user?.id ?? null,
    });
    await em.getRepository(ImportBatch).insert(batch);
    const sourceRef = `import_batch:${batch.id}`;

    let header: string[] = [];
    const progress: ImportStepProgress = { rowsRead: 0, rowsWritten: 0, rowsRefused: 0 };
    for await (const step of steps) {
      importReport.kind = step.kind ?? '';
      importReport.ignoredColumns = step.ignored;
      await this.keepRefused(em, batch.id, step.refused);
      progress.rowsRefused += step.refused.length;
      if (step.type === 'end') {
        const { totalRows, importedRows, errorRows, duplicateRows, skippedRows, errorCount, errors } = step.counts;
        Object.assign(importReport, { totalRows, importedRows, errorRows, duplicateRows, skippedRows, errorCount, errors });
        opts.onProgress?.({ rowsRead: totalRows, rowsWritten: importedRows, rowsRefused: errorRows });
        header = step.header;
        importReport.asOf = opts.asOf ?? step.titleDate ?? null;
        if (!opts.asOf && step.titleDate) importReport.notices.push(`数据日期 ${step.titleDate}（取自表头上方的“填报日期”）`);
        importReport.sheets = step.sheets.read === null ? null : step.sheets;
        if (importReport.sheets && (!importReport.sheets.first || importReport.sheets.next))
          importReport.notices.push(sheetsNotice(importReport.sheets));
        importReport.notices.push(...normalisedNotices(step.normalised));
        const ignored = ignoredColumnsNotice(step.ignored);
        if (ignored) importReport.notices.unshift(ignored);
        break;
      }
      await this.write(em, ctx, importReport, step.rows, sourceRef);
      progress.rowsRead = step.totalRows;
      progress.rowsWritten += step.rows.length;
      opts.onProgress?.({ ...progress });
      // A turn of the event loop between batches: progress polls and /health are answered during a long import.
      await new Promise((resolve) => setImmediate(resolve));
    }

    importReport.durationMs = Date.now() - started;
    importReport.batchId = batch.id;
    await em.getRepository(ImportBatch).update(
      { id: batch.id },
      {
        kind: importReport.kind,
        totalRows: importReport.totalRows,
        importedRows: importReport.importedRows,
        errorRows: importReport.errorRows,
        duplicateRows: importReport.duplicateRows,
        factsAdded: importReport.factsAdded,
        factsUnchanged: importReport.factsUnchanged,
        residentsCreated: importReport.residentsCreated,
        errorCount: importReport.errorCount,
        skippedRows: importReport.skippedRows,
        headerJson: JSON.stringify(header),
        ignoredColumnsJson: JSON.stringify(importReport.ignoredColumns),
        asOf: importReport.asOf,
        durationMs: importReport.durationMs,
      },
    );
    await this.audit.record(em, ctx, {
      action: opts.dryRun ? 'import.dry_run' : 'import.batch',
      objectType: 'import_batch',
      objectId: batch.id,
      detail: {
        fileName: batch.fileName,
        kind: importReport.kind,
        rows: importReport.totalRows,
        imported: importReport.importedRows,
        errors: importReport.errorRows,
        factsAdded: importReport.factsAdded,
      },
    });
    return importReport;
  }

  /** Every error of the refused rows, each row's original cells encrypted (they hold ID numbers) on its first error. */
  private async keepRefused(em: EntityManager, batchId: number, refused: RefusedRow[]) {
    const records: unknown[][] = [];
    for (const refusedRow of refused)
      refusedRow.errors.forEach((rowError, i) =>
        records.push([batchId, refusedRow.row, rowError.column, rowError.reason, i === 0 ? refusedRow.cellsCipher : null]),
      );
    await bulkInsert(em, 'import_batch_error', ['batch_id', 'row_no', 'column_name', 'reason', 'cells_cipher'], records);
  }

  /** One batch of checked rows: residents found or created, then their facts appended. */
  private async write(em: EntityManager, ctx: RequestContext, importReport: ImportReport, rows: CheckedRow[], sourceRef: string) {
    if (!rows.length) return;
    const resident = importReport.kind === Subject.RESIDENT;
    let subjectOf = (checkedRow: CheckedRow) => checkedRow.villageId!;
    let newSubjects: { subjectType: 'RESIDENT'; ids: Set<number> } | undefined;
    if (resident) {
      const { ids, created, createdIds } = await this.residents.ensure(
        em,
        rows.map((row) => ({ idNumber: row.key, villageId: row.villageId, identity: row.identity, asOf: row.asOf })),
        sourceRef,
      );
      importReport.residentsCreated += created;
      subjectOf = (checkedRow) => ids.get(checkedRow.key)!;
      newSubjects = { subjectType: 'RESIDENT', ids: createdIds };
    }
    const facts: FactInput[] = [];
    const subjectType = resident ? 'RESIDENT' : 'VILLAGE';
    for (const row of rows) {
      const subjectId = subjectOf(row);
      for (const [elementId, value] of row.values)
        facts.push({ subjectType, subjectId, elementId, value, asOf: row.asOf, source: FactSource.IMPORT, sourceRef });
    }
    const writeFactsResult = await this.facts.writeFacts(em, ctx, facts, { canonical: true, newSubjects });
    importReport.factsAdded += writeFactsResult.added;
    importReport.factsUnchanged += writeFactsResult.unchanged;
  }

  /** Rows checked on a worker thread (import-worker.ts), with back-pressure: it reads ahead at most AHEAD batches. */
  private async *fromWorker(input: WorkerInput): AsyncGenerator<CheckStep> {
    const worker = new Worker(WORKER, { workerData: input });
    const inbox: WorkerMessage[] = [];
    let failure: Error | null = null;
    let ended = false;
    let notify: (() => void) | null = null;
    const poke = () => {
      notify?.();
      notify = null;
    };
    worker.on('message', (workerMessage: WorkerMessage) => {
      inbox.push(workerMessage);
      poke();
    });
    worker.on('error', (err) => {
      failure ??= err;
      poke();
    });
    worker.on('exit', () => {
      if (!ended) failure ??= new Error('读取文件的线程意外结束');
      poke();
    });
    try {
      for (;;) {
        while (!inbox.length && !failure) await new Promise<void>((res) => (notify = res));
        const first = inbox.shift();
        if (!first) throw failure;
        if (first.type === 'fail')
          throw first.fileError
            ? new ImportFileError(first.message, first.problem ?? first.message)
            : new Error(`读取文件失败：${first.message}`);
        if (first.type === 'end') {
          ended = true;
          yield first;
          return;
        }
        worker.postMessage('more');
        yield first;
      }
    } finally {
      ended = true;
      await worker.terminate();
    }
  }

  private loadPlaces(): Promise<ImportPlaces> {
    return this.regions.placeData();
  }

  /** The earlier batch's report, opened by one plain sentence saying when and as which batch the file was imported. */
  private async alreadyImported(previous: ImportBatch, opts: ImportOptions, started: number): Promise<ImportReport> {
    const said = `此文件已于 ${platformDateTime(previous.createdAt)} 导入（批次 ${previous.id}），本次未新增任何数据；以下是那次导入的结果`;
    return {
      ...(await this.reportOf(previous)),
      alreadyImported: true,
      dryRun: !!opts.dryRun,
      notices: [said],
      durationMs: Date.now() - started,
    };
  }

  async reportOf(importBatch: ImportBatch): Promise<ImportReport> {
    return {
      batchId: importBatch.id,
      alreadyImported: false,
      dryRun: false,
      kind: importBatch.kind,
      totalRows: importBatch.totalRows,
      importedRows: importBatch.importedRows,
      errorRows: importBatch.errorRows,
      duplicateRows: importBatch.duplicateRows,
      skippedRows: importBatch.skippedRows,
      factsAdded: importBatch.factsAdded,
      factsUnchanged: importBatch.factsUnchanged,
      residentsCreated: importBatch.residentsCreated,
      errorCount: importBatch.errorCount,
      errors: (await this.errors(importBatch, { take: REPORTED_ERRORS })).items,
      ignoredColumns: importBatch.ignoredColumns,
      asOf: importBatch.asOf,
      sheets: null,
      notices: [],
      durationMs: importBatch.durationMs,
    };
  }

  async batch(_ctx: RequestContext, id: number): Promise<ImportBatch> {
    const importBatch = await this.dataSource.getRepository(ImportBatch).findOneBy({ id });
    if (!importBatch) throw notFound('导入批次');
    return importBatch;
  }

  /** A batch's errors in file order, paged. */
  async errors(importBatch: ImportBatch, page: PageArgs): Promise<Page<ImportRowError>> {
    const { take, skip } = pageOf(page);
    const [found, totalItems] = await this.dataSource
      .getRepository(ImportBatchError)
      .findAndCount({ where: { batchId: importBatch.id }, order: { rowNo: 'ASC', id: 'ASC' }, take, skip });
    // A batch imported before import_batch_error kept its first 1,000 errors as JSON.
    if (!totalItems && importBatch.errorsJson && importBatch.errorsJson !== '[]') {
      const legacy: ImportRowError[] = JSON.parse(importBatch.errorsJson);
      return { items: legacy.slice(skip, skip + take), totalItems: legacy.length };
    }
    return { items: found.map((error) => ({ row: error.rowNo, column: error.columnName, reason: error.reason })), totalItems };
  }

  /**
   * The refused rows as they were (decrypted), under the file's header, with a 错误原因 column: the clerk
   * fixes them and imports this workbook (the importer passes over that column). A personal-data export: audited.
   */
  async errorWorkbook(ctx: RequestContext, id: number): Promise<{ fileName: string; buffer: Buffer }> {
    const importBatch = await this.batch(ctx, id);
    const records = await this.dataSource
      .getRepository(ImportBatchError)
      .find({ where: { batchId: id }, order: { rowNo: 'ASC', id: 'ASC' } });
    const rows = new Map<number, { cells: PlainCell[] | null; cut: boolean; reasons: string[] }>();
    for (const record of records) {
      let refusedRow = rows.get(record.rowNo);
      if (!refusedRow) rows.set(record.rowNo, (refusedRow = { cells: null, cut: false, reasons: [] }));
      if (record.cellsCipher) ({ cells: refusedRow.cells, cut: refusedRow.cut } = readStoredCells(this.pii.decrypt(record.cellsCipher)));
      refusedRow.reasons.push(record.columnName ? `${record.columnName}：${record.reason}` : record.reason);
    }
    const header: string[] = JSON.parse(importBatch.headerJson ?? '[]');
    const ExcelJS = (await import('exceljs')).default;
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('未导入的行');
    ws.addRow([...header, ERROR_REASON_HEADER]).font = { bold: true };
    let rowsOut = 0;
    for (const refusedRow of rows.values()) {
      // A repeated row (imported once already) has nothing to fix.
      if (!refusedRow.cells) continue;
      const cells = header.map((_, i) => refusedRow.cells![i] ?? null);
      const cutNote = refusedRow.cut ? '；（本行有单元格过长，只保留了开头，请按原文件核对）' : '';
      ws.addRow([...cells, refusedRow.reasons.join('；') + cutNote]);
      rowsOut++;
    }
    // ID numbers stay text (Excel would turn 18 digits into a number and lose the last ones).
    ws.columns.forEach((column) => {
      column.width = 18;
      column.numFmt = '@';
    });
    ws.views = [{ state: 'frozen', ySplit: 1 }];
    const buffer = Buffer.from(await wb.xlsx.writeBuffer());
    await this.audit.recordAlone(ctx, {
      action: 'import.errors_export',
      objectType: 'import_batch',
      objectId: id,
      detail: { rows: rowsOut },
    });
    const stem = importBatch.fileName.replace(/\.[^.]*$/, '');
    return { fileName: `${stem}-未导入的行.xlsx`, buffer };
  }

  async batches(_ctx: RequestContext, page: PageArgs): Promise<Page<ImportBatch>> {
    const { take, skip } = pageOf(page);
    const [items, totalItems] = await this.dataSource.getRepository(ImportBatch).findAndCount({ order: { id: 'DESC' }, take, skip });
    return { items, totalItems };
  }
}
