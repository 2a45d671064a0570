// The .xlsx reader: our zip reader (zip-archive.ts, bounds checked before inflating) → a streaming
// TextDecoder → saxes. It replaces exceljs' streaming reader, which decoded each inflated chunk on
// its own and so split multi-byte UTF-8 characters where chunks ended (太平镇 read as 太平���).
// Here bytes become text in one decoder with `stream: true`, which keeps an unfinished character
// for the next chunk, and invalid UTF-8 is refused (fatal) rather than turned into U+FFFD.
// It reads what an import needs: shared and inline strings, numbers, dates (date styles, 1900 and
// 1904 systems), booleans, formula results; row numbers as Excel shows them.
import { TextDecoder } from 'node:util';
import { SaxesParser, type SaxesTagPlain } from 'saxes';
import { ImportFileError, sheetStart, type Cell } from './import-rows.js';
import { ZipArchive, ZipFormatError, ZipLimitError, type ZipEntry, type ZipLimits } from './zip-archive.js';

export interface XlsxLimits extends ZipLimits {
  maxSharedStrings: number;
  /** Characters of all shared strings together (they are held in memory while the sheet is read). */
  maxSharedChars: number;
  maxCellChars: number;
  maxColumns: number;
  maxRows: number;
}

/** A bound was passed: the message names it and says what to do. */
export const limitError = (message: string) =>
  new ImportFileError(`${message}；请检查文件，或拆分为较小的文件后分别导入`, '文件超出导入上限');

/** A row Excel left out of the file (empty): one shared array, told apart from a sheet's start mark by identity. */
export const BLANK: Cell[] = [];
/** Built-in number formats that are dates or times (ECMA-376 18.8.30, and the zh-CN ones Chinese Excel writes). */
const BUILTIN_DATES = new Set([
  14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54, 55, 56, 57, 58,
]);
const DAY_MS = 86_400_000;

const local = (name: string) => name.slice(name.indexOf(':') + 1);

/** A format code that shows a date or time: y m d h s outside quoted text and [colour]/[locale] brackets. */
export function isDateFormat(code: string): boolean {
  const bare = code
    .replace(/\[[^\]]*]/g, '')
    .replace(/"[^"]*"/g, '')
    .replace(/\\./g, '');
  return /[ymdhsYMDHS]/.test(bare.replace(/General/gi, ''));
}

/** Excel's serial day → Date (the same arithmetic exceljs used, so dates read as before). */
export const excelDate = (serial: number, date1904: boolean) => new Date(Math.round((serial - 25569 + (date1904 ? 1462 : 0)) * DAY_MS));

/** "AB12" → 28 (1-based column). */
function columnOf(ref: string): number {
  let col = 0;
  for (let i = 0; i < ref.length; i++) {
    const code = ref.charCodeAt(i);
    if (code < 65 || code > 90) break;
    col = col * 26 + (code - 64);
  }
  return col;
}

/**
 * Feeds an entry's text to a SAX parser chunk by chunk, and after each chunk lets the caller take
 * what the parser's events produced. Guards memory: text or a tag longer than `maxRun` characters
 * (one huge cell) is refused before the parser has gathered it all.
 */
async function* parseEntry(zip: ZipArchive, entry: ZipEntry, maxRun: number, setUp: (parser: SaxesParser) => void): AsyncGenerator<void> {
  const parser = new SaxesParser({ xmlns: false });
  setUp(parser);
  let decoder: TextDecoder | null = null;
  let sinceTag = 0;
  const write = (text: string) => {
    const lastTag = text.lastIndexOf('<');
    sinceTag = lastTag < 0 ? sinceTag + text.length : text.length - lastTag;
    if (sinceTag > maxRun) throw limitError(`单元格内容超过上限（${maxRun} 个字符）：“${entry.name}”中有一段超长的内容`);
    parser.write(text);
  };
  for await (const bytes of zip.stream(entry)) {
    // XML parts are UTF-8; a UTF-16 part starts with its byte-order mark.
    decoder ??= new TextDecoder(bytes[0] === 0xff && bytes[1] === 0xfe ? 'utf-16le' : 'utf-8', { fatal: true });
    write(decoder.decode(bytes, { stream: true }));
    yield;
  }
  if (decoder) write(decoder.decode());
  parser.close();
  yield;
}

interface Workbook {
  sheets: { name: string; hidden: boolean; path: string | null }[];
  date1904: boolean;
  sharedStrings: string | null;
  styles: string | null;
}

