import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { CoverageProvider } from '../admission/coverage.provider.js';
import { TargetLevel } from '../forms/form.entity.js';

/**
 * The admission analysis's "already known" share, read from current values: for a village
 * element, the share of villages holding a current value; for a resident element, the share of
 * villages with at least one resident holding one. Town-level forms have no village subjects: 0.
 */
@Injectable()
export class CurrentFactCoverage implements CoverageProvider {
  async coverage(em: EntityManager, elementIds: number[], level: TargetLevel): Promise<Map<number, number>> {
    const shares = new Map(elementIds.map((id) => [id, 0]));
    if (!elementIds.length || level !== TargetLevel.VILLAGE) return shares;
    const villages = Number((await em.query(`SELECT COUNT(*) AS c FROM region WHERE level = 'VILLAGE'`))[0].c);
    if (!villages) return shares;
    const [village, resident] = await Promise.all([
      em
        .createQueryBuilder()
        .select('cf.element_id', 'e')
        .addSelect('COUNT(*)', 'c')
        .from('current_fact', 'cf')
        .where(`cf.subject_type = 'VILLAGE' AND cf.element_id IN (:...ids)`, { ids: elementIds })
        .groupBy('cf.element_id')
        .getRawMany(),
      em
        .createQueryBuilder()
        .select('cf.element_id', 'e')
        .addSelect('COUNT(DISTINCT r.village_id)', 'c')
        .from('current_fact', 'cf')
        .innerJoin('resident', 'r', 'r.id = cf.subject_id')
        .where(`cf.subject_type = 'RESIDENT' AND cf.element_id IN (:...ids)`, { ids: elementIds })
        .groupBy('cf.element_id')
        .getRawMany(),
    ]);
    for (const row of [...village, ...resident])
      shares.set(Number(row.e), Math.min(1, Math.round((Number(row.c) / villages) * 10000) / 10000));
    return shares;
  }
}
