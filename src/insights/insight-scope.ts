import { Role, type AuthUser } from '../common/auth-user.js';
import { forbidden } from '../common/errors.js';

/** The slice of the city a dashboard covers for this caller. */
export interface InsightScope {
  townId?: number;
  villageId?: number;
  departmentId?: number;
}

export function insightScopeOf(user: AuthUser): InsightScope {
  switch (user.role) {
    case Role.TOWN_STAFF:
      return { townId: user.regionId! };
    case Role.VILLAGE_CADRE:
      return { villageId: user.regionId! };
    case Role.DEPARTMENT_STAFF:
      return { departmentId: user.departmentId! };
    case Role.AUDITOR:
      throw forbidden('审计管理员只能查看审计日志');
    case Role.SECURITY_ADMIN:
      throw forbidden('安全管理员只管理账号，不查看业务数据');
    default:
      return {};
  }
}

/** A WHERE condition and its parameters; '1 = 1' when the caller sees the whole city. */
export interface ScopeSql {
  sql: string;
  params: Record<string, unknown>;
}

/** SQL conditions for rows carrying assignment-like columns (region, town, department). */
export function assignmentScopeSql(scope: InsightScope, alias: string): ScopeSql {
  const parts: string[] = [];
  const params: Record<string, unknown> = {};
  if (scope.townId) {
    parts.push(`${alias}.town_id = :scopeTown`);
    params.scopeTown = scope.townId;
  }
  if (scope.villageId) {
    parts.push(`${alias}.region_id = :scopeVillage`);
    params.scopeVillage = scope.villageId;
  }
  if (scope.departmentId) {
    parts.push(`${alias}.department_id = :scopeDept`);
    params.scopeDept = scope.departmentId;
  }
  return { sql: parts.length ? parts.join(' AND ') : '1 = 1', params };
}
