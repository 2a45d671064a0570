import { Injectable } from '@nestjs/common';
import { DiscoveryService, Reflector } from '@nestjs/core';
import { randomBytes } from 'node:crypto';
import { DEMO_STEP_ORDER, type DemoOptions, type DemoRun, type DemoStep } from '../common/demo-step.js';
import { RequestContext } from '../common/request-context.js';
import { Rng } from '../common/rng.js';
import { TransactionService } from '../common/transaction.service.js';

export const DEMO_SEED = 20251;
/** Zaoyang's village count (shared/zaoyang-regions.md): the default size of the demo. */
export const ZAOYANG_VILLAGES = 558;

function generatePassword(): string {
  const raw = randomBytes(9).toString('base64url').replace(/[-_]/g, 'x');
  return `Zy-${raw.slice(0, 4)}-${raw.slice(4, 8)}7`;
}

/** Runs the demo steps the modules registered (`@RegisterDemoStep(order)`), in order. */
@Injectable()
export class DemoService {
  constructor(
    private readonly tx: TransactionService,
    private readonly discovery: DiscoveryService,
    private readonly reflector: Reflector,
  ) {}

  /** Every registered step, by order. */
  steps(): DemoStep[] {
    return this.discovery
      .getProviders()
      .flatMap((wrapper) => {
        const order = wrapper.metatype ? this.reflector.get<number | undefined>(DEMO_STEP_ORDER, wrapper.metatype) : undefined;
        return order === undefined || !wrapper.instance ? [] : [{ order, step: wrapper.instance as DemoStep }];
      })
      .sort((left, right) => left.order - right.order)
      .map((entry) => entry.step);
  }

  async isEmpty(): Promise<boolean> {
    for (const step of this.steps()) if (step.hasData && (await step.hasData())) return false;
    return true;
  }

  /** Loads the demo data set into an empty database; deterministic for a seed. */
  async load(opts: DemoOptions = {}): Promise<DemoRun> {
    const password = opts.password ?? generatePassword();
    const options = { password, seed: opts.seed ?? DEMO_SEED, villages: opts.villages ?? ZAOYANG_VILLAGES, full: opts.full ?? true };
    const run: DemoRun = {
      options,
      rng: new Rng(options.seed),
      ctx: RequestContext.system(),
      regions: [],
      departments: [],
      admin: null,
      accounts: [],
      summary: [],
    };
    const wanted = this.steps().filter((step) => options.full || !step.fullOnly);
    await this.tx.run(async (em) => {
      for (const step of wanted.filter((demoStep) => demoStep.insideBaseTransaction)) await step.run(run, em);
    });
    if (!run.admin) throw new Error('演示数据缺少系统管理员账号（identity 模块的演示步骤未注册）');
    run.ctx = RequestContext.system(run.admin);
    for (const step of wanted.filter((demoStep) => !demoStep.insideBaseTransaction)) await step.run(run);
    return run;
  }

  describeAccounts(run: DemoRun): string {
    const lines = [
      '',
      '已载入演示数据（枣阳市）：',
      ...run.summary.map((text) => `  ${text}`),
      '演示账号（所有账号密码相同）：',
      ...run.accounts.map(
        (account) =>
          `  ${account.username.padEnd(22)} ${account.role.padEnd(17)} ${account.displayName}` +
          (account.secondFactorSecret ? `  两步验证密钥 ${account.secondFactorSecret}` : ''),
      ),
      ...(run.accounts.some((account) => account.secondFactorSecret)
        ? [
            '  带“两步验证密钥”的账号登录时还要输入 6 位动态码：把密钥加入手机验证器（Google/Microsoft Authenticator 等），',
            '  或运行 npm run otp -- <密钥> 显示当前动态码。密钥只显示这一次。',
          ]
        : []),
      '  其余账号：部门 bm_<部门代码>，镇 zhen_<镇拼音>，村 cun_<12位村代码>（见 README）',
      `  密码：${run.options.password}${process.env.DEMO_PASSWORD ? '（来自 DEMO_PASSWORD）' : '（随机生成，只显示这一次；可设置 DEMO_PASSWORD 并删除 data/ 后重新生成）'}`,
      '',
    ];
    return lines.join('\n');
  }
}
