import { Role } from '../src/common/auth-user.js';
import { RequestContext } from '../src/common/request-context.js';
import { UsersService } from '../src/identity/users.service.js';
import { expectError, startTestApp, type TestApp } from './support/harness.js';
import { graphql } from './support/graphql.js';

/**
 * 三员分立 (GB/T 22239-2019 8.1.4): the system administrator (admin) keeps regions, catalogue and imports but no
 * accounts; the security administrator (anquan) manages every account except security administrators'; the auditor
 * (shenji) reads the audit log, changes nothing, and sees every privileged account made, reset or disabled.
 */
describe('three separated administrators (三员分立)', () => {
  let server: TestApp;
  let admin: string;
  let security: string;
  let auditor: string;
  let otherSecurityId: number;
  let securityId: number;

  const USERS = graphql(`
    query ($role: Role) {
      users(role: $role, take: 50) {
        totalItems
        items {
          id
          username
        }
      }
    }
  `);
  const CREATE = graphql(`
    mutation ($i: CreateUserInput!) {
      createUser(input: $i) {
        id
        role
      }
    }
  `);
  const RESET = graphql(`
    mutation ($id: Int!, $p: String!) {
      resetPassword(userId: $id, newPassword: $p) {
        id
      }
    }
  `);
  const DISABLE = graphql(`
    mutation ($id: Int!, $d: Boolean!) {
      setUserDisabled(userId: $id, disabled: $d) {
        disabled
      }
    }
  `);
  const EVENTS = graphql(`
    query ($action: String) {
      auditEvents(filter: { action: $action }, take: 50) {
        items {
          action
          actionLabel
          username
          objectId
          detail
        }
      }
    }
  `);

  beforeAll(async () => {
    server = await startTestApp('separation');
    [admin, security, auditor] = await Promise.all([server.login('admin'), server.login('anquan'), server.login('shenji')]);
    // A second security administrator, made as on the server (npm run user:create calls the same method).
    const other = await server.app
      .get(UsersService)
      .create(
        RequestContext.system(null),
        { username: 'anquan_b', displayName: '安全管理员乙', role: Role.SECURITY_ADMIN, password: 'Second#Sec2025' },
        { serverOperator: 'root' },
      );
    otherSecurityId = other.id;
    securityId = (await server.gql(USERS, { role: 'SECURITY_ADMIN' }, security)).data!.users.items.find(
      (user) => user.username === 'anquan',
    )!.id;
  });
  afterAll(() => server?.close());

  it('the system administrator cannot list, export, create, reset or disable accounts', async () => {
    expectError(await server.gql(USERS, {}, admin), 'FORBIDDEN');
    expectError(
      await server.gql(
        CREATE,
        { i: { username: 'admin_two', displayName: '第二管理员', role: 'ADMIN', password: 'Admin#Two2025' } },
        admin,
      ),
      'FORBIDDEN',
    );
    expectError(await server.gql(RESET, { id: securityId, p: 'Taken#Over2025' }, admin), 'FORBIDDEN');
    expectError(await server.gql(DISABLE, { id: securityId, d: true }, admin), 'FORBIDDEN');
    const res = await fetch(`${server.url}/api/users/export.xlsx`, { headers: { authorization: `Bearer ${admin}` } });
    expect(res.status).toBe(403);
    // It keeps its own work: the catalogue and imports.
    const imports = await server.gql(
      graphql(`
        {
          importBatches {
            totalItems
          }
        }
      `),
      {},
      admin,
    );
    expect(imports.errors).toBeUndefined();
  });

  it('the security administrator manages accounts, ADMIN and AUDITOR included, and exports the list', async () => {
    const created = await server.gql(
      CREATE,
      { i: { username: 'shenji_b', displayName: '审计管理员乙', role: 'AUDITOR', password: 'Audit#Two2025' } },
      security,
    );
    expect(created.data!.createUser.role).toBe('AUDITOR');
    const viewer = await server.gql(
      CREATE,
      { i: { username: 'lingdao_b', displayName: '领导乙', role: 'VIEWER', password: 'Viewer#Two2025' } },
      security,
    );
    expect(viewer.data!.createUser.role).toBe('VIEWER');
    expect((await server.gql(RESET, { id: created.data!.createUser.id, p: 'Audit#Three2025' }, security)).errors).toBeUndefined();
    expect((await server.gql(DISABLE, { id: created.data!.createUser.id, d: true }, security)).data!.setUserDisabled.disabled).toBe(true);
    const res = await fetch(`${server.url}/api/users/export.xlsx`, { headers: { authorization: `Bearer ${security}` } });
    expect(res.status).toBe(200);
  });

  it('the security administrator cannot create a security administrator, nor touch one, itself included', async () => {
    const made = expectError(
      await server.gql(
        CREATE,
        { i: { username: 'anquan_c', displayName: '安全管理员丙', role: 'SECURITY_ADMIN', password: 'Third#Sec2025' } },
        security,
      ),
      'FORBIDDEN',
    );
    expect(made.message).toContain('npm run user:create');
    expectError(await server.gql(RESET, { id: otherSecurityId, p: 'Taken#Over2025' }, security), 'FORBIDDEN');
    expectError(await server.gql(DISABLE, { id: otherSecurityId, d: true }, security), 'FORBIDDEN');
    // Itself: no reset (that is changePassword, which needs the old one), no disabling.
    expectError(await server.gql(RESET, { id: securityId, p: 'Taken#Over2025' }, security), 'FORBIDDEN');
    expectError(await server.gql(DISABLE, { id: securityId, d: false }, security), 'FORBIDDEN');
    const still = await server.login('anquan_b', 'Second#Sec2025');
    expect(still).toBeTruthy();
    const users = (await server.gql(USERS, { role: 'SECURITY_ADMIN' }, security)).data!.users;
    expect(users.items.map((user) => user.username).sort()).toEqual(['anquan', 'anquan_b']);
  });

  it('no account in the platform can raise a role: there is no mutation that sets an existing account’s role', async () => {
    const schema = await server.gqlRaw(
      '{ __type(name: "Mutation") { fields { name args { name type { name ofType { name } } } } } }',
      {},
      security,
    );
    const fields = (schema.data as { __type: { fields: { name: string; args: { name: string }[] }[] } }).__type.fields;
    // createUser takes a role for a new account (never SECURITY_ADMIN, see above); nothing else takes one.
    const withRole = fields.filter((field) => field.args.some((arg) => /role/i.test(arg.name)) || /role/i.test(field.name));
    expect(withRole.map((field) => field.name)).toEqual([]);
  });

  it('the security administrator sees no resident or village data', async () => {
    expectError(
      await server.gql(
        graphql(`
          {
            overview {
              activeVillageForms
            }
          }
        `),
        {},
        security,
      ),
      'FORBIDDEN',
    );
    expectError(
      await server.gql(
        graphql(`
          query ($id: String!) {
            subjectProfile(idNumber: $id) {
              subjectType
            }
          }
        `),
        { id: '420683199001010011' },
        security,
      ),
      'FORBIDDEN',
    );
    const tasks = await server.gql(
      graphql(`
        {
          tasks {
            totalItems
          }
        }
      `),
      {},
      security,
    );
    expect(tasks.data!.tasks.totalItems).toBe(0);
  });

  it('the auditor changes nothing, and reads every privileged account made, reset or disabled, by whom', async () => {
    expectError(
      await server.gql(CREATE, { i: { username: 'x_by_audit', displayName: 'x', role: 'VIEWER', password: 'Audit#Make2025' } }, auditor),
      'FORBIDDEN',
    );
    expectError(await server.gql(DISABLE, { id: securityId, d: true }, auditor), 'FORBIDDEN');
    const created = (await server.gql(EVENTS, { action: 'privileged.create' }, auditor)).data!.auditEvents.items;
    expect(created.map((event) => [event.actionLabel, event.username, JSON.parse(event.detail!).role])).toEqual([
      // newest first
      ['新建特权账号（系统、安全、审计管理员）', 'anquan', 'AUDITOR'],
      ['新建特权账号（系统、安全、审计管理员）', null, 'SECURITY_ADMIN'],
    ]);
    expect(JSON.parse(created.find((event) => event.username === null)!.detail!)).toMatchObject({
      via: 'npm run user:create',
      serverOperator: 'root',
      username: 'anquan_b',
    });
    for (const action of ['privileged.resetPassword', 'privileged.disable']) {
      const events = (await server.gql(EVENTS, { action }, auditor)).data!.auditEvents.items;
      expect([action, events.map((event) => [event.username, JSON.parse(event.detail!).username])]).toEqual([
        action,
        [['anquan', 'shenji_b']],
      ]);
    }
    // An ordinary account's creation stays an ordinary event.
    const ordinary = (await server.gql(EVENTS, { action: 'user.create' }, auditor)).data!.auditEvents.items;
    expect(ordinary.map((event) => JSON.parse(event.detail!).username)).toEqual(['lingdao_b']);
  });
});
