import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { TargetLevel } from '../forms/form.entity.js';

/**
 * Share (0–1) of target units for which the shared database already holds a current value of
 * each element. The records module supplies the real one (reading current_fact) by providing
 * COVERAGE_PROVIDER; until then every share is 0 and the analysis runs the same code path.
 */
export interface CoverageProvider {
  coverage(em: EntityManager, elementIds: number[], level: TargetLevel): Promise<Map<number, number>>;
}

export const COVERAGE_PROVIDER = Symbol('COVERAGE_PROVIDER');

@Injectable()
export class NoCoverageProvider implements CoverageProvider {
  async coverage(_em: EntityManager, elementIds: number[]): Promise<Map<number, number>> {
    return new Map(elementIds.map((id) => [id, 0]));
  }
}
