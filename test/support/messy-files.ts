// Messy files the way people make them, written WITHOUT the code that reads them: workbooks are
// JSZip archives whose XML is written here by hand (shared or inline strings, merged title rows,
// number-formatted IDs, date styles, rows left out, 合计 lines, hidden sheets), CSVs are encoded
// with iconv-lite (GBK as Chinese Excel saves, UTF-8 with BOM). Each generator returns the file
// and, beside it, what an import of it must report.
import iconv from 'iconv-lite';
import JSZip from 'jszip';
import { makeIdNumber } from '../../src/common/id-number.js';
import { Rng } from '../../src/common/rng.js';

/** A cell as a person typed it: text, a number, TRUE/FALSE, a date (shown with a date style), or nothing. */
export type XCell = string | number | boolean | null | { date: string } | { error: string };

export interface XSheet {
  name: string;
  /** null: a row Excel leaves out of the file (nothing in it). */
  rows: (XCell[] | null)[];
  hidden?: boolean;
  /** e.g. 'A1:J1' (a title across the table). */
  merges?: string[];
}

export interface XlsxOptions {
  /** Text as shared strings (what Excel writes) or inline strings (what many export tools write). */
  strings: 'shared' | 'inline';
  /** The XML of every part as the writer saves it: JSZip DEFLATE by default. */
  compression?: 'DEFLATE' | 'STORE';
  /** Extra parts, e.g. a hostile sharedStrings.xml (replaces the one built from the cells). */
  parts?: Record<string, string | Buffer>;
}

const escapeXml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
/** 1 → A, 28 → AB. */
export function columnName(col: number): string {
  let name = '';
  for (let num = col; num > 0; num = Math.floor((num - 1) / 26)) name = String.fromCharCode(65 + ((num - 1) % 26)) + name;
  return name;
}
/** Days since 1899-12-30: Excel's 1900 date system. */
export const excelSerial = (isoDate: string) => Date.parse(`${isoDate}T00:00:00Z`) / 86_400_000 + 25569;

const STYLES = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">
<numFmts count="1"><numFmt numFmtId="176" formatCode="yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;"/></numFmts>
<fonts count="1"><font><sz val="11"/><name val="宋体"/></font></fonts>
<fills count="1"><fill><patternFill patternType="none"/></fill></fills>
<borders count="1"><border/></borders>
<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>
<cellXfs count="4"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="14" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="176" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/></cellXfs>
</styleSheet>`;

/** The bytes of an .xlsx holding these sheets, every part written here as text. */
export async function writeXlsx(sheets: XSheet[], opts: XlsxOptions): Promise<Buffer> {
  const shared: string[] = [];
  const sharedIndex = new Map<string, number>();
  const indexOf = (text: string) => {
    let index = sharedIndex.get(text);
    if (index === undefined) {
      index = shared.length;
      shared.push(text);
      sharedIndex.set(text, index);
    }
    return index;
  };
  const cellXml = (ref: string, cell: XCell, dateStyle: number): string => {
    if (cell === null) return '';
    if (typeof cell === 'string') {
      if (opts.strings === 'inline') return `<c r="${ref}" t="inlineStr"><is><t xml:space="preserve">${escapeXml(cell)}</t></is></c>`;
      return `<c r="${ref}" t="s"><v>${indexOf(cell)}</v></c>`;
    }
    if (typeof cell === 'number') return `<c r="${ref}"><v>${cell}</v></c>`;
    if (typeof cell === 'boolean') return `<c r="${ref}" t="b"><v>${cell ? 1 : 0}</v></c>`;
    if ('date' in cell) return `<c r="${ref}" s="${dateStyle}"><v>${excelSerial(cell.date)}</v></c>`;
    return `<c r="${ref}" t="e"><v>${escapeXml(cell.error)}</v></c>`;
  };
  // Parts go in as UTF-8 bytes: given a string, JSZip encodes it in blocks and splits surrogate pairs (4-byte characters) between them.
  const zip = new JSZip();
  const put = (name: string, content: string | Buffer) =>
    zip.file(name, typeof content === 'string' ? Buffer.from(content, 'utf8') : content);
  const sheetXml = sheets.map((sheet) => {
    const out: string[] = [];
    sheet.rows.forEach((row, i) => {
      if (!row) return;
      const cells = row.map((cell, col) => cellXml(`${columnName(col + 1)}${i + 1}`, cell, 1 + ((i + col) % 2))).join('');
      out.push(`<row r="${i + 1}">${cells}</row>`);
    });
    const merges = sheet.merges?.length
      ? `<mergeCells count="${sheet.merges.length}">${sheet.merges.map((ref) => `<mergeCell ref="${ref}"/>`).join('')}</mergeCells>`
      : '';
    return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${out.join('')}</sheetData>${merges}</worksheet>`;
  });
  put(
    '[Content_Types].xml',
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>${sheets
      .map(
        (_, i) =>
          `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`,
      )
      .join(
        '',
      )}<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>`,
  );
  put(
    '_rels/.rels',
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
  );
  put(
    'xl/workbook.xml',
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>${sheets
      .map(
        (sheet, i) =>
          `<sheet name="${escapeXml(sheet.name)}" sheetId="${i + 1}"${sheet.hidden ? ' state="hidden"' : ''} r:id="rId${i + 1}"/>`,
      )
      .join('')}</sheets></workbook>`,
  );
  const count = sheets.length;
  put(
    'xl/_rels/workbook.xml.rels',
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${sheets
      .map(
        (_, i) =>
          `<Relationship Id="rId${i + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`,
      )
      .join(
        '',
      )}<Relationship Id="rId${count + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/><Relationship Id="rId${count + 2}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>`,
  );
  put('xl/styles.xml', STYLES);
  sheetXml.forEach((xml, i) => put(`xl/worksheets/sheet${i + 1}.xml`, xml));
  put(
    'xl/sharedStrings.xml',
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="${shared.length}" uniqueCount="${shared.length}">${shared
      .map((text) => `<si><t xml:space="preserve">${escapeXml(text)}</t></si>`)
      .join('')}</sst>`,
  );
  for (const [name, content] of Object.entries(opts.parts ?? {})) put(name, content);
  return zip.generateAsync({ type: 'nodebuffer', compression: opts.compression ?? 'DEFLATE' });
}

