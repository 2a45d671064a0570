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
async function writeCsv(path: string, n: number, villageCodes: string[]): Promise<void> {
  const out = createWriteStream(path);
  const rng = new Rng(n);
  out.write(RESIDENT_COLUMNS.join(',') + '\n');
  for (let i = 0; i < n; i++) {
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
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => {
    const text = String(d);
    for (const m of text.matchAll(/HEAP (\d+)/g)) heap = Math.max(heap, Number(m[1]));
    stderr = (stderr + text.replace(/HEAP \d+\n/g, '')).slice(-2000);
  });
  let peakKb = 0;
  const sample = () => {
    try {
      const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
      if (m) peakKb = Math.max(peakKb, Number(m[1]));
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
export async function importFileBench(engine: Engine, sizes: number[], log: (s: string) => void, heapCapMb?: number): Promise<string> {
  const results: Result[] = [];
  for (const n of sizes) {
    const b = await benchApp(engine, `import_${n}`, 558, false);
    const codes: string[] = (await b.dataSource.query(`SELECT code FROM region WHERE level = 'VILLAGE' ORDER BY code`)).map(
      (r: any) => r.code,
    );
    const file = join(b.config.dataDir, `residents-${n}.csv`);
    await writeCsv(file, n, codes);
    const mb = statSync(file).size / 1e6;
    log(`import ${n}: file written (${mb.toFixed(1)} MB), running the CLI`);
    const [{ id: villageId }] = await b.dataSource.query(`SELECT id FROM region WHERE level = 'VILLAGE' ORDER BY id LIMIT 1`);
    await b.app.close(); // the CLI is the only writer while it runs
    const cli = await runCli(file, Object.fromEntries(Object.entries(b.env).filter(([k]) => k !== 'LOG_LEVEL')), heapCapMb);
    const facts = Number(/新增历史数据 (\d+) 条/.exec(cli.stdout)?.[1] ?? NaN);
    const reportedMs = Number(/耗时 (\d+) 毫秒/.exec(cli.stdout)?.[1] ?? NaN);
    if (!(facts > 0)) throw new Error(`import ${n}: unexpected report: ${cli.stdout}`);
    log(`import ${n}: ${cli.wallMs} ms end to end, ${facts} facts; raw baseline next`);
    const rawMs = await rawImportInsert(
      engine,
      { sqlitePath: b.config.db.sqlitePath, url: b.config.db.url },
      facts,
      '2025-06-30',
      Number(villageId),
    );
    results.push({ rows: n, mb, wallMs: cli.wallMs, reportedMs, facts, peakMb: cli.peakMb, heapMb: cli.heapMb, rawMs });
    await b.close().catch(() => undefined);
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
  const perS = (n: number, ms: number) => Math.round((n / ms) * 1000);
  for (const r of results)
    lines.push([
      `${r.rows} resident rows (${r.mb.toFixed(1)} MB csv)`,
      `${(r.wallMs / 1000).toFixed(1)} s`,
      String(perS(r.rows, r.wallMs)),
      `${(r.reportedMs / 1000).toFixed(1)} s`,
      String(r.facts),
      `${Math.round(r.heapMb)} / ${Math.round(r.peakMb)} MB`,
      `${(r.rawMs / 1000).toFixed(1)} s`,
      String(perS(r.rows, r.rawMs)),
      `${(r.rawMs / r.wallMs).toFixed(2)}× (import itself ${(r.rawMs / r.reportedMs).toFixed(2)}×)`,
    ]);
  const w = head.map((_, i) => Math.max(...lines.map((l) => l[i].length)));
  return (
    [
      `\nOneTable import bench — ${engine}, into a fresh Zaoyang database (558 villages, demo loaded); import CLI in its own process${heapCapMb ? `, its JS heap capped at ${heapCapMb} MB` : ''}`,
      ...lines.map((l) => `| ${l.map((c, i) => c.padEnd(w[i])).join(' | ')} |`),
    ].join('\n') + '\n'
  );
}
