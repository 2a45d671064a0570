// Issue #18 item 1: two server processes on one database agree on everything — a session begun on one works on the
// other and ends on both, failed logins spread over both lock the account once and count toward one (account,
// address) limit, a catalogue change made on one is seen on the other within the stated bound, and a scheduled job
// runs in one of them only.
import { execFileSync } from 'node:child_process';
import { print } from 'graphql';
import type { DemoAccount } from '../src/common/demo-step.js';
import { SESSION_CACHE_MS } from '../src/identity/session.service.js';
import { LOGIN_THROTTLE } from '../src/identity/login-throttle.js';
import { DEMO_PASSWORD, freshDatabase, startTestApp } from './support/harness.js';
import { graphql, type TadaDocumentNode } from './support/graphql.js';
import { spawnServer, type ServerProcess } from './support/server-process.js';
import { upload } from './support/upload.js';
import { toCsv } from '../bench/fixtures.js';
import { makeIdNumber } from '../src/common/id-number.js';
import { freshCode, rememberSecondFactors } from './support/totp.js';

const LOGIN = graphql(`
  mutation ($u: String!, $p: String!, $o: String) {
    login(username: $u, password: $p, otp: $o) {
      token
    }
  }
`);
const ME = graphql(`
  {
    me {
      username
    }
  }
`);
const PROGRESS = graphql(`
  query ($key: String!) {
    importProgress(key: $key) {
      fileName
      rowsRead
      rowsWritten
      done
    }
  }
`);
const LOGOUT = graphql(`
  mutation {
    logout
  }
`);
const ELEMENT = graphql(`
  query ($id: Int!) {
    dataElement(id: $id) {
      name
    }
  }
`);
const RENAME = graphql(`
  mutation ($id: Int!, $name: String!) {
    updateDataElement(id: $id, input: { name: $name }) {
      name
    }
  }
`);
const MY_VILLAGE = graphql(`
  {
    me {
      regionId
    }
  }
`);
const AUTOFILL = graphql(`
  query ($codes: [String!]!, $v: VillageRefInput!, $ids: [String!]) {
    autofillElements(elementCodes: $codes, village: $v, idNumbers: $ids) {
      residents {
        valid
        known
      }
    }
  }
`);
const AUTOFILL_EVENTS = graphql(`
  {
    auditEvents(filter: { action: "resident.autofill" }, take: 1) {
      totalItems
    }
    verifyAuditChain {
      ok
      checked
      reason
    }
  }
`);

/**
 * How stale another process may serve the catalogue: it reads the cache versions (cache_version, moved in the
 * writer's transaction) at most every CACHE_STAMP_CHECK_MS, 1000 by default — the bound we promise.
 */
const CATALOGUE_BOUND_MS = 1000;

