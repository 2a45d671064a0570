import { User } from '../src/identity/user.entity.js';
import { expectError, startTestApp, type TestApp } from './support/harness.js';
import { graphql } from './support/graphql.js';

/**
 * Passwords (等保 8.1.4.1): a password set by someone else (a new account, an administrator's reset) and one older
 * than PASSWORD_MAX_AGE_DAYS must be changed before anything else; a new one may not contain the username nor be one of
 * the latest five. The demo accounts' printed password is exempt.
 */
describe('password policy', () => {
  let server: TestApp;
  let security: string;
  const DAY = 24 * 3600 * 1000;

  const LOGIN = graphql(`
    mutation ($u: String!, $p: String!) {
      login(username: $u, password: $p) {
        token
        passwordChangeRequired
      }
    }
  `);
  const CHANGE = graphql(`
    mutation ($o: String!, $n: String!) {
      changePassword(oldPassword: $o, newPassword: $n)
    }
  `);
  const ME = graphql(`
    {
      me {
        username
        passwordChangeRequired
      }
    }
  `);
  const WORK = graphql(`
    {
      departments {
        code
      }
    }
  `);
  const CREATE = graphql(`
    mutation ($i: CreateUserInput!) {
      createUser(input: $i) {
        id
      }
    }
  `);

  const newViewer = async (username: string, password: string) =>
    (await server.gql(CREATE, { i: { username, displayName: '测试领导', role: 'VIEWER', password } }, security)).data!.createUser.id;
  const login = async (username: string, password: string) => {
    const result = await server.gql(LOGIN, { u: username, p: password });
    if (!result.data) throw new Error(JSON.stringify(result.errors));
    return result.data.login;
  };

  beforeAll(async () => {
    server = await startTestApp('password_policy', { env: { PASSWORD_MAX_AGE_DAYS: '90' } });
    security = await server.login('anquan');
  });
  afterAll(() => server?.close());

  it('a new account must change its password at first sign-in: until then only me and changePassword answer', async () => {
    await newViewer('first_login', 'First#Pass2025');
    const first = await login('first_login', 'First#Pass2025');
    expect(first.passwordChangeRequired).toBe('MUST_CHANGE');
    const refused = expectError(await server.gql(WORK, {}, first.token), 'PASSWORD_CHANGE_REQUIRED');
    expect(refused.message).toMatch(/请先.*修改密码/);
    expect((await server.gql(ME, {}, first.token)).data!.me).toEqual({ username: 'first_login', passwordChangeRequired: 'MUST_CHANGE' });
    expect((await server.gql(CHANGE, { o: 'First#Pass2025', n: 'Chosen#Pass2025' }, first.token)).data!.changePassword).toBe(true);
    const again = await login('first_login', 'Chosen#Pass2025');
    expect(again.passwordChangeRequired).toBeNull();
    expect((await server.gql(WORK, {}, again.token)).errors).toBeUndefined();
  });

  it('an administrator’s reset must be changed too, and downloads are refused until then', async () => {
    const id = await newViewer('reset_me', 'Reset#Pass2025');
    await server.firstLogin('reset_me', 'Reset#Pass2025', 'Mine#Pass2025');
    expect(
      (
        await server.gql(
          graphql(`
            mutation ($id: Int!) {
              resetPassword(userId: $id, newPassword: "Given#Pass2025") {
                id
              }
            }
          `),
          { id },
          security,
        )
      ).errors,
    ).toBeUndefined();
    const after = await login('reset_me', 'Given#Pass2025');
    expect(after.passwordChangeRequired).toBe('MUST_CHANGE');
    expectError(await server.gql(WORK, {}, after.token), 'PASSWORD_CHANGE_REQUIRED');
    const download = await fetch(`${server.url}/api/tasks/1/export.xlsx`, { headers: { authorization: `Bearer ${after.token}` } });
    expect([download.status, ((await download.json()) as { error: { code: string } }).error.code]).toEqual([
      403,
      'PASSWORD_CHANGE_REQUIRED',
    ]);
  });

  it('a password may not contain the username, whatever its case', async () => {
    const made = expectError(
      await server.gql(CREATE, { i: { username: 'zhangsan', displayName: '张三', role: 'VIEWER', password: 'ZhangSan#2025' } }, security),
      'BAD_USER_INPUT',
    );
    expect(made.extensions.details).toEqual([{ field: 'password', message: '密码不能包含用户名' }]);
    await newViewer('lisi', 'Start#Pass2025');
    const token = (await login('lisi', 'Start#Pass2025')).token;
    const changed = expectError(await server.gql(CHANGE, { o: 'Start#Pass2025', n: 'My#LISI#2025' }, token), 'BAD_USER_INPUT');
    expect(changed.extensions.details).toEqual([{ field: 'newPassword', message: '密码不能包含用户名' }]);
  });

  it('a new password may not be one of the latest five; the sixth-latest may come back', async () => {
    await newViewer('rotate', 'Pass#0-2025');
    let current = 'Pass#0-2025';
    let token = (await login('rotate', current)).token;
    for (let i = 1; i <= 5; i++) {
      const next = `Pass#${i}-2025`;
      expect((await server.gql(CHANGE, { o: current, n: next }, token)).errors).toBeUndefined();
      current = next;
      token = (await login('rotate', current)).token;
    }
    for (const reused of ['Pass#5-2025', 'Pass#1-2025']) {
      const error = expectError(await server.gql(CHANGE, { o: current, n: reused }, token), 'BAD_USER_INPUT');
      expect([reused, error.extensions.details]).toEqual([
        reused,
        [{ field: 'newPassword', message: '新密码不能与最近 5 次使用过的密码相同' }],
      ]);
    }
    expect((await server.gql(CHANGE, { o: current, n: 'Pass#0-2025' }, token)).data!.changePassword).toBe(true);
  });

  it('a password older than PASSWORD_MAX_AGE_DAYS behaves like “must change”; the demo accounts are exempt', async () => {
    await newViewer('old_pass', 'Aging#Pass2025');
    const users = server.dataSource.getRepository(User);
    await users.update({ username: 'old_pass' }, { mustChangePassword: false, passwordChangedAt: new Date(Date.now() - 89 * DAY) });
    expect((await login('old_pass', 'Aging#Pass2025')).passwordChangeRequired).toBeNull();
    await users.update({ username: 'old_pass' }, { passwordChangedAt: new Date(Date.now() - 91 * DAY) });
    const expired = await login('old_pass', 'Aging#Pass2025');
    expect(expired.passwordChangeRequired).toBe('EXPIRED');
    // The 5-second cache of the caller may still hold the fresh row: wait it out, as a real client would not notice.
    await new Promise((resolve) => setTimeout(resolve, 5100));
    const refused = expectError(await server.gql(WORK, {}, expired.token), 'PASSWORD_CHANGE_REQUIRED');
    expect(refused.message).toContain('90 天');

    await users.update({ username: 'lingdao' }, { passwordChangedAt: new Date(Date.now() - 400 * DAY) });
    const demo = await login('lingdao', 'Demo#2025pass');
    expect(demo.passwordChangeRequired).toBeNull();
  });
});
