// The row-by-row part of an import, without Nest or a database: header → layout, then each row →
// a subject (ID number and/or village), a date and checked values, or errors with row and column.
// It runs in the import worker thread for files (import-worker.ts) and in-process for generated
// rows (the demo data set); either way the same code decides what a row means.
import { createHash } from 'node:crypto';
import { validateValue, type ValueRule } from '../catalog/value-validation.js';
import { Subject, ValueType } from '../catalog/value-type.js';
import { normaliseLabel, toHalfWidth } from '../common/text.js';
import { checkIdNumber } from '../common/id-number.js';
import { PlaceIndex } from '../regions/place-names.js';
import { platformDay } from '../common/platform-time.js';
import type { ImportRowError } from './import-batch.entity.js';
import type { PiiCrypto } from './pii-crypto.js';

/** One cell as the readers (import-readers.ts) hand it over: they depend on this file, not the other way round. */
export type Cell = string | number | Date | boolean | null;

/** What the checker needs of a data element (plain data: it crosses to the worker thread). */
export interface ImportElement {
  id: number;
  code: string;
  name: string;
  subject: Subject;
  valueType: ValueType;
  derivedFrom: string | null;
  rule: ValueRule;
  /** Other names of its column (the catalogue's aliases: 手机号码 for 联系电话). */
  aliases?: string[];
}

export interface ImportVillage {
  id: number;
  code: string;
  name: string;
  townId: number | null;
}

export interface ImportPlaces {
  villages: ImportVillage[];
  towns: { id: number; name: string }[];
  /** The city's name: a cell may start with it (“枣阳市环城街道土铺村”). */
  cities?: string[];
}

/** A resident's identity, ready to store: computed with the rows (off the writing thread). */
export interface ResidentIdentity {
  /** Under the current key (what a new resident row stores). */
  hash: string;
  /** Every stored form of the hash (PiiCrypto.hashes): the look-up matches a resident not yet rotated. */
  lookup: string[];
  cipher: string;
  masked: string;
  birthDate: string;
  gender: string;
}

/** A row that passed every check: what the writer stores. */
export interface CheckedRow {
  /** Normalised ID number (resident files) or the village id as text. */
  key: string;
  villageId: number | null;
  asOf: string;
  /** [element id, canonical value] */
  values: [number, string][];
  identity?: ResidentIdentity;
}

export interface RowCounts {
  totalRows: number;
  importedRows: number;
  errorRows: number;
  duplicateRows: number;
  /** Blank rows and 合计/小计 lines after the header: passed over, not counted in totalRows. */
  skippedRows: number;
  /** Every error, repeated rows included. */
  errorCount: number;
  /** The first REPORTED_ERRORS of them (the upload's answer); all are in `refused` steps. */
  errors: ImportRowError[];
}

/** A plain cell (it crosses threads and is stored as JSON): a date as YYYY-MM-DD. */
export type PlainCell = string | number | boolean | null;

/** A row with errors, or a repeated one (no cells: it was imported once already), for import_batch_error. */
export interface RefusedRow {
  row: number;
  /** The row's cells as read (PlainCell[] as JSON), encrypted with the PII key here, on the reading thread: they hold ID numbers. */
  cellsCipher: string | null;
  errors: { column: string | null; reason: string }[];
}

/** Values of one column stored in another form than written (a phone's +86, spaces, brackets): told once per column. */
export interface NormalisedColumn {
  column: string;
  count: number;
  example: { from: string; to: string };
}

/** What the writer receives: batches of checked rows, then the counts (from either thread). */
export type CheckStep =
  | { type: 'batch'; rows: CheckedRow[]; refused: RefusedRow[]; totalRows: number; kind: string | null; ignored: string[] }
  | {
      type: 'end';
      counts: RowCounts;
      refused: RefusedRow[];
      /** The header's cells as read (the error workbook repeats it). */
      header: string[];
      kind: string | null;
      ignored: string[];
      titleDate: string | null;
      sheets: SheetsRead;
      normalised: NormalisedColumn[];
    };

/** Which worksheet of a workbook the rows came from, and the next one (not read), if any. */
export interface SheetsRead {
  read: string | null;
  first: boolean;
  next: string | null;
}

/** The file as a whole cannot be imported (no usable header, nothing in it): nothing was written. */
export class ImportFileError extends Error {
  constructor(
    message: string,
    readonly problem: string,
  ) {
    super(message);
  }
}

