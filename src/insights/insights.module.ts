import { Module } from '@nestjs/common';
import { BurdenRankFields, DepartmentDecisionsFields, DepartmentStatFields, InsightsResolver, UnitProgressFields, VillageProgressFields } from './insights.resolver.js';
import { InsightsService } from './insights.service.js';

@Module({
  providers: [InsightsService, InsightsResolver, DepartmentDecisionsFields, DepartmentStatFields, BurdenRankFields, UnitProgressFields, VillageProgressFields],
  exports: [InsightsService],
})
export class InsightsModule {}
