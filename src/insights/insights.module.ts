import { Module } from '@nestjs/common';
import { FeedbackModule } from '../feedback/feedback.module.js';
import { FillingModule } from '../filling/filling.module.js';
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
  imports: [FillingModule, FeedbackModule],
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