/** Errors in the upload's answer: the rest are paged from import_batch_error. */
export const REPORTED_ERRORS = 100;
/** A column the error workbook adds (import-errors.ts): read back without being called ignored. */
export const ERROR_REASON_HEADER = '错误原因';
/** The report's size is bounded: a reason quotes at most the start of a long cell, a column name at most its start. */
const clip = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);
/**
 * sheetStart(name) is given by the xlsx reader before each worksheet's rows. The rows are read from the first
 * worksheet that has a header (a workbook may open with a 填表说明 sheet); row numbers count
 * from that sheet's first row.
 */
const sheetMarks = new WeakMap<Cell[], string>();
export function sheetStart(name: string): Cell[] {
  const mark: Cell[] = [];
  sheetMarks.set(mark, name);
  return mark;
}
const sheetOf = (cells: Cell[]) => (cells.length ? undefined : sheetMarks.get(cells));
const ALIASES = {
  id: [
    '身份证号',
    '身份证号码',
    '身份证',
    '公民身份号码',
    '公民身份证号',
    '公民身份证号码',
    '居民身份证号码',
    '身份证件号码',
    '证件号码',
    'idnumber',
    'residentidnumber',
  ],
  villageCode: ['村代码', '村社区代码', '区划代码', '统计用区划代码', '村级区划代码', 'villagecode'],
  villageName: ['村', '村名', '村名称', '村社区', '村社区名称', '行政村', '社区', '村庄', '所属村', '所属村社区', 'village', 'villagename'],
  town: ['镇', '乡镇', '镇街道', '乡镇街道', '镇办区', '所属镇', '所属乡镇', '街道', 'town'],
  date: ['日期', '数据日期', '截至日期', '统计日期', '统计截止日期', 'asof', 'date'],
};
const DATE_RULE = { valueType: ValueType.DATE };
/** How Excel writes a long number it saved as such: 4.20683E+17. */
const EXCEL_NUMBER = /^\d(?:\.\d+)?E\+\d+$/i;
/**
 * Non-blank rows looked at for the header: Chinese spreadsheets often open with a title
 * (“XX村居民信息登记表”) and a line such as “填报单位：… 填报日期：…” above it.
 */
const HEADER_SEARCH = 10;
/** A running number column (序号) is the sheet's, not data: passed over without being called ignored. */
const ROW_NUMBER_HEADERS = new Set(['序号', '序', '顺序号', '行号', 'no', 'seq']);
/** A row with one of these cells is a total line (Excel's 合计 row), not a record. */
const TOTAL_LABELS = new Set(['合计', '总计', '小计', '合 计', '总 计']);
/** “填报日期：2025年6月30日” above the header (the date may also be in the next cell). */
const TITLE_DATE = /(?:填报|填表|统计|截止|截至|数据|报送)(?:日期|时间)\s*[:：]?(.*)$/;
const DATE_TEXT = /\d{4}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}\s*日?|\d{8}/;
/** Distinct date cells remembered (a file has few dates: checking each once saves a regex and a Date per row). */
const DATE_MEMO = 256;

type Role = keyof typeof ALIASES;
interface Layout {
  kind: Subject;
  roles: Partial<Record<Role, number>>;
  elements: { col: number; header: string; element: ImportElement }[];
  ignored: string[];
  headers: string[];
}

const UNIT_SUFFIX = /\s*[（(][^（()）]*[)）]\s*$/;
const text = (cell: Cell): string =>
  cell === null || cell === undefined ? '' : cell instanceof Date ? cell.toISOString().slice(0, 10) : toHalfWidth(String(cell)).trim();
const compact = (str: string) => str.replace(/\s+/g, '');
const blank = (cells: Cell[]) => cells.every((cell) => text(cell) === '');

