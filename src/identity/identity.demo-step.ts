import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Role } from '../common/auth-user.js';
import { RegisterDemoStep, type DemoRun, type DemoStep } from '../common/demo-step.js';
import { hashPassword, passwordProblems } from './password.js';
import { User } from './user.entity.js';
import { UsersService } from './users.service.js';
import { SecondFactorService } from './second-factor.service.js';

const CHUNK = 500;
/** The examples the README names too. */
const PRINTED_EXAMPLES = ['bm_mzj', 'bm_nyncj', 'zhen_juwan', 'zhen_huancheng', 'cun_420683003200', 'cun_420683003201'];
const SCOPED: string[] = [Role.VILLAGE_CADRE, Role.TOWN_STAFF, Role.DEPARTMENT_STAFF];

/** One account per role: the city-wide ones, a clerk per department and town, a cadre per village. */
@Injectable()
@RegisterDemoStep(30)
export class IdentityDemoStep implements DemoStep {
  constructor(private readonly secondFactor: SecondFactorService) {}
  readonly insideBaseTransaction = true;
  readonly name = 'accounts';

  async run(run: DemoRun, em: EntityManager): Promise<void> {
    const problems = passwordProblems(run.options.password);
    if (problems.length) throw new Error(`DEMO_PASSWORD 不符合密码规则：${problems.map((problem) => problem.message).join('；')}`);
    // One hash shared by all demo accounts: hashing 600+ passwords at scrypt cost would take a minute.
    const passwordHash = await hashPassword(run.options.password);
    const users: Partial<User>[] = [];
    const add = (username: string, displayName: string, role: Role, regionId: number | null = null, departmentId: number | null = null) => {
      // Demo accounts share one printed password: exempt from expiry and the first-sign-in change (README).
      users.push({
        username,
        displayName,
        role,
        regionId,
        departmentId,
        passwordHash,
        passwordPolicyExempt: true,
        passwordChangedAt: new Date(),
      });
      // Printed: every city-wide account, and one example of each scoped kind (the rest follow its pattern).
      if (!SCOPED.includes(role) || PRINTED_EXAMPLES.includes(username)) run.accounts.push({ username, role, displayName });
    };
    add('admin', '系统管理员', Role.ADMIN);
    add('jianfuban', '减负办审核员（王主任）', Role.OFFICE_REVIEWER);
    add('jianfuban2', '减负办审核员（李科长）', Role.OFFICE_REVIEWER);
    add('anquan', '安全管理员', Role.SECURITY_ADMIN);
    add('shenji', '审计管理员', Role.AUDITOR);
    add('lingdao', '市领导驾驶舱', Role.VIEWER);
    for (const dept of run.departments) add(`bm_${dept.code}`, `${dept.name}业务员`, Role.DEPARTMENT_STAFF, null, dept.id);
    for (const town of run.regions.filter((region) => region.level === 'TOWN'))
      add(`zhen_${town.slug}`, `${town.name}工作人员`, Role.TOWN_STAFF, town.id);
    for (const village of run.regions.filter((region) => region.level === 'VILLAGE'))
      add(`cun_${village.code}`, `${village.name}村干部`, Role.VILLAGE_CADRE, village.id);
    for (let i = 0; i < users.length; i += CHUNK)
      await em
        .createQueryBuilder()
        .insert()
        .into(User)
        .values(users.slice(i, i + CHUNK))
        .execute();
    // The accounts whose role needs a second factor get one now; their secrets are printed with the password.
    for (const account of run.accounts.filter((one) => this.secondFactor.required(one.role as Role))) {
      const user = await em.getRepository(User).findOneByOrFail({ username: account.username });
      account.secondFactorSecret = await this.secondFactor.enableForDemo(em, user);
    }
    const admin = await em.getRepository(User).findOneByOrFail({ username: 'admin', role: Role.ADMIN });
    run.admin = UsersService.toAuthUser(admin);
    run.summary.push(`账号 ${users.length} 个`);
  }
}