describe('two server processes on one database', () => {
  let place: Awaited<ReturnType<typeof freshDatabase>>;
  let accounts: DemoAccount[] = [];
  let first: ServerProcess;
  let second: ServerProcess;

  async function gql<R, V>(server: ServerProcess, doc: TadaDocumentNode<R, V>, variables: V, token?: string | null) {
    const res = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query: print(doc), variables }),
    });
    return (await res.json()) as { data?: R; errors?: { message: string; extensions: { code: string } }[] };
  }
  const login = async (server: ServerProcess, username: string, password = DEMO_PASSWORD) => {
    rememberSecondFactors(server.url, accounts);
    const otp = accounts.find((account) => account.username === username)?.secondFactorSecret
      ? await freshCode(server.url, username)
      : null;
    return gql(server, LOGIN, { u: username, p: password, o: otp });
  };
  /** Polls until `ok`, returning how long it took (ms); fails past `limitMs`. */
  async function within(limitMs: number, ok: () => Promise<boolean>): Promise<number> {
    const start = Date.now();
    while (!(await ok())) {
      if (Date.now() - start > limitMs) throw new Error(`not seen within ${limitMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    return Date.now() - start;
  }

  beforeAll(async () => {
    execFileSync(process.execPath, ['scripts/build-if-stale.mjs'], { stdio: 'inherit', timeout: 240_000 });
    place = await freshDatabase('multi-process');
    const seeded = await startTestApp('multi-process', { database: place });
    accounts = seeded.demo!.accounts;
    await seeded.close();
    // Both run the deadline job every second: the lease must let one of them only.
    const env = { MESSAGE_DEADLINE_JOB_SECONDS: '1' };
    [first, second] = await Promise.all([spawnServer(place, env), spawnServer(place, env)]);
  }, 300_000);
  afterAll(async () => {
    await Promise.all([first?.stop('SIGTERM'), second?.stop('SIGTERM')]);
    await place?.drop();
  });

  it('a sign-in on one works on the other; a logout on the other ends it on both within the session cache bound', async () => {
    const token = (await login(first, 'zhen_juwan')).data!.login.token!;
    expect((await gql(second, ME, {}, token)).data!.me.username).toBe('zhen_juwan');
    expect((await gql(first, ME, {}, token)).data!.me.username).toBe('zhen_juwan');
    expect((await gql(second, LOGOUT, {}, token)).data!.logout).toBe(true);
    expect((await gql(second, ME, {}, token)).errors![0].extensions.code).toBe('UNAUTHENTICATED');
    const took = await within(SESSION_CACHE_MS + 1000, async () => !!(await gql(first, ME, {}, token)).errors);
    console.log(`logout on B refused on A after ${took} ms (bound ${SESSION_CACHE_MS} ms)`);
  });

  it('failed logins spread over both processes lock the account once', async () => {
    for (let attempt = 0; attempt < 5; attempt++) {
      const res = await login(attempt % 2 ? second : first, 'zhen_qifang', `Wrong#pass${attempt}`);
      expect(res.errors![0].extensions.code).not.toBe('INTERNAL_SERVER_ERROR');
    }
    // Locked on both: the right password gets in on neither.
    for (const server of [first, second]) expect((await login(server, 'zhen_qifang')).data?.login).toBeFalsy();
    const probe = await startTestApp('multi-process', { database: place, demo: false });
    try {
      const [{ n }] = await probe.dataSource.query(
        `SELECT COUNT(*) AS n FROM audit_event e WHERE e.action = 'user.lock' AND e.object_id = (SELECT CAST(u.id AS CHAR) FROM ${
          probe.engine === 'mysql' ? '`user`' : '"user"'
        } u WHERE u.username = 'zhen_qifang')`,
      );
      expect(Number(n)).toBe(1);
    } finally {
      await probe.close();
    }
  });

  it('the per-(account, address) login limit counts failures made on both processes', async () => {
    for (let attempt = 0; attempt < LOGIN_THROTTLE.pair.max; attempt++)
      expect((await login(attempt % 2 ? second : first, 'nobody_multi', `Wrong#pass${attempt}`)).errors![0].extensions.code).toBe(
        'UNAUTHENTICATED',
      );
    for (const server of [first, second])
      expect((await login(server, 'nobody_multi', 'Wrong#pass')).errors![0].extensions.code).toBe('RATE_LIMITED');
  });

  it('a catalogue change made on one process is seen on the other within the cache-stamp bound', async () => {
    const admin = (await login(first, 'admin')).data!.login.token!;
    // B has read the element (its snapshot holds the old name).
    expect((await gql(second, ELEMENT, { id: 1 }, admin)).data!.dataElement.name).toBeTruthy();
    const renamed = `多进程测试名称${Date.now() % 100000}`;
    expect((await gql(first, RENAME, { id: 1, name: renamed }, admin)).data!.updateDataElement.name).toBe(renamed);
    expect((await gql(first, ELEMENT, { id: 1 }, admin)).data!.dataElement.name).toBe(renamed); // at once where written
    const took = await within(
      CATALOGUE_BOUND_MS + 2000,
      async () => (await gql(second, ELEMENT, { id: 1 }, admin)).data!.dataElement.name === renamed,
    );
    console.log(`catalogue change on A seen on B after ${took} ms (bound ${CATALOGUE_BOUND_MS} ms)`);
  });

  it('an upload to one process is followed from the other: importProgress answers on both (uploads do not depend on which process answers)', async () => {
    const admin = (await login(first, 'admin')).data!.login.token!;
    const rows: string[][] = [];
    for (let i = 0; i < 12_000; i++)
      rows.push([makeIdNumber('420683', '19700101', i % 1000), `多进程${i}`, '土铺村', '汉族', '2024-12-31']);
    const key = 'multi-process-progress-0001';
    let answered = false;
    const answer = upload(first.url, admin, Buffer.from(toCsv(['身份证号', '姓名', '村名', '民族', '日期'], rows)), '两进程.csv', {
      progressKey: key,
      dryRun: 'true',
    }).finally(() => (answered = true));
    const seenOnSecond: { rowsRead: number; done: boolean }[] = [];
    while (!answered) {
      const now = (await gql(second, PROGRESS, { key }, admin)).data?.importProgress;
      if (now) seenOnSecond.push(now);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const { status, body } = await answer;
    expect(status).toBe(201);
    // The other process saw the import while it ran (the upload's process wrote the figures where both read them) …
    expect(seenOnSecond.length).toBeGreaterThan(0);
    expect(seenOnSecond[0]).toMatchObject({ fileName: '两进程.csv' });
    // … and, once answered, its final figures.
    const last = (await gql(second, PROGRESS, { key }, admin)).data!.importProgress;
    expect(last).toMatchObject({ done: true, rowsRead: 12_000, rowsWritten: body.importedRows });
  });

  it('reads of personal data made at once on both processes are all answered, each audited once, and the chain verifies', async () => {
    // Each process group-commits the read events of its concurrent requests (AuditService.recordRead), and on SQLite
    // both take the database's write lock for that with BEGIN IMMEDIATE: a deferred transaction that read the chain head
    // first failed with "database is locked" whenever the other process had committed in between.
    const cadre = (await login(first, 'cun_420683003200')).data!.login.token!;
    const village = (await gql(first, MY_VILLAGE, {}, cadre)).data!.me.regionId!;
    const auditor = (await login(second, 'shenji')).data!.login.token!;
    const before = (await gql(second, AUTOFILL_EVENTS, {}, auditor)).data!.auditEvents.totalItems;
    const ids = Array.from({ length: 5 }, (_, i) => makeIdNumber('420683', '19800101', 500 + i));
    const answers = await Promise.all(
      Array.from({ length: 60 }, (_, i) =>
        gql(i % 2 ? first : second, AUTOFILL, { codes: ['village.households', 'resident.name'], v: { id: village }, ids }, cadre),
      ),
    );
    for (const answer of answers) {
      expect(answer.errors).toBeUndefined();
      expect(answer.data!.autofillElements.residents).toHaveLength(5);
    }
    const after = (await gql(second, AUTOFILL_EVENTS, {}, auditor)).data!;
    expect(after.auditEvents.totalItems).toBe(before + 60);
    expect(after.verifyAuditChain).toMatchObject({ ok: true, reason: null });
  });

  it('the deadline job, due every second in both, runs in one process only (job_lease)', async () => {
    await new Promise((resolve) => setTimeout(resolve, 3000));
    const probe = await startTestApp('multi-process', { database: place, demo: false });
    try {
      const leases: { holder: string }[] = await probe.dataSource.query(`SELECT holder FROM job_lease`);
      const holders = leases.map((lease) => lease.holder).filter(Boolean);
      expect(holders.length).toBeGreaterThan(0);
      // PROCESS_HOLDER is host:pid:random — each lease names exactly one of the two.
      for (const holder of holders) {
        const pid = Number(holder.split(':')[1]);
        expect([first.pid, second.pid]).toContain(pid);
      }
      // Two seconds (two more ticks in each) later the same process still holds it: the other never ran the job.
      await new Promise((resolve) => setTimeout(resolve, 2000));
      const later: { holder: string }[] = await probe.dataSource.query(`SELECT holder FROM job_lease`);
      expect(later.map((lease) => lease.holder).filter(Boolean)).toEqual(holders);
    } finally {
      await probe.close();
    }
  });
});
