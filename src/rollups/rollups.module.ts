import { Module } from '@nestjs/common';
import { RollupService } from './rollup.service.js';

/**
 * The dashboards' read model: per-task-and-town, per-month and per-village-year counts, changed by the
 * writers (dispatch, filling) with plain figures in their own transactions, read by insights.
 */
@Module({ providers: [RollupService], exports: [RollupService] })
export class RollupsModule {}
