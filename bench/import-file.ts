// Import of historical record files end to end: `node dist/src/cli/import.js FILE` (what `npm run
// import -- FILE` runs once built) in its own process — start-up, streaming read, checks, writes —
// for a launch-sized file (48,000 residents, Zaoyang's launch) and a 1,000,000-row file, each into a
// fresh Zaoyang-scale database; the import process's peak memory (VmHWM), to show the large file
// streams; and, as the baseline, a raw insert of the rows the import wrote (residents, facts, current
// values) on the same database.
import { spawn } from 'node:child_process';
import { createWriteStream, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { once } from 'node:events';
import { Rng } from '../src/common/rng.js';
import { RESIDENT_COLUMNS, residentRow } from '../src/records/synthetic.js';
import { rawImportInsert } from './baselines.js';
import { benchApp } from './support.js';

type Engine = 'sqlite' | 'mysql';

interface Result {
  rows: number;
  mb: number;
  wallMs: number;
  reportedMs: number;
  facts: number;
  peakMb: number;
  heapMb: number;
  rawMs: number;
}

/** A resident CSV of `n` people the database does not hold yet (valid synthetic IDs), written as a stream. */
async function writeCsv(path: string, seed: number, villageCodes: string[]): Promise<void> {
  const out = createWriteStream(path);
  const rng = new Rng(seed);
  out.write(RESIDENT_COLUMNS.join(',') + '\n');
  for (let i = 0; i < seed; i++) {
    if (!out.write(residentRow(rng, villageCodes[i % villageCodes.length], 5_000_000 + i, '2025-06-30').join(',') + '\n'))
      await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}

// Loaded into the CLI process with --import: reports the JS heap in use every 100 ms on stderr.
const HEAP_PROBE = `setInterval(() => process.stderr.write('HEAP ' + process.memoryUsage().heapUsed + '\\n'), 100).unref();`;

/** Runs the import CLI, sampling its peak resident memory from /proc and its JS heap until it exits. */
async function runCli(
  file: string,
  env: Record<string, string>,
  heapCapMb?: number,
): Promise<{ wallMs: number; stdout: string; peakMb: number; heapMb: number }> {
  const t0 = Date.now();
  // The flags `npm run import` uses (a larger young generation: the import allocates briefly-lived rows fast).
  const child = spawn(
    process.execPath,
    [
      '--max-semi-space-size=64',
      ...(heapCapMb ? [`--max-old-space-size=${heapCapMb}`] : []),
      '--import',
      `data:text/javascript,${encodeURIComponent(HEAP_PROBE)}`,
      'dist/src/cli/import.js',
      file,
    ],
    { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let stdout = '';
  let stderr = '';
  let heap = 0;
  child.stdout.on('data', (value) => (stdout += value));
  child.stderr.on('data', (value) => {
    const text = String(value);
    for (const match of text.matchAll(/HEAP (\d+)/g)) heap = Math.max(heap, Number(match[1]));
    stderr = (stderr + text.replace(/HEAP \d+\n/g, '')).slice(-2000);
  });
  let peakKb = 0;
  const sample = () => {
    try {
      const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
      if (match) peakKb = Math.max(peakKb, Number(match[1]));
    } catch {
      /* exited */
    }
  };
  const timer = setInterval(sample, 50);
  const [code] = await once(child, 'exit');
  clearInterval(timer);
  if (code !== 0) throw new Error(`import CLI exited ${code}: ${stderr}`);
  return { wallMs: Date.now() - t0, stdout, peakMb: peakKb / 1024, heapMb: heap / 1048576 };
}

/**
 * `heapCapMb` caps the CLI's V8 old space: an import that held the file in memory would fail; a
 * streaming one finishes (V8 otherwise grows its heap lazily, so RSS alone overstates live memory).
 */
export async function importFileBench(engine: Engine, sizes: number[], log: (text: string) => void, heapCapMb?: number): Promise<string> {
  const results: Result[] = [];
  for (const size of sizes) {
    const app = await benchApp(engine, `import_${size}`, 558, false);
    const codes: string[] = (await app.dataSource.query(`SELECT code FROM region WHERE level = 'VILLAGE' ORDER BY code`)).map(
      (row: { code: string }) => row.code,
    );
    const file = join(app.config.dataDir, `residents-${size}.csv`);
    await writeCsv(file, size, codes);
    const mb = statSync(file).size / 1e6;
    log(`import ${size}: file written (${mb.toFixed(1)} MB), running the CLI`);
    const [{ id: villageId }] = await app.dataSource.query(`SELECT id FROM region WHERE level = 'VILLAGE' ORDER BY id LIMIT 1`);
    await app.app.close(); // the CLI is the only writer while it runs
    const cli = await runCli(file, Object.fromEntries(Object.entries(app.env).filter(([k]) => k !== 'LOG_LEVEL')), heapCapMb);
    const facts = Number(/新增历史数据 (\d+) 条/.exec(cli.stdout)?.[1] ?? NaN);
    const reportedMs = Number(/耗时 (\d+) 毫秒/.exec(cli.stdout)?.[1] ?? NaN);
    if (!(facts > 0)) throw new Error(`import ${size}: unexpected report: ${cli.stdout}`);
    log(`import ${size}: ${cli.wallMs} ms end to end, ${facts} facts; raw baseline next`);
    const rawMs = await rawImportInsert(
      engine,
      { sqlitePath: app.config.db.sqlitePath, url: app.config.db.url },
      facts,
      '2025-06-30',
      Number(villageId),
    );
    results.push({ rows: size, mb, wallMs: cli.wallMs, reportedMs, facts, peakMb: cli.peakMb, heapMb: cli.heapMb, rawMs });
    await app.close().catch(() => undefined);
  }
  const head = [
    'file',
    'end to end (CLI)',
    'rows/s',
    'import itself',
    'facts',
    'peak JS heap / RSS',
    'raw insert of the same rows',
    'rows/s eq.',
    'import / raw',
  ];
  const lines = [head];
  const perS = (num: number, ms: number) => Math.round((num / ms) * 1000);
  for (const result of results)
    lines.push([
      `${result.rows} resident rows (${result.mb.toFixed(1)} MB csv)`,
      `${(result.wallMs / 1000).toFixed(1)} s`,
      String(perS(result.rows, result.wallMs)),
      `${(result.reportedMs / 1000).toFixed(1)} s`,
      String(result.facts),
      `${Math.round(result.heapMb)} / ${Math.round(result.peakMb)} MB`,
      `${(result.rawMs / 1000).toFixed(1)} s`,
      String(perS(result.rows, result.rawMs)),
      `${(result.rawMs / result.wallMs).toFixed(2)}× (import itself ${(result.rawMs / result.reportedMs).toFixed(2)}×)`,
    ]);
  const nums = head.map((_, i) => Math.max(...lines.map((line) => line[i].length)));
  return (
    [
      `\nOneTable import bench — ${engine}, into a fresh Zaoyang database (558 villages, demo loaded); import CLI in its own process${heapCapMb ? `, its JS heap capped at ${heapCapMb} MB` : ''}`,
      ...lines.map((line) => `| ${line.map((text, i) => text.padEnd(nums[i])).join(' | ')} |`),
    ].join('\n') + '\n'
  );
}
