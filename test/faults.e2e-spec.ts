// Faults a server meets in production, played for real: the compiled server runs in its own process
// and is killed with SIGKILL (no shutdown hook runs) in the middle of an import and of a burst of
// writes; a new process is started on the same database and must find it whole.
import { freshCode, rememberSecondFactors, secondFactorSecretOf } from './support/totp.js';
import type { DemoAccount } from '../src/common/demo-step.js';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { RESIDENT_HEADER, toCsv } from '../bench/fixtures.js';
import { makeIdNumber } from '../src/common/id-number.js';
import { DEMO_PASSWORD, ENGINE, freshDatabase, startTestApp } from './support/harness.js';
import { spawnServer, type ServerProcess } from './support/server-process.js';
import { graphql, type TadaDocumentNode } from './support/graphql.js';
import { print } from 'graphql';

/** The nth resident of the big file: synthetic ID numbers no demo resident has (sequence 900–949). */
const bigId = (num: number) => {
  const birth = new Date(Date.UTC(1940, 0, 1) + Math.floor(num / 50) * 86_400_000).toISOString().slice(0, 10).replace(/-/g, '');
  return makeIdNumber('420683', birth, 900 + (num % 50));
};

const LOGIN = graphql(`
  mutation ($u: String!, $p: String!, $o: String) {
    login(username: $u, password: $p, otp: $o) {
      token
    }
  }
`);
const STATE = graphql(`
  query ($ids: [String!]) {
    interruptedImports {
      fileName
      status
    }
    importBatches(take: 1) {
      totalItems
    }
    autofillElements(elementCodes: ["resident.name"], village: { name: "土铺村" }, idNumbers: $ids) {
      residents {
        known
      }
    }
  }
`);
const PROGRESS = graphql(`
  query ($key: String!) {
    importProgress(key: $key) {
      rowsRead
      rowsWritten
    }
  }
`);
const CHAIN = graphql(`
  query {
    verifyAuditChain {
      ok
      checked
    }
  }
`);

