// `npm run import` as a newcomer runs it: the compiled CLI in its own process, where files are read
// and checked on the worker thread (the HTTP tests run the sources, which check rows in-process).
// It writes into the database of a running test app, whose GraphQL then shows what arrived.
import { execFile, execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { fixtureId, fixtureIdWithX, toCsv, RESIDENT_HEADER } from '../bench/fixtures.js';
import { syntheticId } from '../src/records/synthetic.js';
import { startTestApp, TEST_SECRETS, type TestApp } from './support/harness.js';
import { graphql } from './support/graphql.js';

const run = promisify(execFile);
const AUTOFILL = graphql(`
  query ($codes: [String!]!, $v: VillageRefInput!, $ids: [String!]) {
    autofillElements(elementCodes: $codes, village: $v, idNumbers: $ids) {
      residents {
        valid
        reason
        idMasked
        known
        values {
          key
          value
          asOf
          source
        }
      }
    }
  }
`);

describe('records: the import CLI (compiled; rows checked on a worker thread)', () => {
  let server: TestApp;
  let cadre: string;
  let env: Record<string, string>;
  const dir = mkdtempSync(join(tmpdir(), 'onetable-cli-'));
  const cli = (...args: string[]) =>
    run(process.execPath, ['dist/src/cli/import.js', ...args], { env, timeout: 60_000 }).catch((err) => err);

  beforeAll(async () => {
    execFileSync(process.execPath, ['scripts/build-if-stale.mjs'], { stdio: 'inherit', timeout: 240_000 });
    server = await startTestApp('import_cli');
    cadre = await server.login('cun_420683003200'); // 土铺村
    // The CLI reaches the same database with the same keys (PII_KEY: its hashes must match the app's).
    env = {
      ...(process.env as Record<string, string>),
      NODE_ENV: 'test',
      LOG_LEVEL: 'warn',
      DATA_DIR: server.config.dataDir,
      DATABASE_URL: server.config.db.url ?? '',
      ...TEST_SECRETS,
    };
  }, 300_000);
  afterAll(async () => {
    await server?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('imports the messy resident CSV with the same per-row report as the HTTP upload, and autofill shows it', async () => {
    const file = join(dir, 'residents.csv');
    copyFileSync('test/fixtures/residents.csv', file);
    const dry = await cli(file, '--dry-run');
    expect(dry.stdout).toContain('【试运行，未写入】居民数据：共 9 行，导入 4 行，错误 4 行，重复 1 行');

    const result = await cli(file);
    expect(result.stdout).toContain('居民数据：共 9 行，导入 4 行，错误 4 行，重复 1 行');
    expect(result.stdout).toContain('新建居民 4 人');
    expect(result.stdout).toContain('第 5 行【身份证号】：身份证号校验位不正确，请核对是否输错');
    expect(result.stdout).toContain('第 6 行【村名】：未找到村（社区）“不存在村”');
    expect(result.stdout).toContain('已忽略的列：性别（由身份证号推导，不导入）');
    // No full ID number on the terminal, whatever the report says.
    expect(`${result.stdout}${result.stderr}`).not.toMatch(/\d{17}[\dX]/i);

    const x = fixtureIdWithX();
    const af = await server.gql(
      AUTOFILL,
      { codes: ['resident.name', 'resident.phone'], v: { name: '土铺村' }, ids: [fixtureId(1), x.toLowerCase()] },
      cadre,
    );
    expect(
      af.data!.autofillElements.residents.map((row: any) => [row.known, row.values[0].value, row.values[1].value, row.values[0].source]),
    ).toEqual([
      [true, '张三', '13800001111', 'IMPORT'],
      [true, '李四', '13800002222', 'IMPORT'],
    ]);
    expect(af.data!.autofillElements.residents[1].idMasked).toBe(`${x.slice(0, 6)}********${x.slice(14)}`);

    const again = await cli(file);
    expect(again.stdout).toMatch(/此文件已于 \d{4}-\d{2}-\d{2} \d{2}:\d{2} 导入（批次 \d+），本次未新增任何数据/);
    expect(again.stdout).toContain('居民数据：共 9 行，导入 4 行，错误 4 行，重复 1 行');
  });

  it('reads a large file in batches (thread back-pressure) and a newer file wins', async () => {
    // 9,000 residents (more than two batches of 4,000), then one of them again with a newer date.
    const rows = Array.from({ length: 9000 }, (_, i) => [
      syntheticId(2_000_000 + i),
      `居民${i}`,
      '',
      '土铺村',
      '',
      '汉族',
      `1380000${String(i).padStart(4, '0')}`,
      '初中',
      '否',
      '2024-12-31',
    ]);
    const big = join(dir, 'big.csv');
    writeFileSync(big, toCsv(RESIDENT_HEADER, rows));
    const result = await cli(big);
    expect(result.stdout).toContain('居民数据：共 9000 行，导入 9000 行，错误 0 行，重复 0 行');
    expect(result.stdout).toContain('新建居民 9000 人');
    const newer = join(dir, 'newer.csv');
    writeFileSync(
      newer,
      toCsv(RESIDENT_HEADER, [
        [syntheticId(2_000_000 + 8999), '居民8999', '', '土铺村', '', '汉族', '13999999999', '高中/中专', '否', '2025-06-30'],
      ]),
    );
    expect((await cli(newer)).stdout).toContain('导入 1 行');
    const af = await server.gql(
      AUTOFILL,
      { codes: ['resident.phone'], v: { name: '土铺村' }, ids: [syntheticId(2_000_000), syntheticId(2_000_000 + 8999)] },
      cadre,
    );
    expect(af.data!.autofillElements.residents.map((row: any) => row.values[0])).toEqual([
      { key: 'resident.phone', value: '13800000000', asOf: '2024-12-31', source: 'IMPORT' },
      { key: 'resident.phone', value: '13999999999', asOf: '2025-06-30', source: 'IMPORT' },
    ]);
  });

  it('a file it cannot read as records fails with one line and writes nothing', async () => {
    const bad = join(dir, 'bad.csv');
    writeFileSync(bad, '甲,乙\n1,2\n');
    const result = await cli(bad);
    expect(result.code).toBe(1);
    expect(result.stderr.trim()).toBe('导入失败：无法识别文件：居民数据需要“身份证号”列，村级数据需要“村代码”或“村名”列');
    const broken = join(dir, 'broken.xlsx');
    writeFileSync(broken, 'PK\u0003\u0004 not really a workbook');
    const value = await cli(broken);
    expect(value.code).toBe(1);
    expect(value.stderr.trim().split('\n')).toHaveLength(1);
    expect(value.stderr).toContain('导入失败：无法读取文件：不是有效的 .xlsx 文件');
    const batches = await server.gql(
      graphql(`
        {
          importBatches {
            items {
              fileName
            }
          }
        }
      `),
      {},
      await server.login('admin'),
    );
    expect(batches.data!.importBatches.items.map((item: any) => item.fileName)).not.toContain('bad.csv');
    expect(batches.data!.importBatches.items.map((item: any) => item.fileName)).not.toContain('broken.xlsx');
  });
});
