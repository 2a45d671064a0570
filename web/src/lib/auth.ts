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

/** Where an earlier version kept the bearer token: removed on sight (the session is an httpOnly cookie now). */
const OLD_TOKEN_KEY = 'onetable.token';
const ME_KEY = 'onetable.me';

function readMe(): Me | null {
  try {
    return JSON.parse(localStorage.getItem(ME_KEY) ?? 'null');
  } catch {
    return null;
  }
}

localStorage.removeItem(OLD_TOKEN_KEY);

/** Who is signed in. The credential is the session cookie (httpOnly, SameSite=Strict), which no script here can read. */
export const auth = reactive<{ me: Me | null }>({
  me: readMe(),
});

export function setSession(me: Me) {
  auth.me = me;
  localStorage.setItem(ME_KEY, JSON.stringify(me));
}

export function clearSession() {
  auth.me = null;
  localStorage.removeItem(ME_KEY);
}

/** Where the person's scope is, in words: 琚湾镇 · 土铺村, 市民政局, 全市. */
export function scopeName(me: Me | null): string {
  if (!me) return '';
  if (me.department) return me.department.name;
  if (me.region) return me.region.town ? `${me.region.town.name} · ${me.region.name}` : me.region.name;
  return '全市';
}
