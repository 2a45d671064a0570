import { Module } from '@nestjs/common';
import { DepartmentsModule } from '../departments/departments.module.js';
import { FeedbackModule } from '../feedback/feedback.module.js';
import { FillingModule } from '../filling/filling.module.js';
import { RegionsModule } from '../regions/regions.module.js';
import {
  BurdenRankFields,
  DepartmentDecisionsFields,
  DepartmentStatFields,
  InsightsResolver,
  UnitProgressFields,
  VillageProgressFields,
} from './insights.resolver.js';
import { InsightsService } from './insights.service.js';
import { PlatformLifeDemoStep } from './platform-life.demo-step.js';

@Module({
  // Regions and departments: names and villages for the dashboards, imported explicitly, not relied on as global.
  // Everything else insights reads goes through the read models listed in ./read-models.ts.
  imports: [RegionsModule, DepartmentsModule, FillingModule, FeedbackModule],
  providers: [
    InsightsService,
    InsightsResolver,
    DepartmentDecisionsFields,
    DepartmentStatFields,
    BurdenRankFields,
    UnitProgressFields,
    VillageProgressFields,
    PlatformLifeDemoStep,
  ],
  exports: [InsightsService, PlatformLifeDemoStep],
})
export class InsightsModule {}
