export enum Role {
  DEPARTMENT_STAFF = 'DEPARTMENT_STAFF',
  OFFICE_REVIEWER = 'OFFICE_REVIEWER',
  TOWN_STAFF = 'TOWN_STAFF',
  VILLAGE_CADRE = 'VILLAGE_CADRE',
  VIEWER = 'VIEWER',
  ADMIN = 'ADMIN',
  /** 安全管理员 (三员分立): accounts, roles, passwords, locks, sessions, second factors. */
  SECURITY_ADMIN = 'SECURITY_ADMIN',
  AUDITOR = 'AUDITOR',
}
export const ALL_ROLES = Object.values(Role);

/** The caller as every service sees it: who, which role, which slice of the city. */
export interface AuthUser {
  id: number;
  username: string;
  role: Role;
  /** TOWN_STAFF: the town; VILLAGE_CADRE: the village; others: null (city-wide). */
  regionId: number | null;
  departmentId: number | null;
  /** The password must be changed before anything else (identity/password-policy.ts): set when the caller signed in with a token. */
  passwordChangeRequired?: 'MUST_CHANGE' | 'EXPIRED' | null;
  /** Signed in with the password only, but the role needs a second factor: may only bind one, see itself or sign out. */
  mustEnrolSecondFactor?: boolean;
  /** The session the caller's token belongs to (identity/session.service.ts); logout ends it. */
  sessionId?: string;
  /** A read-only service token: every mutation and every non-GET request is refused. */
  readOnly?: boolean;
}

/** The AuthUser of a stored user (a User entity or any row with its fields). */
export function authUserOf(user: AuthUser): AuthUser {
  return { id: user.id, username: user.username, role: user.role, regionId: user.regionId, departmentId: user.departmentId };
}

/** The roles as a clerk names them (the audit page and its export show these; the user list searches and exports them). */
export const ROLE_LABELS: Record<Role, string> = {
  DEPARTMENT_STAFF: '市直部门',
  OFFICE_REVIEWER: '减负办',
  TOWN_STAFF: '镇(街道)',
  VILLAGE_CADRE: '村(社区)干部',
  VIEWER: '领导查看',
  ADMIN: '系统管理员',
  SECURITY_ADMIN: '安全管理员',
  AUDITOR: '审计管理员',
};