describe('faults: a server process killed (SIGKILL) mid-import or mid-write leaves no half and loses nothing', () => {
  let place: Awaited<ReturnType<typeof freshDatabase>>;
  let server: ServerProcess | null = null;
  let url = '';
  const sqlitePath = () => join(place.dir, 'onetable.sqlite');

  async function startServer(): Promise<void> {
    server = await spawnServer(place);
    url = server.url;
  }
  async function kill(): Promise<void> {
    const dying = server!;
    server = null;
    await dying.stop('SIGKILL');
  }
  async function gql<R, V>(doc: TadaDocumentNode<R, V>, variables: V, token?: string | null) {
    const res = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query: print(doc), variables }),
    });
    return (await res.json()) as { data?: R; errors?: { message: string }[] };
  }
  /** The seeded demo's accounts: the privileged ones sign in with a code from their second-factor secret. */
  let accounts: DemoAccount[] = [];
  const login = async (username: string) => {
    rememberSecondFactors(url, accounts);
    const otp = secondFactorSecretOf(url, username) ? await freshCode(url, username) : null;
    return (await gql(LOGIN, { u: username, p: DEMO_PASSWORD, o: otp })).data!.login.token;
  };
  const chainOk = async () => (await gql(CHAIN, {}, await login('shenji'))).data!.verifyAuditChain;

  beforeAll(async () => {
    execFileSync(process.execPath, ['scripts/build-if-stale.mjs'], { stdio: 'inherit', timeout: 240_000 });
    // The database: migrated and seeded by the harness, then served by the compiled server.
    place = await freshDatabase('faults');
    const seeded = await startTestApp('faults', { database: place });
    accounts = seeded.demo!.accounts;
    await seeded.close();
    await startServer();
  }, 300_000);
  afterAll(async () => {
    if (server) await kill();
    await place?.drop();
  });

  it('killed mid-import: the next start marks the import interrupted, none of its rows is current, and the file imports again', async () => {
    const rows = 60_000;
    const file = Buffer.from(
      toCsv(
        RESIDENT_HEADER,
        Array.from({ length: rows }, (_, num) => [bigId(num), `居民${num}`, '', '土铺村', '', '汉族', '', '初中', '否', '2024-12-31']),
      ),
    );
    const sample = [bigId(0), bigId(rows / 2), bigId(rows - 1)];
    let admin = await login('admin');
    const before = (await gql(STATE, { ids: sample }, admin)).data!;
    expect(before.autofillElements.residents.map((resident) => resident.known)).toEqual([false, false, false]);

    const form = new FormData();
    form.append('progressKey', 'fault-import-1');
    form.append('file', new Blob([new Uint8Array(file)]), '居民花名册.csv');
    const uploading = fetch(`${url}/api/imports`, { method: 'POST', body: form, headers: { authorization: `Bearer ${admin}` } }).then(
      (res) => `answered ${res.status}`,
      () => 'connection lost',
    );
    // Kill once rows are being written inside the import's transaction.
    let written = 0;
    for (let waited = 0; waited < 120_000 && written === 0; waited += 100) {
      const now = (await gql(PROGRESS, { key: 'fault-import-1' }, admin)).data?.importProgress;
      written = now?.rowsWritten ?? 0;
      if (!written) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(written).toBeGreaterThan(0);
    expect(written).toBeLessThan(rows);
    await kill();
    expect(await uploading).toBe('connection lost');
    if (ENGINE === 'sqlite') {
      const db = new Database(sqlitePath());
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      db.close();
    }

    await startServer();
    admin = await login('admin');
    const after = (await gql(STATE, { ids: sample }, admin)).data!;
    expect(after.interruptedImports).toEqual([{ fileName: '居民花名册.csv', status: 'INTERRUPTED' }]);
    expect(after.importBatches.totalItems).toBe(before.importBatches.totalItems);
    expect(after.autofillElements.residents.map((resident) => resident.known)).toEqual([false, false, false]);
    expect(await chainOk()).toMatchObject({ ok: true });

    // The same file again: imported whole, and no longer listed as interrupted.
    const again = new FormData();
    again.append('file', new Blob([new Uint8Array(file)]), '居民花名册.csv');
    const res = await fetch(`${url}/api/imports`, { method: 'POST', body: again, headers: { authorization: `Bearer ${admin}` } });
    const report = (await res.json()) as { importedRows: number; alreadyImported: boolean };
    expect(res.status).toBe(201);
    expect(report).toMatchObject({ importedRows: rows, alreadyImported: false });
    const done = (await gql(STATE, { ids: sample }, admin)).data!;
    expect(done.interruptedImports).toEqual([]);
    expect(done.autofillElements.residents.map((resident) => resident.known)).toEqual([true, true, true]);
  }, 600_000);

  (ENGINE === 'sqlite' ? it : it.skip)(
    'SQLite: killed during a burst of writes, the file passes integrity_check and the audit chain verifies',
    async () => {
      // Failed log-ins of many accounts at once: each writes an audit event (and counts toward a lock).
      const users = ['lingdao', 'jianfuban2', 'bm_mzj', 'bm_nyncj', 'bm_wsjkj', 'bm_tjj', 'zhen_juwan', 'zhen_beicheng', 'zhen_chehe'];
      let sent = 0;
      let rounds = 0;
      const burst = (async () => {
        for (;;) {
          const round = users.map((username) => gql(LOGIN, { u: username, p: `wrong-${sent++}` }).catch(() => null));
          const answers = await Promise.all(round);
          if (answers.some((answer) => answer === null)) return;
          rounds++;
        }
      })();
      // Two rounds answered, the third in flight: killed while it writes.
      while (rounds < 2) await new Promise((resolve) => setTimeout(resolve, 20));
      await kill();
      await burst;
      expect(sent).toBeGreaterThan(2 * users.length);
      const db = new Database(sqlitePath());
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      db.close();
      await startServer();
      const chain = await chainOk();
      expect(chain.ok).toBe(true);
      expect(chain.checked).toBeGreaterThan(users.length);
    },
    300_000,
  );
});
