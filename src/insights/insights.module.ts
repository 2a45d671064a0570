import { Module } from '@nestjs/common';
import { DepartmentsModule } from '../departments/departments.module.js';
import { RegionsModule } from '../regions/regions.module.js';
import {
  BurdenRankFields,
  DepartmentDecisionsFields,
  DepartmentOrderCountFields,
  DepartmentOrderFundsFields,
  DepartmentStatFields,
  InsightsResolver,
  UnitProgressFields,
  VillageOrdersFields,
  VillageProgressFields,
} from './insights.resolver.js';
import { InsightsService } from './insights.service.js';

@Module({
  // Regions and departments: names and villages for the dashboards, imported explicitly, not relied on as global.
  // Everything else insights reads goes through the read models listed in ./read-models.ts.
  imports: [RegionsModule, DepartmentsModule],
  providers: [
    InsightsService,
    InsightsResolver,
    DepartmentDecisionsFields,
    DepartmentStatFields,
    BurdenRankFields,
    UnitProgressFields,
    VillageProgressFields,
    VillageOrdersFields,
    DepartmentOrderFundsFields,
    DepartmentOrderCountFields,
  ],
  exports: [InsightsService],
})
export class InsightsModule {}
