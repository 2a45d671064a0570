import { execFile, execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { AuditArchiveService } from '../src/audit/audit-archive.service.js';
import { AuditEvent } from '../src/audit/audit-event.entity.js';
import { canonicalOf } from '../src/audit/audit-hash.js';
import { AuditJobsService } from '../src/audit-keeping/audit-jobs.service.js';
import { AuditService } from '../src/audit/audit.service.js';
import { platformMonth, platformMonthStart } from '../src/common/platform-time.js';
import { RequestContext } from '../src/common/request-context.js';
import { TransactionService } from '../src/common/transaction.service.js';
import { loadConfig } from '../src/config/config.js';
import { KeyringService } from '../src/crypto/keyring.service.js';
import { DemoService } from '../src/demo/demo.service.js';
import { graphql } from './support/graphql.js';
import { DEMO_PASSWORD, expectError, startTestApp, TEST_SECRETS, type TestApp } from './support/harness.js';
import { rememberSecondFactors } from './support/totp.js';

const run = promisify(execFile);

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
const ARCHIVES = graphql(`
  {
    auditArchives {
      id
      month
      firstSeq
      lastSeq
      eventCount
      sha256
      fileName
      createdAt
      purgedAt
    }
    auditKeeping {
      publicKeyFingerprint
      publicKeyPem
      lastCheckpointAt
      lastCheckpointSeq
      retentionDays
    }
  }
`);

describe('audit chain checkpoints: signed, outside the database, catch the newest events deleted or rewritten', () => {
  let server: TestApp;
  let auditor: string;
  beforeAll(async () => {
    server = await startTestApp('audit_checkpoint');
    auditor = await server.login('shenji');
    // A few events on the chain (each sign-in is one).
    for (const username of ['jianfuban', 'lingdao', 'cun_420683003200', 'zhen_juwan', 'admin']) await server.login(username);
  });
  afterAll(() => server.close());

  const verify = async () => (await server.gql(VERIFY, {}, auditor)).data!.verifyAuditChain;
  const sql = (text: string, params: unknown[] = []) => server.dataSource.query(text, params);
  const headRow = async () => (await sql('SELECT last_seq AS seq, last_hash AS hash FROM audit_chain_head WHERE id = 1'))[0];

  it('writes a signed checkpoint of the chain head to a file outside the database, once per due time across processes', async () => {
    const jobs = server.app.get(AuditJobsService);
    const head = await headRow();
    const first = await jobs.run(new Date(), 'process-a');
    expect(first.ran).toBe(true);
    expect(first.checkpoint).toMatchObject({ seq: Number(head.seq), hash: head.hash, count: Number(head.seq) });
    // Another process asking in the same interval finds the lease taken.
    expect((await jobs.run(new Date(), 'process-b')).ran).toBe(false);
    const file = join(server.config.dataDir, 'audit-checkpoints', 'checkpoints.jsonl');
    const lines = readFileSync(file, 'utf8').trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0])).toMatchObject({ seq: Number(head.seq), sig: expect.stringMatching(/^[A-Za-z0-9+/=]{80,}$/) });
    // The key is a file too, its public half beside it; neither is in the database.
    expect(existsSync(join(server.config.dataDir, 'audit-signing.key.pem'))).toBe(true);
    expect(readFileSync(join(server.config.dataDir, 'audit-signing.pub.pem'), 'utf8')).toMatch(/BEGIN PUBLIC KEY/);
    const keeping = (await server.gql(ARCHIVES, {}, auditor)).data!.auditKeeping;
    expect(keeping).toMatchObject({
      lastCheckpointSeq: Number(head.seq),
      retentionDays: 180,
      publicKeyFingerprint: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    expect(await verify()).toMatchObject({ ok: true, reason: null });
    // Nothing new since: the next run writes no line.
    expect((await jobs.run(new Date(Date.now() + 120e3), 'process-a')).checkpoint).toBeNull();
  });

  it('finds the last 5 events deleted and the head row rewritten to match; untouched, the chain verifies', async () => {
    const jobs = server.app.get(AuditJobsService);
    await server.login('admin', 'Wrong#pass9').catch(() => null); // a new event since the last checkpoint
    const checkpoint = (await jobs.run(new Date(Date.now() + 3600e3), 'process-a')).checkpoint!;
    const top = checkpoint.seq;
    const removed: AuditEvent[] = await server.dataSource
      .getRepository(AuditEvent)
      .createQueryBuilder('e')
      .where('e.seq > :s', { s: top - 5 })
      .getMany();
    expect(removed.map((event) => event.seq).sort((one, two) => one - two)).toEqual([top - 4, top - 3, top - 2, top - 1, top]);
    const headBefore = await headRow();
    const keep = (await sql('SELECT hash FROM audit_event WHERE seq = ?', [top - 5]))[0].hash;
    await sql('DELETE FROM audit_event WHERE seq > ?', [top - 5]);
    await sql('UPDATE audit_chain_head SET last_seq = ?, last_hash = ? WHERE id = 1', [top - 5, keep]);

    const verdict = await verify();
    expect(verdict.ok).toBe(false);
    expect(verdict.reason).toMatch(new RegExp(`^最新的审计事件被删除或改写：检查点（.+）记录到第 ${top} 条，库中只到第 ${top - 5} 条`));
    expect(verdict.firstBrokenSeq).toBe(top - 4);

    // Put back: the chain verifies again.
    await server.dataSource.getRepository(AuditEvent).insert(removed);
    await sql('UPDATE audit_chain_head SET last_seq = ?, last_hash = ? WHERE id = 1', [headBefore.seq, headBefore.hash]);
    expect(await verify()).toMatchObject({ ok: true, reason: null });
  });

  it('finds the newest event rewritten and re-sealed with the server key itself, and a checkpoint line forged', async () => {
    const jobs = server.app.get(AuditJobsService);
    await server.login('anquan', 'Wrong#pass9').catch(() => null);
    const checkpoint = (await jobs.run(new Date(Date.now() + 7200e3), 'process-a')).checkpoint!;
    const repo = server.dataSource.getRepository(AuditEvent);
    const newest = await repo.findOneByOrFail({ seq: checkpoint.seq });
    // Someone with the database and the PII key rewrites the newest event and the head: the chain holds in itself.
    const forged = { ...newest, username: 'someone_else' };
    forged.hash = server.app.get(KeyringService).ring.sealChain(canonicalOf(forged));
    await repo.update({ id: newest.id }, { username: forged.username, hash: forged.hash });
    const headBefore = await headRow();
    await sql('UPDATE audit_chain_head SET last_hash = ? WHERE id = 1', [forged.hash]);
    const later = await repo.createQueryBuilder('e').where('e.seq > :s', { s: newest.seq }).getMany();
    await sql('DELETE FROM audit_event WHERE seq > ?', [newest.seq]);
    await sql('UPDATE audit_chain_head SET last_seq = ? WHERE id = 1', [newest.seq]);
    const verdict = await verify();
    expect(verdict).toMatchObject({ ok: false, firstBrokenSeq: newest.seq });
    expect(verdict.reason).toMatch(/^最新的审计事件被删除或改写：.*哈希与检查点不符/);
    await repo.update({ id: newest.id }, { username: newest.username, hash: newest.hash });
    await repo.insert(later);
    await sql('UPDATE audit_chain_head SET last_seq = ?, last_hash = ? WHERE id = 1', [headBefore.seq, headBefore.hash]);
    expect((await verify()).ok).toBe(true);

    // A checkpoint line changed by hand (to hide a deletion) no longer carries a valid signature.
    const file = join(server.config.dataDir, 'audit-checkpoints', 'checkpoints.jsonl');
    const original = readFileSync(file, 'utf8');
    const lines = original.trim().split('\n');
    const last = JSON.parse(lines[lines.length - 1]);
    lines[lines.length - 1] = JSON.stringify({ ...last, seq: last.seq - 5 });
    writeFileSync(file, lines.join('\n') + '\n');
    const bad = await verify();
    expect(bad.ok).toBe(false);
    expect(bad.reason).toBe(`检查点文件第 ${lines.length} 行的签名无效（检查点被篡改或不是本平台签名密钥所签）`);
    writeFileSync(file, original);
    expect((await verify()).ok).toBe(true);
  });
});