/** Headers → the key columns and the data elements (by Chinese name or code). */
function layoutOf(cells: Cell[], elements: ImportElement[]): Layout {
  const byLabel = new Map<string, ImportElement>();
  for (const element of elements) {
    byLabel.set(normaliseLabel(element.name), element);
    byLabel.set(element.code.toLowerCase(), element);
    byLabel.set(normaliseLabel(element.code), element);
  }
  // Aliases after every name and code: the catalogue keeps them from naming another element, this keeps a name first regardless.
  for (const element of elements)
    for (const alias of element.aliases ?? []) if (!byLabel.has(normaliseLabel(alias))) byLabel.set(normaliseLabel(alias), element);
  const headers = cells.map((cell) => text(cell));
  const roles: Layout['roles'] = {};
  const mapped: Layout['elements'] = [];
  const ignored: string[] = [];
  headers.forEach((header, col) => {
    if (!header) return;
    const label = normaliseLabel(header);
    if (ROW_NUMBER_HEADERS.has(label) || label === ERROR_REASON_HEADER) return;
    // A unit or note in brackets at the end (“耕地面积（亩）”, “联系电话(手机)”) is not part of the name.
    const bare = normaliseLabel(header.replace(UNIT_SUFFIX, ''));
    const role = (Object.keys(ALIASES) as Role[]).find((k) => ALIASES[k].includes(label) || ALIASES[k].includes(bare));
    const importElement = byLabel.get(header.toLowerCase()) ?? byLabel.get(label) ?? byLabel.get(bare);
    if (role === 'id' || importElement?.valueType === ValueType.ID_NUMBER) roles.id ??= col;
    else if (role && roles[role] === undefined) roles[role] = col;
    else if (importElement && !importElement.derivedFrom) mapped.push({ col, header: header, element: importElement });
    else ignored.push(importElement?.derivedFrom ? `${header}（由身份证号推导，不导入）` : header);
  });
  const kind =
    roles.id !== undefined ? Subject.RESIDENT : roles.villageCode !== undefined || roles.villageName !== undefined ? Subject.VILLAGE : null;
  if (!kind)
    throw new ImportFileError('无法识别文件：居民数据需要“身份证号”列，村级数据需要“村代码”或“村名”列', '缺少身份证号列或村代码/村名列');
  const keep = mapped.filter((item) => item.element.subject === kind);
  for (const item of mapped)
    if (item.element.subject !== kind) ignored.push(`${item.header}（不属于${kind === Subject.RESIDENT ? '居民' : '村级'}数据）`);
  return { kind, roles, elements: keep, ignored, headers };
}

/**
 * Checks rows one at a time (header first) and keeps the counts and the per-row report: bad
 * ID numbers, unknown or ambiguous villages, values of the wrong type, repeated rows.
 */
export class RowChecker {
  layout: Layout | null = null;
  readonly counts: RowCounts = {
    totalRows: 0,
    importedRows: 0,
    errorRows: 0,
    duplicateRows: 0,
    skippedRows: 0,
    errorCount: 0,
    errors: [],
  };
  /** Refused rows not yet handed to the writer (takeRefused). */
  private refused: RefusedRow[] = [];
  private rowErrors: RefusedRow['errors'] = [];
  private rowNo = 0;
  /** Non-blank rows before the header (a title, a 填报单位 line), and why the first was not it. */
  private preamble = 0;
  private headerProblem: ImportFileError | null = null;
  /**
   * The rows come in worksheets when sheets.read is set (sheetStart): a sheet without a header is
   * passed over, not refused; the sheets after the one the rows came from are read through (exceljs's
   * streaming reader is left only at its end: two early test runs that left it half-way failed
   * inside it) but not used.
   */
  readonly sheets: SheetsRead = { read: null, first: true, next: null };
  /** Rows not looked at: the rest of a sheet without a header, or every sheet after the one read. */
  private skipping: 'sheet' | 'rest' | null = null;
  /** The date a line above the header gives (“填报日期：…”): the rows' date when the file has none. */
  private titleDateFound: string | null = null;
  /** Row digest → the row number it was first seen on. */
  private readonly seenRows = new Map<string, number>();
  private readonly byCode = new Map<string, ImportVillage>();
  private readonly places: PlaceIndex;
  private readonly townName = new Map<number, string>();
  private readonly dates = new Map<string, ReturnType<typeof validateValue>>();
  private readonly normalisedBy = new Map<string, NormalisedColumn>();
  /** No row may be dated after the day it is imported (China's calendar day). */
  private readonly today = platformDay();

  constructor(
    private readonly elements: ImportElement[],
    places: ImportPlaces,
    private readonly opts: { asOf?: string; defaultDate: string },
    /** Given: residents' identities (hash, cipher, mask) are computed here, with the rows. */
    private readonly pii?: PiiCrypto,
  ) {
    for (const town of places.towns) this.townName.set(town.id, town.name);
    for (const village of places.villages) this.byCode.set(village.code, village);
    this.places = new PlaceIndex({ cities: places.cities ?? [], towns: places.towns, villages: places.villages });
  }

