// `npm run user:create` as an operator runs it on the server: the compiled CLI in its own process, on the database
// of a running test app. It had failed to start since the keyring work (nothing ran it); this runs it.
import { execFile, execFileSync } from 'node:child_process';
import { promisify } from 'node:util';
import { startTestApp, TEST_SECRETS, type TestApp } from './support/harness.js';

const run = promisify(execFile);

describe('identity: npm run user:create (compiled CLI) creates a security administrator, audited', () => {
  let server: TestApp;
  let env: Record<string, string>;
  const cli = (...args: string[]) =>
    run(process.execPath, ['dist/src/cli/user-create.js', ...args], { env, timeout: 60_000 }).catch((err) => err);

  beforeAll(async () => {
    execFileSync(process.execPath, ['scripts/build-if-stale.mjs'], { stdio: 'inherit', timeout: 240_000 });
    server = await startTestApp('user_create_cli');
    env = {
      ...(process.env as Record<string, string>),
      NODE_ENV: 'test',
      LOG_LEVEL: 'warn',
      DATA_DIR: server.config.dataDir,
      DATABASE_URL: server.config.db.url ?? '',
      ...TEST_SECRETS,
    };
  }, 300_000);
  afterAll(() => server?.close());

  it('prints the new account and its one-time password; the account and a privileged.create event exist', async () => {
    const result = await cli('--role', 'SECURITY_ADMIN', '--username', 'anquan7', '--name', '命令行安全员');
    expect(result.code ?? 0).toBe(0);
    expect(result.stdout).toMatch(/^已创建 anquan7（SECURITY_ADMIN，id \d+）。初始密码（只显示这一次，首次登录须修改）：\S{12,}\n$/);
    const [user] = await server.dataSource.query(`SELECT role, disabled FROM user WHERE username = 'anquan7'`);
    expect(user).toMatchObject({ role: 'SECURITY_ADMIN' });
    expect(Number(user.disabled)).toBe(0);
    const events: { action: string }[] = await server.dataSource.query(
      `SELECT action FROM audit_event WHERE object_type = 'user' ORDER BY seq DESC LIMIT 1`,
    );
    expect(events[0].action).toBe('privileged.create');
  });

  it('a taken username or an unknown role: one Chinese line, exit 1, nothing created', async () => {
    const before = Number((await server.dataSource.query(`SELECT COUNT(*) AS c FROM user`))[0].c);
    const taken = await cli('--role', 'SECURITY_ADMIN', '--username', 'anquan7', '--name', '重复');
    expect(taken.code).toBe(1);
    expect(taken.stderr.trim().split('\n')).toHaveLength(1);
    expect(taken.stderr).toContain('创建失败');
    const unknown = await cli('--role', 'KING', '--username', 'wang', '--name', '王');
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('未知角色：KING');
    expect(Number((await server.dataSource.query(`SELECT COUNT(*) AS c FROM user`))[0].c)).toBe(before);
  });
});
