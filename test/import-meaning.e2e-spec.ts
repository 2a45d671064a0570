// Issue 13, items 2, 3, 4 and 11: what the cells of files made by people mean. Files are written by
// other libraries than the import's reader: exceljs's writer for .xlsx, iconv-lite for GBK CSV.
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { fixtureId, toCsv } from '../bench/fixtures.js';
import { expectError, startTestApp, type TestApp } from './support/harness.js';
import { upload } from './support/upload.js';
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
      }
      residents {
        known
        values {
          key
          value
        }
      }
    }
  }
`);

const ELEMENTS = graphql(`
  query {
    dataElements {
      id
      code
      name
      aliases
    }
  }
`);
const SET_ALIASES = graphql(`
  mutation ($id: Int!, $aliases: [String!]!) {
    setDataElementAliases(id: $id, aliases: $aliases) {
      code
      aliases
    }
  }
`);

const gbkCsv = (header: string[], rows: unknown[][]) => iconv.encode(toCsv(header, rows), 'gbk');
async function xlsx(header: string[], rows: unknown[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Sheet1');
  ws.addRow(header);
  for (const row of rows) ws.addRow(row);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe('import: what people write in the cells (place names, phones, free text) over HTTP', () => {
  let server: TestApp;
  let admin: string;
  let cadre: string;
  beforeAll(async () => {
    server = await startTestApp('import-meaning');
    admin = await server.login('admin');
    cadre = await server.login('cun_420683003200'); // 土铺村
  });
  afterAll(() => server.close());

  const villageValue = async (name: string, town?: string) => {
    const res = await server.gql(AUTOFILL, { codes: ['village.registered_population'], v: { name, town } }, admin);
    expect(res.errors).toBeUndefined();
    return res.data!.autofillElements.values[0].value;
  };

  it('town and village in one cell (GBK CSV): full, with the city, with / or a space, the short town name, 村委会; ambiguous names list the towns', async () => {
    const rows = [
      ['环城街道土铺村', 1001],
      ['枣阳市环城街道柿子园村', 1002],
      ['北城街道/东园社区', 1003],
      ['南城街道 史岗社区', 1004],
      ['环城车站社区', 1005],
      ['环城街道沙河社区居委会', 1006],
      ['七方新集村', 1007],
      ['新集村', 1008],
      ['环城街道不存在村', 1009],
    ];
    const res = await upload(
      server.url,
      admin,
      gbkCsv(
        ['村名', '户籍人口', '日期'],
        rows.map((row) => [...row, '2025-03-31']),
      ),
      '村.csv',
    );
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ kind: 'VILLAGE', totalRows: 9, importedRows: 7, errorRows: 2 });
    expect(res.body.errors).toEqual([
      { row: 9, column: '村名', reason: expect.stringMatching(/^村名“新集村”有重名（.*七方镇.*杨垱镇.*），请填写所属镇或村代码$/) },
      { row: 10, column: '村名', reason: '未找到村（社区）“环城街道不存在村”' },
    ]);
    expect(await villageValue('土铺村', '环城街道')).toBe('1001');
    expect(await villageValue('柿子园村', '环城街道')).toBe('1002');
    expect(await villageValue('东园社区', '北城街道')).toBe('1003');
    expect(await villageValue('史岗社区', '南城街道')).toBe('1004');
    expect(await villageValue('车站社区', '环城街道')).toBe('1005');
    expect(await villageValue('沙河社区', '环城街道')).toBe('1006');
    expect(await villageValue('新集村', '七方镇')).toBe('1007');

    // A town column may use the short name too; one naming no town says so on that column.
    const withTown = await upload(
      server.url,
      admin,
      gbkCsv(
        ['村名', '镇', '户籍人口', '日期'],
        [
          ['新集村', '杨垱', 2001, '2025-03-31'],
          ['土铺村', '枣阳市环城街道', 2002, '2025-03-31'],
          ['土铺村', '火星镇', 2003, '2025-03-31'],
        ],
      ),
      '村镇.csv',
    );
    expect(withTown.body).toMatchObject({ totalRows: 3, importedRows: 2, errorRows: 1 });
    expect(withTown.body.errors).toEqual([
      { row: 4, column: '镇', reason: '镇（街道）“火星镇”不存在，请填写全称（如“环城街道”）或村代码' },
    ]);
    expect(await villageValue('新集村', '杨垱镇')).toBe('2001');
    expect(await villageValue('土铺村', '环城街道')).toBe('2002');
  });

  it("autofill's village look-up reads the same forms; an ambiguous one still answers with the candidates", async () => {
    for (const name of ['环城街道土铺村', '枣阳市环城街道土铺村', '环城街道/土铺村', '环城街道 土铺村', '环城土铺村']) {
      const res = await server.gql(AUTOFILL, { codes: ['village.households'], v: { name } }, cadre);
      expect(res.errors).toBeUndefined();
      expect(res.data!.autofillElements.village).toEqual({ name: '土铺村', town: '环城街道' });
    }
    const qifang = await server.gql(AUTOFILL, { codes: ['village.households'], v: { name: '七方镇新集村' } }, admin);
    expect(qifang.data!.autofillElements.village).toEqual({ name: '新集村', town: '七方镇' });
    const amb = expectError(
      await server.gql(AUTOFILL, { codes: ['village.households'], v: { name: '新集村' } }, admin),
      'AMBIGUOUS_VILLAGE',
    );
    expect((amb.extensions.candidates as { town: string }[]).map((candidate) => candidate.town)).toEqual(
      expect.arrayContaining(['七方镇', '杨垱镇']),
    );
    // Another village's name in the cadre's own form of writing is still another village: out of scope,
    // answered as if it did not exist (no existence oracle, issue 15).
    expectError(await server.gql(AUTOFILL, { codes: ['village.households'], v: { name: '环城街道柿子园村' } }, cadre), 'NOT_FOUND');
  });

  it('phones: +86, 0086, dashes, full-width digits, landlines with brackets and 转 extensions are stored in one form, and the report says so once per column', async () => {
    const header = ['序号', '身份证号', '姓名', '村名', '联系电话', '户籍地址'];
    const rows = [
      [1, fixtureId(301), '赵一', '土铺村', '+86 137 2662 1657', '土铺村3组，东头第二户。'],
      [2, fixtureId(302), '钱二', '土铺村', '008613726621658', '（土铺村）４组'],
      [3, fixtureId(303), '孙三', '土铺村', '137-2662-1659', null],
      [4, fixtureId(304), '李四', '土铺村', '１３７２６６２１６６０', null],
      [5, fixtureId(305), '周五', '土铺村', '(0710)6212345', null],
      [6, fixtureId(306), '吴六', '土铺村', '0710 6212346转801', null],
      [7, fixtureId(307), '郑七', '土铺村', '13726621661', null],
      [8, fixtureId(308), '王八', '土铺村', '12345', null],
    ];
    const res = await upload(server.url, admin, await xlsx(header, rows), '居民电话.xlsx');
    expect(res.body).toMatchObject({ kind: 'RESIDENT', totalRows: 8, importedRows: 7, errorRows: 1, ignoredColumns: [] });
    expect(res.body.errors).toEqual([{ row: 9, column: '联系电话', reason: expect.stringContaining('0710-6212345') }]);
    expect(res.body.notices).toEqual(['联系电话 列 6 个值已规范化，如 +86 137 2662 1657 → 13726621657']);
    const af = await server.gql(
      AUTOFILL,
      {
        codes: ['resident.phone', 'resident.household_address'],
        v: { name: '土铺村' },
        ids: [301, 302, 303, 304, 305, 306, 307].map((num) => fixtureId(num)),
      },
      cadre,
    );
    expect(af.data!.autofillElements.residents.map((resident) => resident.values.map((value) => value.value))).toEqual([
      ['13726621657', '土铺村3组，东头第二户。'],
      ['13726621658', '（土铺村）４组'],
      ['13726621659', null],
      ['13726621660', null],
      ['0710-6212345', null],
      ['0710-6212346转801', null],
      ['13726621661', null],
    ]);
  });

  it('free text keeps its full-width punctuation in a GBK CSV too', async () => {
    const csv = gbkCsv(['身份证号', '村名', '户籍地址'], [[fixtureId(311), '土铺村', '本期新增残疾人2名，已核实。']]);
    const res = await upload(server.url, admin, csv, '备注.csv');
    expect(res.body).toMatchObject({ importedRows: 1, errorRows: 0 });
    const af = await server.gql(AUTOFILL, { codes: ['resident.household_address'], v: { name: '土铺村' }, ids: [fixtureId(311)] }, cadre);
    expect(af.data!.autofillElements.residents[0].values[0].value).toBe('本期新增残疾人2名，已核实。');
  });

  describe('aliases belong to the data element in the catalogue', () => {
    const elementId = async (code: string) => {
      const list = (await server.gql(ELEMENTS, {}, admin)).data!.dataElements;
      return list.find((element) => element.code === code)!.id;
    };

    it('the demo catalogue carries the headers people write (手机号码, 电话 → 联系电话; 是否低保户 → 是否低保)', async () => {
      const list = (await server.gql(ELEMENTS, {}, admin)).data!.dataElements;
      const byCode = new Map(list.map((element) => [element.code, element]));
      expect(byCode.get('resident.phone')!.aliases).toEqual(expect.arrayContaining(['手机号码', '电话']));
      expect(byCode.get('resident.dibao')!.aliases).toContain('是否低保户');
      expect(byCode.get('village.collective_income')!.aliases).toEqual([]);
    });

    it('headers are matched by alias; every column not imported is named in a notice at the top, on a dry run before anything is written', async () => {
      const header = ['序号', '身份证号', '村名', '手机号码', '是否低保户', '家庭人口数', '帮扶责任人'];
      const rows = [
        [1, fixtureId(401), '土铺村', '13726624011', '是', 4, '张干部'],
        [2, fixtureId(402), '土铺村', '+86 137 2662 4012', '否', 3, '李干部'],
      ];
      const file = await xlsx(header, rows);
      const dry = await upload(server.url, admin, file, '低保.xlsx', { dryRun: 'true' });
      expect(dry.body).toMatchObject({ dryRun: true, batchId: null, importedRows: 2, ignoredColumns: ['家庭人口数', '帮扶责任人'] });
      expect(dry.body.notices[0]).toBe(
        '以下 2 列未导入，其数据没有保存：“家庭人口数”、“帮扶责任人”。如某列应导入，请管理员在“数据元目录”中为对应数据元添加该列名作为别名，然后重新导入',
      );
      const before = await server.gql(AUTOFILL, { codes: ['resident.dibao'], v: { name: '土铺村' }, ids: [fixtureId(401)] }, cadre);
      expect(before.data!.autofillElements.residents[0]).toMatchObject({ known: false });

      const res = await upload(server.url, admin, file, '低保.xlsx');
      expect(res.body).toMatchObject({ importedRows: 2, errorRows: 0, ignoredColumns: ['家庭人口数', '帮扶责任人'] });
      expect(res.body.notices[0]).toContain('“家庭人口数”、“帮扶责任人”');
      expect(res.body.notices).toContain('手机号码 列 1 个值已规范化，如 +86 137 2662 4012 → 13726624012');
      const af = await server.gql(
        AUTOFILL,
        { codes: ['resident.phone', 'resident.dibao'], v: { name: '土铺村' }, ids: [fixtureId(401), fixtureId(402)] },
        cadre,
      );
      expect(af.data!.autofillElements.residents.map((resident) => resident.values.map((value) => value.value))).toEqual([
        ['13726624011', 'true'],
        ['13726624012', 'false'],
      ]);
    });

    it("ADMIN edits an element's aliases; an alias naming another element is a CONFLICT; the next import reads the column", async () => {
      const address = await elementId('resident.household_address');
      const set = await server.gql(
        SET_ALIASES,
        { id: address, aliases: [' 户籍所在地 ', '帮扶地址', '户籍所在地', '户籍地址', ''] },
        admin,
      );
      expect(set.errors).toBeUndefined();
      expect(set.data!.setDataElementAliases).toEqual({ code: 'resident.household_address', aliases: ['户籍所在地', '帮扶地址'] });

      const taken = expectError(await server.gql(SET_ALIASES, { id: address, aliases: ['手机号码'] }, admin), 'CONFLICT');
      expect(taken.message).toContain('联系电话');
      expectError(await server.gql(SET_ALIASES, { id: address, aliases: ['姓 名'] }, admin), 'CONFLICT');
      expectError(await server.gql(SET_ALIASES, { id: address, aliases: ['resident.phone'] }, admin), 'CONFLICT');
      expectError(await server.gql(SET_ALIASES, { id: address, aliases: ['（）'] }, admin), 'BAD_USER_INPUT');
      expectError(await server.gql(SET_ALIASES, { id: address, aliases: ['户籍'] }, cadre), 'FORBIDDEN');
      expectError(await server.gql(SET_ALIASES, { id: 999999, aliases: ['户籍'] }, admin), 'NOT_FOUND');
      const kept = (await server.gql(ELEMENTS, {}, admin)).data!.dataElements.find((element) => element.id === address)!;
      expect(kept.aliases).toEqual(['户籍所在地', '帮扶地址']);

      const csv = gbkCsv(['身份证号', '村名', '帮扶地址'], [[fixtureId(411), '土铺村', '土铺村5组']]);
      const res = await upload(server.url, admin, csv, '帮扶.csv');
      expect(res.body).toMatchObject({ importedRows: 1, ignoredColumns: [], notices: [] });
      const af = await server.gql(AUTOFILL, { codes: ['resident.household_address'], v: { name: '土铺村' }, ids: [fixtureId(411)] }, cadre);
      expect(af.data!.autofillElements.residents[0].values[0].value).toBe('土铺村5组');
    });
  });
});
