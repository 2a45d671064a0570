import ExcelJS from 'exceljs';
import { fixtureId, toCsv } from '../bench/fixtures.js';
import { expectError, startTestApp, type TestApp } from './support/harness.js';
import { upload } from './support/upload.js';
import { graphql } from './support/graphql.js';

const ERRORS = graphql(`
  query ($id: Int!, $skip: Int, $take: Int) {
    importBatch(id: $id) {
      errorRows
      duplicateRows
      skippedRows
      errorCount
      errors(skip: $skip, take: $take) {
        totalItems
        items {
          row
          column
          reason
        }
      }
    }
  }
`);
const AUDIT = graphql(`
  query ($f: AuditFilterInput) {
    auditEvents(filter: $f) {
      items {
        action
        objectId
        detail
      }
    }
  }
`);

const HEADER = ['身份证号', '姓名', '村名', '民族', '日期'];

async function xlsxOf(rows: (string | null)[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('居民');
  for (const row of rows) ws.addRow(row);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

async function readSheet(buffer: ArrayBuffer): Promise<{ wb: ExcelJS.Workbook; rows: unknown[][] }> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buffer);
  const rows: unknown[][] = [];
  wb.worksheets[0].eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
  return { wb, rows };
}

describe('records: every refused row kept, paged, and given back as a workbook to fix and import again', () => {
  let server: TestApp;
  let admin: string;
  let cadre: string;
  beforeAll(async () => {
    server = await startTestApp('import-errors');
    admin = await server.login('admin');
    cadre = await server.login('cun_420683003200');
  });
  afterAll(() => server.close());

  const download = (path: string, token: string | null) =>
    fetch(`${server.url}${path}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });

  let batchId: number;

  it('counts skipped rows, names both rows of a repeat, and pages the errors', async () => {
    const file = await xlsxOf([
      HEADER,
      [fixtureId(11), '甲', '土铺村', '汉族', '2024-12-31'],
      [fixtureId(12), '乙', '土铺村', '火星族', '2024-12-31'],
      [fixtureId(13), '丙', '不存在村', '汉族', '2024-12-31'],
      [null, null, null, null, null],
      ['合计', null, null, null, null],
      [fixtureId(11), '甲', '土铺村', '汉族', '2024-12-31'],
    ]);
    const res = await upload(server.url, admin, file, '居民.xlsx');
    expect(res.body).toMatchObject({ importedRows: 1, errorRows: 2, duplicateRows: 1, skippedRows: 2, errorCount: 3 });
    batchId = res.body.batchId!;

    const page1 = (await server.gql(ERRORS, { id: batchId, take: 2 }, admin)).data!.importBatch;
    expect(page1).toMatchObject({ errorRows: 2, duplicateRows: 1, skippedRows: 2, errorCount: 3 });
    expect(page1.errors).toEqual({
      totalItems: 3,
      items: [
        { row: 3, column: '民族', reason: expect.stringContaining('应为以下选项之一') },
        { row: 4, column: '村名', reason: '未找到村（社区）“不存在村”' },
      ],
    });
    const page2 = (await server.gql(ERRORS, { id: batchId, skip: 2, take: 2 }, admin)).data!.importBatch;
    expect(page2.errors.items).toEqual([{ row: 7, column: null, reason: '第 7 行与第 2 行重复，只导入一次' }]);
    const tooMany = await server.gql(ERRORS, { id: batchId, take: 201 }, admin);
    expect(expectError(tooMany, 'BAD_USER_INPUT').message).toContain('200');
  });

  it('gives the refused rows back as they were, with 错误原因; the fixed workbook imports them', async () => {
    expect((await download(`/api/imports/${batchId}/errors.xlsx`, null)).status).toBe(401);
    expect((await download(`/api/imports/${batchId}/errors.xlsx`, cadre)).status).toBe(403);
    const unknown = await download('/api/imports/99999/errors.xlsx', admin);
    expect(unknown.status).toBe(404);
    expect(((await unknown.json()) as { error: { code: string; message: string } }).error).toMatchObject({
      code: 'NOT_FOUND',
      message: '导入批次不存在或无权查看',
    });

    const res = await download(`/api/imports/${batchId}/errors.xlsx`, admin);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('spreadsheetml');
    const { wb, rows } = await readSheet(await res.arrayBuffer());
    expect(rows).toEqual([
      [...HEADER, '错误原因'],
      [fixtureId(12), '乙', '土铺村', '火星族', '2024-12-31', expect.stringMatching(/^民族：应为以下选项之一/)],
      [fixtureId(13), '丙', '不存在村', '汉族', '2024-12-31', '村名：未找到村（社区）“不存在村”'],
    ]);
    const auditAnswer = await server.gql(AUDIT, { f: { action: 'import.errors_export' } }, await server.login('shenji'));
    expect(auditAnswer.errors).toBeUndefined();
    const audit = auditAnswer.data!.auditEvents.items;
    expect(audit).toEqual([{ action: 'import.errors_export', objectId: String(batchId), detail: JSON.stringify({ rows: 2 }) }]);

    // The clerk fixes the cells and imports the workbook as it is.
    const ws = wb.worksheets[0];
    ws.getCell('D2').value = '汉族';
    ws.getCell('C3').value = '土铺村';
    const fixed = await upload(server.url, admin, Buffer.from(await wb.xlsx.writeBuffer()), '居民-未导入的行.xlsx');
    expect(fixed.body).toMatchObject({
      totalRows: 2,
      importedRows: 2,
      errorRows: 0,
      errorCount: 0,
      residentsCreated: 2,
      ignoredColumns: [],
    });
    expect(fixed.body.notices.join('')).not.toContain('错误原因');
  });

  it('keeps every error of a file with more than a thousand, answering the upload with the first hundred', async () => {
    const rows = Array.from({ length: 1200 }, (_, i) => [fixtureId(1000 + i), `人${i}`, '土铺村', '火星族', '2024-12-31']);
    const res = await upload(server.url, admin, Buffer.from(toCsv(HEADER, rows)), 'many.csv');
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ totalRows: 1200, importedRows: 0, errorRows: 1200, errorCount: 1200 });
    expect(res.body.errors).toHaveLength(100);
    const last = (await server.gql(ERRORS, { id: res.body.batchId!, skip: 1100, take: 200 }, admin)).data!.importBatch.errors;
    expect(last.totalItems).toBe(1200);
    expect(last.items).toHaveLength(100);
    expect(last.items[99]).toMatchObject({ row: 1201, column: '民族' });
  });

  it('keeps the start of a refused row whose cells are too long to store whole, and says so in the workbook', async () => {
    const name = '长'.repeat(30_000);
    const res = await upload(
      server.url,
      admin,
      await xlsxOf([
        ['村名', '户籍人口'],
        [name, '100'],
      ]),
      'long.xlsx',
    );
    expect(res.body).toMatchObject({ totalRows: 1, errorRows: 1 });
    const { rows } = await readSheet(await (await download(`/api/imports/${res.body.batchId}/errors.xlsx`, admin)).arrayBuffer());
    expect(rows[0]).toEqual(['村名', '户籍人口', '错误原因']);
    expect(String(rows[1][0])).toMatch(/^长{499}…$/);
    expect(rows[1][1]).toBe('100');
    expect(rows[1][2]).toContain('本行有单元格过长');
  });
});