describe('audit retention: monthly signed archives the auditor verifies offline; purge of archived months past retention only', () => {
  let server: TestApp;
  let auditor: string;
  let downloads: string;
  // Mid-month, 9, 8, 5 and 1 months ago (platform time zone): the first two ended more than 180 days ago.
  const now = new Date();
  const [year, month] = platformMonth(now).split('-').map(Number);
  const pastMonths = [9, 8, 5, 1].map((back) => new Date(platformMonthStart(year, month - 1 - back).getTime() + 14 * 24 * 3600e3));
  const monthNames = pastMonths.map((at) => platformMonth(at));

  beforeAll(async () => {
    execFileSync(process.execPath, ['scripts/build-if-stale.mjs'], { stdio: 'inherit', timeout: 240_000 });
    downloads = mkdtempSync(join(tmpdir(), 'audit-downloads-'));
    server = await startTestApp('audit_archive', { demo: false });
    // Events of past months, written as the app writes them (AuditService.record in a transaction), at past times.
    const audit = server.app.get(AuditService);
    const tx = server.app.get(TransactionService);
    for (const at of pastMonths)
      for (let i = 0; i < 3; i++)
        await tx.run((em) =>
          audit.record(em, RequestContext.system(null, new Date(at.getTime() + i * 60e3)), { action: 'task.remind', objectId: i }),
        );
    const demo = await server.app.get(DemoService).load({ password: DEMO_PASSWORD, full: false });
    rememberSecondFactors(server.url, demo.accounts);
    auditor = await server.login('shenji');
  });
  afterAll(async () => {
    await server.close();
    rmSync(downloads, { recursive: true, force: true });
  });

  const verify = async () => (await server.gql(VERIFY, {}, auditor)).data!.verifyAuditChain;
  const get = (path: string, token: string) => fetch(`${server.url}${path}`, { headers: { authorization: `Bearer ${token}` } });
  const verifyCli = (...args: string[]) =>
    run(process.execPath, ['dist/src/cli/audit-verify-archive.js', ...args], { timeout: 60_000 }).then(
      ({ stdout }) => ({ code: 0, out: stdout }),
      (err: { code: number; stdout: string; stderr: string }) => ({ code: err.code, out: err.stdout + err.stderr }),
    );

  it('archives each month that is over, once, and purges only archived months older than the retention; the chain still verifies', async () => {
    const total = Number((await server.dataSource.query('SELECT COUNT(*) AS n FROM audit_event'))[0].n);
    const jobs = server.app.get(AuditJobsService);
    const first = await jobs.run(now, 'process-a');
    expect(first.archived.map((archive) => [archive.month, archive.eventCount])).toEqual(monthNames.map((name) => [name, 3]));
    expect(first.purged.map((archive) => archive.month)).toEqual(monthNames.slice(0, 2));
    // Nothing twice: the next run finds nothing to archive or purge.
    const again = await jobs.run(new Date(now.getTime() + 3600e3), 'process-a');
    expect([again.archived, again.purged]).toEqual([[], []]);

    const listed = await server.gql(ARCHIVES, {}, auditor);
    expect(listed.errors).toBeUndefined();
    const archives = listed.data!.auditArchives;
    expect(archives.map((archive) => archive.month)).toEqual([...monthNames].reverse());
    expect(archives.map((archive) => archive.purgedAt === null)).toEqual([true, true, false, false]);
    expect(archives[3]).toMatchObject({ firstSeq: 1, lastSeq: 3, eventCount: 3, fileName: `audit-${monthNames[0]}.jsonl` });

    // Only the two old months left the database; the rest, and this month's, are there.
    const left = (await server.dataSource.query('SELECT seq FROM audit_event ORDER BY seq')).map((row: { seq: number }) => Number(row.seq));
    expect(left[0]).toBe(7);
    // 4 archive events and 2 purge events joined the chain, 6 events left it.
    expect(left).toHaveLength(total + 4 + 2 - 6);
    const verdict = await verify();
    expect(verdict).toMatchObject({ ok: true, reason: null });
    expect(verdict.checked).toBe(left.length);
    const purges = (await server.dataSource.query("SELECT detail FROM audit_event WHERE action = 'audit.purge' ORDER BY seq")).map(
      (row: { detail: string }) => JSON.parse(row.detail).month,
    );
    expect(purges).toEqual(monthNames.slice(0, 2));
  });

  it('lets the auditor download an archive, its signature and the public key (audited), and verify it offline; one byte changed fails', async () => {
    const archives = (await server.gql(ARCHIVES, {}, auditor)).data!.auditArchives;
    const oldest = archives[archives.length - 1];
    const save = async (path: string, name: string) => {
      const res = await get(path, auditor);
      expect(res.status).toBe(200);
      writeFileSync(join(downloads, name), Buffer.from(await res.arrayBuffer()));
    };
    await save(`/api/audit-archives/${oldest.id}/jsonl`, oldest.fileName);
    await save(`/api/audit-archives/${oldest.id}/sig`, `${oldest.fileName}.sig`);
    await save(`/api/audit-archives/${oldest.id}/manifest`, `audit-${oldest.month}.manifest.json`);
    await save('/api/audit-archives/public-key.pem', 'audit-signing.pub.pem');
    const file = join(downloads, oldest.fileName);
    const lines = readFileSync(file, 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(lines.map((line) => line.seq)).toEqual([1, 2, 3]);
    expect(lines[0]).toMatchObject({ action: 'task.remind', prevHash: '0'.repeat(64), hash: expect.any(String) });

    const good = await verifyCli(file);
    expect(good.code).toBe(0);
    expect(good.out).toContain(`核验通过：${oldest.month} 审计归档，第 1–3 条，共 3 条`);
    // Plain OpenSSL (3.x) verifies the same signature with the same public key.
    const openssl = await run('openssl', [
      'pkeyutl',
      '-verify',
      '-pubin',
      '-inkey',
      join(downloads, 'audit-signing.pub.pem'),
      '-rawin',
      '-in',
      file,
      '-sigfile',
      `${file}.sig`,
    ]).then(
      ({ stdout }) => stdout,
      (err: { stdout: string; stderr: string }) => err.stdout + err.stderr,
    );
    expect(openssl).toMatch(/Signature Verified Successfully/);

    // One byte changed: the signature no longer holds.
    const bytes = readFileSync(file);
    bytes[bytes.indexOf('task.remind') + 5] ^= 0x01;
    writeFileSync(file, bytes);
    const bad = await verifyCli(file);
    expect(bad.code).toBe(1);
    expect(bad.out).toContain('核验失败：签名与文件内容不符');

    const downloadsAudited = await server.dataSource.query(
      "SELECT COUNT(*) AS n FROM audit_event WHERE action = 'audit.archive_download' AND object_id = ?",
      [String(oldest.id)],
    );
    expect(Number(downloadsAudited[0].n)).toBe(3);
  });

  it('purges a month only while its archive file is there unchanged, and never a month not archived', async () => {
    const archives = server.app.get(AuditArchiveService);
    const later = new Date(now.getTime() + 200 * 24 * 3600e3); // months 5 and 1 back are then past the retention
    const file = join(server.config.dataDir, 'audit-archives', `audit-${monthNames[2]}.jsonl`);
    const original = readFileSync(file);
    writeFileSync(file, Buffer.concat([original, Buffer.from('\n')]));
    expect(await archives.purge(later)).toEqual([]); // the oldest left is changed: nothing after it either
    writeFileSync(file, original);
    expect((await archives.purge(later)).map((archive) => archive.month)).toEqual(monthNames.slice(2));
    // This month is not archived: its events stay, and the chain verifies from the last purged month.
    expect(await verify()).toMatchObject({ ok: true, reason: null });
    const oldest = Number((await server.dataSource.query('SELECT MIN(seq) AS seq FROM audit_event'))[0].seq);
    expect(oldest).toBe(13);
  });

  it('keeps archives from anyone but the auditor', async () => {
    for (const username of ['admin', 'anquan', 'lingdao']) {
      const token = await server.login(username);
      expectError(await server.gql(ARCHIVES, {}, token), 'FORBIDDEN');
      expect((await get('/api/audit-archives/1/jsonl', token)).status).toBe(403);
      expect((await get('/api/audit-archives/public-key.pem', token)).status).toBe(403);
    }
    expect((await get('/api/audit-archives/1/other', auditor)).status).toBe(400);
    expect((await get('/api/audit-archives/999/jsonl', auditor)).status).toBe(404);
  });

  it('refuses to start with a retention under 180 days', () => {
    expect(() => loadConfig({ NODE_ENV: 'test', ...TEST_SECRETS, AUDIT_RETENTION_DAYS: '90' })).toThrow(
      'AUDIT_RETENTION_DAYS 不能少于 180 天（网络安全法要求日志留存不少于六个月），收到 90',
    );
  });
});
