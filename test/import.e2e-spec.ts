import ExcelJS from 'exceljs';
import { fixtureId, fixtureIdWithX, toCsv, RESIDENT_HEADER } from '../bench/fixtures.js';
import { startTestApp, type TestApp } from './support/harness.js';
import { fixture, upload } from './support/upload.js';
import { graphql } from './support/graphql.js';

const AUTOFILL = graphql(`
  query ($codes: [String!]!, $v: VillageRefInput!, $ids: [String!]) {
    autofillElements(elementCodes: $codes, village: $v, idNumbers: $ids) {
      village {
        name
        town
      }
      values {
        key
        value
        asOf
        source
        sourceRef
        found
      }
      residents {
        index
        valid
        reason
        idMasked
        known
        values {
          key
          value
          asOf
          source
          derived
          found
        }
      }
    }
  }
`);
const BATCH = graphql(`
  query ($id: Int!) {
    importBatch(id: $id) {
      id
      fileName
      kind
      totalRows
      importedRows
      errorRows
      duplicateRows
      factsAdded
      errorCount
      skippedRows
      errors(take: 200) {
        totalItems
        items {
          row
          column
          reason
        }
      }
      ignoredColumns
    }
  }
`);

describe('records: import of historical records (xlsx, csv UTF-8 and GBK) over HTTP', () => {
  let server: TestApp;
  let admin: string;
  let cadre: string;
  beforeAll(async () => {
    server = await startTestApp('import');
    admin = await server.login('admin');
    cadre = await server.login('cun_420683003200'); // 土铺村
  });
  afterAll(() => server.close());

  it('is for ADMIN only, and needs a token', async () => {
    const none = await upload(server.url, null, fixture('residents.csv'), 'residents.csv');
    expect(none.status).toBe(401);
    expect(none.body.error.code).toBe('UNAUTHENTICATED');
    const cad = await upload(server.url, cadre, fixture('residents.csv'), 'residents.csv');
    expect(cad.status).toBe(403);
    expect(cad.body.error).toMatchObject({ code: 'FORBIDDEN' });
    const bad = await upload(server.url, admin, Buffer.from('x'), 'data.pdf');
    expect(bad.body.error).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(bad.body.error.message).toContain('.xlsx');
  });

  it('a dry run reports what would happen and writes nothing', async () => {
    const res = await upload(server.url, admin, fixture('villages.xlsx'), 'villages.xlsx', { dryRun: 'true' });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      dryRun: true,
      batchId: null,
      kind: 'VILLAGE',
      totalRows: 7,
      importedRows: 3,
      errorRows: 3,
      duplicateRows: 1,
    });
    expect(res.body.factsAdded).toBeGreaterThan(0);
    const batches = await server.gql(
      graphql(`
        {
          importBatches {
            totalItems
          }
        }
      `),
      {},
      admin,
    );
    expect(batches.data!.importBatches.totalItems).toBe(0);
    const af = await server.gql(AUTOFILL, { codes: ['village.registered_population'], v: { id: await tupuId() } }, admin);
    expect(af.data!.autofillElements.values[0]).toMatchObject({ found: false, value: null });
  });

  async function tupuId(): Promise<number> {
    return (
      await server.gql(
        graphql(`
          {
            searchVillages(query: "土铺村") {
              id
            }
          }
        `),
        {},
        admin,
      )
    ).data!.searchVillages[0].id;
  }

  it('imports the village xlsx: good rows in, bad rows reported by row and column, Excel dates and full-width digits read', async () => {
    const res = await upload(server.url, admin, fixture('villages.xlsx'), 'villages.xlsx');
    expect(res.body).toMatchObject({
      alreadyImported: false,
      dryRun: false,
      kind: 'VILLAGE',
      totalRows: 7,
      importedRows: 3,
      errorRows: 3,
      duplicateRows: 1,
    });
    const importBatch = (await server.gql(BATCH, { id: res.body.batchId! }, admin)).data!.importBatch;
    expect(importBatch).toMatchObject({ fileName: 'villages.xlsx', totalRows: 7, importedRows: 3, errorCount: 4 });
    expect(importBatch.errors.items).toEqual([
      { row: 4, column: '村名', reason: expect.stringMatching(/重名.*七方镇/) },
      { row: 5, column: '村名', reason: '未找到村（社区）“不存在村”' },
      { row: 6, column: '户籍人口', reason: expect.stringContaining('应为整数') },
      { row: 7, column: null, reason: '第 7 行与第 2 行重复，只导入一次' },
    ]);
    expect(importBatch.errors.totalItems).toBe(4);
    expect(importBatch.ignoredColumns).toEqual(['备注']);
    const af = await server.gql(
      AUTOFILL,
      {
        codes: ['village.registered_population', 'village.arable_land', 'village.tap_water', 'village.last_election_date'],
        v: { name: '土铺村' },
      },
      cadre,
    );
    expect(af.errors).toBeUndefined();
    expect(af.data!.autofillElements.values).toEqual([
      {
        key: 'village.registered_population',
        value: '1320',
        asOf: '2024-12-31',
        source: 'IMPORT',
        sourceRef: `import_batch:${res.body.batchId}`,
        found: true,
      },
      {
        key: 'village.arable_land',
        value: '2350.5',
        asOf: '2024-12-31',
        source: 'IMPORT',
        sourceRef: `import_batch:${res.body.batchId}`,
        found: true,
      },
      {
        key: 'village.tap_water',
        value: 'true',
        asOf: '2024-12-31',
        source: 'IMPORT',
        sourceRef: `import_batch:${res.body.batchId}`,
        found: true,
      },
      {
        key: 'village.last_election_date',
        value: '2021-10-15',
        asOf: '2024-12-31',
        source: 'IMPORT',
        sourceRef: `import_batch:${res.body.batchId}`,
        found: true,
      },
    ]);
    const shahe = await server.gql(
      AUTOFILL,
      { codes: ['village.registered_population', 'village.resident_population'], v: { name: '沙河社区', town: '环城街道' } },
      admin,
    );
    expect(shahe.data!.autofillElements.values.map((value: any) => value.value)).toEqual(['1200', '1100']);
  });

  it('the same file twice adds nothing and points at the first batch', async () => {
    const first = (
      await server.gql(
        graphql(`
          {
            importBatches {
              items {
                id
              }
              totalItems
            }
          }
        `),
        {},
        admin,
      )
    ).data!.importBatches;
    const again = await upload(server.url, admin, fixture('villages.xlsx'), '村级数据-副本.xlsx');
    expect(again.body).toMatchObject({ alreadyImported: true, batchId: first.items[0].id, totalRows: 7, importedRows: 3, errorRows: 3 });
    // Said plainly, with the day and time in China and the batch number.
    expect(again.body.notices).toEqual([
      expect.stringMatching(
        new RegExp(`^此文件已于 \\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2} 导入（批次 ${first.items[0].id}），本次未新增任何数据`),
      ),
    ]);
    expect(
      (
        await server.gql(
          graphql(`
            {
              importBatches {
                totalItems
              }
            }
          `),
          {},
          admin,
        )
      ).data!.importBatches.totalItems,
    ).toBe(first.totalItems);
  });

  it('imports residents from UTF-8 CSV with BOM: spaces, full-width digits, lowercase x; bad IDs and villages reported', async () => {
    const res = await upload(server.url, admin, fixture('residents.csv'), 'residents.csv');
    expect(res.body).toMatchObject({
      kind: 'RESIDENT',
      totalRows: 9,
      importedRows: 4,
      errorRows: 4,
      duplicateRows: 1,
      residentsCreated: 4,
    });
    expect(res.body.errors).toEqual([
      { row: 5, column: '身份证号', reason: '身份证号校验位不正确，请核对是否输错' },
      { row: 6, column: '村名', reason: '未找到村（社区）“不存在村”' },
      { row: 7, column: '村名', reason: expect.stringContaining('重名') },
      { row: 8, column: null, reason: '第 8 行与第 2 行重复，只导入一次' },
      { row: 9, column: '民族', reason: expect.stringContaining('应为以下选项之一') },
    ]);
    expect(res.body.ignoredColumns).toEqual(['性别（由身份证号推导，不导入）']);
    const x = fixtureIdWithX();
    const af = await server.gql(
      AUTOFILL,
      {
        codes: ['resident.name', 'resident.gender', 'resident.phone'],
        v: { id: await tupuId() },
        ids: [fixtureId(1), x.toLowerCase(), fixtureId(3)],
      },
      cadre,
    );
    const rows = af.data!.autofillElements.residents;
    expect(rows.map((row: any) => [row.known, row.values[0].value, row.values[2].value])).toEqual([
      [true, '张三', '13800001111'],
      [true, '李四', '13800002222'],
      [true, '王五', '13800003333'],
    ]);
    expect(rows[1].idMasked).toBe(`${x.slice(0, 6)}********${x.slice(14)}`);
    expect(rows[0].values[1]).toMatchObject({ key: 'resident.gender', derived: true });
  });

  it('reads GBK CSV (Chinese Excel) and a newer file updates what autofill returns', async () => {
    const res = await upload(server.url, admin, fixture('residents-newer-gbk.csv'), 'residents-newer-gbk.csv');
    expect(res.body).toMatchObject({ kind: 'RESIDENT', totalRows: 3, importedRows: 3, errorRows: 0, residentsCreated: 2 });
    const af = await server.gql(
      AUTOFILL,
      { codes: ['resident.name', 'resident.phone', 'resident.education'], v: { name: '土铺村' }, ids: [fixtureId(1), fixtureId(11)] },
      cadre,
    );
    const [zhang, feng] = af.data!.autofillElements.residents;
    expect(zhang.values.map((value: any) => [value.value, value.asOf])).toEqual([
      ['张三', '2025-06-30'],
      ['13900001111', '2025-06-30'],
      ['高中/中专', '2025-06-30'],
    ]);
    expect(feng.values[0].value).toBe('冯十二');
    // The older file again (another copy, so another hash): nothing older overwrites the newer values.
    const older = toCsv(RESIDENT_HEADER, [[fixtureId(1), '张三', '', '土铺村', '', '汉族', '13700000000', '初中', '否', '2023-01-01']]);
    const res2 = await upload(server.url, admin, Buffer.from(older), 'old.csv');
    expect(res2.body).toMatchObject({ importedRows: 1, factsAdded: 5 });
    const again = await server.gql(AUTOFILL, { codes: ['resident.phone'], v: { name: '土铺村' }, ids: [fixtureId(1)] }, cadre);
    expect(again.data!.autofillElements.residents[0].values[0]).toMatchObject({ value: '13900001111', asOf: '2025-06-30' });
  });

  it('handles Excel messes: an ID stored as a number, date serials, blank lines, --as-of override', async () => {
    const res = await upload(server.url, admin, fixture('residents-messy.xlsx'), 'residents-messy.xlsx', { asOf: '2025-01-01' });
    expect(res.body).toMatchObject({ totalRows: 3, importedRows: 2, errorRows: 1 });
    expect(res.body.errors[0]).toMatchObject({ row: 2, column: '身份证号', reason: expect.stringContaining('数字') });
    const af = await server.gql(
      AUTOFILL,
      { codes: ['resident.dibao', 'resident.phone'], v: { name: '土铺村' }, ids: [fixtureId(22)] },
      cadre,
    );
    expect(af.data!.autofillElements.residents[0].values).toMatchObject([
      { value: 'true', asOf: '2025-01-01' },
      { value: '13800022000', asOf: '2025-01-01' },
    ]);
    const bad = await upload(server.url, admin, fixture('residents-messy.xlsx'), 'x.xlsx', { asOf: '2025-13-01' });
    expect(bad.body.error).toMatchObject({ code: 'BAD_USER_INPUT' });
  });

  it('finds the header under a title and a 填报单位 line, takes its 填报日期, reads units in brackets; reports Excel row numbers across empty rows; skips the 合计 row', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('居民');
    ws.getRow(1).values = ['土铺村居民基本信息登记表'];
    ws.mergeCells('A1:F1');
    ws.getRow(2).values = ['填报单位：环城街道土铺村', null, null, '填报日期：2025年6月30日'];
    ws.getRow(3).values = ['序号', '姓 名', '身份证', '所属村', '所属镇', '民族', '联系电话（手机）'];
    ws.getRow(4).values = [1, '赵一', fixtureId(61), '土铺村', '环城街道', '汉族', '13800061000'];
    // Rows 5 and 6 are empty (the stream leaves them out); Excel shows the next record on row 7.
    ws.getRow(7).values = [2, '钱二', fixtureId(62), '土铺村', '环城街道', '火星族'];
    ws.getRow(8).values = [3, '孙三', fixtureId(63), '土铺村', '环城街道', '回族'];
    ws.getRow(9).values = [null, '合计', '3 人'];
    const xlsx = await upload(server.url, admin, Buffer.from(await wb.xlsx.writeBuffer()), 'title-rows.xlsx');
    expect(xlsx.body).toMatchObject({
      kind: 'RESIDENT',
      totalRows: 3,
      importedRows: 2,
      errorRows: 1,
      residentsCreated: 2,
      ignoredColumns: [],
      asOf: '2025-06-30',
    });
    expect(xlsx.body.notices).toEqual(['数据日期 2025-06-30（取自表头上方的“填报日期”）']);
    expect(xlsx.body.errors).toEqual([{ row: 7, column: '民族', reason: expect.stringContaining('应为以下选项之一') }]);
    const af = await server.gql(
      AUTOFILL,
      { codes: ['resident.name', 'resident.ethnicity', 'resident.phone'], v: { name: '土铺村' }, ids: [fixtureId(61), fixtureId(63)] },
      cadre,
    );
    expect(af.data!.autofillElements.residents.map((resident: any) => resident.values.map((value: any) => value.value))).toEqual([
      ['赵一', '汉族', '13800061000'],
      ['孙三', '回族', null],
    ]);
    // No date column: the values are as of the 填报日期 above the header, and the batch says so.
    expect(af.data!.autofillElements.residents[0].values[0]).toMatchObject({ asOf: '2025-06-30', source: 'IMPORT' });
    expect(
      (
        await server.gql(
          graphql(`
            query ($id: Int!) {
              importBatch(id: $id) {
                asOf
              }
            }
          `),
          { id: xlsx.body.batchId! },
          admin,
        )
      ).data!.importBatch.asOf,
    ).toBe('2025-06-30');
    // A CSV's empty lines count as rows too, as Excel shows them.
    const csv = await upload(
      server.url,
      admin,
      Buffer.from(`身份证号,村名,民族\n${fixtureId(64)},土铺村,汉族\n\n,,\n${fixtureId(65)},土铺村,火星族\n`),
      'gaps.csv',
    );
    expect(csv.body).toMatchObject({ totalRows: 2, importedRows: 1, errorRows: 1, asOf: null });
    expect(csv.body.errors).toEqual([{ row: 5, column: '民族', reason: expect.stringContaining('应为以下选项之一') }]);
  });

  it('reads the first visible worksheet with a header: passes over a hidden sheet and a 填表说明 sheet, says which sheet it read and which it did not', async () => {
    const wb = new ExcelJS.Workbook();
    const hidden = wb.addWorksheet('字典');
    hidden.state = 'hidden';
    hidden.addRow(['身份证号', '村名', '民族']);
    hidden.addRow([fixtureId(71), '土铺村', '汉族']);
    const help = wb.addWorksheet('填表说明');
    for (let i = 1; i <= 12; i++) help.addRow([`${i}. 身份证号请填写 18 位，村名请与区划名称一致`]);
    const data = wb.addWorksheet('居民');
    data.addRow(['身份证号', '村名', '民族']);
    data.addRow([fixtureId(72), '土铺村', '汉族']);
    data.addRow([fixtureId(73), '土铺村', '火星族']);
    const later = wb.addWorksheet('2024年');
    later.addRow(['身份证号', '村名', '民族']);
    later.addRow([fixtureId(74), '土铺村', '汉族']);
    const res = await upload(server.url, admin, Buffer.from(await wb.xlsx.writeBuffer()), 'sheets.xlsx');
    expect(res.body).toMatchObject({
      kind: 'RESIDENT',
      totalRows: 2,
      importedRows: 1,
      errorRows: 1,
      sheets: { read: '居民', first: false, next: '2024年' },
    });
    expect(res.body.errors).toEqual([{ row: 3, column: '民族', reason: expect.stringContaining('应为以下选项之一') }]);
    expect(res.body.notices).toEqual([
      '读取的工作表：“居民”（之前的工作表没有表头，已跳过）；其后的工作表（“2024年”等）未读取，如需导入请另存为单独的文件',
    ]);
    const af = await server.gql(
      AUTOFILL,
      { codes: ['resident.ethnicity'], v: { name: '土铺村' }, ids: [fixtureId(71), fixtureId(72), fixtureId(74)] },
      cadre,
    );
    expect(af.data!.autofillElements.residents.map((row: any) => row.known)).toEqual([false, true, false]);
    // One sheet, the usual case: nothing to say.
    const one = new ExcelJS.Workbook();
    one.addWorksheet('Sheet1').addRows([
      ['身份证号', '村名', '民族'],
      [fixtureId(75), '土铺村', '汉族'],
    ]);
    const single = await upload(server.url, admin, Buffer.from(await one.xlsx.writeBuffer()), 'one.xlsx');
    expect(single.body).toMatchObject({ importedRows: 1, sheets: { read: 'Sheet1', first: true, next: null }, notices: [] });
  });

  it('refuses a file whose first ten rows hold no header, and an empty file, each saying which', async () => {
    const noHeader = Array.from({ length: 12 }, (_, i) => `第${i + 1}行,说明`).join('\n') + `\n身份证号,村名\n${fixtureId(66)},土铺村\n`;
    const res = await upload(server.url, admin, Buffer.from(noHeader), 'late-header.csv');
    expect(res.body.error).toMatchObject({ code: 'BAD_USER_INPUT', message: expect.stringContaining('无法识别文件') });
    const short = await upload(server.url, admin, Buffer.from('枣阳市居民信息表\n填报单位：土铺村\n'), 'title-only.csv');
    expect(short.body.error).toMatchObject({ code: 'BAD_USER_INPUT', message: expect.stringContaining('无法识别文件') });
    const empty = await upload(server.url, admin, Buffer.from('\n\n'), 'empty.csv');
    expect(empty.body.error).toMatchObject({ code: 'BAD_USER_INPUT', message: expect.stringContaining('文件是空的') });
  });

  it('refuses a file with neither an ID-number nor a village column', async () => {
    const res = await upload(server.url, admin, Buffer.from('甲,乙\n1,2\n'), 'x.csv');
    expect(res.body.error.code).toBe('BAD_USER_INPUT');
    expect(res.body.error.message).toContain('身份证号');
  });

  it('refuses a damaged .xlsx (or an .xls renamed) with a message that says what to do, and records no batch', async () => {
    const before = (
      await server.gql(
        graphql(`
          {
            importBatches {
              totalItems
            }
          }
        `),
        {},
        admin,
      )
    ).data!.importBatches.totalItems;
    const res = await upload(server.url, admin, Buffer.from('PK\u0003\u0004 not really a workbook'), 'broken.xlsx');
    expect(res.body.error.code).toBe('BAD_USER_INPUT');
    expect(res.body.error.message).toContain('不是有效的 .xlsx 文件');
    expect(res.body.error.message).toContain('另存为 .xlsx');
    const after = (
      await server.gql(
        graphql(`
          {
            importBatches {
              totalItems
            }
          }
        `),
        {},
        admin,
      )
    ).data!.importBatches.totalItems;
    expect(after).toBe(before);
  });

  it('refuses a CSV the parser cannot read, saying where, without repeating an ID number', async () => {
    const before = (
      await server.gql(
        graphql(`
          {
            importBatches {
              totalItems
            }
          }
        `),
        {},
        admin,
      )
    ).data!.importBatches.totalItems;
    const res = await upload(
      server.url,
      admin,
      Buffer.from(`身份证号,姓名,村名\n${fixtureId(1)},张三,土铺村\n"${fixtureId(2)},李四,土铺村\n`),
      'quote.csv',
    );
    expect(res.body.error.code).toBe('BAD_USER_INPUT');
    expect(res.body.error.message).toContain('无法读取 CSV 文件');
    expect(res.body.error.message).toMatch(/line 3/);
    expect(res.body.error.message).not.toMatch(/\d{17}[\dX]/);
    expect(
      (
        await server.gql(
          graphql(`
            {
              importBatches {
                totalItems
              }
            }
          `),
          {},
          admin,
        )
      ).data!.importBatches.totalItems,
    ).toBe(before);
  });

  it('keeps no full ID number in any table (dump of the whole database)', async () => {
    const tables: string[] =
      server.engine === 'sqlite'
        ? (await server.dataSource.query(`SELECT name FROM sqlite_master WHERE type='table'`)).map((row: any) => row.name)
        : (await server.dataSource.query(`SELECT table_name AS name FROM information_schema.tables WHERE table_schema = DATABASE()`)).map(
            (row: any) => row.name,
          );
    expect(tables).toEqual(expect.arrayContaining(['resident', 'fact', 'current_fact', 'import_batch', 'audit_event']));
    const ids = [1, 3, 9, 10, 11, 21, 22].map((num) => fixtureId(num)).concat(fixtureIdWithX());
    let cells = 0;
    const found: string[] = [];
    // 18 characters shaped like an ID number, not inside a longer hex string (audit hashes are hex and
    // may hold long runs of decimal digits); the fixture's own numbers are searched for anywhere.
    const anyId = /(?<![0-9a-fA-F])\d{17}[\dXx](?![0-9a-fA-F])/;
    for (const table of tables) {
      const rows: any[] = await server.dataSource.query(`SELECT * FROM ${table}`);
      for (const row of rows)
        for (const item of Object.values(row)) {
          cells++;
          const text = item instanceof Buffer ? item.toString('latin1') : String(item);
          if (anyId.test(text) || ids.some((id) => text.includes(id))) found.push(`${table}: ${text.slice(0, 12)}…`);
        }
    }
    expect(found).toEqual([]);
    expect(cells).toBeGreaterThan(1000);
  });
});
