import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { RegisterDemoStep, type DemoRun, type DemoStep } from '../common/demo-step.js';
import { RegionLevel } from '../regions/region.entity.js';
import { RegionsService } from '../regions/regions.service.js';
import { ImportService } from './import.service.js';
import { residentRows, villageHistoryRows } from './synthetic.js';

export const DEMO_HISTORY_DATES = ['2023-12-31', '2024-06-30', '2024-12-31'];
/** Residents per village: with the village history this makes ~48,000 records (data items). */
export const DEMO_RESIDENTS_PER_VILLAGE = 6;

/**
 * The launch's 48,000 historical records: village figures at three dates and synthetic residents,
 * loaded through the import path (the same validation, dedup and bulk writes as a real file).
 */
@Injectable()
@RegisterDemoStep(70)
export class RecordsDemoStep implements DemoStep {
  readonly name = 'records';
  readonly fullOnly = true;
  constructor(
    private readonly regions: RegionsService,
    private readonly imports: ImportService,
  ) {}

  async run(run: DemoRun): Promise<void> {
    const villages = await this.regions.findAt(RegionLevel.VILLAGE);
    const perVillage = DEMO_RESIDENTS_PER_VILLAGE;
    const hash = (what: string) => createHash('sha256').update(`demo:${run.options.seed}:${villages.length}:${what}`).digest('hex');
    const started = Date.now();
    const importReport = await this.imports.importRows(
      run.ctx,
      villageHistoryRows(villages, DEMO_HISTORY_DATES, run.options.seed),
      { fileName: '演示-村级历史数据.xlsx' },
      hash('villages'),
    );
    const importRows = await this.imports.importRows(
      run.ctx,
      residentRows(villages, perVillage, '2024-12-31', run.options.seed),
      { fileName: '演示-居民历史数据.xlsx' },
      hash('residents'),
    );
    run.summary.push(
      `历史数据：${importReport.factsAdded + importRows.factsAdded} 条（${villages.length} 个村 × ${DEMO_HISTORY_DATES.length} 个日期的村级数据、${importRows.importedRows} 位居民），用时 ${((Date.now() - started) / 1000).toFixed(1)} 秒`,
    );
  }
}