/** xl/workbook.xml + its relationships: the sheets in the order Excel shows them, and where the other parts are. */
async function readWorkbook(zip: ZipArchive, limits: XlsxLimits): Promise<Workbook> {
  const book = zip.find('xl/workbook.xml');
  if (!book) throw new ZipFormatError('缺少 xl/workbook.xml');
  const rels = new Map<string, { type: string; target: string }>();
  const relsEntry = zip.find('xl/_rels/workbook.xml.rels');
  if (relsEntry)
    for await (const _ of parseEntry(zip, relsEntry, limits.maxCellChars, (parser) =>
      parser.on('opentag', (tag) => {
        if (local(tag.name) !== 'Relationship') return;
        const target = String(tag.attributes.Target ?? '').replace(/\\/g, '/');
        const path = target.startsWith('/') ? target.slice(1) : `xl/${target}`;
        rels.set(String(tag.attributes.Id), { type: String(tag.attributes.Type ?? ''), target: normalisePath(path) });
      }),
    ));
  const workbook: Workbook = { sheets: [], date1904: false, sharedStrings: null, styles: null };
  for await (const _ of parseEntry(zip, book, limits.maxCellChars, (parser) =>
    parser.on('opentag', (tag) => {
      const name = local(tag.name);
      if (name === 'workbookPr') workbook.date1904 = ['1', 'true'].includes(String(tag.attributes.date1904 ?? ''));
      if (name !== 'sheet') return;
      const rid = Object.entries(tag.attributes).find(([key]) => local(key) === 'id')?.[1];
      const state = String(tag.attributes.state ?? '');
      workbook.sheets.push({
        name: String(tag.attributes.name ?? ''),
        hidden: state === 'hidden' || state === 'veryHidden',
        path: rid === undefined ? null : (rels.get(String(rid))?.target ?? null),
      });
    }),
  ));
  for (const rel of rels.values()) {
    if (rel.type.endsWith('/sharedStrings')) workbook.sharedStrings = rel.target;
    if (rel.type.endsWith('/styles')) workbook.styles = rel.target;
  }
  workbook.sharedStrings ??= 'xl/sharedStrings.xml';
  workbook.styles ??= 'xl/styles.xml';
  return workbook;
}

function normalisePath(path: string): string {
  const out: string[] = [];
  for (const part of path.split('/')) {
    if (part === '..') out.pop();
    else if (part && part !== '.') out.push(part);
  }
  return out.join('/');
}

/** Which cell styles (the `s` attribute) show a date. */
async function readDateStyles(zip: ZipArchive, path: string, limits: XlsxLimits): Promise<boolean[]> {
  const entry = zip.find(path);
  if (!entry) return [];
  const formats = new Map<number, string>();
  const styles: number[] = [];
  let inCellXfs = false;
  for await (const _ of parseEntry(zip, entry, limits.maxCellChars, (parser) => {
    parser.on('opentag', (tag) => {
      const name = local(tag.name);
      if (name === 'numFmt') formats.set(Number(tag.attributes.numFmtId), String(tag.attributes.formatCode ?? ''));
      else if (name === 'cellXfs') inCellXfs = true;
      else if (name === 'xf' && inCellXfs) styles.push(Number(tag.attributes.numFmtId ?? 0));
    });
    parser.on('closetag', (tag) => {
      if (local(tag.name) === 'cellXfs') inCellXfs = false;
    });
  }));
  return styles.map((id) => (formats.has(id) ? isDateFormat(formats.get(id)!) : BUILTIN_DATES.has(id)));
}

/** The shared strings, within their bounds (count, characters in all, characters in one). Phonetic runs (rPh) are not text. */
async function readSharedStrings(zip: ZipArchive, path: string, limits: XlsxLimits): Promise<string[]> {
  const entry = zip.find(path);
  if (!entry) return [];
  const strings: string[] = [];
  let total = 0;
  let current: string | null = null;
  let inText = false;
  let phonetic = 0;
  const tooMany = () => limitError(`共享字符串超过上限（${limits.maxSharedStrings} 个）`);
  for await (const _ of parseEntry(zip, entry, limits.maxCellChars, (parser) => {
    parser.on('opentag', (tag) => {
      const name = local(tag.name);
      if (name === 'sst') {
        const declared = Number(tag.attributes.uniqueCount ?? 0);
        if (declared > limits.maxSharedStrings) throw tooMany();
      } else if (name === 'si') current = '';
      else if (name === 'rPh') phonetic++;
      else if (name === 't' && !phonetic) inText = true;
    });
    const onText = (text: string) => {
      if (!inText || current === null) return;
      current += text;
      total += text.length;
      if (current.length > limits.maxCellChars)
        throw limitError(`单元格内容超过上限（${limits.maxCellChars} 个字符）：第 ${strings.length + 1} 个共享字符串`);
      if (total > limits.maxSharedChars) throw limitError(`共享字符串的总字符数超过上限（${limits.maxSharedChars} 个）`);
    };
    parser.on('text', onText);
    parser.on('cdata', onText);
    parser.on('closetag', (tag) => {
      const name = local(tag.name);
      if (name === 't') inText = false;
      else if (name === 'rPh') phonetic--;
      else if (name === 'si') {
        strings.push(current ?? '');
        current = null;
        if (strings.length > limits.maxSharedStrings) throw tooMany();
      }
    });
  }));
  return strings;
}

