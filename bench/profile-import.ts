import { RequestContext } from '../src/common/request-context.js';
import { ImportService } from '../src/records/import.service.js';
import { Region, RegionLevel } from '../src/regions/region.entity.js';
import { residentRows, villageHistoryRows } from '../src/records/synthetic.js';
import { benchApp } from './support.js';

const b = await benchApp((process.argv[2] as any) ?? 'sqlite', 'profile', 558);
const villages = await b.dataSource.getRepository(Region).find({ where: { level: RegionLevel.VILLAGE } });
let t0 = Date.now();
let r = await b.app.get(ImportService).importRows(RequestContext.system(), villageHistoryRows(villages, ['2023-12-31', '2024-06-30', '2024-12-31']), { fileName: 'x' }, 'h0');
console.log('villages', r.importedRows, r.factsAdded, Date.now() - t0, 'ms');
t0 = Date.now();
r = await b.app.get(ImportService).importRows(RequestContext.system(), residentRows(villages, 6, '2024-12-31'), { fileName: 'x' }, 'h1');
console.log('residents', r.importedRows, r.factsAdded, Date.now() - t0, 'ms');
await b.close();
