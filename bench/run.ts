// npm run bench [-- --engine sqlite|mysql] [--scale small|province] [--duration 5] [--warmup 3] [--section all|autofill|cluster|dashboards|import] [--runs 50] [--rows 48000,1000000] [--heap-cap MB] [--pin]
// Autofill through the full stack (HTTP + auth + scope + Nest + Apollo + TypeORM) against a bare
// node:http and a bare Apollo Server 5 doing the same reads with the raw driver; history depth 1 vs 50;
// database size 1× vs 10×; import rows/s against a raw insert of the same rows. The load generator
// (bench/load.ts) runs in its own process. Prints a table. --pin (Linux, taskset): the servers (this process, every thread)
// on CPU 0 and the load generator on CPU 1, so that load generator and server never take turns on one core
// and the ratios do not move with whatever else the machine is doing.
// BENCH_SERVER_FLAGS='--max-semi-space-size=32 …': Node flags for the compiled servers of the cluster comparison
// (workers inherit them), to try a runtime setting on both sides of the ratio alike.
import { execFile, execFileSync, spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { availableParallelism, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { RequestContext } from '../src/common/request-context.js';
import { TransactionService } from '../src/common/transaction.service.js';
import { DataElement } from '../src/catalog/data-element.entity.js';
import { Subject } from '../src/catalog/value-type.js';
import { Region, RegionLevel } from '../src/regions/region.entity.js';
import { User } from '../src/identity/user.entity.js';
import { FactSource } from '../src/records/fact.entity.js';
import { FactsService, type FactInput } from '../src/records/facts.service.js';
import { ImportService } from '../src/records/import.service.js';
import { PiiService } from '../src/records/pii.service.js';
import { Resident } from '../src/records/resident.entity.js';
import { residentRow, residentRows, RESIDENT_COLUMNS, syntheticId, villageHistoryRows } from '../src/records/synthetic.js';
import { Rng } from '../src/common/rng.js';
import { provinceId, seedResidents } from './province.js';
import { BARE_APOLLO_QUERY, mysqlReader, rawImportInsert, sqliteReader, startBareApollo, startBareHttp, type Job } from './baselines.js';
import { BENCH_PASSWORD, benchApp, type GqlResponse } from './support.js';
import { dashboardsBench, dashboardsTable } from './dashboards.js';
import { importFileBench } from './import-file.js';

const args = process.argv.slice(2);
const arg = (name: string, def: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : def;
};
const engine = arg('engine', 'sqlite') as 'sqlite' | 'mysql';
const scale = arg('scale', 'small');
const duration = Number(arg('duration', '5'));
const section = arg('section', 'all');
const runs = Number(arg('runs', '50'));
/** The cluster comparison: measured turns of 1 process and 2 processes, alternated. */
const rounds = Math.max(1, Number(arg('rounds', section === 'cluster' ? '3' : '1')));
const PROVINCE = scale === 'province';
const VILLAGES = PROVINCE ? 25_000 : 558;
// Residents per village in the main database and in the one it is compared with for size:
// Zaoyang 5,580 vs 55,800 (10×, both imported); province 1,000,000 vs 100,000 (seeded in bulk).
const PER_VILLAGE = PROVINCE ? 40 : 10;
const OTHER_PER_VILLAGE = PROVINCE ? 4 : 100;
const LAUNCH_ROWS = 48_000;
// Unrecorded load before each server's first measured run, so no target is measured while its code is still being compiled.
const warmup = Number(arg('warmup', '3'));
const ROWS = 20;
/** Distinct residents among the ROWS: equal in both databases, so the size comparison asks for the same work. */
const DISTINCT = Math.min(ROWS, PER_VILLAGE, OTHER_PER_VILLAGE);
/** The load generator (bench/load.ts, autocannon's arguments and JSON): a few µs of CPU a request where autocannon took 25–30 % of a server's. */
const loadBin = fileURLToPath(new URL('./load.js', import.meta.url));
const run = promisify(execFile);
const pin = args.includes('--pin');
if (pin) execFileSync('taskset', ['-a', '-p', '-c', '0', String(process.pid)], { stdio: 'ignore' });
/** The load generator in its own process (on CPU 1 with --pin). */
const loadgen = (argv: string[]) =>
  pin
    ? run('taskset', ['-c', '1', process.execPath, loadBin, ...argv], { maxBuffer: 1 << 26 })
    : run(process.execPath, [loadBin, ...argv], { maxBuffer: 1 << 26 });

interface Measure {
  mean: number;
  p50: number;
  /** p97.5 (autocannon's percentile, which the load generator keeps), not p95. */
  p97: number;
  p99: number;
  rps: number;
  /** Transport errors, non-2xx answers, and answers other than `expect` (a GraphQL error is a 200). */
  errors: number;
  requests: number;
  /** CPU (user + system) of the server processes per answered request, when their pids were given. */
  serverCpuMs?: number;
  /** CPU of the load generator per request. */
  clientCpuMs: number;
  /** CPU of the database server's processes on this machine (MySQL: mariadbd/mysqld) per request, when it runs here. */
  dbCpuMs?: number;
}
/** Every process's pid (Linux /proc). */
const procPids = () =>
  readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .map(Number);
/** The fields of /proc/PID/stat after the command name (index 0 is the state), or null once the process is gone. */
function procStat(pid: number | 'self'): string[] | null {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return text.slice(text.lastIndexOf(')') + 2).split(' ');
  } catch {
    return null;
  }
}
/** The database server's processes on this machine (engine mysql): their CPU shares the cores with the app's. */
const dbServerPids = () =>
  engine === 'mysql'
    ? procPids().filter((pid) => {
        try {
          return /^(mariadbd|mysqld)$/.test(readFileSync(`/proc/${pid}/comm`, 'utf8').trim());
        } catch {
          return false;
        }
      })
    : [];
/** CPU time (ms, user + system) of the processes `pids` and their children; Linux /proc. */
const CLOCK_TICKS = process.platform === 'linux' ? Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' })) : 100;
function cpuOf(pids: number[]): number {
  const all = new Set(pids);
  for (const pid of procPids()) {
    const fields = procStat(pid);
    if (fields && all.has(Number(fields[1]))) all.add(pid);
  }
  let ticks = 0;
  for (const pid of all) {
    const fields = procStat(pid);
    if (fields) ticks += Number(fields[11]) + Number(fields[12]);
  }
  return (ticks * 1000) / CLOCK_TICKS;
}
/** CPU of this process's children that have ended (the load generator, once it exits). */
const childrenCpu = () => {
  const fields = procStat('self')!;
  return ((Number(fields[13]) + Number(fields[14])) * 1000) / CLOCK_TICKS;
};
/** The load generator's arguments for POSTing `body` as JSON to `url` on `connections` connections for `seconds`. */
function loadArgs(url: string, body: unknown, headers: Record<string, string>, connections: number, seconds: number): string[] {
  const texts = Object.entries({ 'content-type': 'application/json', ...headers }).flatMap(([k, value]) => ['-H', `${k}=${value}`]);
  return ['-j', '-c', String(connections), '-d', String(seconds), '-m', 'POST', ...texts, '-b', JSON.stringify(body), url];
}
async function load(
  url: string,
  body: unknown,
  headers: Record<string, string>,
  connections: number,
  opts: { expect?: string; serverPids?: number[] } = {},
): Promise<Measure> {
  const server0 = opts.serverPids ? cpuOf(opts.serverPids) : 0;
  const db = opts.serverPids ? dbServerPids() : [];
  const db0 = db.length ? cpuOf(db) : 0;
  const client0 = childrenCpu();
  const { stdout } = await loadgen([...loadArgs(url, body, headers, connections, duration), ...(opts.expect ? ['-E', opts.expect] : [])]);
  const clientMs = childrenCpu() - client0;
  const serverMs = opts.serverPids ? cpuOf(opts.serverPids) - server0 : 0;
  const dbMs = db.length ? cpuOf(db) - db0 : 0;
  const parsed = JSON.parse(stdout);
  const requests = parsed.requests.total || 1;
  return {
    mean: parsed.latency.mean,
    p50: parsed.latency.p50,
    p97: parsed.latency.p97_5,
    p99: parsed.latency.p99,
    rps: parsed.requests.average,
    errors: parsed.errors + parsed.non2xx + (parsed.mismatches ?? 0),
    requests,
    serverCpuMs: opts.serverPids ? serverMs / requests : undefined,
    clientCpuMs: clientMs / requests,
    dbCpuMs: db.length ? dbMs / requests : undefined,
  };
}
async function warm(url: string, body: unknown, headers: Record<string, string>) {
  if (warmup) await loadgen(loadArgs(url, body, headers, 8, warmup));
}

/** The measured turns of the cluster comparison, by workers (1, 2; +10: without ID numbers). */
const clusterRuns: Record<number, Measure[]> = {};
/** Turns of one target as one figure: mean req/s, median p50, worst p97.5/p99, errors summed, CPU per request over all. */
function pooled(turns: Measure[]): Measure {
  const requests = turns.reduce((sum, turn) => sum + turn.requests, 0);
  const perRequest = (pick: (turn: Measure) => number | undefined) =>
    turns.reduce((sum, turn) => sum + (pick(turn) ?? 0) * turn.requests, 0) / requests;
  const p50s = turns.map((turn) => turn.p50).sort((left, right) => left - right);
  return {
    mean: perRequest((turn) => turn.mean),
    p50: p50s[Math.floor(p50s.length / 2)],
    p97: Math.max(...turns.map((turn) => turn.p97)),
    p99: Math.max(...turns.map((turn) => turn.p99)),
    rps: turns.reduce((sum, turn) => sum + turn.rps, 0) / turns.length,
    errors: turns.reduce((sum, turn) => sum + turn.errors, 0),
    requests,
    serverCpuMs: turns[0].serverCpuMs === undefined ? undefined : perRequest((turn) => turn.serverCpuMs),
    clientCpuMs: perRequest((turn) => turn.clientCpuMs),
    dbCpuMs: turns[0].dbCpuMs === undefined ? undefined : perRequest((turn) => turn.dbCpuMs),
  };
}
/** The answer a request gets (the text every request of a load must then get). */
async function answerOf(url: string, body: unknown, headers: Record<string, string>): Promise<string> {
  const text = await (
    await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    })
  ).text();
  if ((JSON.parse(text) as GqlResponse<unknown>).errors) throw new Error(`bench request failed: ${text.slice(0, 300)}`);
  return text;
}

