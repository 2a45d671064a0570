import { SignJWT } from 'jose';
import { User } from '../src/identity/user.entity.js';
import { LOGIN_REFUSED } from '../src/identity/users.service.js';
import { expectError, startTestApp, type TestApp } from './support/harness.js';
import { graphql } from './support/graphql.js';

describe('identity: login, lock-out, tokens, user admin', () => {
  let server: TestApp;
  beforeAll(async () => {
    server = await startTestApp('auth');
  });
  afterAll(() => server.close());

  const ME = graphql(`
    {
      me {
        username
        role
        region {
          name
        }
        department {
          name
        }
      }
    }
  `);
  const ME_WITH_ID = graphql(`
    {
      me {
        username
        id
        role
        region {
          name
        }
        department {
          name
        }
      }
    }
  `);
  const LOGIN = graphql(`
    mutation ($u: String!, $p: String!) {
      login(username: $u, password: $p) {
        token
        expiresAt
        passwordChangeRequired
        user {
          username
          role
        }
      }
    }
  `);

  it('answers UNAUTHENTICATED without a token, and for a forged or expired one', async () => {
    const gqlError = expectError(await server.gql(ME), 'UNAUTHENTICATED');
    expect(gqlError.message).toMatch(/登录/);
    expectError(await server.gql(ME, {}, 'not-a-token'), 'UNAUTHENTICATED');
    const expired = await new SignJWT({ st: 'x' })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('1')
      .setIssuer('onetable')
      .setIssuedAt(Math.floor(Date.now() / 1000) - 10 * 3600)
      .setExpirationTime(Math.floor(Date.now() / 1000) - 3600)
      .sign(new TextEncoder().encode(server.config.tokenSecret));
    const ex = expectError(await server.gql(ME, {}, expired), 'UNAUTHENTICATED');
    expect(ex.message).toContain('过期');
  });

  it('logs a demo account in and tells who it is, with its scope', async () => {
    const res = await server.gql(LOGIN, { u: 'cun_420683003200', p: 'Demo#2025pass' });
    expect(res.errors).toBeUndefined();
    expect(res.data!.login.user).toEqual({ username: 'cun_420683003200', role: 'VILLAGE_CADRE' });
    const exp = new Date(res.data!.login.expiresAt).getTime() - Date.now();
    expect(exp).toBeGreaterThan(7.9 * 3600e3);
    expect(exp).toBeLessThanOrEqual(8 * 3600e3);
    const me = await server.gql(ME, {}, res.data!.login.token);
    expect(me.data!.me).toEqual({ username: 'cun_420683003200', role: 'VILLAGE_CADRE', region: { name: '土铺村' }, department: null });
  });

  it('locks an account after 5 wrong passwords, also against the right one, until the lock expires', async () => {
    for (let i = 1; i <= 4; i++) expectError(await server.gql(LOGIN, { u: 'zhen_juwan', p: `Wrong#pass${i}` }), 'UNAUTHENTICATED');
    // Locked by the fifth; the right password is then refused with the one answer every refusal gets.
    const fifth = expectError(await server.gql(LOGIN, { u: 'zhen_juwan', p: 'Wrong#pass5' }), 'UNAUTHENTICATED');
    expect(fifth.message).toBe(LOGIN_REFUSED);
    const sixth = expectError(await server.gql(LOGIN, { u: 'zhen_juwan', p: 'Demo#2025pass' }), 'UNAUTHENTICATED');
    expect(sixth.message).toBe(LOGIN_REFUSED);
    expect(
      (await server.dataSource.getRepository(User).findOneByOrFail({ username: 'zhen_juwan' })).lockedUntil!.getTime(),
    ).toBeGreaterThan(Date.now());
    // Another account is not affected: the count is per account.
    expect((await server.gql(LOGIN, { u: 'zhen_qifang', p: 'Demo#2025pass' })).data!.login.user.username).toBe('zhen_qifang');
    // Let the lock run out.
    await server.dataSource.getRepository(User).update({ username: 'zhen_juwan' }, { lockedUntil: new Date(Date.now() - 1000) });
    expect((await server.gql(LOGIN, { u: 'zhen_juwan', p: 'Demo#2025pass' })).data!.login.user.username).toBe('zhen_juwan');
  });

  it('does not reveal whether a username exists', async () => {
    const gqlError = expectError(await server.gql(LOGIN, { u: 'nobody_here', p: 'x' }), 'UNAUTHENTICATED');
    const error = expectError(await server.gql(LOGIN, { u: 'lingdao', p: 'Wrong#pass1' }), 'UNAUTHENTICATED');
    expect(gqlError.message).toBe(error.message);
  });

  describe('user administration', () => {
    const CREATE = graphql(`
      mutation ($i: CreateUserInput!) {
        createUser(input: $i) {
          id
          username
          role
          region {
            name
          }
        }
      }
    `);
    let security: string;
    let villageId: number;
    beforeAll(async () => {
      security = await server.login('anquan');
      villageId = (
        await server.gql(
          graphql(`
            {
              searchVillages(query: "土铺村") {
                id
              }
            }
          `),
          {},
          security,
        )
      ).data!.searchVillages[0].id;
    });

    it('answers bad arguments with BAD_USER_INPUT naming the field, in Chinese', async () => {
      const gqlError = expectError(
        await server.gql(
          graphql(`
            {
              users(take: 100000) {
                totalItems
              }
            }
          `),
          {},
          security,
        ),
        'BAD_USER_INPUT',
      );
      expect(gqlError.extensions.details).toEqual([{ field: 'take', message: 'take 应在 1 到 200 之间（每页最多 200 条）' }]);
      expect(gqlError.message).toMatch(/^输入有误/);
    });

    it('is for the security administrator only (三员分立: not the system administrator, not the office)', async () => {
      for (const other of ['admin', 'shenji'])
        expectError(await server.gqlRaw('{ users { totalItems } }', {}, await server.login(other)), 'FORBIDDEN');
      const office = await server.login('jianfuban');
      const gqlError = expectError(
        await server.gql(
          graphql(`
            {
              users {
                totalItems
              }
            }
          `),
          {},
          office,
        ),
        'FORBIDDEN',
      );
      expect(gqlError.message).toMatch(/无权/);
    });

    it('creates a cadre for a village and refuses weak passwords, wrong scopes and duplicates with field details', async () => {
      const ok = await server.gql(
        CREATE,
        { i: { username: 'cun_tupu_2', displayName: '土铺村文书', role: 'VILLAGE_CADRE', regionId: villageId, password: 'Tupu#2025a' } },
        security,
      );
      expect(ok.data!.createUser).toMatchObject({ username: 'cun_tupu_2', role: 'VILLAGE_CADRE', region: { name: '土铺村' } });

      const weak = expectError(
        await server.gql(CREATE, { i: { username: 'weak_one', displayName: 'x', role: 'VIEWER', password: 'abc' } }, security),
        'BAD_USER_INPUT',
      );
      expect(weak.extensions.details!.map((detail) => detail.field)).toEqual(['password', 'password']);
      expect(weak.message).toContain('8 个字符');

      const noScope = expectError(
        await server.gql(CREATE, { i: { username: 'town_x', displayName: 'x', role: 'TOWN_STAFF', password: 'Strong#Pass1' } }, security),
        'BAD_USER_INPUT',
      );
      expect(noScope.extensions.details).toEqual([{ field: 'regionId', message: '镇级账号必须指定所属镇(街道)' }]);

      const wrongLevel = expectError(
        await server.gql(
          CREATE,
          { i: { username: 'town_y', displayName: 'x', role: 'TOWN_STAFF', regionId: villageId, password: 'Strong#Pass1' } },
          security,
        ),
        'BAD_USER_INPUT',
      );
      expect(wrongLevel.extensions.details![0].field).toBe('regionId');

      expectError(
        await server.gql(CREATE, { i: { username: 'cun_tupu_2', displayName: 'x', role: 'VIEWER', password: 'Strong#Pass1' } }, security),
        'CONFLICT',
      );
      const count = await server.gql(
        graphql(`
          query ($regionId: Int) {
            users(role: VILLAGE_CADRE, regionId: $regionId) {
              totalItems
              items {
                username
              }
            }
          }
        `),
        { regionId: villageId },
        security,
      );
      expect(count.data!.users.items.map((user) => user.username).sort()).toEqual(['cun_420683003200', 'cun_tupu_2']);
    });

    it('disabling a user stops its token at once; a reset password replaces the old one', async () => {
      const token = await server.login('cun_420683003201');
      const id = (await server.gql(ME_WITH_ID, {}, token)).data!.me.id;
      expect(
        (
          await server.gql(
            graphql(`
              mutation ($id: Int!) {
                setUserDisabled(userId: $id, disabled: true) {
                  disabled
                }
              }
            `),
            { id },
            security,
          )
        ).data!.setUserDisabled.disabled,
      ).toBe(true);
      expectError(await server.gql(ME, {}, token), 'UNAUTHENTICATED');
      expect(expectError(await server.gql(LOGIN, { u: 'cun_420683003201', p: 'Demo#2025pass' }), 'UNAUTHENTICATED').message).toBe(
        LOGIN_REFUSED,
      );
      await server.gql(
        graphql(`
          mutation ($id: Int!) {
            setUserDisabled(userId: $id, disabled: false) {
              disabled
            }
          }
        `),
        { id },
        security,
      );
      const reset = await server.gql(
        graphql(`
          mutation ($id: Int!) {
            resetPassword(userId: $id, newPassword: "New#Pass2025") {
              username
            }
          }
        `),
        { id },
        security,
      );
      expect(reset.errors).toBeUndefined();
      expectError(await server.gql(LOGIN, { u: 'cun_420683003201', p: 'Demo#2025pass' }), 'UNAUTHENTICATED');
      expect((await server.gql(LOGIN, { u: 'cun_420683003201', p: 'New#Pass2025' })).data!.login.user.username).toBe('cun_420683003201');
      // A password set by an administrator must be changed before anything else (test/password-policy.e2e-spec.ts).
      expect((await server.gql(LOGIN, { u: 'cun_420683003201', p: 'New#Pass2025' })).data!.login.passwordChangeRequired).toBe(
        'MUST_CHANGE',
      );
    });
  });
});
