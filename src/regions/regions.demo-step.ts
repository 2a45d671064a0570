import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { RegisterDemoStep, type DemoRun, type DemoStep } from '../common/demo-step.js';
import { pinyinKeys } from '../common/pinyin.js';
import { Region, RegionLevel } from './region.entity.js';
import { generateRegions } from './regions-generator.js';
import { RegionsService } from './regions.service.js';

const CHUNK = 500;

/** The city → town → village tree (Zaoyang's 17 towns and 558 villages, or a province for benchmarks). */
@Injectable()
@RegisterDemoStep(10)
export class RegionsDemoStep implements DemoStep {
  readonly insideBaseTransaction = true;
  readonly name = 'regions';

  constructor(private readonly regions: RegionsService) {}

  async hasData(): Promise<boolean> {
    return (await this.regions.countByLevel(RegionLevel.CITY)) > 0;
  }

  async run(run: DemoRun, em: EntityManager): Promise<void> {
    const generated = generateRegions(run.options.seed, run.options.villages);
    const idByCode = new Map<string, number>();
    for (const level of [RegionLevel.CITY, RegionLevel.TOWN, RegionLevel.VILLAGE]) {
      const rows = generated
        .filter((region) => region.level === level)
        .map((region) => ({
          code: region.code,
          name: region.name,
          level,
          parentId: region.parentCode ? idByCode.get(region.parentCode)! : null,
          ...pinyinKeys(region.name),
          monitoringPoint: region.monitoringPoint,
          population: region.population,
        }));
      for (let i = 0; i < rows.length; i += CHUNK)
        await em
          .createQueryBuilder()
          .insert()
          .into(Region)
          .values(rows.slice(i, i + CHUNK))
          .execute();
      const saved = await em.getRepository(Region).find({ select: { id: true, code: true }, where: { level } });
      for (const region of saved) idByCode.set(region.code, region.id);
    }
    run.regions = generated.map((region) => ({
      id: idByCode.get(region.code)!,
      code: region.code,
      name: region.name,
      level: region.level,
      parentId: region.parentCode ? idByCode.get(region.parentCode)! : null,
      slug: region.slug,
    }));
    const count = (level: string) => generated.filter((region) => region.level === level).length;
    run.summary.push(`区划：1 个市、${count('TOWN')} 个镇(办、区)、${count('VILLAGE')} 个村(社区)`);
    await this.regions.changed(em);
  }
}
