import { reactive } from 'vue';
import type { Enum } from '../graphql.js';
import type { Me } from './me.js';

export type { Me } from './me.js';
export type Role = Enum<'Role'>;

/** Every role the schema has: adding one to the schema is a type error here until it has a name. */
export const ROLE_NAMES: Record<Role, string> = {
  DEPARTMENT_STAFF: '市直部门',
  OFFICE_REVIEWER: '减负办',
  TOWN_STAFF: '镇(街道)',
  VILLAGE_CADRE: '村(社区)',
  VIEWER: '领导查看',
  ADMIN: '系统管理员',
  SECURITY_ADMIN: '安全管理员',
  AUDITOR: '审计管理员',
};

const TOKEN_KEY = 'onetable.token';
const ME_KEY = 'onetable.me';

function readMe(): Me | null {
  try {
    return JSON.parse(localStorage.getItem(ME_KEY) ?? 'null');
  } catch {
    return null;
  }
}

export const auth = reactive<{ token: string | null; me: Me | null }>({
  token: localStorage.getItem(TOKEN_KEY),
  me: readMe(),
});

export function setSession(token: string, me: Me) {
  auth.token = token;
  auth.me = me;
  localStorage.setItem(TOKEN_KEY, token);
  localStorage.setItem(ME_KEY, JSON.stringify(me));
}

export function clearSession() {
  auth.token = null;
  auth.me = null;
  localStorage.removeItem(TOKEN_KEY);
  localStorage.removeItem(ME_KEY);
}

/** Where the person's scope is, in words: 琚湾镇 · 土铺村, 市民政局, 全市. */
export function scopeName(me: Me | null): string {
  if (!me) return '';
  if (me.department) return me.department.name;
  if (me.region) return me.region.town ? `${me.region.town.name} · ${me.region.name}` : me.region.name;
  return '全市';
}
