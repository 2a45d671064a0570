import { serverAudits, type AuditResult } from 'graphql-http';
import { startTestApp, type TestApp } from './support/harness.js';
import { graphql } from './support/graphql.js';

/**
 * The GraphQL-over-HTTP conformance audit of the `graphql-http` package against the running server,
 * exactly as configured for production traffic. Every MUST has to pass; SHOULD and MAY results are
 * reported (`npm run audit:http` prints them), not failed. Known non-passes, both deliberate:
 * - MAY (GET with URL-encoded parameters): refused by Apollo's CSRF prevention — a GET carries no
 *   content-type, so it needs an `apollo-require-preflight` header, which the audit does not send.
 *   We keep CSRF prevention on; hardening.e2e-spec.ts shows the same GET served with the header.
 * - SHOULD (200 on parse/validation/coercion failure with application/json): Apollo answers 400,
 *   which the newer spec text prefers for application/graphql-response+json and clients handle.
 * Auth: the audits query `{ __typename }`, which has no resolver, so the auth guard never runs and it
 * answers without a token. It reveals nothing beyond "this is a GraphQL endpoint", so no token is
 * passed: the audit sees the server as an anonymous caller does.
 */
describe('GraphQL over HTTP: graphql-http audit', () => {
  let server: TestApp;
  let results: AuditResult[];
  beforeAll(async () => {
    server = await startTestApp('graphql_http_audit', { demo: false });
    const audits = serverAudits({ url: `${server.url}/graphql` });
    results = [];
    for (const audit of audits) results.push(await audit.fn());
  });
  afterAll(() => server.close());

  it('passes every MUST', () => {
    const lines = results.map(
      (result) =>
        `${result.status === 'ok' ? 'ok  ' : result.status.padEnd(6)} ${result.name}${result.status === 'ok' ? '' : ` — ${result.reason}`}`,
    );
    // Printed with --verbose or on failure: the full conformance table (SHOULD/MAY warnings included).
    if (process.env.AUDIT_REPORT) console.log(lines.join('\n'));
    const failedMusts = results.filter((result) => result.name.startsWith('MUST') && result.status !== 'ok');
    expect(failedMusts.map((failedMust) => `${failedMust.name}: ${'reason' in failedMust ? failedMust.reason : ''}`)).toEqual([]);
    expect(results.filter((result) => result.name.startsWith('MUST')).length).toBeGreaterThan(10);
  });

  it('an anonymous caller gets __typename and nothing else', async () => {
    expect(
      (
        await server.gql(
          graphql(`
            {
              __typename
            }
          `),
        )
      ).data,
    ).toEqual({ __typename: 'Query' });
    expect(
      (
        await server.gql(
          graphql(`
            {
              me {
                id
              }
            }
          `),
        )
      ).errors![0].extensions.code,
    ).toBe('UNAUTHENTICATED');
  });
});
