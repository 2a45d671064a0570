import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { RegisterDemoStep, type DemoRun, type DemoStep } from '../common/demo-step.js';
import { DataElement } from './data-element.entity.js';
import { DEMO_ELEMENTS } from './demo-catalog.js';

@Injectable()
@RegisterDemoStep(40)
export class CatalogDemoStep implements DemoStep {
  readonly insideBaseTransaction = true;
  readonly name = 'catalog';

  async run(run: DemoRun, em: EntityManager): Promise<void> {
    await em
      .createQueryBuilder()
      .insert()
      .into(DataElement)
      .values(
        DEMO_ELEMENTS.map((d) => ({
          code: d.code,
          name: d.name,
          subject: d.subject,
          valueType: d.valueType,
          unit: d.unit ?? null,
          optionsJson: d.options ? JSON.stringify(d.options) : null,
          minValue: d.min ?? null,
          maxValue: d.max ?? null,
          derivedFrom: d.derivedFrom ?? null,
        })),
      )
      .execute();
    run.summary.push(`数据元目录：${DEMO_ELEMENTS.length} 个`);
  }
}
