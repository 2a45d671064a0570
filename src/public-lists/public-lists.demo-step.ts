import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { RegisterDemoStep, type DemoRun, type DemoStep } from '../common/demo-step.js';
import { DEMO_CERTIFICATES, DEMO_NAMEPLATES } from './demo-public-lists.js';
import { NameplateCategory, PublicList, PublicListItem } from './public-list-item.entity.js';

/** The office's two public lists: certificates villages may not be asked to issue, and the "4+8+2" nameplates. */
@Injectable()
@RegisterDemoStep(55)
export class PublicListsDemoStep implements DemoStep {
  readonly insideBaseTransaction = true;
  readonly name = 'public-lists';

  async run(run: DemoRun, em: EntityManager): Promise<void> {
    const rows = [
      ...DEMO_CERTIFICATES.map((item, i) => ({ list: PublicList.CERTIFICATE, ...item, category: null, note: null, sortOrder: i + 1 })),
      ...DEMO_NAMEPLATES.map((item, i) => ({ list: PublicList.NAMEPLATE, ...item, basis: null, alternative: null, sortOrder: i + 1 })),
    ];
    await em.createQueryBuilder().insert().into(PublicListItem).values(rows).execute();
    const plates = (category: NameplateCategory) => DEMO_NAMEPLATES.filter((item) => item.category === category).length;
    run.summary.push(
      `公开清单：不应由村(社区)出具的证明 ${DEMO_CERTIFICATES.length} 项；挂牌标准 ${plates(NameplateCategory.REQUIRED)}+${plates(NameplateCategory.OPTIONAL)}+${plates(NameplateCategory.SIGN)}`,
    );
  }
}
