import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { RegisterDemoStep, type DemoRun, type DemoStep } from '../common/demo-step.js';
import { TownContact } from './town-contact.entity.js';

const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '赵', '黄', '周', '吴', '徐', '孙', '胡', '朱', '高', '林', '何'];

/** Each town's published contact: an office phone in the 0710 (Xiangyang) area. */
@Injectable()
@RegisterDemoStep(60)
export class DisclosureDemoStep implements DemoStep {
  readonly insideBaseTransaction = true;
  readonly name = 'town-contacts';

  async run(run: DemoRun, em: EntityManager): Promise<void> {
    const towns = run.regions.filter((region) => region.level === 'TOWN');
    const rows = towns.map((town, i) => ({
      townId: town.id,
      contactName: `${SURNAMES[i % SURNAMES.length]}${run.rng.int(0, 1) ? '主任' : '科长'}`,
      phone: `0710-6${String(run.rng.int(100000, 999999))}`,
      address: `枣阳市${town.name}党政办公室`,
    }));
    if (rows.length) await em.createQueryBuilder().insert().into(TownContact).values(rows).execute();
    run.summary.push(`政务公开：${rows.length} 个镇(街道)的减负联系方式`);
  }
}
