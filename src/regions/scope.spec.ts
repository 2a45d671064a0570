import { Role, type AuthUser } from '../common/auth-user.js';
import { canSeeVillage, villageScopeOf } from './scope.js';

const user = (role: Role, regionId: number | null = null): AuthUser => ({ id: 1, username: 'u', role, regionId, departmentId: null });

describe('village scope', () => {
  const village = { id: 10, parentId: 2 };
  it('a cadre sees only its own village', () => {
    expect(canSeeVillage(user(Role.VILLAGE_CADRE, 10), village)).toBe(true);
    expect(canSeeVillage(user(Role.VILLAGE_CADRE, 11), village)).toBe(false);
  });
  it('a town sees only its villages', () => {
    expect(canSeeVillage(user(Role.TOWN_STAFF, 2), village)).toBe(true);
    expect(canSeeVillage(user(Role.TOWN_STAFF, 3), village)).toBe(false);
  });
  it('an auditor sees no village data; the office sees all', () => {
    expect(villageScopeOf(user(Role.AUDITOR))).toEqual({ kind: 'none' });
    expect(canSeeVillage(user(Role.OFFICE_REVIEWER), village)).toBe(true);
  });
});
