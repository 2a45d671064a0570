import type { EntityManager } from 'typeorm';
import type { TargetLevel } from '../forms/form.entity.js';

/**
 * Share (0–1) of target units for which the shared database already holds a current value of
 * each element; supplied by the records module (CurrentFactCoverage reads current_fact).
 */
export interface CoverageProvider {
  coverage(em: EntityManager, elementIds: number[], level: TargetLevel): Promise<Map<number, number>>;
}

export const COVERAGE_PROVIDER = Symbol('COVERAGE_PROVIDER');
