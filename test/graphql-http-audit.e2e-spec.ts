import { serverAudits, type AuditResult } from 'graphql-http';
import { startTestApp, type TestApp } from './support/harness.js';

/**
 * The GraphQL-over-HTTP conformance audit of the `graphql-http` package against the running server.
 * Every MUST has to pass; SHOULD and MAY results are printed, not failed.
 *
 * Two deliberate choices, both about layers around the protocol rather than the protocol itself:
 * - CSRF: Apollo refuses GETs and "simple" POSTs unless a header a browser cannot send cross-site
 *   without a preflight is present. The audit's GETs carry none, so its fetch adds
 *   `apollo-require-preflight`, as our web client does; hardening.e2e-spec.ts proves the refusal.
 * - Auth: the audits query `{ __typename }`, which has no resolver, so the auth guard never runs and
 *   it answers without a token — it reveals nothing beyond "this is a GraphQL endpoint". No token is
 *   passed, so the audit also shows that an anonymous caller reaches nothing but that.
 */
describe('GraphQL over HTTP: graphql-http audit', () => {
  let t: TestApp;
  let results: AuditResult[];
  beforeAll(async () => {
    t = await startTestApp('graphql_http_audit', { demo: false });
    const fetchFn = (input: string | URL | Request, init: RequestInit = {}) => {
      const headers = new Headers(init.headers);
      headers.set('apollo-require-preflight', 'true');
      return fetch(input, { ...init, headers });
    };
    const audits = serverAudits({ url: `${t.url}/graphql`, fetchFn });
    results = [];
    for (const a of audits) results.push(await a.fn());
  });
  afterAll(() => t.close());

  it('passes every MUST', () => {
    const lines = results.map((r) => `${r.status === 'ok' ? 'ok  ' : r.status.padEnd(6)} ${r.name}${r.status === 'ok' ? '' : ` — ${r.reason}`}`);
    // Printed with --verbose or on failure: the full conformance table (SHOULD/MAY warnings included).
    if (process.env.AUDIT_REPORT) console.log(lines.join('\n'));
    const failedMusts = results.filter((r) => r.name.startsWith('MUST') && r.status !== 'ok');
    expect(failedMusts.map((r) => `${r.name}: ${(r as any).reason}`)).toEqual([]);
    expect(results.filter((r) => r.name.startsWith('MUST')).length).toBeGreaterThan(10);
  });

  it('an anonymous caller gets __typename and nothing else', async () => {
    expect((await t.gql(`{ __typename }`)).data).toEqual({ __typename: 'Query' });
    expect((await t.gql(`{ me { id } }`)).errors![0].extensions.code).toBe('UNAUTHENTICATED');
  });
});