  get kind(): Subject | null {
    return this.layout?.kind ?? null;
  }

  get ignored(): string[] {
    return this.layout?.ignored ?? [];
  }

  /** Columns whose stored values differ in form from what the file says (phones), with one example each. */
  get normalised(): NormalisedColumn[] {
    return [...this.normalisedBy.values()];
  }

  /** The preamble's date, when it was the date of the rows (no --as-of given). */
  get titleDate(): string | null {
    return this.opts.asOf ? null : this.titleDateFound;
  }

  /** Throws ImportFileError when the file had no header. */
  finish(): RowCounts {
    if (!this.layout) throw this.headerProblem ?? new ImportFileError('文件是空的：没有表头和数据行', '文件为空');
    return this.counts;
  }

  private error(column: string | null, reason: string) {
    this.counts.errorCount++;
    const rowError = { row: this.rowNo, column: column && clip(column, 100), reason: clip(reason, 300) };
    this.rowErrors.push({ column: rowError.column, reason: rowError.reason });
    if (this.counts.errors.length < REPORTED_ERRORS) this.counts.errors.push(rowError);
  }

  /** How many refused rows wait for the writer. */
  get refusedWaiting(): number {
    return this.refused.length;
  }

  /** The refused rows since the last call. */
  takeRefused(): RefusedRow[] {
    const taken = this.refused;
    this.refused = [];
    return taken;
  }

  get header(): string[] {
    return this.layout?.headers ?? [];
  }