// ── Random Chinese text: every kind of character a cell may hold, most of them multi-byte in UTF-8 ──
const PUNCTUATION = '，。、；：？！“”‘’（）《》【】—…·';
const EXT_B = [0x20000, 0x2a6df]; // CJK Extension B: 4 bytes in UTF-8, a surrogate pair in JS (names such as 𠮷)
const EMOJI = [0x1f600, 0x1f64f];
/** One random piece of text: BMP CJK (3 bytes), Extension B and emoji (4 bytes), punctuation, ASCII, and XML's own & < > ". */
export function randomCjk(rng: Rng, maxLength = 12): string {
  let text = '';
  const length = rng.int(1, maxLength);
  for (let i = 0; i < length; i++) {
    const pick = rng.next();
    if (pick < 0.6) text += String.fromCodePoint(rng.int(0x4e00, 0x9fa5));
    else if (pick < 0.72) text += String.fromCodePoint(rng.int(EXT_B[0], EXT_B[1]));
    else if (pick < 0.78) text += String.fromCodePoint(rng.int(EMOJI[0], EMOJI[1]));
    else if (pick < 0.9) text += rng.pick([...PUNCTUATION]);
    else if (pick < 0.95) text += rng.pick(['&', '<', '>', '"', "'", 'a', 'Z', '7']);
    else text += rng.pick(['ü', 'é', '¥', '·']);
  }
  return text;
}

/** ≥ 50,000 rows of random Chinese text in `columns` columns; every cell distinct enough that shared strings are many. */
export function randomCjkRows(seed: number, rows: number, columns: number): string[][] {
  const rng = new Rng(seed);
  return Array.from({ length: rows }, () => Array.from({ length: columns }, () => randomCjk(rng)));
}

/** The n-th synthetic ID of these files (born 1950-01-01 + n days, sequence 7xx): never a fixture's or a real person's. */
export function messyId(nth: number): string {
  const birth = new Date(Date.UTC(1950, 0, 1) + (nth % 20_000) * 86_400_000).toISOString().slice(0, 10).replace(/-/g, '');
  return makeIdNumber('420683', birth, 700 + Math.floor(nth / 20_000));
}

