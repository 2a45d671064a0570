import { startTestApp, type TestApp } from './support/harness.js';
import { graphql } from './support/graphql.js';

describe('concurrent writes', () => {
  let server: TestApp;
  beforeAll(async () => {
    server = await startTestApp('concurrency');
  });
  afterAll(() => server.close());

  it('50 concurrent writing requests all succeed, and the audit chain stays intact', async () => {
    const security = await server.login('anquan');
    const CREATE = graphql(`
      mutation ($i: CreateUserInput!) {
        createUser(input: $i) {
          id
        }
      }
    `);
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        server.gql(
          CREATE,
          { i: { username: `viewer_${i}`, displayName: `看板${i}`, role: 'VIEWER', password: `Viewer#${1000 + i}` } },
          security,
        ),
      ),
    );
    expect(results.filter((result) => result.errors)).toEqual([]);
    expect(new Set(results.map((result) => result.data!.createUser.id)).size).toBe(50);
    const auditor = await server.login('shenji');
    const events = await server.gql(
      graphql(`
        {
          auditEvents(filter: { action: "user.create" }, take: 100) {
            totalItems
          }
          verifyAuditChain {
            ok
            checked
          }
        }
      `),
      {},
      auditor,
    );
    expect(events.data!.auditEvents.totalItems).toBe(50);
    expect(events.data!.verifyAuditChain.ok).toBe(true);
  });
});
