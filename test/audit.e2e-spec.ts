import ExcelJS from 'exceljs';
import { MoreThanOrEqual } from 'typeorm';
import { auditChainKey, chainHash } from '../src/audit/audit-hash.js';
import { AuditChainHead, AuditEvent } from '../src/audit/audit-event.entity.js';
import { AuditService } from '../src/audit/audit.service.js';
import { RequestContext } from '../src/common/request-context.js';
import { TransactionService } from '../src/common/transaction.service.js';
import { expectError, startTestApp, type TestApp } from './support/harness.js';
import { graphql } from './support/graphql.js';

const EVENTS = graphql(`
  query ($f: AuditFilterInput, $take: Int) {
    auditEvents(filter: $f, take: $take) {
      totalItems
      items {
        seq
        action
        username
        userId
        objectType
        objectId
        outcome
        detail
        requestId
        at
      }
    }
  }
`);
const VERIFY = graphql(`
  {
    verifyAuditChain {
      ok
      checked
      firstBrokenSeq
      reason
    }
  }
`);

describe('audit trail: who did what, readable by the auditor only, tamper-evident', () => {
  let server: TestApp;
  let auditor: string, admin: string, security: string;
  beforeAll(async () => {
    server = await startTestApp('audit');
    auditor = await server.login('shenji');
    admin = await server.login('admin');
    security = await server.login('anquan');
  });
  afterAll(() => server.close());

  const events = async (value: Record<string, unknown> = {}, take = 200) => {
    const res = await server.gql(EVENTS, { f: value, take }, auditor);
    expect(res.errors).toBeUndefined();
    return res.data!.auditEvents as { totalItems: number; items: any[] };
  };
  const verify = async () => (await server.gql(VERIFY, {}, auditor)).data!.verifyAuditChain;

  it('records logins, successful and failed, with user, object, outcome and request id', async () => {
    await server.gql(
      graphql(`
        mutation {
          login(username: "lingdao", password: "Wrong#pass9") {
            token
          }
        }
      `),
    );
    await server.login('lingdao');
    const logins = (await events({ action: 'user.login' })).items.filter((item) => item.username === 'lingdao');
    expect(logins.map((login) => login.outcome)).toEqual(['SUCCESS', 'FAILURE']); // newest first
    expect(logins[0]).toMatchObject({ objectType: 'user', objectId: String(logins[0].userId) });
    expect(logins[0].requestId).toBeTruthy();
  });

  it('records every step of a story: a user created, disabled, a complaint filed and answered', async () => {
    const before = (await events()).items[0].seq;
    const created = await server.gql(
      graphql(`
        mutation {
          createUser(input: { username: "audit_story", displayName: "测试", role: VIEWER, password: "Story#2025ab" }) {
            id
          }
        }
      `),
      {},
      security,
    );
    const id = created.data!.createUser.id;
    await server.gql(
      graphql(`
        mutation ($id: Int!) {
          setUserDisabled(userId: $id, disabled: true) {
            id
          }
        }
      `),
      { id },
      security,
    );
    const cadre = await server.login('cun_420683003200');
    const filed = await server.gql(
      graphql(`
        mutation {
          fileFeedback(input: { type: COMPLAINT, complaintKind: OTHER, title: "审计测试", content: "内容" }) {
            id
          }
        }
      `),
      {},
      cadre,
    );
    const fid = filed.data!.fileFeedback.id;
    await server.gql(
      graphql(`
        mutation ($id: Int!) {
          respondToFeedback(id: $id, response: "已阅") {
            id
          }
        }
      `),
      { id: fid },
      await server.login('jianfuban'),
    );
    const story = (await events()).items.filter((item) => item.seq > before).reverse();
    expect(story.map((item) => [item.action, item.username, item.objectId])).toEqual([
      // The auditor's own look at the log (the first events() above) is an event too.
      ['audit.read', 'shenji', null],
      ['user.create', 'anquan', String(id)],
      ['user.disable', 'anquan', String(id)],
      ['user.login', 'cun_420683003200', expect.any(String)],
      ['feedback.file', 'cun_420683003200', String(fid)],
      ['user.login', 'jianfuban', expect.any(String)],
      ['feedback.respond', 'jianfuban', String(fid)],
    ]);
    expect(story.map((item) => item.seq)).toEqual(story.map((_, i) => before + 1 + i)); // no gaps
  });

  it('names every action in Chinese: each event carries the name of its action, and the filter lists every action with its name', async () => {
    const named = await server.gql(
      graphql(`
        {
          auditEvents(take: 200) {
            items {
              action
              actionLabel
            }
          }
          auditActions {
            action
            label
          }
        }
      `),
      {},
      auditor,
    );
    expect(named.errors).toBeUndefined();
    const { auditEvents, auditActions } = named.data!;
    expect(auditEvents.items.length).toBeGreaterThan(5);
    const labelOf = new Map(auditActions.map((entry) => [entry.action, entry.label]));
    for (const item of auditEvents.items) {
      expect(item.actionLabel).toMatch(/^[\u4e00-\u9fff（）()，、]+$/);
      expect(item.actionLabel).toBe(labelOf.get(item.action));
    }
    expect(labelOf.get('feedback.respond')).toBe('答复反馈');
    expect(auditActions.length).toBeGreaterThanOrEqual(40);
  });

  it('filters by action, user, object and time', async () => {
    const all = await events();
    const adminId = all.items.find((item) => item.username === 'admin').userId;
    const byUser = await events({ userId: adminId });
    expect(byUser.items.length).toBeGreaterThan(0);
    expect(byUser.items.every((item) => item.username === 'admin')).toBe(true);
    expect((await events({ objectType: 'feedback' })).items.every((item) => item.objectType === 'feedback')).toBe(true);
    const newest = new Date(all.items[0].at);
    // Each look at the log adds one audit.read event after its answer: only those are newer than `all`.
    const later = await events({ from: new Date(newest.getTime() + 2000).toISOString() });
    expect(later.items.every((item) => item.action === 'audit.read')).toBe(true);
    expect((await events({ from: new Date(newest.getTime() - 3600e3).toISOString() })).totalItems).toBe(all.totalItems + 4);
    expect((await events({ to: new Date(newest.getTime() - 3600e3).toISOString() })).totalItems).toBe(0);
    const paged = await events({}, 2);
    expect(paged.items).toHaveLength(2);
    expect(paged.totalItems).toBe(all.totalItems + 6);
    const { username } = (await events({ username: 'admin' })).items[0];
    expect(username).toBe('admin');
    // The auditor's own reads are recorded with their filters and how many events they showed.
    const logins = await events({ action: 'user.login', username: 'admin' }, 3);
    const [ownRead] = (await events({ action: 'audit.read' }, 1)).items;
    expect(ownRead).toMatchObject({ username: 'shenji', objectType: 'audit_event', outcome: 'SUCCESS' });
    expect(JSON.parse(ownRead.detail)).toEqual({
      filter: { action: 'user.login', username: 'admin' },
      shown: logins.items.length,
      total: logins.totalItems,
    });
  });

  it("never takes a client's x-request-id as the audit's request id: the server's own id, sent back in the header", async () => {
    const res = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-request-id': 'forged-request-1' },
      body: JSON.stringify({ query: 'mutation { login(username: "lingdao", password: "Wrong#pass9") { token } }' }),
    });
    const serverId = res.headers.get('x-request-id');
    expect(serverId).toMatch(/^[0-9a-f-]{36}$/);
    const failed = (await events({ action: 'user.login' })).items.find((item) => item.username === 'lingdao' && item.outcome === 'FAILURE');
    expect(failed.requestId).not.toBe('forged-request-1');
    expect(failed.requestId).toBe(serverId);
    expect((await events()).items.some((item) => item.requestId === 'forged-request-1')).toBe(false);
  });

  it('records every refusal once, with user, role, operation and request id, in one place (guard, service, HTTP route)', async () => {
    const cadre = await server.login('cun_420683003200');
    const deniedOf = async () => (await events({ action: 'access.denied' })).items;
    const before = (await deniedOf()).length;
    // A village cadre asks for every town's progress (other villages' data): the role guard refuses.
    const progress = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${cadre}` },
      body: JSON.stringify({
        query: 'query Progress { townProgress(year: 2025) { accepted } again: townProgress(year: 2024) { accepted } }',
      }),
    });
    const body = (await progress.json()) as { data: unknown; errors: { extensions: { code: string }; message: string }[] };
    expect(body.errors[0].extensions.code).toBe('FORBIDDEN');
    // The same field twice in one document: one row, not one per field.
    expect(body.errors[0].message).toBe('您的角色无权进行此操作');
    // A service refuses by its own rule (the security administrator disabling itself); a download route over HTTP.
    const me = await server.gql(
      graphql(`
        {
          me {
            id
          }
        }
      `),
      {},
      security,
    );
    const disableSelf = await server.gql(
      graphql(`
        mutation ($id: Int!) {
          setUserDisabled(userId: $id, disabled: true) {
            id
          }
        }
      `),
      { id: me.data!.me.id },
      security,
    );
    expect(expectError(disableSelf, 'FORBIDDEN').message).toBe('不能停用自己的账号');
    const download = await fetch(`${server.url}/api/users/export.xlsx`, { headers: { authorization: `Bearer ${cadre}` } });
    expect(download.status).toBe(403);
    const denied = (await deniedOf()).slice(0, (await deniedOf()).length - before).reverse();
    expect(denied.map((item) => [item.username, item.outcome, item.objectType, item.objectId])).toEqual([
      ['cun_420683003200', 'DENIED', 'graphql', 'townProgress'],
      ['anquan', 'DENIED', 'graphql', 'setUserDisabled'],
      ['cun_420683003200', 'DENIED', 'http', 'GET /api/users/export.xlsx'],
    ]);
    expect(JSON.parse(denied[0].detail)).toEqual({ role: 'VILLAGE_CADRE', operation: 'query Progress', reason: '您的角色无权进行此操作' });
    expect(JSON.parse(denied[1].detail)).toEqual({ role: 'SECURITY_ADMIN', operation: 'mutation', reason: '不能停用自己的账号' });
    expect(JSON.parse(denied[2].detail)).toEqual({ role: 'VILLAGE_CADRE', reason: '您的角色无权进行此操作' });
    expect(denied[0].requestId).toBe(progress.headers.get('x-request-id'));
    expect(denied[2].requestId).toBe(download.headers.get('x-request-id'));
    expect((await verify()).ok).toBe(true);
  });

  it('a refusal whose audit row cannot be written still answers FORBIDDEN, and nothing else changes', async () => {
    const cadre = await server.login('cun_420683003200');
    await server.dataSource.query('ALTER TABLE audit_event RENAME TO audit_event_off');
    try {
      const res = await server.gql(EVENTS, {}, cadre);
      expect(expectError(res, 'FORBIDDEN').message).toMatch(/无权/);
    } finally {
      await server.dataSource.query('ALTER TABLE audit_event_off RENAME TO audit_event');
    }
    expect((await verify()).ok).toBe(true);
  });

  it('shows action names, outcomes, object types and details in Chinese, and exports the filtered rows to Excel, itself audited', async () => {
    const shown = await server.gql(
      graphql(`
        query ($f: AuditFilterInput) {
          auditEvents(filter: $f, take: 5) {
            items {
              actionLabel
              outcomeLabel
              objectTypeLabel
              detailText
            }
          }
        }
      `),
      { f: { action: 'access.denied' } },
      auditor,
    );
    expect(shown.errors).toBeUndefined();
    const [denied] = shown.data!.auditEvents.items;
    expect(denied).toMatchObject({ actionLabel: '越权访问被拒绝', outcomeLabel: '拒绝', objectTypeLabel: '下载或上传地址' });
    expect(denied.detailText).toMatch(/^角色：[^；]+；/);
    expect(denied.detailText).not.toMatch(/role|reason|[{}"]/);

    const url = `${server.url}/api/audit/export.xlsx?username=cun_420683003200&action=access.denied`;
    const file = await fetch(url, { headers: { authorization: `Bearer ${auditor}` } });
    expect(file.status).toBe(200);
    expect(decodeURIComponent(file.headers.get('content-disposition') ?? '')).toMatch(/审计日志-\d{4}-\d{2}-\d{2}\.xlsx/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await file.arrayBuffer()) as unknown as ArrayBuffer);
    const rows = (wb.getWorksheet('审计日志')!.getSheetValues() as unknown[][]).filter(Boolean).map((row) => row.slice(1));
    const expected = await events({ username: 'cun_420683003200', action: 'access.denied' });
    expect(rows[0]).toEqual(['序号', '时间', '用户', '动作', '结果', '对象类型', '对象编号', '详情', '请求号']);
    expect(rows.slice(1).map((row) => row[0])).toEqual(expected.items.map((item) => item.seq));
    expect(rows.slice(1).every((row) => row[2] === 'cun_420683003200' && row[3] === '越权访问被拒绝' && row[4] === '拒绝')).toBe(true);
    expect(String(rows[1][7])).toMatch(/角色：村\(社区\)干部/);
    const [exported] = (await events({ action: 'audit.export' }, 1)).items;
    expect(exported.username).toBe('shenji');
    expect(JSON.parse(exported.detail)).toEqual({
      filter: { action: 'access.denied', username: 'cun_420683003200' },
      rows: expected.totalItems,
      total: expected.totalItems,
    });
    // Only the auditor downloads it (the refusal is recorded like any other); a bad time is a Chinese input error.
    const refused = await fetch(url, { headers: { authorization: `Bearer ${admin}` } });
    expect(refused.status).toBe(403);
    const badTime = await fetch(`${server.url}/api/audit/export.xlsx?from=yesterday`, { headers: { authorization: `Bearer ${auditor}` } });
    expect(badTime.status).toBe(400);
    expect(((await badTime.json()) as { error: { code: string; message: string } }).error).toMatchObject({
      code: 'BAD_USER_INPUT',
      message: expect.stringMatching(/时间格式/),
    });
  });

  it('is readable by the auditor only', async () => {
    for (const username of ['admin', 'anquan', 'jianfuban', 'lingdao', 'cun_420683003200', 'zhen_juwan']) {
      const token = await server.login(username);
      expect(expectError(await server.gql(EVENTS, {}, token), 'FORBIDDEN').message).toMatch(/无权/);
      expectError(await server.gql(VERIFY, {}, token), 'FORBIDDEN');
    }
    expectError(await server.gql(EVENTS, {}), 'UNAUTHENTICATED');
  });

  it('offers no mutation that could change or remove an event', async () => {
    const res = await server.gql(
      graphql(`
        {
          __schema {
            mutationType {
              fields {
                name
                type {
                  name
                  ofType {
                    name
                  }
                }
              }
            }
          }
        }
      `),
      {},
      admin,
    );
    // gql.tada leaves introspection fields untyped: this is the shape the document asks for.
    type MutationField = { name: string; type: { name: string | null; ofType: { name: string | null } | null } };
    const schema = res.data!.__schema as { mutationType: { fields: MutationField[] } };
    const fields = schema.mutationType.fields;
    expect(fields.length).toBeGreaterThan(5);
    for (const field of fields) {
      expect(field.name).not.toMatch(/audit/i);
      expect([field.type.name, field.type.ofType?.name]).not.toContain('AuditEvent');
    }
  });

  it('verifies an intact chain and finds a changed detail, a recomputed hash, a deleted middle row and a deleted tail', async () => {
    const intact = await verify();
    expect(intact).toEqual({ ok: true, checked: expect.any(Number), firstBrokenSeq: null, reason: null });
    expect(intact.checked).toBe((await events()).totalItems);
    const repo = server.dataSource.getRepository(AuditEvent);
    const mid = Math.floor(intact.checked / 2);
    const row = await repo.findOneByOrFail({ seq: mid });

    // 1. Someone edits what an event says.
    await repo.update({ id: row.id }, { detail: '{"role":"ADMIN"}' });
    let verdict = await verify();
    expect(verdict).toMatchObject({ ok: false, firstBrokenSeq: mid });
    expect(verdict.reason).toContain('被修改');
    await repo.update({ id: row.id }, { detail: row.detail });
    expect((await verify()).ok).toBe(true);
    // The request id ties an event to the server log; it is covered by the hash too.
    await repo.update({ id: row.id }, { requestId: 'forged-request' });
    expect(await verify()).toMatchObject({ ok: false, firstBrokenSeq: mid });
    await repo.update({ id: row.id }, { requestId: row.requestId });
    expect((await verify()).ok).toBe(true);

    // 2. … and rewrites the hashes from there to the head, knowing the algorithm but not the server's key.
    const heads = server.dataSource.getRepository(AuditChainHead);
    const headBefore = await heads.findOneByOrFail({ id: 1 });
    const tail = await repo.find({ where: { seq: MoreThanOrEqual(mid) }, order: { seq: 'ASC' } });
    const guessedKey = auditChainKey(Buffer.alloc(32, 7));
    let prev = row.prevHash;
    for (const auditEvent of tail) {
      const forged = { ...auditEvent, prevHash: prev, username: auditEvent.seq === mid ? 'someone_else' : auditEvent.username };
      forged.hash = chainHash(forged, guessedKey);
      await repo.update({ id: auditEvent.id }, { username: forged.username, prevHash: forged.prevHash, hash: forged.hash });
      prev = forged.hash;
    }
    await heads.update({ id: 1 }, { lastHash: prev });
    verdict = await verify();
    expect(verdict).toMatchObject({ ok: false, firstBrokenSeq: mid });
    expect(verdict.reason).toContain('被修改');
    for (const auditEvent of tail)
      await repo.update({ id: auditEvent.id }, { username: auditEvent.username, prevHash: auditEvent.prevHash, hash: auditEvent.hash });
    await heads.update({ id: 1 }, { lastHash: headBefore.lastHash });
    expect((await verify()).ok).toBe(true);

    // 2b. Even with the server's key, re-hashing one event breaks the next event's link.
    const rehashed = { ...row, username: 'someone_else' };
    await repo.update({ id: row.id }, { username: rehashed.username, hash: chainHash(rehashed, auditChainKey(server.config.piiKey)) });
    verdict = await verify();
    expect(verdict).toMatchObject({ ok: false, firstBrokenSeq: mid + 1 });
    expect(verdict.reason).toContain('前序哈希');
    await repo.update({ id: row.id }, { username: row.username, hash: row.hash });
    expect((await verify()).ok).toBe(true);

    // 3. Someone deletes an event in the middle.
    await repo.delete({ id: row.id });
    verdict = await verify();
    expect(verdict).toMatchObject({ ok: false, firstBrokenSeq: mid });
    expect(verdict.reason).toContain('被删除');
    await repo.insert(row);
    expect((await verify()).ok).toBe(true);

    // 4. … or the newest one, where no later link would notice: the chain head does.
    const lastSeq = (await heads.findOneByOrFail({ id: 1 })).lastSeq; // the auditor's reads above are events too
    const last = await repo.findOneByOrFail({ seq: lastSeq });
    await repo.delete({ id: last.id });
    verdict = await verify();
    expect(verdict).toMatchObject({ ok: false, firstBrokenSeq: lastSeq });
    expect(verdict.reason).toContain('链尾');
    await repo.insert(last);
    expect((await verify()).ok).toBe(true);
  });

  it('fails the action when its audit event cannot be written, leaving nothing behind', async () => {
    const query = (sql: string) => server.dataSource.query(sql);
    const before = (await events()).totalItems;
    await query('ALTER TABLE audit_event RENAME TO audit_event_off');
    try {
      const res = await server.gql(
        graphql(`
          mutation {
            createUser(input: { username: "no_audit_no_user", displayName: "x", role: VIEWER, password: "Strong#Pass1" }) {
              id
            }
          }
        `),
        {},
        security,
      );
      const gqlError = expectError(res, 'INTERNAL_SERVER_ERROR');
      expect(gqlError.message).toMatch(/服务器内部错误/);
      expect(JSON.stringify(res)).not.toMatch(/audit_event|SQL|sqlite|mysql/i);
    } finally {
      await query('ALTER TABLE audit_event_off RENAME TO audit_event');
    }
    const users = await server.gql(
      graphql(`
        {
          users(take: 200, role: VIEWER) {
            items {
              username
            }
          }
        }
      `),
      {},
      security,
    );
    expect(users.data!.users.items.map((item: any) => item.username)).not.toContain('no_audit_no_user');
    expect((await events()).totalItems).toBe(before + 1); // the auditor's own first look, nothing else
    expect((await verify()).ok).toBe(true);
    // With the log back, the same action succeeds and is recorded.
    const ok = await server.gql(
      graphql(`
        mutation {
          createUser(input: { username: "no_audit_no_user", displayName: "x", role: VIEWER, password: "Strong#Pass1" }) {
            id
          }
        }
      `),
      {},
      security,
    );
    expect(ok.errors).toBeUndefined();
    expect((await events({ action: 'user.create', objectId: String(ok.data!.createUser.id) })).totalItems).toBe(1);
  });
});

describe('audit chain under concurrent writers', () => {
  let server: TestApp;
  beforeAll(async () => {
    server = await startTestApp('audit_race', { demo: false });
  });
  afterAll(() => server.close());

  it('starts a fresh chain from many transactions at once without a gap, a fork or a failure', async () => {
    const audit = server.app.get(AuditService);
    const tx = server.app.get(TransactionService);
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, (_, i) =>
        tx.run((em) => audit.record(em, RequestContext.system(), { action: 'task.remind', objectId: i })),
      ),
    );
    expect(results.filter((result) => result.status === 'rejected').map((result: any) => String(result.reason))).toEqual([]);
    const seqs = (await server.dataSource.getRepository(AuditEvent).find({ order: { seq: 'ASC' } })).map((auditEvent) => auditEvent.seq);
    expect(seqs).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect(await audit.verify()).toMatchObject({ ok: true, checked: 20 });
  });
});