  /** One row of the file: a row to import, or null (header, blank, bad or repeated row). */
  push(cells: Cell[]): CheckedRow | null {
    const sheet = sheetOf(cells);
    if (sheet !== undefined) {
      if (this.layout) {
        this.sheets.next ??= sheet;
        this.skipping = 'rest';
      } else {
        if (this.sheets.read !== null) this.sheets.first = false;
        this.sheets.read = sheet;
        this.rowNo = 0;
        this.preamble = 0;
        this.skipping = null;
        this.titleDateFound = null;
      }
      return null;
    }
    if (this.skipping) return null;
    this.rowNo++;
    if (!this.layout) {
      if (blank(cells)) return null;
      try {
        this.layout = layoutOf(cells, this.elements);
      } catch (err) {
        if (!(err instanceof ImportFileError)) throw err;
        this.headerProblem ??= err;
        if (++this.preamble >= HEADER_SEARCH) {
          if (this.sheets.read === null) throw err;
          this.skipping = 'sheet';
        } else this.titleDateFound ??= dateInTitle(cells);
      }
      return null;
    }
    if (blank(cells) || cells.some((cellC) => typeof cellC === 'string' && TOTAL_LABELS.has(cellC.trim()))) {
      this.counts.skippedRows++;
      return null;
    }
    const layout = this.layout;
    const rowCounts = this.counts;
    rowCounts.totalRows++;
    const errorsBefore = rowCounts.errorCount;
    this.rowErrors = [];
    const texts = layout.headers;
    const cell = (role: Role) => (layout.roles[role] === undefined ? null : (cells[layout.roles[role]!] ?? null));

    // The subject: an ID number (resident files) and/or a village.
    let key = '';
    let identity: ResidentIdentity | undefined;
    if (layout.kind === Subject.RESIDENT) {
      const raw = cell('id');
      const col = texts[layout.roles.id!];
      // A number, or its text in a CSV (4.20683E+17): Excel turned the ID into a number and kept 15 digits.
      if (typeof raw === 'number' || EXCEL_NUMBER.test(text(raw)))
        this.error(col, '身份证号被 Excel 存成了数字，末几位已丢失；请把该列设为“文本”格式后重新录入');
      else if (text(raw) === '') this.error(col, '身份证号为空');
      else {
        const id = checkIdNumber(text(raw));
        if (!id.valid) this.error(col, id.reason);
        else {
          key = id.normalized;
          if (this.pii) identity = { hash: '', lookup: [], cipher: '', masked: '', birthDate: id.birthDate, gender: id.gender };
        }
      }
    }
    let villageId: number | null = null;
    const village = this.resolveVillage(cells);
    if ('error' in village) this.error(village.column, village.error);
    else if ('id' in village) villageId = village.id;
    if (layout.kind === Subject.VILLAGE && 'none' in village) this.error(null, '缺少村代码或村名');

    let asOf = this.opts.asOf ?? this.titleDateFound ?? this.opts.defaultDate;
    if (!this.opts.asOf && layout.roles.date !== undefined) {
      const raw = cell('date');
      if (raw !== null && text(raw) !== '') {
        const valueCheck = this.dateOf(raw);
        if (valueCheck.ok) asOf = valueCheck.value;
        else this.error(texts[layout.roles.date], valueCheck.reason);
      }
    }
    if (asOf > this.today)
      this.error(
        layout.roles.date === undefined ? null : texts[layout.roles.date],
        `数据日期 ${asOf} 晚于今天（${this.today}），不能导入未来日期的数据`,
      );
    const values: [number, string][] = [];
    let rewritten: [string, string, string][] | null = null;
    for (const element of layout.elements) {
      const raw = cells[element.col] ?? null;
      if (raw === null || text(raw) === '') continue;
      const valueCheck = validateValue(element.element.rule, raw);
      if (valueCheck.ok) {
        values.push([element.element.id, valueCheck.value]);
        if (element.element.valueType === ValueType.PHONE && valueCheck.value !== String(raw).trim())
          (rewritten ??= []).push([element.header, String(raw).trim(), valueCheck.value]);
      } else this.error(element.header, valueCheck.reason);
    }
    if (rowCounts.errorCount > errorsBefore) {
      rowCounts.errorRows++;
      const cellsCipher = this.pii ? this.pii.encrypt(storedCells(cells)) : null;
      this.refused.push({ row: this.rowNo, cellsCipher, errors: this.rowErrors });
      return null;
    }
    // A 28-character digest per row rather than the row itself: memory stays small for million-row files.
    const sig = createHash('sha1')
      .update(`${key}|${villageId}|${asOf}|${values.map((x) => `${x[0]}=${x[1]}`).join('\u0001')}`)
      .digest('base64');
    const firstSeen = this.seenRows.get(sig);
    if (firstSeen !== undefined) {
      rowCounts.duplicateRows++;
      this.error(null, `第 ${this.rowNo} 行与第 ${firstSeen} 行重复，只导入一次`);
      this.refused.push({ row: this.rowNo, cellsCipher: null, errors: this.rowErrors });
      return null;
    }
    this.seenRows.set(sig, this.rowNo);
    rowCounts.importedRows++;
    for (const [column, from, to] of rewritten ?? []) {
      const seen = this.normalisedBy.get(column);
      if (seen) seen.count++;
      else this.normalisedBy.set(column, { column, count: 1, example: { from, to } });
    }
    if (identity && this.pii) {
      identity.lookup = this.pii.hashes(key);
      identity.hash = identity.lookup[0];
      identity.cipher = this.pii.encrypt(key);
      identity.masked = this.pii.mask(key);
    }
    return { key: key || String(villageId), villageId, asOf, values, identity };
  }

  private dateOf(raw: Cell): ReturnType<typeof validateValue> {
    if (typeof raw !== 'string') return validateValue(DATE_RULE, raw);
    let date = this.dates.get(raw);
    if (!date) {
      if (this.dates.size >= DATE_MEMO) this.dates.clear();
      this.dates.set(raw, (date = validateValue(DATE_RULE, raw)));
    }
    return date;
  }

  private resolveVillage(cells: Cell[]): { id: number } | { error: string; column: string } | { none: true } {
    const layout = this.layout!;
    const at = (role: Role) => (layout.roles[role] === undefined ? '' : compact(text(cells[layout.roles[role]!] ?? null)));
    const code = at('villageCode');
    if (code) {
      const importVillage = this.byCode.get(code);
      return importVillage
        ? { id: importVillage.id }
        : { error: `村代码 ${code} 不存在`, column: layout.headers[layout.roles.villageCode!] };
    }
    const name = at('villageName');
    if (!name) return { none: true };
    const column = layout.headers[layout.roles.villageName!];
    const town = at('town');
    // “环城街道土铺村”, “环城土铺村”, “枣阳市环城街道/土铺村”: town and village in one cell (regions/place-names.ts).
    const answer = this.places.resolve(name, town);
    const list = answer.villages;
    if (list.length === 1) return { id: list[0].id };
    if (answer.townText)
      return { error: `镇（街道）“${town}”不存在，请填写全称（如“环城街道”）或村代码`, column: layout.headers[layout.roles.town!] };
    if (!list.length) return { error: town ? `${town}没有名为“${name}”的村（社区）` : `未找到村（社区）“${name}”`, column };
    const towns = list.map((item) => (item.townId === null ? '' : this.townName.get(item.townId))).join('、');
    return { error: `村名“${name}”有重名（${towns}），请填写所属镇或村代码`, column };
  }
}

