import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { Role, type AuthUser } from '../common/auth-user.js';
import { notFound } from '../common/errors.js';

/**
 * Which villages' data a caller may read. Enforced in the query that reads the data (never only
 * in a guard): services add whereVillageInScope to every query over village-keyed rows.
 */
export type VillageScope = { kind: 'all' } | { kind: 'town'; townId: number } | { kind: 'village'; villageId: number } | { kind: 'none' };

export function villageScopeOf(user: AuthUser): VillageScope {
  switch (user.role) {
    case Role.VILLAGE_CADRE:
      return user.regionId ? { kind: 'village', villageId: user.regionId } : { kind: 'none' };
    case Role.TOWN_STAFF:
      return user.regionId ? { kind: 'town', townId: user.regionId } : { kind: 'none' };
    case Role.AUDITOR:
    case Role.SECURITY_ADMIN:
      return { kind: 'none' };
    default:
      return { kind: 'all' };
  }
}

let seq = 0;
/**
 * Limits `villageColumn` (e.g. `a.villageId`) to the caller's scope. With `townColumn` (a
 * denormalised town id on the row) a town filter needs no sub-query.
 */
export function whereVillageInScope<T extends ObjectLiteral>(
  qb: SelectQueryBuilder<T>,
  user: AuthUser,
  villageColumn: string,
  townColumn?: string,
): SelectQueryBuilder<T> {
  const villageScope = villageScopeOf(user);
  const text = `scope${++seq % 1000}`;
  switch (villageScope.kind) {
    case 'all':
      return qb;
    case 'none':
      return qb.andWhere('1 = 0');
    case 'village':
      return qb.andWhere(`${villageColumn} = :${text}`, { [text]: villageScope.villageId });
    case 'town':
      return townColumn
        ? qb.andWhere(`${townColumn} = :${text}`, { [text]: villageScope.townId })
        : qb.andWhere(`${villageColumn} IN (SELECT sr.id FROM region sr WHERE sr.parent_id = :${text})`, { [text]: villageScope.townId });
  }
}

/** For a single row already loaded: whether the village lies in the caller's scope. */
export function canSeeVillage(user: AuthUser, village: { id: number; parentId: number | null }): boolean {
  const villageScope = villageScopeOf(user);
  return (
    villageScope.kind === 'all' ||
    (villageScope.kind === 'village' && villageScope.villageId === village.id) ||
    (villageScope.kind === 'town' && villageScope.townId === village.parentId)
  );
}

/**
 * Refuses a single row outside the caller's scope with the same NOT_FOUND (same message) as a row
 * that does not exist, so ids cannot be probed for existence. `what` names the object, e.g. 反馈.
 */
export function assertVillageInScope(user: AuthUser, village: { id: number; parentId: number | null }, what: string): void {
  if (!canSeeVillage(user, village)) throw notFound(what);
}
