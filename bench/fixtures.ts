// Sample files for import (test/fixtures): small, messy on purpose, synthetic ID numbers only.
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { checkCharacter, makeIdNumber } from '../src/common/id-number.js';

/** The n-th synthetic ID number of the fixtures (valid check digit; never a real person's). */
export function fixtureId(num: number, birth = `19${60 + (num % 40)}0${1 + (num % 9)}1${num % 10}`): string {
  return makeIdNumber('420683', birth, 100 + num);
}
/** A synthetic ID whose check character is X (to test lowercase x). */
export function fixtureIdWithX(): string {
  for (let seq3 = 0; seq3 < 1000; seq3++) {
    const id = makeIdNumber('420683', '19780521', seq3);
    if (id.endsWith('X')) return id;
  }
  throw new Error('unreachable');
}
const fullWidth = (text: string) => text.replace(/[0-9]/g, (str) => String.fromCharCode(str.charCodeAt(0) + 0xfee0));
const wrongCheck = (id: string) => id.slice(0, 17) + (checkCharacter(id.slice(0, 17)) === '1' ? '2' : '1');
const makeDate = (text: string) => new Date(`${text}T00:00:00Z`);

export const VILLAGE_HEADER = [
  '村代码',
  '村名',
  '镇(街道)',
  '日期',
  '户籍人口',
  '常住人口',
  '户数',
  '耕地面积',
  '是否通自来水',
  '村庄类型',
  '最近一次换届日期',
  '备注',
];
/** 7 rows: 3 imported, 3 errors (ambiguous name, unknown village, wrong type), 1 duplicate. */
export function villageRows(): unknown[][] {
  const tupu = [
    '420683003200',
    '土铺村',
    '环城街道',
    makeDate('2024-12-31'),
    '1,320',
    1024,
    356,
    2350.5,
    '是',
    '集聚提升类',
    makeDate('2021-10-15'),
    '示例',
  ];
  return [
    tupu,
    [null, '新集村', '七方镇', makeDate('2024-12-31'), 2100, 1800, 520, 3100, '否', '其他', makeDate('2021-10-20'), null],
    [null, '新集村', null, makeDate('2024-12-31'), 900, 800, 200, 1000, '是', '其他', null, '重名未写镇'],
    [null, '不存在村', null, makeDate('2024-12-31'), 900, 800, 200, 1000, '是', '其他', null, null],
    ['420683003001', '车站社区', '环城街道', makeDate('2024-12-31'), '很多', 1500, 400, 0, '是', '城郊融合类', null, null],
    [...tupu],
    ['420683003002', '沙河社区', '环城街道', makeDate('2024-12-31'), '１２００', ' 1100 ', 310, 12.5, '否', '城郊融合类', null, null],
  ];
}

export const RESIDENT_HEADER = ['身份证号', '姓名', '性别', '村名', '镇', '民族', '联系电话', '文化程度', '是否低保', '日期'];
/** 9 rows: 4 imported, 4 errors (check digit, unknown village, ambiguous village, bad option), 1 duplicate. */
export function residentRows(): string[][] {
  const x = fixtureIdWithX();
  const texts = [fixtureId(1), '张三', '男', '土铺村', '', '汉族', '13800001111', '初中', '否', '2024-12-31'];
  return [
    texts,
    [
      ` ${x.slice(0, 6)} ${x.slice(6, 14)} ${x.slice(14).toLowerCase()} `,
      '李四',
      '',
      '土铺村',
      '',
      '回族',
      '13800002222',
      '高中/中专',
      '是',
      '2024-12-31',
    ],
    [fullWidth(fixtureId(3)), '王五', '', '土铺村', '', '汉族', '138 0000 3333', '小学及以下', '否', '2024-12-31'],
    [wrongCheck(fixtureId(4)), '赵六', '', '土铺村', '', '汉族', '13800004444', '初中', '否', '2024-12-31'],
    [fixtureId(5), '钱七', '', '不存在村', '', '汉族', '13800005555', '初中', '否', '2024-12-31'],
    [fixtureId(6), '孙八', '', '新集村', '', '汉族', '13800006666', '初中', '否', '2024-12-31'],
    [...texts],
    [fixtureId(8), '周九', '', '土铺村', '', '火星族', '13800008888', '初中', '否', '2024-12-31'],
    [fixtureId(9), '吴十', '', '新集村', '七方镇', '汉族', '13800009999', '大专', '否', '2024-12-31'],
  ];
}

/** A later file (GBK, as Chinese Excel saves CSV): 张三's newer phone and two new residents. */
export function newerResidentRows(): string[][] {
  return [
    [fixtureId(1), '张三', '男', '土铺村', '', '汉族', '13900001111', '高中/中专', '否', '2025-06-30'],
    [fixtureId(10), '郑十一', '', '土铺村', '', '汉族', '13800010000', '初中', '是', '2025-06-30'],
    [fixtureId(11), '冯十二', '', '土铺村', '', '土家族', '13800011000', '本科及以上', '否', '2025-06-30'],
  ];
}

const csvLine = (cells: unknown[]) =>
  cells.map((cell) => (cell == null ? '' : /[",\n]/.test(String(cell)) ? `"${String(cell).replace(/"/g, '""')}"` : String(cell))).join(',');
export const toCsv = (header: string[], rows: unknown[][]) => [header, ...rows].map(csvLine).join('\r\n') + '\r\n';

export function residentsCsvUtf8Bom(): Buffer {
  return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(toCsv(RESIDENT_HEADER, residentRows()), 'utf8')]);
}
export function residentsCsvGbk(): Buffer {
  return iconv.encode(toCsv(RESIDENT_HEADER, newerResidentRows()), 'gbk');
}

export async function xlsxOf(header: string[], rows: unknown[][], sheet = '数据'): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(sheet);
  ws.addRow(header);
  for (const row of rows) ws.addRow(row);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
export const villagesXlsx = () => xlsxOf(VILLAGE_HEADER, villageRows(), '村级数据');

/** Excel's own messes: an ID typed as a number (digits lost), a date cell, a blank line. */
export function messyResidentRows(): unknown[][] {
  return [
    [Number(fixtureId(20).slice(0, 15)) * 1000, '甲', '', '土铺村', '', '汉族', 13800020000, '初中', '否', makeDate('2024-12-31')],
    [fixtureId(21), '乙', '', '土铺村', '', '汉族', 13800021000, '初中', '否', makeDate('2024-12-31')],
    [],
    [fixtureId(22), '丙', '', '土铺村', '', '汉族', '13800022000', '初中', '√', 45657],
  ];
}
export const residentsXlsx = () => xlsxOf(RESIDENT_HEADER, messyResidentRows(), '居民');
