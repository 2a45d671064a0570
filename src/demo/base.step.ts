import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Role } from '../common/auth-user.js';
import { Department } from '../departments/department.entity.js';
import { hashPassword } from '../identity/password.js';
import { User } from '../identity/user.entity.js';
import { pinyinKeys } from '../regions/pinyin.js';
import { Region, RegionLevel } from '../regions/region.entity.js';
import type { DemoRun, DemoStep } from './demo-step.js';
import { generateRegions } from './regions-generator.js';
import { DEPARTMENT_NAMES } from './zaoyang.js';

const CHUNK = 500;
/** The examples the README names too. */
const PRINTED_EXAMPLES = ['bm_mzj', 'bm_nyncj', 'zhen_juwan', 'zhen_huancheng', 'cun_420683003200', 'cun_420683003201'];
const SCOPED: string[] = [Role.VILLAGE_CADRE, Role.TOWN_STAFF, Role.DEPARTMENT_STAFF];

async function insertChunked<T extends object>(em: EntityManager, entity: new () => T, rows: Partial<T>[]): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK)
    await em
      .createQueryBuilder()
      .insert()
      .into(entity)
      .values(rows.slice(i, i + CHUNK) as any)
      .execute();
}

/** Department short codes from pinyin initials: 市民政局 → mzj (de-duplicated with a digit). */
export function departmentCodes(names: readonly string[]): string[] {
  const seen = new Map<string, number>();
  return names.map((n) => {
    const base = pinyinKeys(n.replace(/^市/, '')).initials;
    const k = (seen.get(base) ?? 0) + 1;
    seen.set(base, k);
    return k === 1 ? base : `${base}${k}`;
  });
}

/** Regions, departments and one account per role (a cadre per village, a clerk per town and department). */
@Injectable()
export class BaseDemoStep implements DemoStep {
  readonly insideBaseTransaction = true;
  readonly name = 'base';

  async run(run: DemoRun, em: EntityManager): Promise<void> {
    const gen = generateRegions(run.options.seed, run.options.villages);
    const idByCode = new Map<string, number>();
    for (const level of [RegionLevel.CITY, RegionLevel.TOWN, RegionLevel.VILLAGE]) {
      const rows = gen
        .filter((r) => r.level === level)
        .map((r) => ({
          code: r.code,
          name: r.name,
          level,
          parentId: r.parentCode ? idByCode.get(r.parentCode)! : null,
          ...pinyinKeys(r.name),
          monitoringPoint: r.monitoringPoint,
          population: r.population,
        }));
      await insertChunked(em, Region, rows);
      const saved = await em.getRepository(Region).find({ select: { id: true, code: true }, where: { level } });
      for (const r of saved) idByCode.set(r.code, r.id);
    }
    const codes = departmentCodes(DEPARTMENT_NAMES);
    await insertChunked(
      em,
      Department,
      DEPARTMENT_NAMES.map((name, i) => ({ code: codes[i], name })),
    );
    const depts = await em.getRepository(Department).find();

    // One hash shared by all demo accounts: hashing 600+ passwords at scrypt cost would take a minute.
    const passwordHash = await hashPassword(run.options.password);
    const users: Partial<User>[] = [];
    const add = (username: string, displayName: string, role: Role, regionId: number | null = null, departmentId: number | null = null) => {
      users.push({ username, displayName, role, regionId, departmentId, passwordHash });
      // Printed: every city-wide account, and one example of each scoped kind (the rest follow its pattern).
      if (!SCOPED.includes(role) || PRINTED_EXAMPLES.includes(username)) run.accounts.push({ username, role, displayName });
    };
    add('admin', '系统管理员', Role.ADMIN);
    add('jianfuban', '减负办审核员（王主任）', Role.OFFICE_REVIEWER);
    add('jianfuban2', '减负办审核员（李科长）', Role.OFFICE_REVIEWER);
    add('shenji', '审计管理员', Role.AUDITOR);
    add('lingdao', '市领导驾驶舱', Role.VIEWER);
    for (const d of depts) add(`bm_${d.code}`, `${d.name}业务员`, Role.DEPARTMENT_STAFF, null, d.id);
    for (const t of gen.filter((r) => r.level === 'TOWN'))
      add(`zhen_${t.slug}`, `${t.name}工作人员`, Role.TOWN_STAFF, idByCode.get(t.code)!);
    for (const v of gen.filter((r) => r.level === 'VILLAGE'))
      add(`cun_${v.code}`, `${v.name}村干部`, Role.VILLAGE_CADRE, idByCode.get(v.code)!);
    await insertChunked(em, User, users);
    run.summary.push(
      `区划：1 个市、${gen.filter((r) => r.level === 'TOWN').length} 个镇(办、区)、${gen.filter((r) => r.level === 'VILLAGE').length} 个村(社区)；部门 ${depts.length} 个；账号 ${users.length} 个`,
    );
  }
}
