import { Role } from '../src/common/auth-user.js';
import { hashPassword } from '../src/identity/password.js';
import { UserSecondFactor } from '../src/identity/second-factor.entity.js';
import { User } from '../src/identity/user.entity.js';
import { LOGIN_REFUSED } from '../src/identity/users.service.js';
import { DEMO_PASSWORD, expectError, startTestApp, type TestApp } from './support/harness.js';
import { graphql } from './support/graphql.js';
import { hotp, rememberSecondFactor, secondFactorSecretOf, stepNow, totpCode } from './support/totp.js';

const LOGIN = graphql(`
  mutation ($u: String!, $p: String!, $o: String) {
    login(username: $u, password: $p, otp: $o) {
      token
      user {
        username
        secondFactor
      }
    }
  }
`);
const STATUS = graphql(`
  {
    mySecondFactor {
      required
      enabled
      recoveryCodesLeft
    }
  }
`);
const BEGIN = graphql(`
  mutation {
    beginSecondFactorEnrolment {
      secret
      otpauthUri
    }
  }
`);
const CONFIRM = graphql(`
  mutation ($c: String!) {
    confirmSecondFactor(code: $c)
  }
`);
const RESET = graphql(`
  mutation ($u: Int!) {
    resetSecondFactor(userId: $u) {
      username
      secondFactor
    }
  }
`);
const DEPARTMENTS = graphql(`
  {
    departments {
      name
    }
  }
`);
const EVENTS = graphql(`
  query ($f: AuditFilterInput) {
    auditEvents(filter: $f, take: 50) {
      items {
        action
        username
        objectId
        outcome
      }
    }
  }
`);

