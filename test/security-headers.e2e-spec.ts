// HTTP hardening as an assessor checks it from outside: the headers of the page, of GraphQL and of an
// upload answer; HSTS only when the deployment says it is served over TLS (PUBLIC_URL https://).
import { ensureWebBuilt } from './support/browser.js';
import { startTestApp, type TestApp } from './support/harness.js';

const directives = (csp: string | null) =>
  Object.fromEntries(
    (csp ?? '')
      .split(';')
      .map((part) => part.trim().split(/\s+/))
      .filter((words) => words[0])
      .map(([name, ...values]) => [name, values]),
  );

describe('security headers (helmet)', () => {
  let plain: TestApp;
  let tls: TestApp;
  beforeAll(async () => {
    ensureWebBuilt();
    plain = await startTestApp('headers', { demo: false });
    tls = await startTestApp('headers_tls', { demo: false, env: { PUBLIC_URL: 'https://ybt.example.gov.cn' } });
  }, 180_000);
  afterAll(async () => {
    await plain?.close();
    await tls?.close();
  });

  it('the page: a CSP with no inline or foreign script, no framing, nosniff, a same-origin referrer; no HSTS on plain http', async () => {
    const res = await fetch(`${plain.url}/login`, { headers: { accept: 'text/html' } });
    expect(res.status).toBe(200);
    const csp = directives(res.headers.get('content-security-policy'));
    expect(csp['script-src']).toEqual(["'self'"]);
    expect(csp['default-src']).toEqual(["'self'"]);
    expect(csp['frame-ancestors']).toEqual(["'none'"]);
    expect(csp['object-src']).toEqual(["'none'"]);
    expect(csp).not.toHaveProperty('upgrade-insecure-requests');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    expect(res.headers.get('referrer-policy')).toBe('same-origin');
    expect(res.headers.get('strict-transport-security')).toBeNull();
    expect(res.headers.get('x-powered-by')).toBeNull();
    // The built page itself needs no inline script: every <script> has a src of this origin.
    const html = await res.text();
    const scripts = [...html.matchAll(/<script\b([^>]*)>/g)].map((match) => match[1]);
    expect(scripts.length).toBeGreaterThan(0);
    for (const attrs of scripts) expect(attrs).toMatch(/src="\/[^"]+"/);
  });

  it('GraphQL and upload answers carry the same headers', async () => {
    const gql = await fetch(`${plain.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ timeZone }' }),
    });
    expect(gql.headers.get('x-content-type-options')).toBe('nosniff');
    expect(directives(gql.headers.get('content-security-policy'))['frame-ancestors']).toEqual(["'none'"]);
    const upload = await fetch(`${plain.url}/api/imports`, { method: 'POST' });
    expect(upload.status).toBe(401);
    expect(upload.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('behind TLS (PUBLIC_URL https://): HSTS for a year and upgrade-insecure-requests', async () => {
    const res = await fetch(`${tls.url}/login`, { headers: { accept: 'text/html' } });
    expect(res.headers.get('strict-transport-security')).toBe('max-age=31536000; includeSubDomains');
    expect(directives(res.headers.get('content-security-policy'))).toHaveProperty('upgrade-insecure-requests');
  });
});
