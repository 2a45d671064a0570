import { Field, ObjectType } from '@nestjs/graphql';
import type { User } from './user.entity.js';

/**
 * Another staff member as shown inside other objects (who filed, answered, reviewed): a display
 * name and a unit only. Account details (username, role, last login, lock state) are shown only by
 * the user-management queries, to the security administrator.
 */
@ObjectType({ description: '经办人：只显示姓名和所属单位（账号细节只在用户管理中向管理员显示）' })
export class StaffRef {
  @Field({ description: '姓名' })
  displayName: string;

  /** For the `unit` field: the account's department or region. */
  departmentId: number | null;
  regionId: number | null;
}

export function staffRefOf(user: User | null): StaffRef | null {
  return user ? { displayName: user.displayName, departmentId: user.departmentId, regionId: user.regionId } : null;
}