// ── A resident workbook as a village office sends it ──
const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周', '徐', '孙', '马', '朱', '胡', '郭', '何', '高', '林', '罗'];
const GIVEN = [
  '娜',
  '伟',
  '芳',
  '敏',
  '静',
  '丽',
  '强',
  '磊',
  '军',
  '洋',
  '勇',
  '艳',
  '杰',
  '娟',
  '涛',
  '明',
  '超',
  '秀英',
  '桂兰',
  '𠮷',
  '堃',
  '喆',
];
export const MESSY_HEADER = ['序号', '姓名', '身份证号', '镇', '村名', '民族', '联系电话', '日期'];

export interface MessyFile {
  file: Buffer;
  fileName: string;
  /** What the import must report for it (and, for the good rows, the names it must store). */
  expected: { totalRows: number; importedRows: number; errorRows: number; names: Map<string, string> };
}

/**
 * A resident list of 土铺村 (环城街道): a merged title, a 填报日期 line, the header, `good` people,
 * one ID typed as a number (Excel shows 4.20683E+17), rows left empty, and a 合计 line.
 */
export async function messyResidentsXlsx(strings: 'shared' | 'inline', good = 300, seed = 7): Promise<MessyFile> {
  const rng = new Rng(seed);
  const names = new Map<string, string>();
  const rows: (XCell[] | null)[] = [
    ['土铺村居民基本信息登记表'],
    ['填报单位：环城街道土铺村', null, null, null, null, '填报日期：2025年6月30日'],
    MESSY_HEADER,
  ];
  for (let i = 0; i < good; i++) {
    const id = messyId(seed * 1000 + i);
    const name = rng.pick(SURNAMES) + rng.pick(GIVEN) + (rng.chance(0.5) ? rng.pick(GIVEN) : '');
    names.set(id, name);
    rows.push([i + 1, name, id, '环城街道', '土铺村', '汉族', `138${String(10_000_000 + i).slice(-8)}`, { date: '2025-06-30' }]);
    if (i % 97 === 50) rows.push(null, null);
  }
  // Excel turned this ID into a number: only 15 significant digits survive.
  rows.push([
    good + 1,
    '梁娜',
    Number(messyId(seed * 1000 + 999).slice(0, 15)) * 1000,
    '环城街道',
    '土铺村',
    '汉族',
    '13800000000',
    { date: '2025-06-30' },
  ]);
  rows.push(null, ['合计', `${good + 1} 人`]);
  const file = await writeXlsx([{ name: '居民', rows, merges: ['A1:H1'] }], { strings });
  return { file, fileName: `messy-${strings}.xlsx`, expected: { totalRows: good + 1, importedRows: good, errorRows: 1, names } };
}

/**
 * The same people as Excel saves them as text: “CSV” (GBK in Chinese Windows), “CSV UTF-8” (with BOM), or
 * “Unicode 文本” (UTF-16LE with BOM, tab-separated, .txt); one ID written as 4.20683E+17.
 */
export function messyResidentsCsv(encoding: 'gbk' | 'utf8-bom' | 'utf16-tab', good = 50, seed = 11): MessyFile {
  const rng = new Rng(seed);
  const names = new Map<string, string>();
  const sep = encoding === 'utf16-tab' ? '\t' : ',';
  const lines = [MESSY_HEADER.join(sep)];
  for (let i = 0; i < good; i++) {
    const id = messyId(seed * 1000 + i);
    // GBK has no Extension B: names from the BMP only.
    const name = rng.pick(SURNAMES) + rng.pick(GIVEN.filter((given) => given.length === 1 && given.codePointAt(0)! < 0x10000));
    names.set(id, name);
    lines.push([i + 1, name, id, '环城街道', '土铺村', '汉族', `139${String(10_000_000 + i).slice(-8)}`, '2025-06-30'].join(sep));
    if (i % 20 === 10) lines.push('');
  }
  lines.push([good + 1, '梁娜', '4.20683E+17', '环城街道', '土铺村', '汉族', '13800000000', '2025-06-30'].join(sep));
  lines.push(['合计', `${good + 1}人`].join(sep));
  const text = lines.join('\r\n') + '\r\n';
  const file =
    encoding === 'gbk'
      ? iconv.encode(text, 'gbk')
      : encoding === 'utf16-tab'
        ? iconv.encode(text, 'utf16le', { addBOM: true })
        : Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]);
  return {
    file,
    fileName: `messy-${encoding}.${encoding === 'utf16-tab' ? 'txt' : 'csv'}`,
    expected: { totalRows: good + 1, importedRows: good, errorRows: 1, names },
  };
}
