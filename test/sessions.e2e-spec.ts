import { IsNull } from 'typeorm';
import { UserSession } from '../src/identity/session.entity.js';
import { SESSION_CACHE_MS } from '../src/identity/session.service.js';
import { DEMO_PASSWORD, expectError, startTestApp, type TestApp } from './support/harness.js';
import { graphql } from './support/graphql.js';

// #14 item 3: sessions that can end — logout, idle timeout, absolute lifetime, password change / reset, disable,
// the security administrator's list, service tokens for machine clients, and the web app's httpOnly cookie.
const LOGIN = graphql(`
  mutation ($u: String!, $p: String!, $cookie: Boolean) {
    login(username: $u, password: $p, cookie: $cookie) {
      token
      expiresAt
    }
  }
`);
const ME = graphql(`
  {
    me {
      id
      username
    }
  }
`);
const LOGOUT = graphql(`
  mutation {
    logout
  }
`);
const CHANGE = graphql(`
  mutation ($o: String!, $n: String!) {
    changePassword(oldPassword: $o, newPassword: $n)
  }
`);
const SESSIONS = graphql(`
  query ($userId: Int, $kind: SessionKind, $activeOnly: Boolean) {
    sessions(userId: $userId, kind: $kind, activeOnly: $activeOnly, take: 50) {
      totalItems
      items {
        id
        kind
        ip
        userAgent
        readOnly
        name
        endedAt
        endReason
        expiresAt
        user {
          username
          service
        }
      }
    }
  }
`);
const MY_SESSIONS = graphql(`
  {
    mySessions {
      totalItems
      items {
        id
        current
        user {
          username
        }
      }
    }
  }
`);
const END = graphql(`
  mutation ($id: String!) {
    endSession(id: $id) {
      id
      endedAt
      endReason
    }
  }
`);
const END_ALL = graphql(`
  mutation ($userId: Int!) {
    endUserSessions(userId: $userId)
  }
`);
const DISABLE = graphql(`
  mutation ($id: Int!, $d: Boolean!) {
    setUserDisabled(userId: $id, disabled: $d) {
      disabled
    }
  }
`);
const RESET = graphql(`
  mutation ($id: Int!, $p: String!) {
    resetPassword(userId: $id, newPassword: $p) {
      username
    }
  }
`);
const SERVICE_TOKEN = graphql(`
  mutation ($input: CreateServiceTokenInput!) {
    createServiceToken(input: $input) {
      token
      session {
        id
        kind
        readOnly
        expiresAt
        name
      }
      user {
        id
        username
        role
        service
      }
    }
  }
`);
const REGIONS = graphql(`
  {
    regions(level: TOWN) {
      name
    }
  }
`);

