import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { RegisterDemoStep, type DemoRun, type DemoStep } from '../common/demo-step.js';
import { pinyinKeys } from '../common/pinyin.js';
import { Department } from './department.entity.js';
import { DEPARTMENT_NAMES } from './zaoyang-departments.js';

/** Department short codes from pinyin initials: 市民政局 → mzj (de-duplicated with a digit). */
export function departmentCodes(names: readonly string[]): string[] {
  const seen = new Map<string, number>();
  return names.map((name) => {
    const base = pinyinKeys(name.replace(/^市/, '')).initials;
    const count = (seen.get(base) ?? 0) + 1;
    seen.set(base, count);
    return count === 1 ? base : `${base}${count}`;
  });
}

/** Zaoyang's 66 city departments. */
@Injectable()
@RegisterDemoStep(20)
export class DepartmentsDemoStep implements DemoStep {
  readonly insideBaseTransaction = true;
  readonly name = 'departments';

  async run(run: DemoRun, em: EntityManager): Promise<void> {
    const codes = departmentCodes(DEPARTMENT_NAMES);
    await em
      .createQueryBuilder()
      .insert()
      .into(Department)
      .values(DEPARTMENT_NAMES.map((name, i) => ({ code: codes[i], name })))
      .execute();
    run.departments = (await em.getRepository(Department).find({ order: { id: 'ASC' } })).map((dept) => ({
      id: dept.id,
      code: dept.code,
      name: dept.name,
    }));
    run.summary.push(`部门 ${run.departments.length} 个`);
  }
}
