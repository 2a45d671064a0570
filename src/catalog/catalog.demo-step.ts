import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { CacheStamps } from '../common/cache-stamps.js';
import { RegisterDemoStep, type DemoRun, type DemoStep } from '../common/demo-step.js';
import { DataElement } from './data-element.entity.js';
import { DEMO_ELEMENTS } from './demo-catalog.js';

@Injectable()
@RegisterDemoStep(40)
export class CatalogDemoStep implements DemoStep {
  readonly insideBaseTransaction = true;
  readonly name = 'catalog';

  constructor(private readonly stamps: CacheStamps) {}

  async run(run: DemoRun, em: EntityManager): Promise<void> {
    await em
      .createQueryBuilder()
      .insert()
      .into(DataElement)
      .values(
        DEMO_ELEMENTS.map((demoElement) => ({
          code: demoElement.code,
          name: demoElement.name,
          subject: demoElement.subject,
          valueType: demoElement.valueType,
          unit: demoElement.unit ?? null,
          optionsJson: demoElement.options ? JSON.stringify(demoElement.options) : null,
          minValue: demoElement.min ?? null,
          maxValue: demoElement.max ?? null,
          derivedFrom: demoElement.derivedFrom ?? null,
          aliasesJson: demoElement.aliases?.length ? JSON.stringify(demoElement.aliases) : null,
        })),
      )
      .execute();
    run.summary.push(`数据元目录：${DEMO_ELEMENTS.length} 个`);
    await this.stamps.bump(em, 'catalog');
  }
}
