// Profiles the bench's autofill request through the full stack, under load from autocannon in its
// own process, so the profile holds only the server's side of the requests (no setup, no client):
//   npm run build && node dist/bench/profile-autofill.js [seconds=10] [connections=32] [out=autofill.cpuprofile]
// Also prints the SQL statements one request runs (after warm-up).
import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { createRequire } from 'node:module';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { promisify } from 'node:util';
import { RequestContext } from '../src/common/request-context.js';
import { QueryCounter } from '../src/database/query-counter.js';
import { ImportService } from '../src/records/import.service.js';
import { Region, RegionLevel } from '../src/regions/region.entity.js';
import { User } from '../src/identity/user.entity.js';
import { residentRows, syntheticId, villageHistoryRows } from '../src/records/synthetic.js';
import { DataElement } from '../src/catalog/data-element.entity.js';
import { Subject } from '../src/catalog/value-type.js';
import { PiiService } from '../src/records/pii.service.js';
import { BARE_APOLLO_QUERY, sqliteReader, startBareApollo } from './baselines.js';
import { BENCH_PASSWORD, benchApp, type GqlResponse } from './support.js';

const [seconds = '10', connections = '32', out = 'autofill.cpuprofile'] = process.argv.slice(2);
// PROFILE_PER_VILLAGE=100 profiles the 10× database.
const perVillage = Number(process.env.PROFILE_PER_VILLAGE ?? 10);
const app = await benchApp('sqlite', 'profile', 558, true);
const villages = await app.dataSource.getRepository(Region).find({ where: { level: RegionLevel.VILLAGE }, order: { code: 'ASC' } });
const imports = app.app.get(ImportService);
await imports.importRows(RequestContext.system(), villageHistoryRows(villages, ['2024-12-31']), { fileName: 'v' }, 'v');
await imports.importRows(RequestContext.system(), residentRows(villages, perVillage, '2024-12-31'), { fileName: 'r' }, 'r');
const region = villages[100];
const cadre = await app.dataSource.getRepository(User).findOneByOrFail({ regionId: region.id });
const post = async <T = unknown>(body: unknown, token?: string) =>
  (
    await fetch(`${app.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(body),
    })
  ).json() as Promise<GqlResponse<T>>;
const token = (
  await post<{ login: { token: string } }>({
    query: 'mutation($u:String!,$p:String!){ login(username:$u,password:$p){ token } }',
    variables: { u: cadre.username, p: BENCH_PASSWORD },
  })
).data!.login.token;
const codes = (await post<{ dataElements: { code: string }[] }>({ query: '{ dataElements { code } }' }, token))
  .data!.dataElements.map((dataElement) => dataElement.code)
  .filter(
    (text: string) =>
      text.startsWith('village.') ||
      [
        'resident.name',
        'resident.gender',
        'resident.ethnicity',
        'resident.phone',
        'resident.education',
        'resident.dibao',
        'resident.employment',
        'resident.marital_status',
      ].includes(text),
  );
const body = {
  query: `query($c:[String!]!,$v:VillageRefInput!,$ids:[String!]){ autofillElements(elementCodes:$c, village:$v, idNumbers:$ids){ values { key value asOf source sourceRef stale } residents { idMasked valid known values { key value asOf source } } } }`,
  variables: { c: codes, v: { id: region.id }, ids: Array.from({ length: 20 }, (_, i) => syntheticId(100 * perVillage + (i % 10))) },
};
const first = await post(body, token);
if (first.errors) throw new Error(JSON.stringify(first.errors));
for (let i = 0; i < 200; i++) await post(body, token);
const counter = app.app.get(QueryCounter);
counter.reset();
await post(body, token);
console.log(`SQL statements per autofill request (warm): ${counter.reset()}`);

// PROFILE_TARGET=apollo profiles the bare Apollo baseline on the same data instead, for comparison.
let url = `${app.url}/graphql`;
let loadBody: unknown = body;
if (process.env.PROFILE_TARGET === 'apollo') {
  const els = await app.dataSource.getRepository(DataElement).find();
  const pii = app.app.get(PiiService);
  const apollo = await startBareApollo(sqliteReader(app.config.db.sqlitePath!), {
    villageId: region.id,
    villageElements: els.filter((el) => codes.includes(el.code) && el.subject === Subject.VILLAGE).map((el) => el.id),
    residentElements: els.filter((el) => codes.includes(el.code) && el.subject === Subject.RESIDENT).map((el) => el.id),
    hash: (id) => pii.hash(id),
  });
  url = apollo.url;
  loadBody = { query: BARE_APOLLO_QUERY, variables: { ids: body.variables.ids } };
}
// out '-' measures without the profiler.
const session = new Session();
session.connect();
if (out !== '-') {
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 200 });
  await session.post('Profiler.start');
}
if (process.env.PROFILE_SHOW)
  console.log(
    JSON.stringify(
      await (
        await fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
          body: JSON.stringify(loadBody),
        })
      ).text(),
    ).length,
  );
const cpu0 = process.cpuUsage();
const loop = monitorEventLoopDelay({ resolution: 5 });
loop.enable();
const autocannon = createRequire(import.meta.url).resolve('autocannon/autocannon.js');
const { stdout } = await promisify(execFile)(
  process.execPath,
  [
    autocannon,
    '-j',
    '-c',
    connections,
    '-d',
    seconds,
    '-m',
    'POST',
    '-H',
    'content-type=application/json',
    '-H',
    `authorization=Bearer ${token}`,
    '-b',
    JSON.stringify(loadBody),
    url,
  ],
  { maxBuffer: 1 << 26 },
);
const cpu = process.cpuUsage(cpu0);
loop.disable();
if (out !== '-') writeFileSync(out, JSON.stringify((await session.post('Profiler.stop')).profile));
const parsed = JSON.parse(stdout);
console.log(
  `c${connections}: ${Math.round(parsed.requests.average)} req/s, p50 ${parsed.latency.p50} ms, p99 ${parsed.latency.p99} ms, errors ${parsed.errors + parsed.non2xx}, server CPU ${((cpu.user + cpu.system) / 1000 / parsed.requests.total).toFixed(2)} ms/request, event-loop delay p99 ${(loop.percentile(99) / 1e6).toFixed(0)} ms max ${(loop.max / 1e6).toFixed(0)} ms; profile → ${out}`,
);
await app.close();
process.exit(0);