describe('sessions: logout, idle and absolute ends, password and account changes, the security administrator, service tokens, the cookie', () => {
  let server: TestApp;
  let security: string;

  beforeAll(async () => {
    server = await startTestApp('sessions');
    security = await server.login('anquan');
  });
  afterAll(() => server.close());

  /** A fresh sign-in of its own (the harness caches one token per account; these tests need several). */
  async function signIn(username: string, password = DEMO_PASSWORD): Promise<string> {
    const res = await server.gql(LOGIN, { u: username, p: password });
    expect(res.errors).toBeUndefined();
    return res.data!.login.token!;
  }
  const idOf = async (token: string) => (await server.gql(ME, {}, token)).data!.me.id;
  const auditActions = async (objectId: number): Promise<string[]> =>
    (
      await server.dataSource.query(`SELECT action FROM audit_event WHERE object_type = 'user' AND object_id = ? ORDER BY id`, [
        String(objectId),
      ])
    ).map((row: { action: string }) => row.action);
  /** Past what a process trusts of a session it read (another process's change is seen within this). */
  const pastCache = () => new Promise((resolve) => setTimeout(resolve, SESSION_CACHE_MS + 200));

  it('logout ends the session: its token is refused with a message that says so, other sign-ins go on, and it is audited', async () => {
    const first = await signIn('zhen_juwan');
    const second = await signIn('zhen_juwan');
    const id = await idOf(first);
    expect((await server.gql(LOGOUT, {}, first)).data!.logout).toBe(true);
    const refused = expectError(await server.gql(ME, {}, first), 'UNAUTHENTICATED');
    expect(refused.message).toContain('已退出登录');
    expect((await server.gql(ME, {}, second)).data!.me.username).toBe('zhen_juwan');
    expect(await auditActions(id)).toContain('user.logout');
    // Logging out twice: the token is no longer a sign-in.
    expectError(await server.gql(LOGOUT, {}, first), 'UNAUTHENTICATED');
  });

  it('mySessions lists the caller’s own open sign-ins only, marking the current one', async () => {
    const token = await signIn('zhen_qifang');
    await signIn('zhen_qifang');
    const mine = (await server.gql(MY_SESSIONS, {}, token)).data!.mySessions;
    expect(mine.totalItems).toBeGreaterThanOrEqual(2);
    expect(new Set(mine.items.map((session) => session.user!.username))).toEqual(new Set(['zhen_qifang']));
    expect(mine.items.filter((session) => session.current)).toHaveLength(1);
  });

  it('endMyOtherSessions signs the caller out everywhere else, and touches nobody else’s sessions', async () => {
    const here = await signIn('zhen_xinglong');
    const phone = await signIn('zhen_xinglong');
    const neighbour = await signIn('zhen_juwan');
    const ended = await server.gql(
      graphql(`
        mutation {
          endMyOtherSessions
        }
      `),
      {},
      here,
    );
    expect(ended.data!.endMyOtherSessions).toBeGreaterThanOrEqual(1);
    expect((await server.gql(ME, {}, here)).data!.me.username).toBe('zhen_xinglong');
    expectError(await server.gql(ME, {}, phone), 'UNAUTHENTICATED');
    expect((await server.gql(ME, {}, neighbour)).data!.me.username).toBe('zhen_juwan');
  });

  it('a password change ends the other sign-ins and keeps this one; a reset ends all', async () => {
    const here = await signIn('cun_420683003202');
    const elsewhere = await signIn('cun_420683003202');
    const id = await idOf(here);
    expect((await server.gql(CHANGE, { o: DEMO_PASSWORD, n: 'Changed#Pass2025' }, here)).data!.changePassword).toBe(true);
    expect((await server.gql(ME, {}, here)).data!.me.id).toBe(id);
    expect(expectError(await server.gql(ME, {}, elsewhere), 'UNAUTHENTICATED').message).toContain('密码已更改');

    const again = await signIn('cun_420683003202', 'Changed#Pass2025');
    expect((await server.gql(RESET, { id, p: 'Reset#Pass2025' }, security)).errors).toBeUndefined();
    for (const token of [here, again])
      expect(expectError(await server.gql(ME, {}, token), 'UNAUTHENTICATED').message).toContain('密码已更改');
  });

  it('disabling ends every session; enabling again revives none of them', async () => {
    const token = await signIn('cun_420683003203');
    const id = await idOf(token);
    expect((await server.gql(DISABLE, { id, d: true }, security)).data!.setUserDisabled.disabled).toBe(true);
    expectError(await server.gql(ME, {}, token), 'UNAUTHENTICATED');
    expect((await server.gql(DISABLE, { id, d: false }, security)).data!.setUserDisabled.disabled).toBe(false);
    await pastCache();
    // The old token stays dead even after the account's cache is gone: its session row is ended.
    expectError(await server.gql(ME, {}, token), 'UNAUTHENTICATED');
    const ended = (await server.gql(SESSIONS, { userId: id, activeOnly: false }, security)).data!.sessions.items;
    expect(ended.map((session) => session.endReason)).toContain('DISABLED');
    // A new sign-in works as before.
    expect((await server.gql(ME, {}, await signIn('cun_420683003203'))).data!.me.id).toBe(id);
  });

  it('an idle sign-in ends after SESSION_IDLE_MINUTES and one past its absolute lifetime ends however active; both are refused on every process', async () => {
    const idle = await signIn('cun_420683003204');
    const old = await signIn('cun_420683003204');
    const id = await idOf(idle);
    const idleMinutes = server.config.sessionIdleMinutes;
    expect(idleMinutes).toBe(30);
    // Another process's view of the database: the rows as they would be after half an hour unused / eight hours.
    const rows = server.dataSource.getRepository(UserSession);
    await rows.update({ userId: id, endedAt: IsNull() }, { lastSeenAt: new Date(Date.now() - (idleMinutes + 1) * 60_000) });
    const [newest] = await rows.find({ where: { userId: id, endedAt: IsNull() }, order: { createdAt: 'DESC', id: 'ASC' }, take: 1 });
    await rows.update({ id: newest.id }, { expiresAt: new Date(Date.now() - 1000), lastSeenAt: new Date() });
    await pastCache();
    const answers = [await server.gql(ME, {}, idle), await server.gql(ME, {}, old)].map(
      (res) => expectError(res, 'UNAUTHENTICATED').message,
    );
    expect(answers.sort()).toEqual(['登录已过期，请重新登录', '长时间未操作，已自动退出，请重新登录'].sort());
    expect(await auditActions(id)).toContain('session.idle');
    const reasons = (await server.gql(SESSIONS, { userId: id, activeOnly: false }, security)).data!.sessions.items.map(
      (session) => session.endReason,
    );
    expect(reasons.sort()).toEqual(['EXPIRED', 'IDLE']);
  });

  it('a request the page’s timer makes (x-background-poll) neither keeps a session alive nor revives it; a person’s request does', async () => {
    const token = await signIn('cun_420683003206');
    const id = await idOf(token);
    const rows = server.dataSource.getRepository(UserSession);
    const lastSeen = async () => (await rows.findOneByOrFail({ userId: id, endedAt: IsNull() })).lastSeenAt.getTime();
    const poll = () =>
      fetch(`${server.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'x-background-poll': '1' },
        body: JSON.stringify({ query: '{ unreadMessageCount }' }),
      }).then((res) => res.json() as Promise<{ data?: { unreadMessageCount: number }; errors?: { message: string }[] }>);
    const tenMinutesAgo = new Date(Date.now() - 10 * 60_000);
    await rows.update({ userId: id, endedAt: IsNull() }, { lastSeenAt: tenMinutesAgo });
    await pastCache();
    expect((await poll()).data!.unreadMessageCount).toEqual(expect.any(Number));
    expect(Math.abs((await lastSeen()) - tenMinutesAgo.getTime())).toBeLessThan(1000);
    // The person clicks: the session's activity moves to now.
    await server.gql(ME, {}, token);
    expect(Date.now() - (await lastSeen())).toBeLessThan(5000);
    // Idle past the timeout, the badge's poll is refused like anything else.
    await rows.update({ userId: id, endedAt: IsNull() }, { lastSeenAt: new Date(Date.now() - 31 * 60_000) });
    await pastCache();
    expect((await poll()).errors![0].message).toContain('长时间未操作');
  });

  it('the security administrator sees sessions with address and client, ends one or all of an account, and is audited', async () => {
    const one = await signIn('cun_420683003205');
    const two = await signIn('cun_420683003205');
    const id = await idOf(one);
    const listed = (await server.gql(SESSIONS, { userId: id }, security)).data!.sessions;
    expect(listed.totalItems).toBe(2);
    for (const session of listed.items) {
      expect(session.kind).toBe('LOGIN');
      expect(session.ip).toMatch(/127\.0\.0\.1/);
      expect(session.userAgent).toBeTruthy();
      expect(session.user!.username).toBe('cun_420683003205');
    }
    const ended = (await server.gql(END, { id: listed.items[0].id }, security)).data!.endSession;
    expect(ended.endReason).toBe('ENDED_BY_ADMIN');
    const still = (await server.gql(SESSIONS, { userId: id }, security)).data!.sessions;
    expect(still.totalItems).toBe(1);
    expect((await server.gql(END_ALL, { userId: id }, security)).data!.endUserSessions).toBe(1);
    for (const token of [one, two]) expect(expectError(await server.gql(ME, {}, token), 'UNAUTHENTICATED').message).toContain('已被结束');
    expect((await auditActions(id)).filter((action) => action === 'session.end')).toHaveLength(2);
    // Nobody else sees or ends sessions: the list and the end are the security administrator's.
    for (const who of ['admin', 'shenji', 'zhen_juwan', 'cun_420683003200']) {
      const token = await server.login(who);
      expectError(await server.gql(SESSIONS, {}, token), 'FORBIDDEN');
      expectError(await server.gql(END_ALL, { userId: id }, token), 'FORBIDDEN');
    }
    // A session that does not exist.
    expectError(await server.gql(END, { id: 'no-such-session' }, security), 'NOT_FOUND');
  });

  it('a security administrator cannot end a peer’s sessions', async () => {
    const peers = await server.dataSource.query(
      `SELECT id FROM ${server.engine === 'mysql' ? '`user`' : '"user"'} WHERE role = 'SECURITY_ADMIN'`,
    );
    const own = await idOf(security);
    expect(peers.map((row: { id: number }) => Number(row.id))).toContain(own);
    // Its own account is not a peer: ending its own sessions is allowed (here: none but this one, which we keep).
    const other = peers.find((row: { id: number }) => Number(row.id) !== own);
    if (other) expectError(await server.gql(END_ALL, { userId: Number(other.id) }, security), 'FORBIDDEN');
  });

  describe('service tokens (machine clients: a big screen, another system)', () => {
    it('are issued by the security administrator for a reading role and unit, read-only by default, never idle out, and revocable', async () => {
      const issued = (await server.gql(SERVICE_TOKEN, { input: { name: '市指挥中心大屏', role: 'VIEWER', days: 30 } }, security)).data!
        .createServiceToken;
      expect(issued.session).toMatchObject({ kind: 'SERVICE', readOnly: true, name: '市指挥中心大屏' });
      expect(issued.user).toMatchObject({ role: 'VIEWER', service: true });
      const days = (new Date(issued.session.expiresAt).getTime() - Date.now()) / 86_400_000;
      expect(days).toBeGreaterThan(29.9);
      expect(days).toBeLessThanOrEqual(30);
      const token = issued.token;
      expect((await server.gql(REGIONS, {}, token)).data!.regions.length).toBe(17);
      // Read-only: no mutation, not even one any person may make.
      const refused = expectError(await server.gql(CHANGE, { o: 'x', n: 'Whatever#2025x' }, token), 'FORBIDDEN');
      expect(refused.message).toContain('只读');
      // No idle timeout: a big screen that polls rarely is not signed out.
      await server.dataSource
        .getRepository(UserSession)
        .update({ id: issued.session.id }, { lastSeenAt: new Date(Date.now() - 3 * 3600_000) });
      await pastCache();
      expect((await server.gql(ME, {}, token)).data!.me.username).toBe(issued.user.username);
      // The account holds no password anyone knows: it cannot sign in.
      expectError(await server.gql(LOGIN, { u: issued.user.username, p: DEMO_PASSWORD }), 'UNAUTHENTICATED');
      // Nor can one be set for it.
      expectError(await server.gql(RESET, { id: issued.user.id, p: 'Reset#Pass2025' }, security), 'BAD_USER_INPUT');
      // Listed with the sessions, then revoked.
      const listed = (await server.gql(SESSIONS, { kind: 'SERVICE' }, security)).data!.sessions.items;
      expect(listed.map((session) => session.id)).toContain(issued.session.id);
      expect((await server.gql(END, { id: issued.session.id }, security)).data!.endSession.endReason).toBe('ENDED_BY_ADMIN');
      expectError(await server.gql(ME, {}, token), 'UNAUTHENTICATED');
      // Issued, one refused password sign-in, revoked.
      expect(await auditActions(issued.user.id)).toEqual(['serviceToken.create', 'user.login', 'serviceToken.revoke']);
      const [attempt] = await server.dataSource.query(`SELECT outcome FROM audit_event WHERE action = 'user.login' AND object_id = ?`, [
        String(issued.user.id),
      ]);
      expect(attempt.outcome).toBe('FAILURE');
    });

    it('refuse an administrator’s or a reviewer’s role, a missing unit, and a lifetime beyond a year — creating nothing', async () => {
      const before = Number((await server.dataSource.query(`SELECT COUNT(*) AS n FROM user_session WHERE kind = 'SERVICE'`))[0].n);
      for (const role of ['ADMIN', 'SECURITY_ADMIN', 'AUDITOR', 'OFFICE_REVIEWER'] as const)
        expectError(await server.gql(SERVICE_TOKEN, { input: { name: '越权', role } }, security), 'BAD_USER_INPUT');
      expectError(await server.gql(SERVICE_TOKEN, { input: { name: '某镇大屏', role: 'TOWN_STAFF' } }, security), 'BAD_USER_INPUT');
      expectError(await server.gql(SERVICE_TOKEN, { input: { name: '长期', role: 'VIEWER', days: 400 } }, security), 'BAD_USER_INPUT');
      expectError(await server.gql(SERVICE_TOKEN, { input: { name: '部门', role: 'VIEWER' } }, await server.login('admin')), 'FORBIDDEN');
      const after = Number((await server.dataSource.query(`SELECT COUNT(*) AS n FROM user_session WHERE kind = 'SERVICE'`))[0].n);
      expect(after).toBe(before);
    });

    it('a writable token for a village is stated explicitly and stays inside its village', async () => {
      const [village] = await server.dataSource.query(`SELECT id FROM region WHERE code = '420683003200'`);
      const issued = (
        await server.gql(
          SERVICE_TOKEN,
          { input: { name: '村务系统对接', role: 'VILLAGE_CADRE', regionId: Number(village.id), readOnly: false, days: 7 } },
          security,
        )
      ).data!.createServiceToken;
      expect(issued.session.readOnly).toBe(false);
      // A mutation is allowed (its own, harmless one: logout ends the token itself).
      expect((await server.gql(LOGOUT, {}, issued.token)).data!.logout).toBe(true);
      expectError(await server.gql(ME, {}, issued.token), 'UNAUTHENTICATED');
    });
  });

  describe('the web app’s cookie', () => {
    const post = (body: unknown, cookie?: string) =>
      fetch(`${server.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) },
        body: JSON.stringify(body),
      });

    it('login(cookie: true) answers no token and sets an httpOnly SameSite=Strict cookie that signs requests; logout clears it', async () => {
      const res = await post({
        query: 'mutation { login(username: "zhen_juwan", password: "Demo#2025pass", cookie: true) { token user { username } } }',
      });
      const body = (await res.json()) as { data: { login: { token: string | null } } };
      expect(body.data.login.token).toBeNull();
      const setCookie = res.headers.get('set-cookie')!;
      expect(setCookie).toMatch(/^onetable_session=[^;]+;/);
      expect(setCookie).toMatch(/HttpOnly/i);
      expect(setCookie).toMatch(/SameSite=Strict/i);
      expect(setCookie).toMatch(/Path=\//);
      const cookie = setCookie.split(';')[0];
      const me = (await (await post({ query: '{ me { username } }' }, cookie)).json()) as { data: { me: { username: string } } };
      expect(me.data.me.username).toBe('zhen_juwan');

      // A non-GET request outside /graphql counts the cookie only with X-Requested-With (a cross-site form cannot add it).
      const bare = await fetch(`${server.url}/api/imports`, { method: 'POST', headers: { cookie } });
      expect(bare.status).toBe(401);
      const marked = await fetch(`${server.url}/api/imports`, {
        method: 'POST',
        headers: { cookie, 'x-requested-with': 'XMLHttpRequest' },
      });
      expect(marked.status).toBe(403); // signed in, but a town's staff may not import
      // Apollo's CSRF prevention still stands on /graphql: a simple (form-like) request is refused.
      const simple = await fetch(`${server.url}/graphql?query=${encodeURIComponent('{ me { username } }')}`, { headers: { cookie } });
      expect(simple.status).toBe(400);

      const out = await post({ query: 'mutation { logout }' }, cookie);
      expect(((await out.json()) as { data: { logout: boolean } }).data.logout).toBe(true);
      expect(out.headers.get('set-cookie')).toMatch(/onetable_session=;.*Expires=Thu, 01 Jan 1970/i);
      const after = (await (await post({ query: '{ me { username } }' }, cookie)).json()) as { errors: { extensions: { code: string } }[] };
      expect(after.errors[0].extensions.code).toBe('UNAUTHENTICATED');
    });
  });
});
