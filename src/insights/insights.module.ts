import { Module } from '@nestjs/common';
import { DepartmentsModule } from '../departments/departments.module.js';
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

@Module({
  imports: [DepartmentsModule, RegionsModule],
  providers: [
    InsightsService,
    InsightsResolver,
    DepartmentDecisionsFields,
    DepartmentStatFields,
    BurdenRankFields,
    UnitProgressFields,
    VillageProgressFields,
  ],
  exports: [InsightsService],
})
export class InsightsModule {}