/**
 * Rows of every worksheet in the workbook's order, each sheet's rows after `sheetStart(name)`;
 * hidden sheets (option lists behind a template's drop-downs) are not read. Rows Excel leaves out
 * of the file (empty ones) come back as blank rows, so row numbers are the ones Excel shows.
 */
export async function* readXlsx(src: string | Buffer, limits: XlsxLimits): AsyncGenerator<Cell[]> {
  let zip: ZipArchive;
  try {
    zip = await ZipArchive.open(src, limits);
  } catch (err) {
    if (err instanceof ZipLimitError) throw limitError(err.message);
    throw err;
  }
  try {
    const workbook = await readWorkbook(zip, limits);
    const dateStyles = await readDateStyles(zip, workbook.styles!, limits);
    const shared = await readSharedStrings(zip, workbook.sharedStrings!, limits);
    for (const sheet of workbook.sheets) {
      if (sheet.hidden) continue;
      const entry = sheet.path ? zip.find(sheet.path) : undefined;
      if (!entry) throw new ZipFormatError(`找不到工作表“${sheet.name}”的内容`);
      yield sheetStart(sheet.name);
      yield* readSheet(zip, entry, limits, shared, dateStyles, workbook.date1904);
    }
  } finally {
    await zip.close();
  }
}

async function* readSheet(
  zip: ZipArchive,
  entry: ZipEntry,
  limits: XlsxLimits,
  shared: string[],
  dateStyles: boolean[],
  date1904: boolean,
): AsyncGenerator<Cell[]> {
  const ready: Cell[][] = [];
  let rowNumber = 0;
  let emitted = 0;
  let cells: Cell[] = [];
  let col = 0;
  let type = 'n';
  let style = 0;
  let value = '';
  let capture: 'v' | 't' | null = null;
  let inInline = false;
  let phonetic = 0;

  const cellValue = (): Cell => {
    switch (type) {
      case 's': {
        const text = shared[Number(value)];
        return text === undefined || text === '' ? null : text;
      }
      case 'inlineStr':
      case 'str':
        return value === '' ? null : value;
      case 'b':
        return value.trim() === '1' || value.trim().toLowerCase() === 'true';
      case 'e':
        return null;
      case 'd': {
        const date = new Date(value);
        return Number.isNaN(date.getTime()) ? value : date;
      }
      default: {
        if (value.trim() === '') return null;
        const num = Number(value);
        if (!Number.isFinite(num)) return value;
        return dateStyles[style] ? excelDate(num, date1904) : num;
      }
    }
  };

  for await (const _ of parseEntry(zip, entry, limits.maxCellChars, (parser) => {
    parser.on('opentag', (tag: SaxesTagPlain) => {
      switch (local(tag.name)) {
        case 'row': {
          const ref = tag.attributes.r;
          rowNumber = ref === undefined ? rowNumber + 1 : Number(ref);
          if (!(rowNumber <= limits.maxRows)) throw limitError(`行数超过上限（${limits.maxRows} 行）`);
          cells = [];
          col = 0;
          break;
        }
        case 'c': {
          const ref = tag.attributes.r;
          col = ref === undefined ? col + 1 : columnOf(String(ref));
          if (col > limits.maxColumns) throw limitError(`列数超过上限（${limits.maxColumns} 列）：第 ${rowNumber} 行`);
          type = String(tag.attributes.t ?? 'n');
          style = Number(tag.attributes.s ?? 0);
          value = '';
          break;
        }
        case 'v':
          capture = 'v';
          break;
        case 'is':
          inInline = true;
          break;
        case 'rPh':
          phonetic++;
          break;
        case 't':
          if (inInline && !phonetic) capture = 't';
          break;
      }
    });
    const onText = (text: string) => {
      if (capture === null) return;
      value += text;
      if (value.length > limits.maxCellChars)
        throw limitError(`单元格内容超过上限（${limits.maxCellChars} 个字符）：第 ${rowNumber} 行第 ${col} 列`);
    };
    parser.on('text', onText);
    parser.on('cdata', onText);
    parser.on('closetag', (tag) => {
      switch (local(tag.name)) {
        case 'v':
        case 't':
          capture = null;
          break;
        case 'is':
          inInline = false;
          break;
        case 'rPh':
          phonetic--;
          break;
        case 'c': {
          const cell = cellValue();
          if (cell !== null) {
            while (cells.length < col - 1) cells.push(null);
            cells[col - 1] = cell;
          }
          break;
        }
        case 'row':
          for (; emitted < rowNumber - 1; emitted++) ready.push(BLANK);
          emitted = rowNumber;
          ready.push(cells);
          break;
      }
    });
  })) {
    for (const row of ready) yield row;
    ready.length = 0;
  }
}
