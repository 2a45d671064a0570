// Profiles one autofill request shape through the full stack: node --cpu-prof dist/bench/profile-autofill.js
import { RequestContext } from '../src/common/request-context.js';
import { ImportService } from '../src/records/import.service.js';
import { Region, RegionLevel } from '../src/regions/region.entity.js';
import { User } from '../src/identity/user.entity.js';
import { residentRows, syntheticId, villageHistoryRows } from '../src/records/synthetic.js';
import { BENCH_PASSWORD, benchApp } from './support.js';

const b = await benchApp('sqlite', 'profile', 558, true);
const villages = await b.dataSource.getRepository(Region).find({ where: { level: RegionLevel.VILLAGE }, order: { code: 'ASC' } });
const imports = b.app.get(ImportService);
await imports.importRows(RequestContext.system(), villageHistoryRows(villages, ['2024-12-31']), { fileName: 'v' }, 'v');
await imports.importRows(RequestContext.system(), residentRows(villages, 10, '2024-12-31'), { fileName: 'r' }, 'r');
const v = villages[100];
const cadre = await b.dataSource.getRepository(User).findOneByOrFail({ regionId: v.id });
const post = async (body: unknown, token?: string) =>
  (await fetch(`${b.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) }, body: JSON.stringify(body) })).json() as any;
const token = (await post({ query: 'mutation($u:String!,$p:String!){ login(username:$u,password:$p){ token } }', variables: { u: cadre.username, p: BENCH_PASSWORD } })).data.login.token;
const codes = (await post({ query: '{ dataElements { code } }' }, token)).data.dataElements.map((e: any) => e.code).filter((c: string) => c.startsWith('village.') || ['resident.name', 'resident.phone', 'resident.gender'].includes(c));
const body = { query: `query($c:[String!]!,$v:VillageRefInput!,$ids:[String!]){ autofillElements(elementCodes:$c, village:$v, idNumbers:$ids){ values { key value asOf source sourceRef stale } residents { idMasked valid known values { key value asOf source } } } }`, variables: { c: codes, v: { id: v.id }, ids: Array.from({ length: 20 }, (_, i) => syntheticId(1000 + (i % 10))) } };
const n = Number(process.argv[2] ?? 300);
const t0 = Date.now();
for (let i = 0; i < n; i++) await post(body, token);
console.log(`${n} requests, ${((Date.now() - t0) / n).toFixed(1)} ms each`);
await b.close();
