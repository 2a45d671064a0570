import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AuditEvent } from '../src/audit/audit-event.entity.js';
import { canonicalOf } from '../src/audit/audit-hash.js';
import { AuditJobsService } from '../src/audit-keeping/audit-jobs.service.js';
import { KeyringService } from '../src/crypto/keyring.service.js';
import { graphql } from './support/graphql.js';
import { startTestApp, type TestApp } from './support/harness.js';

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