const rowsOut: string[][] = [];
const line = (...cells: (string | number)[]) => rowsOut.push(cells.map(String));

async function setup(name: string, perVillage: number) {
  const app = await benchApp(engine, name, VILLAGES, true);
  const villages = await app.dataSource
    .getRepository(Region)
    .find({ select: { id: true, code: true, population: true }, where: { level: RegionLevel.VILLAGE }, order: { code: 'ASC' } });
  const imports = app.app.get(ImportService);
  const ctx = RequestContext.system();
  const log = (text: string) => process.stderr.write(`${text}\n`);
  if (PROVINCE) {
    // Villages through the import path (three year-ends), residents in bulk (ten facts × three versions each).
    await imports.importRows(
      ctx,
      villageHistoryRows(villages, ['2022-12-31', '2023-12-31', '2024-12-31']),
      { fileName: 'villages' },
      `${name}-v`,
    );
    const seeded = await seedResidents(
      app.dataSource,
      engine === 'sqlite' ? app.config.db.sqlitePath : undefined,
      app.app.get(PiiService),
      villages,
      perVillage,
      log,
    );
    log(
      `${name}: seeded ${seeded.residents} residents, ${seeded.facts} facts (${seeded.current} current) in ${(seeded.ms / 1000).toFixed(0)} s`,
    );
    if (engine === 'mysql')
      for (const table of ['resident', 'fact', 'current_fact']) await app.dataSource.query(`ANALYZE TABLE \`${table}\``);
    else await app.dataSource.query('ANALYZE');
    return { b: app, villages, importMs: 0, rep: null, idOf: provinceId };
  }
  await imports.importRows(ctx, villageHistoryRows(villages, ['2024-12-31']), { fileName: 'villages' }, `${name}-v`);
  const t0 = Date.now();
  const rep = await imports.importRows(ctx, residentRows(villages, perVillage, '2024-12-31'), { fileName: 'residents' }, `${name}-r`);
  const importMs = Date.now() - t0;
  // Both databases are measured settled: the import's pages moved from the WAL into the database file.
  if (engine === 'sqlite') await app.dataSource.query('PRAGMA wal_checkpoint(TRUNCATE)');
  return { b: app, villages, importMs, rep, idOf: syntheticId };
}

