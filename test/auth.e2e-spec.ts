import { SignJWT } from 'jose';
import { User } from '../src/identity/user.entity.js';
import { expectError, startTestApp, type TestApp } from './support/harness.js';

describe('identity: login, lock-out, tokens, user admin', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp('auth');
  });
  afterAll(() => t.close());

  const ME = `{ me { username role region { name } department { name } } }`;
  const LOGIN = `mutation($u:String!,$p:String!){ login(username:$u,password:$p){ token expiresAt user { username role } } }`;

  it('answers UNAUTHENTICATED without a token, and for a forged or expired one', async () => {
    const e = expectError(await t.gql(ME), 'UNAUTHENTICATED');
    expect(e.message).toMatch(/登录/);
    expectError(await t.gql(ME, {}, 'not-a-token'), 'UNAUTHENTICATED');
    const expired = await new SignJWT({ st: 'x' })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('1')
      .setIssuer('onetable')
      .setIssuedAt(Math.floor(Date.now() / 1000) - 10 * 3600)
      .setExpirationTime(Math.floor(Date.now() / 1000) - 3600)
      .sign(new TextEncoder().encode(t.config.tokenSecret));
    const ex = expectError(await t.gql(ME, {}, expired), 'UNAUTHENTICATED');
    expect(ex.message).toContain('过期');
  });

  it('logs a demo account in and tells who it is, with its scope', async () => {
    const r = await t.gql(LOGIN, { u: 'cun_420683003200', p: 'Demo#2025pass' });
    expect(r.errors).toBeUndefined();
    expect(r.data.login.user).toEqual({ username: 'cun_420683003200', role: 'VILLAGE_CADRE' });
    const exp = new Date(r.data.login.expiresAt).getTime() - Date.now();
    expect(exp).toBeGreaterThan(7.9 * 3600e3);
    expect(exp).toBeLessThanOrEqual(8 * 3600e3);
    const me = await t.gql(ME, {}, r.data.login.token);
    expect(me.data.me).toEqual({ username: 'cun_420683003200', role: 'VILLAGE_CADRE', region: { name: '土铺村' }, department: null });
  });

  it('locks an account after 5 wrong passwords, also against the right one, until the lock expires', async () => {
    for (let i = 1; i <= 4; i++) expectError(await t.gql(LOGIN, { u: 'zhen_juwan', p: `Wrong#pass${i}` }), 'UNAUTHENTICATED');
    const fifth = expectError(await t.gql(LOGIN, { u: 'zhen_juwan', p: 'Wrong#pass5' }), 'ACCOUNT_LOCKED');
    expect(fifth.message).toContain('锁定');
    const sixth = expectError(await t.gql(LOGIN, { u: 'zhen_juwan', p: 'Demo#2025pass' }), 'ACCOUNT_LOCKED');
    expect(sixth.message).toMatch(/分钟/);
    // Another account is not affected: the count is per account.
    expect((await t.gql(LOGIN, { u: 'zhen_qifang', p: 'Demo#2025pass' })).data.login.user.username).toBe('zhen_qifang');
    // Let the lock run out.
    await t.dataSource.getRepository(User).update({ username: 'zhen_juwan' }, { lockedUntil: new Date(Date.now() - 1000) });
    expect((await t.gql(LOGIN, { u: 'zhen_juwan', p: 'Demo#2025pass' })).data.login.user.username).toBe('zhen_juwan');
  });

  it('does not reveal whether a username exists', async () => {
    const a = expectError(await t.gql(LOGIN, { u: 'nobody_here', p: 'x' }), 'UNAUTHENTICATED');
    const b = expectError(await t.gql(LOGIN, { u: 'lingdao', p: 'Wrong#pass1' }), 'UNAUTHENTICATED');
    expect(a.message).toBe(b.message);
  });

  describe('user administration', () => {
    const CREATE = `mutation($i:CreateUserInput!){ createUser(input:$i){ id username role region { name } } }`;
    let admin: string;
    let villageId: number;
    beforeAll(async () => {
      admin = await t.login('admin');
      villageId = (await t.gql(`{ searchVillages(query:"土铺村"){ id } }`, {}, admin)).data.searchVillages[0].id;
    });

    it('answers bad arguments with BAD_USER_INPUT naming the field, in Chinese', async () => {
      const e = expectError(await t.gql(`{ users(take: 100000) { totalItems } }`, {}, admin), 'BAD_USER_INPUT');
      expect(e.extensions.details).toEqual([{ field: 'take', message: '每页最多 200 条' }]);
      expect(e.message).toMatch(/^输入有误/);
    });

    it('is for ADMIN only', async () => {
      const office = await t.login('jianfuban');
      const e = expectError(await t.gql(`{ users { totalItems } }`, {}, office), 'FORBIDDEN');
      expect(e.message).toMatch(/无权/);
    });

    it('creates a cadre for a village and refuses weak passwords, wrong scopes and duplicates with field details', async () => {
      const ok = await t.gql(
        CREATE,
        { i: { username: 'cun_tupu_2', displayName: '土铺村文书', role: 'VILLAGE_CADRE', regionId: villageId, password: 'Tupu#2025a' } },
        admin,
      );
      expect(ok.data.createUser).toMatchObject({ username: 'cun_tupu_2', role: 'VILLAGE_CADRE', region: { name: '土铺村' } });

      const weak = expectError(
        await t.gql(CREATE, { i: { username: 'weak_one', displayName: 'x', role: 'VIEWER', password: 'abc' } }, admin),
        'BAD_USER_INPUT',
      );
      expect(weak.extensions.details!.map((d) => d.field)).toEqual(['password', 'password']);
      expect(weak.message).toContain('8 个字符');

      const noScope = expectError(
        await t.gql(CREATE, { i: { username: 'town_x', displayName: 'x', role: 'TOWN_STAFF', password: 'Strong#Pass1' } }, admin),
        'BAD_USER_INPUT',
      );
      expect(noScope.extensions.details).toEqual([{ field: 'regionId', message: '镇级账号必须指定所属镇(街道)' }]);

      const wrongLevel = expectError(
        await t.gql(
          CREATE,
          { i: { username: 'town_y', displayName: 'x', role: 'TOWN_STAFF', regionId: villageId, password: 'Strong#Pass1' } },
          admin,
        ),
        'BAD_USER_INPUT',
      );
      expect(wrongLevel.extensions.details![0].field).toBe('regionId');

      expectError(
        await t.gql(CREATE, { i: { username: 'cun_tupu_2', displayName: 'x', role: 'VIEWER', password: 'Strong#Pass1' } }, admin),
        'CONFLICT',
      );
      const count = await t.gql(`{ users(role: VILLAGE_CADRE, regionId: ${villageId}) { totalItems items { username } } }`, {}, admin);
      expect(count.data.users.items.map((u: any) => u.username).sort()).toEqual(['cun_420683003200', 'cun_tupu_2']);
    });

    it('disabling a user stops its token at once; a reset password replaces the old one', async () => {
      const token = await t.login('cun_420683003201');
      const id = (await t.gql(ME.replace('username', 'username id'), {}, token)).data.me.id;
      expect(
        (await t.gql(`mutation{ setUserDisabled(userId:${id}, disabled:true){ disabled } }`, {}, admin)).data.setUserDisabled.disabled,
      ).toBe(true);
      expectError(await t.gql(ME, {}, token), 'UNAUTHENTICATED');
      expectError(await t.gql(LOGIN, { u: 'cun_420683003201', p: 'Demo#2025pass' }), 'ACCOUNT_DISABLED');
      await t.gql(`mutation{ setUserDisabled(userId:${id}, disabled:false){ disabled } }`, {}, admin);
      const reset = await t.gql(`mutation{ resetPassword(userId:${id}, newPassword:"New#Pass2025"){ username } }`, {}, admin);
      expect(reset.errors).toBeUndefined();
      expectError(await t.gql(LOGIN, { u: 'cun_420683003201', p: 'Demo#2025pass' }), 'UNAUTHENTICATED');
      expect((await t.gql(LOGIN, { u: 'cun_420683003201', p: 'New#Pass2025' })).data.login.user.username).toBe('cun_420683003201');
    });
  });
});
