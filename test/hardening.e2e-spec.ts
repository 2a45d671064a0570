import { getIntrospectionQuery, print, type IntrospectionQuery } from 'graphql';
import { GRAPHQL_LIMITS } from '../src/common/graphql-hardening.js';
import { LOGIN_THROTTLE } from '../src/identity/login-throttle.js';
import { expectError, startTestApp, type GqlError, type GqlResult, type TestApp } from './support/harness.js';
import { graphql, type ResultOf } from './support/graphql.js';

const nested = (levels: number, leaf = 'id') => `${'parent { '.repeat(levels)}${leaf}${' }'.repeat(levels)}`;
const chinese = /[\u4e00-\u9fff]/;
const LOGIN = graphql(`
  mutation ($u: String!, $p: String!) {
    login(username: $u, password: $p) {
      token
    }
  }
`);

/** What the server answers to a raw POST: a GraphQL body, or the text when it is not JSON. */
interface RawAnswer {
  data?: unknown;
  errors?: GqlError[];
  raw?: string;
}

async function post(
  server: TestApp,
  body: string,
  headers: Record<string, string>,
): Promise<{ status: number; type: string | null; json: RawAnswer }> {
  const res = await fetch(`${server.url}/graphql`, { method: 'POST', headers, body });
  const text = await res.text();
  let json: RawAnswer;
  try {
    json = JSON.parse(text) as RawAnswer;
  } catch {
    json = { raw: text };
  }
  return { status: res.status, type: res.headers.get('content-type'), json };
}

