import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { RegionsService } from '../regions/regions.service.js';

/**
 * How much of a village-level form the shared database already knows, read from current values: for
 * a village element, the share of villages holding a current value; for a resident element, the share
 * of villages with at least one resident holding one. Admission stores it with each request.
 */
@Injectable()
export class CoverageService {
  constructor(private readonly regions: RegionsService) {}

  /** Share (0–1) per element id, in the caller's transaction. */
  async villageCoverage(em: EntityManager, elementIds: number[]): Promise<Map<number, number>> {
    const shares = new Map(elementIds.map((id) => [id, 0]));
    if (!elementIds.length) return shares;
    const villages = await this.regions.countVillages(em);
    if (!villages) return shares;
    const [village, resident] = await Promise.all([
      em
        .createQueryBuilder()
        .select('cf.element_id', 'e')
        .addSelect('COUNT(*)', 'c')
        .from('current_fact', 'cf')
        .where(`cf.subject_type = 'VILLAGE' AND cf.element_id IN (:...ids)`, { ids: elementIds })
        .groupBy('cf.element_id')
        .getRawMany<{ e: number | string; c: number | string }>(),
      em
        .createQueryBuilder()
        .select('cf.element_id', 'e')
        .addSelect('COUNT(DISTINCT r.village_id)', 'c')
        .from('current_fact', 'cf')
        .innerJoin('resident', 'r', 'r.id = cf.subject_id')
        .where(`cf.subject_type = 'RESIDENT' AND cf.element_id IN (:...ids)`, { ids: elementIds })
        .groupBy('cf.element_id')
        .getRawMany<{ e: number | string; c: number | string }>(),
    ]);
    for (const row of [...village, ...resident])
      shares.set(Number(row.e), Math.min(1, Math.round((Number(row.c) / villages) * 10000) / 10000));
    return shares;
  }
}
