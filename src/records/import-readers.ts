import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import iconv from 'iconv-lite';
import { parse } from 'csv-parse';
import type { ImportLimits } from '../config/config.js';
import { ImportFileError, type Cell } from './import-rows.js';
import { BLANK, limitError, readXlsx } from './xlsx-reader.js';

export type { Cell };

/** A cell as read from a file: text, a number, a date (Excel), or empty. */
export type Source = string | Buffer;

/** An uploaded buffer is read in 1 MB slices too: decoding and parsing it at once would hold the event loop (and a second copy). */
function* slices(buf: Buffer): Generator<Buffer> {
  for (let at = 0; at < buf.length; at += 1 << 20) yield buf.subarray(at, at + (1 << 20));
}
const asStream = (src: Source): Readable =>
  typeof src === 'string' ? createReadStream(src, { highWaterMark: 1 << 20 }) : Readable.from(slices(src));

export function kindOf(fileName: string): 'xlsx' | 'csv' | null {
  const lowerCase = fileName.toLowerCase();
  if (lowerCase.endsWith('.xlsx')) return 'xlsx';
  if (lowerCase.endsWith('.csv') || lowerCase.endsWith('.txt')) return 'csv';
  return null;
}

/**
 * Rows of the first worksheet or of the CSV file, streamed (memory stays flat for large files).
 * A file the reader cannot parse (a damaged .xlsx, an .xls renamed, broken CSV quoting) ends in
 * an ImportFileError that says so.
 */
export async function* readRows(src: Source, kind: 'xlsx' | 'csv', limits: ImportLimits): AsyncGenerator<Cell[]> {
  try {
    yield* bounded(kind === 'xlsx' ? readXlsx(src, limits) : readCsv(src, limits), limits);
  } catch (err) {
    if (err instanceof ImportFileError) throw err;
    // The reader's own words (a line number helps), with any ID-number-like run masked: a parser may quote the cell.
    const detail = String((err as Error)?.message ?? err)
      .split('\n')[0]
      .replace(/\d{14,17}[\dXx]/g, (text) => `${text.slice(0, 6)}********${text.slice(-4)}`)
      .slice(0, 200);
    throw new ImportFileError(
      kind === 'xlsx'
        ? `无法读取文件：不是有效的 .xlsx 文件，可能已损坏，或是旧版 .xls 改了扩展名；请用 Excel 另存为 .xlsx 后重试（${detail}）`
        : `无法读取 CSV 文件：${detail}`,
      '文件无法读取',
    );
  }
}

/**
 * CSV in UTF-8 (with or without BOM), GB18030/GBK (what Chinese Excel saves) or UTF-16 (Excel's
 * “Unicode 文本”, with its BOM): a BOM says which; otherwise the first block is tried as strict
 * UTF-8 and, failing that, read as GB18030.
 */
async function* decode(src: Source): AsyncIterable<string> {
  let decoder: { write(buf: Buffer): string; end(): string | undefined } | null = null;
  for await (const chunk of asStream(src)) {
    const buf = chunk as Buffer;
    if (!decoder) decoder = iconv.getDecoder(detectEncoding(buf));
    const result = decoder.write(buf);
    if (result) yield result;
  }
  const rest = decoder?.end();
  if (rest) yield rest;
}

export function detectEncoding(head: Buffer): 'utf8' | 'gb18030' | 'utf16le' | 'utf16be' {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return 'utf8';
  if (head[0] === 0xff && head[1] === 0xfe) return 'utf16le';
  if (head[0] === 0xfe && head[1] === 0xff) return 'utf16be';
  // Cut at the last line break so a multi-byte character split by the block does not count.
  const cut = head.lastIndexOf(0x0a);
  const sample = cut > 0 ? head.subarray(0, cut) : head.subarray(0, Math.max(0, head.length - 4));
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(sample);
    return 'utf8';
  } catch {
    return 'gb18030';
  }
}

/**
 * What every file must keep to, whichever reader: rows, columns, characters in a cell and in a row;
 * and text that decoded cleanly. U+FFFD is what a decoder puts where bytes were not text in the
 * encoding it assumed (a GBK file read as UTF-8, a workbook another program already damaged): such a
 * value is refused with the whole file, never stored.
 */
async function* bounded(rows: AsyncIterable<Cell[]>, limits: ImportLimits): AsyncGenerator<Cell[]> {
  let total = 0;
  let row = 0;
  for await (const cells of rows) {
    // A worksheet's start mark (an empty array, not the blank row) restarts the row numbers Excel shows.
    if (!cells.length && cells !== BLANK) {
      row = 0;
      yield cells;
      continue;
    }
    row++;
    if (++total > limits.maxRows) throw limitError(`行数超过上限（${limits.maxRows} 行）`);
    if (cells.length > limits.maxColumns) throw limitError(`列数超过上限（${limits.maxColumns} 列）：第 ${row} 行有 ${cells.length} 列`);
    let chars = 0;
    for (let col = 0; col < cells.length; col++) {
      const cell = cells[col];
      if (typeof cell !== 'string') continue;
      if (cell.length > limits.maxCellChars)
        throw limitError(`单元格内容超过上限（${limits.maxCellChars} 个字符）：第 ${row} 行第 ${col + 1} 列有 ${cell.length} 个字符`);
      chars += cell.length;
      if (cell.includes('\uFFFD'))
        throw new ImportFileError(
          `文件第 ${row} 行第 ${col + 1} 列含有无法识别的字符（�），文件的编码可能有误或内容已损坏，未导入任何数据；` +
            '请用 Excel 打开核对后另存为 .xlsx（或“CSV UTF-8”）再导入',
          '文件含有无法识别的字符',
        );
    }
    if (chars > limits.maxRowChars) throw limitError(`一行的字符数超过上限（${limits.maxRowChars} 个）：第 ${row} 行有 ${chars} 个字符`);
    yield cells;
  }
}

/** Tab when the first lines hold more tabs than commas (Excel's “Unicode 文本” and “文本(制表符分隔)”), else comma. */
function delimiterOf(head: string): string {
  const lines = head.split('\n', 20).join('\n');
  const tabs = lines.split('\t').length;
  const commas = lines.split(',').length;
  return tabs > commas ? '\t' : ',';
}

/** Empty lines are kept (as blank rows): row numbers in the report are the ones Excel shows for the file. */
async function* readCsv(src: Source, limits: ImportLimits): AsyncIterable<Cell[]> {
  const texts = decode(src)[Symbol.asyncIterator]();
  const first = await texts.next();
  async function* all(): AsyncGenerator<string> {
    if (first.done) return;
    yield first.value;
    for (let next = await texts.next(); !next.done; next = await texts.next()) yield next.value;
  }
  const parser = Readable.from(all()).pipe(
    // max_record_size: one record (a runaway quote, a huge cell) cannot gather more than a row may hold.
    parse({
      bom: true,
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: false,
      max_record_size: limits.maxRowChars,
      delimiter: delimiterOf(first.done ? '' : first.value),
    }),
  );
  for await (const rec of parser) yield (rec as string[]).map((text) => (text === '' ? null : text));
}
