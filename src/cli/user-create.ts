import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { userInfo } from 'node:os';
import { Module, type DynamicModule } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { APP_CONFIG, ConfigError, loadConfig, type AppConfig } from '../config/config.js';
import { setPlatformTimeZone } from '../common/platform-time.js';
import { createPino, PinoNestLogger } from '../common/logger.js';
import { openDataSource, pendingMigrations } from '../schema/schema.js';
import { Role } from '../common/auth-user.js';
import { AppError } from '../common/errors.js';
import { RequestContext } from '../common/request-context.js';
import { KeyCheckError, KeyringService } from '../crypto/keyring.service.js';
import { IdentityModule } from '../identity/identity.module.js';
import { UsersService } from '../identity/users.service.js';

/** Only what creating an account calls: the same UsersService the server uses, no HTTP or GraphQL. */
@Module({})
class UserCliModule {
  static register(config: AppConfig, dataSource: DataSource): DynamicModule {
    return {
      module: UserCliModule,
      // The server's own identity module (and what it imports), on the infrastructure values the app makes global.
      global: true,
      imports: [IdentityModule],
      providers: [
        { provide: APP_CONFIG, useValue: config },
        { provide: DataSource, useValue: dataSource },
      ],
      exports: [APP_CONFIG, DataSource],
    };
  }
}

const USAGE =
  '用法：npm run user:create -- --role SECURITY_ADMIN --username 用户名 --name 姓名 [--region-id N] [--department-id N]\n' +
  '（安全管理员只能这样在服务器上创建；初始密码随机生成并只显示一次，首次登录须修改；此操作记入审计日志）';

function fail(line: string): never {
  process.stderr.write(`${line}\n`);
  process.exit(1);
}

/** ≥ 8 characters of four classes, from 96 random bits. */
const randomPassword = () => `${randomBytes(12).toString('base64url')}-Aa1`;

/**
 * `npm run user:create -- --role SECURITY_ADMIN --username anquan2 --name 张三`: the server-side way to create an
 * account, the only one for a security administrator (三员分立: no account in the platform can make one). Audited as
 * `privileged.create` (via the CLI, with the operating-system user) for the auditor to see.
 */
async function main() {
  const args = process.argv.slice(2);
  const value = (name: string) => {
    const at = args.indexOf(name);
    return at >= 0 ? args[at + 1] : undefined;
  };
  if (args.includes('-h') || args.includes('--help')) fail(USAGE);
  const role = value('--role') as Role | undefined;
  const username = value('--username');
  const displayName = value('--name');
  if (!role || !username || !displayName) fail(USAGE);
  if (!Object.values(Role).includes(role)) fail(`未知角色：${role}（可选：${Object.values(Role).join('、')}）`);
  const regionId = value('--region-id') ? Number(value('--region-id')) : null;
  const departmentId = value('--department-id') ? Number(value('--department-id')) : null;
  let config;
  try {
    config = loadConfig({ LOG_LEVEL: 'warn', ...process.env });
  } catch (err) {
    if (err instanceof ConfigError) fail(err.message);
    throw err;
  }
  setPlatformTimeZone(config.timeZone);
  const log = createPino(config.logLevel);
  const opened = await openDataSource(config, log);
  if ((await pendingMigrations(opened.dataSource)).length) fail('数据库有迁移尚未执行，请先运行 npm run migrate');
  const app = await NestFactory.createApplicationContext(UserCliModule.register(config, opened.dataSource), {
    logger: new PinoNestLogger(log),
  });
  try {
    await app.get(KeyringService).open();
  } catch (err) {
    if (err instanceof KeyCheckError) fail(err.message);
    throw err;
  }
  const password = randomPassword();
  const ctx = RequestContext.system(null);
  try {
    const user = await app.get(UsersService).create(
      ctx,
      { username, displayName, role, regionId, departmentId, password },
      {
        serverOperator: userInfo().username,
      },
    );
    process.stdout.write(`已创建 ${user.username}（${role}，id ${user.id}）。初始密码（只显示这一次，首次登录须修改）：${password}\n`);
  } catch (err) {
    if (err instanceof AppError) fail(`创建失败：${err.message}`);
    throw err;
  } finally {
    await app.close();
    if (opened.dataSource.isInitialized) await opened.dataSource.destroy();
  }
}

main().catch((err) => {
  process.stderr.write(`创建失败：${String(err?.message ?? err).split('\n')[0]}\n`);
  process.exit(1);
});
