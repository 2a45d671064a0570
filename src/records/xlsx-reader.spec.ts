// The .xlsx reader on workbooks it did not write (JSZip + hand-written XML, test/support/messy-files.ts),
// read through the import path's own entry (readRows), every cell compared with what was written.
import { loadImportLimits } from '../config/config.js';
import { columnName, randomCjkRows, writeXlsx, type XCell } from '../../test/support/messy-files.js';
import { readRows } from './import-readers.js';
import type { Cell } from './import-rows.js';

const LIMITS = loadImportLimits({});

async function readAll(file: Buffer, limits = LIMITS): Promise<Cell[][]> {
  const rows: Cell[][] = [];
  for await (const row of readRows(file, 'xlsx', limits)) rows.push(row);
  return rows;
}

async function refusal(file: Buffer, limits = LIMITS): Promise<string> {
  try {
    await readAll(file, limits);
  } catch (err) {
    return (err as Error).message;
  }
  throw new Error('the file was read, not refused');
}

describe('xlsx reader: every character of every cell, whatever the chunk boundaries', () => {
  const ROWS = 50_000;
  const data = randomCjkRows(13, ROWS, 4);

  it.each(['shared', 'inline'] as const)(
    '%s strings: 50,000 rows × 4 cells of random CJK (4-byte, emoji, punctuation) read back exactly',
    async (strings) => {
      const file = await writeXlsx([{ name: '随机文本', rows: data }], { strings });
      const rows = await readAll(file);
      expect(rows.length).toBe(ROWS + 1); // the sheet's start mark, then the rows
      let differing = 0;
      let firstDiff = '';
      for (let row = 0; row < ROWS; row++)
        for (let col = 0; col < 4; col++)
          if (rows[row + 1][col] !== data[row][col]) {
            differing++;
            firstDiff ||= `row ${row + 1} col ${col + 1}: ${JSON.stringify(rows[row + 1][col])} ≠ ${JSON.stringify(data[row][col])}`;
          }
      expect(firstDiff).toBe('');
      expect(differing).toBe(0);
      expect(rows.flat().some((cell) => typeof cell === 'string' && cell.includes('\uFFFD'))).toBe(false);
    },
    120_000,
  );
});

describe('xlsx reader: what a cell holds', () => {
  it('numbers, dates (built-in and 年月日 styles), booleans, errors; rows Excel left out come back blank; hidden sheets are not read', async () => {
    const file = await writeXlsx(
      [
        { name: '下拉选项', hidden: true, rows: [['是'], ['否']] },
        {
          name: '居民',
          merges: ['A1:D1'],
          rows: [
            ['土铺村居民登记表'],
            null,
            ['姓名', '人数', '日期', '是否'],
            ['梁娜', 420683199001011000, { date: '2025-06-30' }, true],
            ['太平镇', 3.5, { date: '1999-12-31' }, false],
            [{ error: '#N/A' }, null, 'x'],
          ],
        },
      ],
      { strings: 'shared' },
    );
    const rows = await readAll(file);
    expect(rows).toEqual([
      [],
      ['土铺村居民登记表'],
      [],
      ['姓名', '人数', '日期', '是否'],
      ['梁娜', 420683199001011000, new Date('2025-06-30T00:00:00Z'), true],
      ['太平镇', 3.5, new Date('1999-12-31T00:00:00Z'), false],
      [null, null, 'x'],
    ]);
  });
});

describe('xlsx reader: bounds are checked before memory is spent', () => {
  it('refuses a zip bomb of shared strings from the central directory, before inflating', async () => {
    const bomb = `<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">${'<si><t>炸</t></si>'.repeat(2_000_000)}</sst>`;
    const file = await writeXlsx([{ name: 'S', rows: [['a']] }], { strings: 'shared', parts: { 'xl/sharedStrings.xml': bomb } });
    expect(await refusal(file)).toMatch(/压缩比超过上限（200 倍）.*sharedStrings/);
  });

  it('refuses more shared strings than allowed, and more characters in them', async () => {
    const many = `<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">${Array.from({ length: 2000 }, (_, i) => `<si><t>字${i}</t></si>`).join('')}</sst>`;
    const file = await writeXlsx([{ name: 'S', rows: [['a']] }], { strings: 'shared', parts: { 'xl/sharedStrings.xml': many } });
    expect(await refusal(file, { ...LIMITS, maxSharedStrings: 1000 })).toMatch(/共享字符串超过上限（1000 个）/);
    expect(await refusal(file, { ...LIMITS, maxSharedChars: 5000 })).toMatch(/共享字符串的总字符数超过上限（5000 个）/);
  });

  it('refuses one huge cell (shared or inline) without gathering it', async () => {
    const huge = '巨'.repeat(40_000);
    for (const strings of ['shared', 'inline'] as const)
      expect(await refusal(await writeXlsx([{ name: 'S', rows: [['姓名'], [huge]] }], { strings }))).toMatch(
        /单元格内容超过上限（32767 个字符）/,
      );
  });

  it('refuses 20,000 columns at the first cell past the bound', async () => {
    const wide: XCell[] = Array.from({ length: 20_000 }, (_, i) => i);
    const message = await refusal(await writeXlsx([{ name: 'S', rows: [wide] }], { strings: 'shared' }));
    expect(message).toMatch(/列数超过上限（1000 列）/);
    expect(columnName(20_000)).toBe('ACOF');
  });

  it('refuses rows past the bound, and a row whose number jumps past it', async () => {
    const rows: XCell[][] = Array.from({ length: 200 }, (_, i) => [`行${i}`]);
    expect(await refusal(await writeXlsx([{ name: 'S', rows }], { strings: 'shared' }), { ...LIMITS, maxRows: 100 })).toMatch(
      /行数超过上限（100 行）/,
    );
    const jump = `<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1048577"><c r="A1048577"><v>1</v></c></row></sheetData></worksheet>`;
    const file = await writeXlsx([{ name: 'S', rows: [] }], { strings: 'shared', parts: { 'xl/worksheets/sheet1.xml': jump } });
    expect(await refusal(file)).toMatch(/行数超过上限（1048576 行）/);
  });

  it('refuses a cell holding U+FFFD (text another program already mis-decoded): nothing is read past it', async () => {
    const file = await writeXlsx([{ name: 'S', rows: [['姓名'], ['梁娜'], ['\uFFFD娜']] }], { strings: 'inline' });
    expect(await refusal(file)).toMatch(/第 3 行第 1 列含有无法识别的字符/);
  });
});
