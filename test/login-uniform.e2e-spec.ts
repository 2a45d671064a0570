// 登录不泄露信息 (#14 item 5): unknown, wrong, locked and disabled answer alike; the limits are per account, per
// (account, address) and a per-address brake that never refuses a right password; counted in the database.
import { print } from 'graphql';
import { LoginFailureService } from '../src/identity/login-failure.service.js';
import { LOGIN_THROTTLE } from '../src/identity/login-throttle.js';
import { User } from '../src/identity/user.entity.js';
import { LOGIN_REFUSED } from '../src/identity/users.service.js';
import { TransactionService } from '../src/common/transaction.service.js';
import { DEMO_PASSWORD, expectError, startTestApp, type GqlResult, type TestApp } from './support/harness.js';
import { graphql, type ResultOf } from './support/graphql.js';
import { freshCode } from './support/totp.js';

const LOGIN = graphql(`
  mutation ($u: String!, $p: String!, $o: String) {
    login(username: $u, password: $p, otp: $o) {
      token
      user {
        username
      }
    }
  }
`);
const EVENTS = graphql(`
  query ($f: AuditFilterInput) {
    auditEvents(filter: $f, take: 100) {
      items {
        action
        userId
        username
        objectId
        outcome
        detail
      }
    }
  }
`);

type LoginResult = GqlResult<ResultOf<typeof LOGIN>>;

describe('login that tells nothing (unknown, wrong, locked, disabled alike; limits per account and address)', () => {
  let server: TestApp;
  beforeAll(async () => {
    // Behind a trusted proxy (as deployed): the client address is X-Forwarded-For's, so a test can be many addresses.
    server = await startTestApp('login-uniform', { env: { TRUST_PROXY: 'loopback' } });
  });
  afterAll(() => server?.close());

  async function login(address: string, username: string, password: string, otp?: string): Promise<LoginResult> {
    const res = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': address },
      body: JSON.stringify({ query: print(LOGIN), variables: { u: username, p: password, o: otp ?? null } }),
    });
    return { status: res.status, ...((await res.json()) as Omit<LoginResult, 'status'>) };
  }
  /** What a client can compare: status, data and errors, without the request id each answer carries. */
  const comparable = (result: LoginResult) =>
    JSON.stringify({
      ...result,
      errors: result.errors?.map((error) => ({ ...error, extensions: { ...error.extensions, requestId: undefined } })),
    });
  const users = () => server.dataSource.getRepository(User);

  it('answers an unknown username, a wrong password, a locked and a disabled account (right password) with one identical body', async () => {
    await users().update({ username: 'zhen_juwan' }, { lockedUntil: new Date(Date.now() + 10 * 60_000) });
    await users().update({ username: 'cun_420683003201' }, { disabled: true });
    const answers = {
      unknown: await login('192.0.2.1', 'no_such_person', DEMO_PASSWORD),
      wrong: await login('192.0.2.1', 'zhen_qifang', 'Wrong#pass1'),
      locked: await login('192.0.2.1', 'zhen_juwan', DEMO_PASSWORD),
      disabled: await login('192.0.2.1', 'cun_420683003201', DEMO_PASSWORD),
    };
    for (const answer of Object.values(answers)) {
      expect(expectError(answer, 'UNAUTHENTICATED').message).toBe(LOGIN_REFUSED);
      expect(comparable(answer)).toBe(comparable(answers.unknown));
    }
    await users().update({ username: 'zhen_juwan' }, { lockedUntil: null });
    await users().update({ username: 'cun_420683003201' }, { disabled: false });
  });

  it('records every refusal for the auditor — unknown usernames too, without the password and without a user — but tells the caller nothing', async () => {
    await login('192.0.2.2', 'typo_name_that_is_rather_long_for_a_username_indeed', 'Secret#typed1');
    const auditor = await server.login('shenji');
    const events = (await server.gql(EVENTS, { f: { action: 'user.login' } }, auditor)).data!.auditEvents.items;
    const failures = events.filter((event) => event.outcome === 'FAILURE');
    const typo = failures.find((event) => event.detail?.includes('typo_name'))!;
    expect(typo).toMatchObject({ userId: null, username: null, objectId: null });
    expect(JSON.parse(typo.detail!)).toEqual({ username: 'typo_name_that_is_rather_long_fo…', reason: '用户名不存在' });
    expect(JSON.stringify(events)).not.toContain('Secret#typed1');
    const reasons = failures.map((event) => `${event.username ?? '-'} ${JSON.parse(event.detail!).reason}`);
    expect(reasons).toEqual(
      expect.arrayContaining(['zhen_qifang 密码错误', 'zhen_juwan 账号已锁定', 'cun_420683003201 账号已停用', '- 用户名不存在']),
    );
  });

  it('refuses one account from one address after too many failures, but not that account elsewhere nor other accounts there', async () => {
    for (let i = 0; i < LOGIN_THROTTLE.pair.max; i++)
      expectError(await login('203.0.113.5', 'lingdao', `Wrong#pass${i}`), 'UNAUTHENTICATED');
    const limited = expectError(await login('203.0.113.5', 'lingdao', DEMO_PASSWORD), 'RATE_LIMITED');
    expect(limited.message).toMatch(/该账号在本机.*登录失败次数过多，请 \d+ 分钟后（\d{4}-\d\d-\d\d \d\d:\d\d 以后）再试/);
    expect(limited.extensions.retryAfter).toBeGreaterThan(0);
    // The first five locked the account; let that lock run out: the pair's limit is what remains.
    await users().update({ username: 'lingdao' }, { lockedUntil: null, failedLogins: 0 });
    expectError(await login('203.0.113.5', 'lingdao', DEMO_PASSWORD), 'RATE_LIMITED');
    expectError(await login('203.0.113.5', ' LingDao ', DEMO_PASSWORD), 'RATE_LIMITED');
    expect((await login('198.51.100.7', 'lingdao', DEMO_PASSWORD)).data!.login.user.username).toBe('lingdao');
    expect((await login('203.0.113.5', 'zhen_qifang', DEMO_PASSWORD)).data!.login.user.username).toBe('zhen_qifang');
    const auditor = await server.login('shenji');
    const refused = (await server.gql(EVENTS, { f: { action: 'user.login.limited' } }, auditor)).data!.auditEvents.items;
    expect(refused.length).toBeGreaterThanOrEqual(3);
    expect(refused[0]).toMatchObject({ userId: null, outcome: 'FAILURE' });
  });

  it('brakes an address with hundreds of failures but never refuses a right password from it (admin behind a busy NAT)', async () => {
    const failures = server.app.get(LoginFailureService);
    const tx = server.app.get(TransactionService);
    // Three hundred failures for many names from one address (an attack from inside the county network).
    await tx.run(async (em) => {
      for (let i = 0; i < 300; i++) await failures.failed(em, `spray_${i}`, '198.51.100.99');
    });
    for (let i = 0; i < 2; i++) expectError(await login('198.51.100.99', `spray_new_${i}`, 'Wrong#pass1'), 'UNAUTHENTICATED');
    const admin = await login('198.51.100.99', 'admin', DEMO_PASSWORD, await freshCode(server.url, 'admin'));
    expect(admin.errors).toBeUndefined();
    expect(admin.data!.login.user.username).toBe('admin');
  });
});