describe('second factor (TOTP): required for the privileged roles, enrolment with recovery codes, reset by the security administrator', () => {
  let server: TestApp;
  beforeAll(async () => {
    server = await startTestApp('second-factor');
  });
  afterAll(() => server?.close());

  /** An account made straight in the database, as the server-side command would (the demo has no second security administrator). */
  async function account(username: string, role: Role, password = DEMO_PASSWORD): Promise<User> {
    const repo = server.dataSource.getRepository(User);
    return repo.save(repo.create({ username, displayName: `${username} 测试`, role, passwordHash: await hashPassword(password) }));
  }
  const login = (username: string, otp?: string | null, password = DEMO_PASSWORD) =>
    server.gql(LOGIN, { u: username, p: password, o: otp ?? null });

  it('the tests’ own TOTP generator matches RFC 6238’s SHA-1 test vectors', () => {
    const key = Buffer.from('12345678901234567890');
    // RFC 6238 appendix B gives 8 digits; the last 6 are the 6-digit codes.
    expect([59, 1111111109, 1234567890, 2000000000].map((seconds) => hotp(key, Math.floor(seconds / 30), 8))).toEqual([
      '94287082',
      '07081804',
      '89005924',
      '69279037',
    ]);
  });

  it('a demo administrator with the right password is asked for the code; a wrong password is not told about it', async () => {
    const secret = secondFactorSecretOf(server.url, 'admin')!;
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    const noCode = await login('admin');
    expect(noCode.data?.login ?? null).toBeNull();
    expect(expectError(noCode, 'SECOND_FACTOR_REQUIRED').message).toMatch(/动态验证码/);
    const wrongPassword = await login('admin', null, 'Wrong#pass99');
    expectError(wrongPassword, 'UNAUTHENTICATED');
    expect(JSON.stringify(wrongPassword)).not.toMatch(/验证码/);
  });

  it('a code is accepted once: the same code again is refused, and wrong codes count toward the lock', async () => {
    const secret = secondFactorSecretOf(server.url, 'jianfuban2')!;
    // Two steps ahead is outside the window of one step either side.
    const far = totpCode(secret, stepNow() + 3);
    expectError(await login('jianfuban2', far), 'SECOND_FACTOR_REQUIRED');
    const code = totpCode(secret, stepNow());
    const first = await login('jianfuban2', code);
    expect(first.errors).toBeUndefined();
    expect(first.data!.login.user).toEqual({ username: 'jianfuban2', secondFactor: true });
    const again = expectError(await login('jianfuban2', code), 'SECOND_FACTOR_REQUIRED');
    expect(again.message).toMatch(/不正确或已用过/);
    // The replay was the first failure since the success; four more wrong codes lock the account, even for a right code.
    for (let i = 0; i < 3; i++) expectError(await login('jianfuban2', '000000'), 'SECOND_FACTOR_REQUIRED');
    const locked = expectError(await login('jianfuban2', '111111'), 'UNAUTHENTICATED');
    expect(locked.message).toBe(LOGIN_REFUSED);
    expect(expectError(await login('jianfuban2', totpCode(secret, stepNow() + 1)), 'UNAUTHENTICATED').message).toBe(LOGIN_REFUSED);
    const auditor = await server.login('shenji');
    const events = await server.gql(EVENTS, { f: { action: 'user.secondFactor.fail' } }, auditor);
    expect(events.errors).toBeUndefined();
    expect(events.data!.auditEvents.items.filter((event) => event.username === 'jianfuban2').length).toBeGreaterThanOrEqual(3);
  });

  it('a cadre binds an authenticator: a first right code turns it on and answers ten recovery codes, each usable once', async () => {
    await account('cun_factor', Role.VILLAGE_CADRE);
    const token = (await login('cun_factor')).data!.login.token;
    expect((await server.gql(STATUS, {}, token)).data!.mySecondFactor).toEqual({ required: false, enabled: false, recoveryCodesLeft: 0 });
    const begun = (await server.gql(BEGIN, {}, token)).data!.beginSecondFactorEnrolment;
    expect(begun.otpauthUri).toContain(`secret=${begun.secret}`);
    expect(decodeURIComponent(begun.otpauthUri)).toContain('一表通:cun_factor');
    // Stored encrypted: the database holds no copy of the secret.
    const stored = await server.dataSource
      .getRepository(UserSecondFactor)
      .findOneByOrFail({ userId: (await server.dataSource.getRepository(User).findOneByOrFail({ username: 'cun_factor' })).id });
    expect(stored.secretEnc).not.toContain(begun.secret);
    expect(stored.enabledAt).toBeNull();
    // Not on until confirmed: logging in still needs no code.
    expect((await login('cun_factor')).errors).toBeUndefined();
    const wrong = expectError(await server.gql(CONFIRM, { c: '12345' }, token), 'BAD_USER_INPUT');
    expect(wrong.message).toMatch(/6 位数字/);
    expectError(await server.gql(CONFIRM, { c: totpCode(begun.secret, stepNow() + 5) }, token), 'BAD_USER_INPUT');
    const codes = (await server.gql(CONFIRM, { c: totpCode(begun.secret) }, token)).data!.confirmSecondFactor;
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    for (const one of codes) expect(one).toMatch(/^[2-9A-HJKMNP-Z]{5}-[2-9A-HJKMNP-Z]{5}$/);
    expect((await server.gql(STATUS, {}, token)).data!.mySecondFactor).toEqual({ required: false, enabled: true, recoveryCodesLeft: 10 });
    // A second enrolment is refused while one is on.
    expectError(await server.gql(BEGIN, {}, token), 'CONFLICT');
    // Now a code is needed; a recovery code works once (any case, without the dash), then no more.
    expectError(await login('cun_factor'), 'SECOND_FACTOR_REQUIRED');
    const recovered = await login('cun_factor', codes[3].replace('-', '').toLowerCase());
    expect(recovered.errors).toBeUndefined();
    expectError(await login('cun_factor', codes[3]), 'SECOND_FACTOR_REQUIRED');
    expect((await server.gql(STATUS, {}, recovered.data!.login.token)).data!.mySecondFactor.recoveryCodesLeft).toBe(9);
    rememberSecondFactor(server.url, 'cun_factor', begun.secret, stepNow());
  });

  it('a reviewer without a second factor may sign in, but can do nothing until one is bound', async () => {
    await account('jianfuban_new', Role.OFFICE_REVIEWER);
    const res = await login('jianfuban_new');
    expect(res.errors).toBeUndefined();
    const token = res.data!.login.token;
    const refused = expectError(await server.gql(DEPARTMENTS, {}, token), 'SECOND_FACTOR_ENROLMENT_REQUIRED');
    expect(refused.message).toMatch(/两步验证/);
    expect((await server.gql(STATUS, {}, token)).data!.mySecondFactor).toEqual({ required: true, enabled: false, recoveryCodesLeft: 0 });
    const begun = (await server.gql(BEGIN, {}, token)).data!.beginSecondFactorEnrolment;
    expect((await server.gql(CONFIRM, { c: totpCode(begun.secret) }, token)).errors).toBeUndefined();
    const departments = await server.gql(DEPARTMENTS, {}, token);
    expect(departments.errors).toBeUndefined();
    expect(departments.data!.departments.map((department) => department.name)).toContain('市民政局');
  });

  it('the security administrator resets a user’s factor (audited); nobody else can, nor for oneself', async () => {
    const securityAdmin = await account('anquan_test', Role.SECURITY_ADMIN);
    // Its own role needs a factor too: bind one first.
    let token = (await login('anquan_test')).data!.login.token;
    const begun = (await server.gql(BEGIN, {}, token)).data!.beginSecondFactorEnrolment;
    await server.gql(CONFIRM, { c: totpCode(begun.secret) }, token);
    rememberSecondFactor(server.url, 'anquan_test', begun.secret, stepNow());
    token = await server.login('anquan_test');
    const cadre = await server.dataSource.getRepository(User).findOneByOrFail({ username: 'cun_factor' });
    expectError(await server.gql(RESET, { u: cadre.id }, await server.login('admin')), 'FORBIDDEN');
    expectError(await server.gql(RESET, { u: securityAdmin.id }, token), 'FORBIDDEN');
    const reset = await server.gql(RESET, { u: cadre.id }, token);
    expect(reset.errors).toBeUndefined();
    expect(reset.data!.resetSecondFactor).toEqual({ username: 'cun_factor', secondFactor: false });
    expect(await server.dataSource.getRepository(UserSecondFactor).countBy({ userId: cadre.id })).toBe(0);
    expectError(await server.gql(RESET, { u: cadre.id }, token), 'SECOND_FACTOR_NOT_ENABLED');
    // The cadre signs in with the password alone again.
    expect((await login('cun_factor')).errors).toBeUndefined();
    const events = await server.gql(EVENTS, { f: { action: 'user.secondFactor.reset' } }, await server.login('shenji'));
    expect(events.data!.auditEvents.items).toEqual([
      expect.objectContaining({
        action: 'user.secondFactor.reset',
        username: 'anquan_test',
        objectId: String(cadre.id),
        outcome: 'SUCCESS',
      }),
    ]);
  });
});