async function target(
  value: Awaited<ReturnType<typeof setup>>['b'],
  villages: Region[],
  perVillage: number,
  idOf: (num: number) => string,
) {
  const region = villages[Math.floor(villages.length / 2)];
  const vIndex = villages.indexOf(region);
  // The same people in both databases of the size comparison: as many distinct residents as the smaller one has per village.
  const ids = Array.from({ length: ROWS }, (_, i) => idOf(vIndex * perVillage + (i % DISTINCT)));
  const els = await value.dataSource.getRepository(DataElement).find();
  const villageCodes = els.filter((el) => el.subject === Subject.VILLAGE).map((el) => el.code);
  const residentCodes = [
    'resident.name',
    'resident.gender',
    'resident.ethnicity',
    'resident.phone',
    'resident.education',
    'resident.dibao',
    'resident.employment',
    'resident.marital_status',
  ];
  const cadre = await value.dataSource.getRepository(User).findOneByOrFail({ regionId: region.id });
  const login = await fetch(`${value.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      query: 'mutation($u:String!,$p:String!){ login(username:$u,password:$p){ token } }',
      variables: { u: cadre.username, p: BENCH_PASSWORD },
    }),
  });
  const token = ((await login.json()) as GqlResponse<{ login: { token: string } }>).data!.login.token;
  const query = `query($c:[String!]!,$v:VillageRefInput!,$ids:[String!]){ autofillElements(elementCodes:$c, village:$v, idNumbers:$ids){ values { key value asOf source sourceRef stale } residents { idMasked valid known values { key value asOf source } } } }`;
  const body = { query, variables: { c: [...villageCodes, ...residentCodes], v: { id: region.id }, ids } };
  // The answer every request of the load must get, byte for byte (the load generator counts any other as a mismatch).
  const expect = await answerOf(value.url, body, { authorization: `Bearer ${token}` });
  const check = JSON.parse(expect) as GqlResponse<{ autofillElements: { residents: { known: boolean }[] } }>;
  if (check.data!.autofillElements.residents.filter((resident) => resident.known).length !== ROWS)
    throw new Error(`autofill check failed: ${expect.slice(0, 300)}`);
  const pii = value.app.get(PiiService);
  const job: Job = {
    villageId: region.id,
    villageElements: els.filter((el) => el.subject === Subject.VILLAGE).map((el) => el.id),
    residentElements: els.filter((el) => residentCodes.includes(el.code)).map((el) => el.id),
    hash: (id) => pii.hash(id),
  };
  return { v: region, ids, body, expect, token, job, villageFields: villageCodes.length };
}

async function main() {
  if (section === 'import') {
    const sizes = arg('rows', '48000,1000000').split(',').map(Number);
    const cap = Number(arg('heap-cap', '0')) || undefined;
    process.stdout.write(await importFileBench(engine, sizes, (text) => process.stderr.write(`${text}\n`), cap));
    return;
  }
  if (section !== 'dashboards') await autofillBench();
  if (section === 'autofill' || section === 'cluster') return;
  // Dashboards: Zaoyang scale always, province scale (25,000 villages) with --scale province.
  const log = (text: string) => process.stderr.write(`${text}\n`);
  const results = [await dashboardsBench(engine, 'zaoyang', runs, log)];
  if (scale === 'province') results.push(await dashboardsBench(engine, 'province', Math.max(5, Math.round(runs / 5)), log));
  process.stdout.write(dashboardsTable(engine, results, runs));
}

async function autofillBench() {
  process.stderr.write(
    `bench: engine ${engine}, ${VILLAGES} villages, ${VILLAGES * PER_VILLAGE} residents (main) and ${VILLAGES * OTHER_PER_VILLAGE} (size comparison), load ${duration}s per run\n`,
  );
  const one = await setup('one', PER_VILLAGE);
  const result = await target(one.b, one.villages, PER_VILLAGE, one.idOf);
  const auth = { authorization: `Bearer ${result.token}` };
  const read = engine === 'sqlite' ? sqliteReader(one.b.config.db.sqlitePath!) : mysqlReader(one.b.config.db.url!);

  const results: Record<string, Measure> = {};
  await warm(`${one.b.url}/graphql`, result.body, auth);
  for (const connections of [1, 32]) results[`full c${connections}`] = await load(`${one.b.url}/graphql`, result.body, auth, connections);
  // The compiled server in processes of its own on the same database: CLUSTER_WORKERS=1 and =2 behind one port, both
  // started before either is measured, then measured in turns (1, 2, 1, 2, … for --rounds) so that whatever else the
  // machine does weighs on both alike. The same request and the same answer, byte for byte, for every request.
  const servers = { 1: await spawnCompiled(one.b.env, 1), 2: await spawnCompiled(one.b.env, 2) };
  const noIds = { ...result.body, variables: { ...result.body.variables, ids: [] } };
  const noIdsExpect = section === 'cluster' ? await answerOf(servers[1].url, noIds, auth) : '';
  for (const workers of [1, 2] as const) await warm(`${servers[workers].url}/graphql`, result.body, auth);
  for (let round = 0; round < rounds; round++)
    for (const workers of [1, 2] as const) {
      const server = servers[workers];
      const at = { expect: result.expect, serverPids: [server.pid] };
      (clusterRuns[workers] ??= []).push(await load(`${server.url}/graphql`, result.body, auth, 32, at));
      // Diagnosis (section cluster): the same autofill without ID numbers reads no one and writes no audit event.
      if (section === 'cluster')
        (clusterRuns[workers + 10] ??= []).push(
          await load(`${server.url}/graphql`, noIds, auth, 32, { expect: noIdsExpect, serverPids: [server.pid] }),
        );
    }
  for (const server of Object.values(servers)) await server.stop();
  results.cluster1 = pooled(clusterRuns[1]);
  results.cluster2 = pooled(clusterRuns[2]);
  if (section === 'cluster') {
    await one.b.close();
    line('scenario', 'conc.', 'p50 ms', 'p99 ms', 'req/s', 'errors', 'note');
    clusterLines(results);
    return printTable(result.villageFields);
  }
  const http = await startBareHttp(read, result.job);
  await warm(http.url, { ids: result.ids }, {});
  for (const connections of [1, 32]) results[`http c${connections}`] = await load(http.url, { ids: result.ids }, {}, connections);
  await http.close();
  const apollo = await startBareApollo(read, result.job);
  const aq = { query: BARE_APOLLO_QUERY, variables: { ids: result.ids } };
  await warm(apollo.url, aq, {});
  for (const connections of [1, 32]) results[`apollo c${connections}`] = await load(apollo.url, aq, {}, connections);
  await apollo.close();

  // History depth 50: 49 older versions of every value the request reads (current values unchanged).
  const facts = one.b.app.get(FactsService);
  const residents = await one.b.dataSource.getRepository(Resident).find({ where: { villageId: result.v.id } });
  const current = [
    ...(await facts.current('VILLAGE', [result.v.id])),
    ...(await facts.current(
      'RESIDENT',
      residents.map((resident) => resident.id),
    )),
  ];
  const older: FactInput[] = [];
  for (let num = 1; num < 50; num++) {
    const asOf = new Date(Date.UTC(2024, 11, 31) - num * 7 * 86400000).toISOString().slice(0, 10);
    for (const currentValue of current)
      older.push({
        subjectType: currentValue.subjectType,
        subjectId: currentValue.subjectId,
        elementId: currentValue.elementId,
        value: currentValue.value,
        asOf,
        source: FactSource.ADMIN,
        sourceRef: `bench:${num}`,
      });
  }
  await one.b.app.get(TransactionService).run((em) => facts.writeFacts(em, RequestContext.system(), older));
  for (const connections of [1, 32])
    results[`depth50 c${connections}`] = await load(`${one.b.url}/graphql`, result.body, auth, connections);

  // Import: at province scale, a launch-sized file (48,000 new residents) into the 1,000,000-resident database.
  const imported = one.rep
    ? { rows: one.rep.importedRows, facts: one.rep.factsAdded, ms: one.importMs }
    : await (async () => {
        const t0 = Date.now();
        const rep = await one.b.app
          .get(ImportService)
          .importRows(RequestContext.system(), launchRows(one.villages), { fileName: 'launch' }, 'launch');
        return { rows: rep.importedRows, facts: rep.factsAdded, ms: Date.now() - t0 };
      })();
  const provinceRawMs = PROVINCE ? await rawInsertBaseline(one.b, imported.facts) : 0;
  await one.b.close();

  const other = await setup('other', OTHER_PER_VILLAGE);
  const tOther = await target(other.b, other.villages, OTHER_PER_VILLAGE, other.idOf);
  await warm(`${other.b.url}/graphql`, tOther.body, { authorization: `Bearer ${tOther.token}` });
  for (const connections of [1, 32])
    results[`other c${connections}`] = await load(
      `${other.b.url}/graphql`,
      tOther.body,
      { authorization: `Bearer ${tOther.token}` },
      connections,
    );
  // Raw insert baseline: the resident, fact and current rows the import measured wrote, with the raw driver in one transaction.
  const rawMs = PROVINCE ? provinceRawMs : await rawInsertBaseline(other.b, other.rep!.factsAdded);
  await other.b.close();

  const fn = (measure: Measure) => [measure.p50, measure.p99, Math.round(measure.rps), measure.errors];
  line('scenario', 'conc.', 'p50 ms', 'p99 ms', 'req/s', 'errors', 'note');
  clusterLines(results);
  const apollo32 = results['apollo c32'].rps;
  const http32 = results['http c32'].rps;
  for (const num of [1, 32]) {
    line(
      'autofill full stack (HTTP+auth+scope+Nest+Apollo+TypeORM)',
      num,
      ...fn(results[`full c${num}`]),
      num === 32
        ? `${(results['full c32'].rps / apollo32).toFixed(2)}× bare Apollo, ${(results['full c32'].rps / http32).toFixed(2)}× node:http`
        : '',
    );
    line('baseline: bare node:http + raw driver', num, ...fn(results[`http c${num}`]), '');
    line('baseline: bare Apollo Server 5 + raw driver', num, ...fn(results[`apollo c${num}`]), '');
  }
  // Percentiles move in steps at 2-3 ms: the mean tells growth more finely.
  const vs = (measure: Measure, measureB: Measure, what: string) =>
    `p50 ${(measure.p50 / measureB.p50).toFixed(2)}×, mean ${(measure.mean / measureB.mean).toFixed(2)}× ${what}`;
  for (const num of [1, 32])
    line(
      'autofill, history depth 50',
      num,
      ...fn(results[`depth50 c${num}`]),
      vs(results[`depth50 c${num}`], results[`full c${num}`], 'depth 1'),
    );
  // Size: the bigger database over the smaller one (10× the residents).
  const [bigKey, smallKey] = PER_VILLAGE > OTHER_PER_VILLAGE ? ['full', 'other'] : ['other', 'full'];
  const [big, small] = [Math.max(PER_VILLAGE, OTHER_PER_VILLAGE), Math.min(PER_VILLAGE, OTHER_PER_VILLAGE)].map((k) => VILLAGES * k);
  for (const num of [1, 32])
    line(
      `autofill, ${OTHER_PER_VILLAGE > PER_VILLAGE ? '10×' : '0.1×'} residents (${VILLAGES * OTHER_PER_VILLAGE})`,
      num,
      ...fn(results[`other c${num}`]),
      vs(results[`${bigKey} c${num}`], results[`${smallKey} c${num}`], `${big} vs ${small} residents`),
    );
  const rowsPerS = (num: number, ms: number) => Math.round((num / ms) * 1000);
  const measured = PROVINCE ? imported : { rows: other.rep!.importedRows, facts: other.rep!.factsAdded, ms: other.importMs };
  if (!PROVINCE)
    line(
      `import ${imported.rows} resident rows (${imported.facts} facts)`,
      '-',
      '-',
      '-',
      `${rowsPerS(imported.rows, imported.ms)} rows/s`,
      '-',
      `${imported.ms} ms, ${rowsPerS(imported.facts, imported.ms)} facts/s`,
    );
  line(
    `import ${measured.rows} resident rows (${measured.facts} facts)${PROVINCE ? ` into ${VILLAGES * PER_VILLAGE} residents` : ''}`,
    '-',
    '-',
    '-',
    `${rowsPerS(measured.rows, measured.ms)} rows/s`,
    '-',
    `${measured.ms} ms, ${rowsPerS(measured.facts, measured.ms)} facts/s`,
  );
  line(
    `baseline: raw insert of ${Math.ceil(measured.facts / 7)} residents + ${measured.facts} facts + current rows`,
    '-',
    '-',
    '-',
    `${rowsPerS(measured.rows, rawMs)} rows/s eq.`,
    '-',
    `${rawMs} ms; import = ${(rawMs / measured.ms).toFixed(2)}× baseline`,
  );

  printTable(result.villageFields);
}

function printTable(villageFields: number) {
  const widths = rowsOut[0].map((_, i) => Math.max(...rowsOut.map((texts) => texts[i].length)));
  process.stdout.write(
    `\nOneTable bench — ${engine}, ${VILLAGES} villages, ${VILLAGES * PER_VILLAGE} residents${PROVINCE ? ' (10 facts × 3 versions each)' : ''}, ${villageFields} village fields + ${ROWS} resident rows per request, ${duration}s per run${pin ? ', this process pinned to CPU 0 and the load generator to CPU 1' : ''}; ${availableParallelism()} CPUs, load average ${loadavg()
      .map((value) => value.toFixed(2))
      .join(' ')} at the end\n`,
  );
  for (const texts of rowsOut) process.stdout.write(`| ${texts.map((text, i) => text.padEnd(widths[i])).join(' | ')} |\n`);
}

/**
 * The cluster rows (bench section cluster, and in autofill): req/s, p50/p97.5/p99, CPU per request of the server
 * processes and of the load generator, the ratio (and each turn's); with --section cluster also the same without ID numbers.
 */
function clusterLines(results: Record<string, Measure>) {
  // All the CPU a turn took, in cores: what the machine had left tells whether a second process could add anything.
  const cores = (measure: Measure) =>
    ((((measure.serverCpuMs ?? 0) + (measure.dbCpuMs ?? 0) + measure.clientCpuMs) * measure.rps) / 1000).toFixed(2);
  const fn = (measure: Measure) => [measure.p50, measure.p99, Math.round(measure.rps), measure.errors];
  const cpu = (measure: Measure) =>
    `server CPU ${measure.serverCpuMs!.toFixed(2)} ms/req${measure.dbCpuMs === undefined ? '' : `, database server ${measure.dbCpuMs.toFixed(2)} ms/req`}, load generator ${measure.clientCpuMs.toFixed(2)} ms/req; cores busy ${cores(measure)}`;
  const turns = (one: number, two: number) =>
    clusterRuns[two].map((turn, i) => `${(turn.rps / clusterRuns[one][i].rps).toFixed(2)}×`).join(', ');
  const one1 = results.cluster1;
  const two = results.cluster2;
  line('autofill through 1 process (compiled server, CLUSTER_WORKERS=1)', 32, ...fn(one1), `p97.5 ${one1.p97} ms; ${cpu(one1)}`);
  line(
    'autofill through 2 processes (cluster, CLUSTER_WORKERS=2)',
    32,
    ...fn(two),
    `p97.5 ${two.p97} ms; ${cpu(two)}; ${(two.rps / one1.rps).toFixed(2)}× 1 process (goal ≥ 1.6×)${rounds > 1 ? `; turns ${turns(1, 2)}` : ''}`,
  );
  if (!clusterRuns[11]) return;
  const [bare1, bare2] = [pooled(clusterRuns[11]), pooled(clusterRuns[12])];
  line('same, no ID numbers (no one read, no audit event), 1 process', 32, ...fn(bare1), cpu(bare1));
  line(
    'same, no ID numbers, 2 processes',
    32,
    ...fn(bare2),
    `${cpu(bare2)}; ${(bare2.rps / bare1.rps).toFixed(2)}× 1 process${rounds > 1 ? `; turns ${turns(11, 12)}` : ''}`,
  );
}

/** `node dist/src/main.js` on the bench's database with CLUSTER_WORKERS=workers; resolves once every worker listens. */
async function spawnCompiled(env: Record<string, string>, workers: number) {
  const port = await new Promise<number>((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port: free } = probe.address() as AddressInfo;
      probe.close(() => resolve(free));
    });
  });
  const child = spawn(process.execPath, [...(process.env.BENCH_SERVER_FLAGS?.split(' ').filter(Boolean) ?? []), 'dist/src/main.js'], {
    env: { ...process.env, ...env, PORT: String(port), CLUSTER_WORKERS: String(workers) },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  child.stdout.setEncoding('utf8').on('data', (text: string) => (out += text));
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
  for (let waited = 0; !out.includes('OneTable 已启动'); waited += 100) {
    if (waited > 120_000 || child.exitCode !== null) {
      await stop();
      throw new Error(`the compiled server (${workers} workers) did not start: ${out.slice(-500)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return { url: `http://127.0.0.1:${port}`, pid: child.pid!, stop };
}

/** A launch-sized resident file (48,000 rows) of people the seeded database does not hold yet. */
function* launchRows(villages: Region[]): Generator<string[]> {
  yield RESIDENT_COLUMNS;
  const rng = new Rng(48);
  for (let i = 0; i < LAUNCH_ROWS; i++) yield residentRow(rng, villages[i % villages.length].code, 9_000_000 + i, '2025-06-30');
}

/** Raw insert of the rows the import wrote: a resident per 7 facts, the facts and their current rows (bench/baselines.ts). */
async function rawInsertBaseline(value: Awaited<ReturnType<typeof setup>>['b'], num: number): Promise<number> {
  const [{ id }] = await value.dataSource.query(`SELECT id FROM region WHERE level = 'VILLAGE' ORDER BY id LIMIT 1`);
  return rawImportInsert(engine, { sqlitePath: value.config.db.sqlitePath, url: value.config.db.url }, num, '2024-12-31', Number(id));
}

main().then(
  () => process.exit(0),
  (value) => {
    process.stderr.write(`bench failed: ${value?.stack ?? value}\n`);
    process.exit(1);
  },
);
