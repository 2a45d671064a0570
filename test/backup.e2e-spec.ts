// `npm run backup` / `npm run restore` as an operator runs them: the compiled CLIs in their own
// processes against a running test app's database (SQLite file, or the MySQL test database through
// mariadb-dump / mariadb). A restored copy is started as a second app and must answer exactly as the
// original, audit chain included.
import { rememberSecondFactors } from './support/totp.js';
import { execFile, execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { fixtureId } from '../bench/fixtures.js';
import { ENGINE, freshDatabase, startTestApp, TEST_SECRETS, type TestApp } from './support/harness.js';
import { fixture, upload } from './support/upload.js';
import { graphql } from './support/graphql.js';

const run = promisify(execFile);
const AUTOFILL = graphql(`
  query ($codes: [String!]!, $v: VillageRefInput!, $ids: [String!]) {
    autofillElements(elementCodes: $codes, village: $v, idNumbers: $ids) {
      values {
        key
        value
        asOf
      }
      residents {
        idMasked
        known
        values {
          key
          value
          asOf
        }
      }
    }
  }
`);
const DASHBOARD = graphql(`
  query ($year: Int!) {
    townProgress(year: $year) {
      regionId
      total
      accepted
      overdue
      notStarted
    }
    trends(months: 12) {
      month
      requestsSubmitted
      approved
      assignmentsDue
      assignmentsDone
    }
    departmentStats {
      departmentId
      formsProposed
      approved
    }
  }
`);
const CHAIN = graphql(`
  query {
    verifyAuditChain {
      ok
      checked
      firstBrokenSeq
    }
  }
`);

describe('backup and restore (npm run backup / npm run restore, compiled)', () => {
  let server: TestApp;
  const dir = mkdtempSync(join(tmpdir(), 'onetable-backup-'));
  const cleanups: (() => Promise<void>)[] = [];
  const envFor = (db: { dir: string; url?: string }) => ({
    ...(process.env as Record<string, string>),
    NODE_ENV: 'test',
    LOG_LEVEL: 'warn',
    DATA_DIR: db.dir,
    DATABASE_URL: db.url ?? '',
    ...TEST_SECRETS,
  });
  const cli = (name: 'backup' | 'restore', env: Record<string, string>, ...args: string[]) =>
    run(process.execPath, [`dist/src/cli/${name}.js`, ...args], { env, timeout: 120_000 }).then(
      (out) => ({ code: 0, stdout: out.stdout, stderr: out.stderr }),
      (err) => ({ code: err.code as number, stdout: String(err.stdout), stderr: String(err.stderr) }),
    );
  const answers = async (app: TestApp) => {
    const [admin, office, auditor] = [await app.login('admin'), await app.login('jianfuban'), await app.login('shenji')];
    // Two residents of test/fixtures/residents.csv (one with a lower-case x), and one of the demo's.
    const ids = ['420683196102111019', '42068319780521000X', fixtureId(1)];
    const village = await app.gql(
      AUTOFILL,
      { codes: ['village.households', 'village.registered_population', 'resident.name', 'resident.gender'], v: { name: '土铺村' }, ids },
      admin,
    );
    const dash = await app.gql(DASHBOARD, { year: new Date().getFullYear() }, office);
    const chain = await app.gql(CHAIN, {}, auditor);
    expect(village.errors).toBeUndefined();
    expect(dash.errors).toBeUndefined();
    return { village: village.data, dash: dash.data, chain: chain.data!.verifyAuditChain };
  };
  /** A place for a restored copy: an empty data folder (SQLite) or an empty MySQL database. */
  const emptyPlace = async (name: string) => {
    const place = await freshDatabase(name);
    cleanups.push(place.drop);
    return place;
  };

  beforeAll(async () => {
    execFileSync(process.execPath, ['scripts/build-if-stale.mjs'], { stdio: 'inherit', timeout: 240_000 });
    // A year of platform life on a small county, so the dashboards have figures to compare.
    server = await startTestApp('backup', { demo: { full: true, villages: 40 } });
    const admin = await server.login('admin');
    expect((await upload(server.url, admin, fixture('villages.xlsx'), 'villages.xlsx')).status).toBe(201);
    expect((await upload(server.url, admin, fixture('residents.csv'), 'residents.csv')).status).toBe(201);
  }, 300_000);
  afterAll(async () => {
    await server?.close();
    for (const cleanup of cleanups) await cleanup();
    rmSync(dir, { recursive: true, force: true });
  });

  it('a backup taken while the server writes is whole; restored and started, it answers autofill, dashboards and the audit chain exactly as the original', async () => {
    const serverEnv = envFor({ dir: server.config.dataDir, url: server.config.db.url });
    // Writes while the first copy is taken: imports (facts, batches) and log-ins (audit events).
    let writing = true;
    const admin = await server.login('admin');
    const writer = (async () => {
      let rounds = 0;
      while (writing) {
        await upload(server.url, admin, fixture('villages.xlsx'), 'villages.xlsx');
        await server.gql(graphql('mutation ($u: String!, $p: String!) { login(username: $u, password: $p) { token } }'), {
          u: 'lingdao',
          p: 'wrong-password-1',
        });
        rounds++;
      }
      return rounds;
    })();
    const hot = await cli('backup', serverEnv, join(dir, `hot.${ENGINE === 'sqlite' ? 'sqlite' : 'sql'}`));
    writing = false;
    const rounds = await writer;
    expect(hot.stderr).toBe('');
    expect(hot.code).toBe(0);
    expect(hot.stdout).toContain('备份完成');
    expect(rounds).toBeGreaterThan(0);
    expect(readFileSync(join(dir, `hot.${ENGINE === 'sqlite' ? 'sqlite' : 'sql'}.sha256`), 'utf8')).toMatch(/^[0-9a-f]{64} {2}hot\./);

    // Quiet now: a second copy must answer exactly as the server does.
    const before = await answers(server);
    expect(before.chain.ok).toBe(true);
    const quietFile = join(dir, `quiet.${ENGINE === 'sqlite' ? 'sqlite' : 'sql'}`);
    expect((await cli('backup', serverEnv, quietFile)).code).toBe(0);

    const place = await emptyPlace('backup_restored');
    const restored = await cli('restore', envFor(place), quietFile);
    expect(restored.stderr).toBe('');
    expect(restored.stdout).toContain('恢复完成');
    const copy = await startTestApp('backup_copy', { demo: false, database: place });
    // The copy's accounts are the original's, second factors included.
    rememberSecondFactors(copy.url, server.demo!.accounts);
    try {
      const after = await answers(copy);
      // The answers above wrote their own audit events (log-ins, the autofill read) before the copy was
      // taken: the copy's chain holds them too.
      expect({ ...after, chain: { ...after.chain, checked: 0 } }).toEqual({ ...before, chain: { ...before.chain, checked: 0 } });
      expect(after.chain).toMatchObject({ ok: true, firstBrokenSeq: null });
      expect(after.chain.checked).toBeGreaterThan(before.chain.checked);
      expect(before.dash!.trends.some((month) => month.assignmentsDue > 0)).toBe(true);
      expect(before.dash!.departmentStats.length).toBeGreaterThan(0);
      expect(before.village!.autofillElements.residents.slice(0, 2).map((resident) => resident.known)).toEqual([true, true]);
      expect(before.village!.autofillElements.values.find((value) => value.key === 'village.households')?.value).toBeTruthy();
    } finally {
      await copy.close();
    }

    // The copy taken mid-write restores too, and its chain verifies.
    const hotPlace = await emptyPlace('backup_hot');
    expect((await cli('restore', envFor(hotPlace), join(dir, `hot.${ENGINE === 'sqlite' ? 'sqlite' : 'sql'}`))).code).toBe(0);
    const hotCopy = await startTestApp('backup_hot_copy', { demo: false, database: hotPlace });
    rememberSecondFactors(hotCopy.url, server.demo!.accounts);
    try {
      const auditor = await hotCopy.login('shenji');
      expect((await hotCopy.gql(CHAIN, {}, auditor)).data!.verifyAuditChain.ok).toBe(true);
    } finally {
      await hotCopy.close();
    }
  }, 600_000);

  it('refuses a damaged or cut-short copy, and (SQLite) a restore under a running server; nothing is replaced', async () => {
    const file = join(dir, `quiet.${ENGINE === 'sqlite' ? 'sqlite' : 'sql'}`);
    expect(existsSync(file)).toBe(true);
    // A copy whose bytes no longer match its .sha256.
    const damaged = join(dir, `damaged.${ENGINE === 'sqlite' ? 'sqlite' : 'sql'}`);
    const bytes = readFileSync(file);
    bytes[Math.floor(bytes.length / 2)] ^= 0xff;
    writeFileSync(damaged, bytes);
    copyFileSync(`${file}.sha256`, `${damaged}.sha256`);
    const place = await emptyPlace('backup_refused');
    const refused = await cli('restore', envFor(place), damaged);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('与其 .sha256 不符');

    if (ENGINE === 'mysql') {
      // A dump cut short (a full disk, a dropped connection) lacks mysqldump's end marker.
      const cut = join(dir, 'cut.sql');
      writeFileSync(cut, bytes.subarray(0, Math.floor(bytes.length / 2)));
      const answer = await cli('restore', envFor(place), cut);
      expect(answer.code).toBe(1);
      expect(answer.stderr).toContain('不完整');
    } else {
      // The running test app has its file open: the restore refuses and leaves it as it was.
      const serverEnv = envFor({ dir: server.config.dataDir, url: server.config.db.url });
      const filesBefore = readdirSync(server.config.dataDir).sort();
      const answer = await cli('restore', serverEnv, file);
      expect(answer.code).toBe(1);
      expect(answer.stderr).toContain('正被使用');
      expect(readdirSync(server.config.dataDir).sort()).toEqual(filesBefore);
      const auditor = await server.login('shenji');
      expect((await server.gql(CHAIN, {}, auditor)).data!.verifyAuditChain.ok).toBe(true);
    }
  }, 300_000);
});