describe('GraphQL hardening (development mode)', () => {
  let server: TestApp;
  let admin: string;
  let cadre: string;
  beforeAll(async () => {
    server = await startTestApp('hardening');
    admin = await server.login('admin');
    cadre = await server.login('cun_420683003200');
  });
  afterAll(() => server.close());

  it('refuses a query nested 20 deep before running it, and allows 8', async () => {
    const deep = await server.gqlRaw(`{ me { region { ${nested(18)} } } }`, {}, cadre);
    expect(deep.status).toBe(400);
    expectError(deep, 'QUERY_TOO_COMPLEX');
    const gqlError = deep.errors!.find((x) => x.extensions.limit === 'depth')!;
    expect(gqlError.extensions.code).toBe('QUERY_TOO_COMPLEX');
    expect(gqlError.message).toContain('嵌套层级过深');
    expect(gqlError.extensions).toMatchObject({ limit: 'depth', max: 8 });
    expect(deep.data).toBeUndefined();

    const ok = await server.gqlRaw<{ me: { region: { parent: { parent: unknown } } } }>(
      `{ me { region { ${nested(5, 'name')} } } }`,
      {},
      cadre,
    ); // me, region, 5 × parent, name = 8
    expect(ok.errors).toBeUndefined();
    expect(ok.data!.me.region.parent.parent).toEqual({ parent: null }); // village → town → city → none
    const nine = await server.gqlRaw(`{ me { region { ${nested(6, 'name')} } } }`, {}, cadre);
    expect(nine.errors!.map((x) => x.extensions.limit)).toEqual(['depth']);
  });

  it('refuses 100 aliases, allows 15', async () => {
    const aliases = (num: number) => `{ ${Array.from({ length: num }, (_, i) => `a${i}: me { id }`).join(' ')} }`;
    const many = await server.gqlRaw(aliases(100), {}, cadre);
    expect(many.status).toBe(400);
    expectError(many, 'QUERY_TOO_COMPLEX');
    const gqlError = many.errors!.find((x) => x.extensions.limit === 'aliases')!;
    expect(gqlError.message).toContain('别名过多');
    expect(gqlError.extensions).toMatchObject({ limit: 'aliases', max: GRAPHQL_LIMITS.maxAliases });
    const fine = await server.gqlRaw<Record<string, unknown>>(aliases(15), {}, cadre);
    expect(fine.errors).toBeUndefined();
    expect(Object.keys(fine.data!)).toHaveLength(15);
  });

  it('refuses a query over the cost budget even within depth and alias limits', async () => {
    // Every field of a region, seven levels of children, fifteen times over: far over the budget.
    const fields = 'id code name level parentId pinyin initials monitoringPoint population';
    const tree = (num: number): string => (num === 0 ? fields : `${fields} children { ${tree(num - 1)} }`);
    const query = `{ ${Array.from({ length: 15 }, (_, i) => `r${i}: regions(level: CITY) { ${tree(6)} }`).join(' ')} }`;
    const res = await server.gqlRaw(query, {}, admin);
    expect(res.status).toBe(400);
    const gqlError = expectError(res, 'QUERY_TOO_COMPLEX');
    expect(gqlError.extensions).toMatchObject({ limit: 'cost', max: GRAPHQL_LIMITS.maxCost });
    expect(gqlError.message).toContain('过于复杂');
  });

  it('refuses a document of too many tokens before parsing it all', async () => {
    const res = await server.gqlRaw(`{ me { ${'id '.repeat(GRAPHQL_LIMITS.maxTokens + 10)} } }`, {}, cadre);
    expect(res.status).toBe(400);
    const gqlError = expectError(res, 'QUERY_TOO_COMPLEX');
    expect(gqlError.extensions).toMatchObject({ limit: 'tokens', max: GRAPHQL_LIMITS.maxTokens });
    expect(gqlError.message).toContain('查询语句过长');
    // A plain syntax error keeps its own code.
    expectError(await server.gqlRaw(`{ me { id `, {}, cadre), 'GRAPHQL_PARSE_FAILED');
  });

  it('refuses a page of a million rows with BAD_USER_INPUT naming take', async () => {
    for (const query of [`{ users(take: 1000000) { totalItems } }`, `{ feedbackList(take: 1000000) { totalItems } }`]) {
      const gqlError = expectError(await server.gqlRaw(query, {}, admin), 'BAD_USER_INPUT');
      expect(gqlError.message).toMatch(chinese);
      expect(gqlError.extensions.details).toEqual([{ field: 'take', message: expect.stringMatching(chinese) }]);
    }
  });

  it('lets tools introspect the schema while developing: the limits do not count __schema', async () => {
    // graphql-js's own introspection document, as tools send it.
    const res = await server.gqlRaw<IntrospectionQuery>(getIntrospectionQuery(), {}, cadre);
    expect(res.errors).toBeUndefined();
    expect(res.data!.__schema.types.length).toBeGreaterThan(20);
  });

  it('refuses batched requests (one document per request, so the limits hold per request)', async () => {
    const res = await post(server, JSON.stringify([{ query: '{ __typename }' }, { query: '{ __typename }' }]), {
      'content-type': 'application/json',
    });
    expect(res.status).toBe(400);
    expect(res.json.errors![0].extensions.code).toBe('BAD_REQUEST');
    expect(res.json.errors![0].message).toMatch(chinese);
  });

  it('still suggests field names while developing (production hides them)', async () => {
    const gqlError = expectError(await server.gqlRaw(`{ mee { id } }`, {}, cadre), 'GRAPHQL_VALIDATION_FAILED');
    expect(gqlError.message).toContain('Did you mean');
  });

  it('keeps CSRF prevention on: a GET or a form-encoded POST without a preflight header is refused', async () => {
    const get = await fetch(`${server.url}/graphql?query=${encodeURIComponent('{ __typename }')}`);
    expect(get.status).toBe(400);
    const body: GqlResult = { status: get.status, ...((await get.json()) as Omit<GqlResult, 'status'>) };
    const gqlError = expectError(body, 'BAD_REQUEST');
    expect(gqlError.message).toContain('跨站请求伪造');

    const form = await post(server, 'query=%7B__typename%7D', { 'content-type': 'application/x-www-form-urlencoded' });
    expect(form.status).toBe(400);
    expect(form.json.errors![0].extensions.code).toBe('BAD_REQUEST');
    const plain = await post(server, JSON.stringify({ query: '{ __typename }' }), { 'content-type': 'text/plain' });
    expect(plain.status).toBe(400);
    expect(plain.json.errors![0].message).toContain('CSRF');

    // The same GET with the header a browser cannot add cross-site without a preflight is served.
    const allowed = await fetch(`${server.url}/graphql?query=${encodeURIComponent('{ __typename }')}`, {
      headers: { 'apollo-require-preflight': 'true' },
    });
    expect(allowed.status).toBe(200);
    expect(await allowed.json()).toEqual({ data: { __typename: 'Query' } });
  });

  it('marks every GraphQL answer cache-control: no-store (the Apollo cache-control plugin is off; answers carry personal data)', async () => {
    const ok = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${cadre}` },
      body: JSON.stringify({
        query: print(
          graphql(`
            {
              me {
                id
              }
            }
          `),
        ),
      }),
    });
    expect(ok.status).toBe(200);
    expect(ok.headers.get('cache-control')).toBe('no-store');
    const refused = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ me { nope } }' }),
    });
    expect(refused.status).toBe(400);
    expect(refused.headers.get('cache-control')).toBe('no-store');
  });

  it('answers an oversized body with a coded JSON error, not an HTML page', async () => {
    const big = JSON.stringify({ query: '{ __typename }', variables: { pad: 'x'.repeat(3 * 1024 * 1024) } });
    const res = await post(server, big, { 'content-type': 'application/json' });
    expect(res.status).toBe(413);
    expect(res.type).toContain('application/json');
    expect(res.json.errors![0].extensions.code).toBe('PAYLOAD_TOO_LARGE');
    expect(res.json.errors![0].message).toContain('请求内容过大');
    const broken = await post(server, '{"query": ', { 'content-type': 'application/json' });
    expect(broken.status).toBe(400);
    expect(broken.json.errors![0].message).toMatch(chinese);
  });

  describe('login rate limit', () => {
    it('refuses one username from one address after too many failures (names that do not exist too), with retryAfter', async () => {
      for (let i = 0; i < LOGIN_THROTTLE.pair.max; i++)
        expectError(await server.gql(LOGIN, { u: 'no_such_user', p: 'Wrong#pass1' }), 'UNAUTHENTICATED');
      const gqlError = expectError(await server.gql(LOGIN, { u: 'no_such_user', p: 'Wrong#pass1' }), 'RATE_LIMITED');
      expect(gqlError.message).toMatch(/登录失败次数过多，请 \d+ 分钟后（.+ 以后）再试/);
      expect(gqlError.extensions.retryAfter).toBeGreaterThan(500);
      expect(gqlError.extensions.retryAfter).toBeLessThanOrEqual(LOGIN_THROTTLE.pair.windowMs / 1000);
      // Other accounts from the same machine still log in.
      expect((await server.gql(LOGIN, { u: 'lingdao', p: 'Demo#2025pass' })).data!.login.token).toBeTruthy();
    });
  });
});

describe('GraphQL hardening (production mode)', () => {
  let server: TestApp;
  beforeAll(async () => {
    server = await startTestApp('hardening_prod', { env: { NODE_ENV: 'production', TRUST_PROXY: 'loopback' } });
  });
  afterAll(() => server.close());

  it('refuses introspection with a clear code', async () => {
    const res = await server.gqlRaw(`{ __schema { types { name } } }`);
    expect(res.status).toBe(400);
    const gqlError = expectError(res, 'INTROSPECTION_DISABLED');
    expect(gqlError.message).toContain('自省');
    expectError(await server.gqlRaw(`{ __type(name: "User") { fields { name } } }`), 'INTROSPECTION_DISABLED');
  });

  it('gives no field suggestions', async () => {
    const token = await server.login('admin');
    const res = await server.gqlRaw(`{ mee { id } users(role: ADMN) { totalItem } }`, {}, token);
    expect(res.errors!.length).toBe(3);
    expect(res.errors!.length).toBeGreaterThan(0);
    for (const error of res.errors!) {
      expect(error.extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
      expect(error.message).not.toMatch(/Did you mean|"me"|totalItems|ADMIN/);
    }
  });

  it('keeps the same limits', async () => {
    const token = await server.login('admin');
    expectError(await server.gqlRaw(`{ me { region { ${nested(18)} } } }`, {}, token), 'QUERY_TOO_COMPLEX');
  });

  it('behind a trusted proxy, limits logins per forwarded client address, not per proxy', async () => {
    const login = async (ip: string, username: string, password: string): Promise<GqlResult<ResultOf<typeof LOGIN>>> => {
      const res = await fetch(`${server.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': ip },
        body: JSON.stringify({ query: print(LOGIN), variables: { u: username, p: password } }),
      });
      return { status: res.status, ...((await res.json()) as Omit<GqlResult<ResultOf<typeof LOGIN>>, 'status'>) };
    };
    for (let i = 0; i < LOGIN_THROTTLE.pair.max; i++)
      expectError(await login('203.0.113.7', 'spray_user', 'Wrong#pass1'), 'UNAUTHENTICATED');
    expectError(await login('203.0.113.7', 'spray_user', 'Wrong#pass1'), 'RATE_LIMITED');
    expectError(await login('198.51.100.20', 'spray_user', 'Wrong#pass1'), 'UNAUTHENTICATED');
    expect((await login('203.0.113.7', 'lingdao', 'Demo#2025pass')).data!.login.token).toBeTruthy();
  });
});
