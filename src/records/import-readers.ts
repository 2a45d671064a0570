import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import type ExcelJS from 'exceljs';

/** exceljs loads in about 0.3 s: only when an .xlsx file is read (a csv import and the server start without it). */
const loadExcel = async (): Promise<typeof ExcelJS> => (await import('exceljs')).default;
import iconv from 'iconv-lite';
import { parse } from 'csv-parse';
import { ImportFileError, sheetStart, type Cell } from './import-rows.js';

export type { Cell };

/** A cell as read from a file: text, a number, a date (Excel), or empty. */
export type Source = string | Buffer;

const asStream = (src: Source): Readable =>
  typeof src === 'string' ? createReadStream(src, { highWaterMark: 1 << 20 }) : Readable.from([src]);

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
export async function* readRows(src: Source, kind: 'xlsx' | 'csv'): AsyncGenerator<Cell[]> {
  try {
    yield* kind === 'xlsx' ? readXlsx(src) : readCsv(src);
  } catch (err) {
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

const BLANK: Cell[] = [];

function cellOf(value: unknown): Cell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' || value instanceof Date) return value;
  if (typeof value === 'object') {
    const item = value as Record<string, unknown>;
    if (Array.isArray(item.richText)) return (item.richText as { text?: unknown }[]).map((entry) => entry.text).join('');
    if ('result' in item) return cellOf(item.result);
    if ('text' in item) return cellOf(item.text);
    if ('error' in item) return null;
  }
  return String(value);
}

async function* readXlsx(src: Source): AsyncIterable<Cell[]> {
  const Excel = await loadExcel();
  const reader = new Excel.stream.xlsx.WorkbookReader(asStream(src), {
    worksheets: 'emit',
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
  });
  for await (const sheet of reader) {
    const info = sheet as unknown as { name?: string; state?: string };
    // A hidden sheet (option lists behind a template's drop-downs) is not what the cadre sees: not read.
    const hidden = info.state === 'hidden' || info.state === 'veryHidden';
    // The checker reads the first worksheet with a header and stops at the next sheet's start.
    if (!hidden) yield sheetStart(String(info.name ?? ''));
    // The stream skips empty rows: each is given back as a blank row, so that row numbers in the
    // report are the ones Excel shows.
    let next = 1;
    for await (const row of sheet as AsyncIterable<ExcelJS.Row>) {
      if (hidden) continue;
      for (; next < row.number; next++) yield BLANK;
      next = row.number + 1;
      const values = row.values as unknown[];
      const out: Cell[] = [];
      for (let i = 1; i < values.length; i++) out.push(cellOf(values[i]));
      yield out;
    }
  }
}

/**
 * CSV in UTF-8 (with or without BOM) or GB18030/GBK (what Chinese Excel saves): a BOM means
 * UTF-8; otherwise the first block is tried as strict UTF-8 and, failing that, read as GB18030.
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

export function detectEncoding(head: Buffer): 'utf8' | 'gb18030' {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return 'utf8';
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

/** Empty lines are kept (as blank rows): row numbers in the report are the ones Excel shows for the file. */
async function* readCsv(src: Source): AsyncIterable<Cell[]> {
  const parser = Readable.from(decode(src)).pipe(
    parse({ bom: true, relax_column_count: true, relax_quotes: true, skip_empty_lines: false }),
  );
  for await (const rec of parser) yield (rec as string[]).map((text) => (text === '' ? null : text));
}
