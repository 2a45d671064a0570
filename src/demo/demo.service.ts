import { Injectable } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { Role } from '../common/auth-user.js';
import { RequestContext } from '../common/request-context.js';
import { TransactionService } from '../common/transaction.service.js';
import { passwordProblems } from '../identity/password.js';
import { Region } from '../regions/region.entity.js';
import { User } from '../identity/user.entity.js';
import { UsersService } from '../identity/users.service.js';
import type { DemoOptions, DemoRun } from './demo-step.js';
import { DEMO_STEPS } from './demo-steps.js';
import { ZAOYANG_VILLAGES } from './regions-generator.js';
import { Rng } from './rng.js';

export const DEMO_SEED = 20251;

function generatePassword(): string {
  const raw = randomBytes(9).toString('base64url').replace(/[-_]/g, 'x');
  return `Zy-${raw.slice(0, 4)}-${raw.slice(4, 8)}7`;
}

@Injectable()
export class DemoService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tx: TransactionService,
    private readonly moduleRef: ModuleRef,
  ) {}

  async isEmpty(): Promise<boolean> {
    return (await this.dataSource.getRepository(Region).count()) === 0;
  }

  /** Loads the demo data set into an empty database; deterministic for a seed. */
  async load(opts: DemoOptions = {}): Promise<DemoRun> {
    const password = opts.password ?? generatePassword();
    const problems = passwordProblems(password);
    if (problems.length) throw new Error(`DEMO_PASSWORD 不符合密码规则：${problems.map((p) => p.message).join('；')}`);
    const options = { password, seed: opts.seed ?? DEMO_SEED, villages: opts.villages ?? ZAOYANG_VILLAGES, full: opts.full ?? true };
    const run: DemoRun = { options, rng: new Rng(options.seed), ctx: RequestContext.system(), accounts: [], summary: [] };
    const steps = DEMO_STEPS.map((s) => this.moduleRef.get(s, { strict: false }));
    const wanted = steps.filter((s) => options.full || !s.fullOnly);
    await this.tx.run(async (em) => {
      for (const step of wanted.filter((s) => s.insideBaseTransaction)) await step.run(run, em);
    });
    const admin = await this.dataSource.getRepository(User).findOneByOrFail({ username: 'admin', role: Role.ADMIN });
    run.ctx = RequestContext.system(UsersService.toAuthUser(admin));
    for (const step of wanted.filter((s) => !s.insideBaseTransaction)) await step.run(run);
    return run;
  }

  describeAccounts(run: DemoRun): string {
    const lines = [
      '',
      '已载入演示数据（枣阳市）：',
      ...run.summary.map((s) => `  ${s}`),
      '演示账号（所有账号密码相同）：',
      ...run.accounts.map((a) => `  ${a.username.padEnd(22)} ${a.role.padEnd(17)} ${a.displayName}`),
      '  其余账号：部门 bm_<部门代码>，镇 zhen_<镇拼音>，村 cun_<12位村代码>（见 README）',
      `  密码：${run.options.password}${process.env.DEMO_PASSWORD ? '（来自 DEMO_PASSWORD）' : '（随机生成，只显示这一次；可设置 DEMO_PASSWORD 并删除 data/ 后重新生成）'}`,
      '',
    ];
    return lines.join('\n');
  }
}