/**
 * UTF-8 bytes of a refused row's cells stored as they are: the cipher (base64 of 28 + n bytes) then fits
 * MariaDB's TEXT (65,535 bytes). A longer row (cells of thousands of characters) keeps each cell's start
 * and says so: `{ cells, cut: true }` (the error workbook tells the clerk to check them).
 */
const STORED_CELLS_BYTES = 45_000;
const CUT_CELL_CHARS = 500;
export interface StoredCells {
  cells: PlainCell[];
  cut: boolean;
}
function storedCells(cells: Cell[]): string {
  const plain = cells.map(plainCell);
  const json = JSON.stringify(plain);
  if (Buffer.byteLength(json) <= STORED_CELLS_BYTES) return json;
  const cut = plain.map((cell) => (typeof cell === 'string' && cell.length > CUT_CELL_CHARS ? clip(cell, CUT_CELL_CHARS) : cell));
  const kept: StoredCells = { cells: cut, cut: true };
  // Still too long (a thousand long columns): as many cells as fit.
  while (Buffer.byteLength(JSON.stringify(kept)) > STORED_CELLS_BYTES && kept.cells.length)
    kept.cells = kept.cells.slice(0, Math.floor(kept.cells.length / 2));
  return JSON.stringify(kept);
}
/** The stored cells (storedCells), whichever form. */
export function readStoredCells(json: string): StoredCells {
  const parsed: PlainCell[] | StoredCells = JSON.parse(json);
  return Array.isArray(parsed) ? { cells: parsed, cut: false } : parsed;
}

const plainCell = (cell: Cell): PlainCell => (cell === undefined ? null : cell instanceof Date ? cell.toISOString().slice(0, 10) : cell);

/** A date in a line above the header: “填报日期：2025年6月30日”, or the label in one cell and the date in the next. */
export function dateInTitle(cells: Cell[]): string | null {
  for (let i = 0; i < cells.length; i++) {
    const cell = cells[i];
    if (typeof cell !== 'string') continue;
    const match = TITLE_DATE.exec(toHalfWidth(cell));
    if (!match) continue;
    const rest = match[1].trim();
    // In the same cell (“填报日期：2025年6月30日”, a blank form's “填报日期：  年  月  日” has none), or in the next one.
    const raw = rest
      ? DATE_TEXT.exec(rest)?.[0].replace(/\s+/g, '')
      : cells.slice(i + 1).find((cell2) => cell2 !== null && text(cell2) !== '');
    if (raw === undefined || raw === null) continue;
    const valueCheck = validateValue(DATE_RULE, raw);
    if (valueCheck.ok) return valueCheck.value;
  }
  return null;
}

/** Rows → checked rows in batches of `batchSize`, then the counts: the one loop both threads run. */
export async function* checkedSteps(
  rows: AsyncIterable<Cell[]> | Iterable<Cell[]>,
  checker: RowChecker,
  batchSize: number,
): AsyncGenerator<CheckStep> {
  let batch: CheckedRow[] = [];
  for await (const cells of rows) {
    const row = checker.push(cells);
    if (row) batch.push(row);
    // Refused rows go with the batches too: a file of bad rows never piles them up in memory.
    if (batch.length >= batchSize || checker.refusedWaiting >= batchSize) {
      yield {
        type: 'batch',
        rows: batch,
        refused: checker.takeRefused(),
        totalRows: checker.counts.totalRows,
        kind: checker.kind,
        ignored: checker.ignored,
      };
      batch = [];
    }
  }
  const counts = checker.finish();
  if (batch.length)
    yield { type: 'batch', rows: batch, refused: [], totalRows: counts.totalRows, kind: checker.kind, ignored: checker.ignored };
  yield {
    type: 'end',
    counts,
    refused: checker.takeRefused(),
    header: checker.header,
    kind: checker.kind,
    ignored: checker.ignored,
    titleDate: checker.titleDate,
    sheets: checker.sheets,
    normalised: checker.normalised,
  };
}
