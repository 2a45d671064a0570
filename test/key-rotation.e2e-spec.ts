// 商用密码 (issue 14, item 7): key ids, the key-check value that stops a start with a wrong key, and
// `npm run rotate-keys` (compiled, in its own process, beside a running server) to a new key and to the SM suite.
import { rememberSecondFactors } from './support/totp.js';
import type { DemoAccount } from '../src/common/demo-step.js';
import { execFile, execFileSync } from 'node:child_process';
import { promisify } from 'node:util';
import type { DataSource } from 'typeorm';
import { freshDatabase, startTestApp, TEST_SECRETS, type TestApp } from './support/harness.js';
import { fixture, upload } from './support/upload.js';
import { graphql } from './support/graphql.js';
import { admittedForm, assignmentOf, dispatchTask, villageAccounts } from './support/dispatch.js';

const run = promisify(execFile);
const AUTOFILL = graphql(`
  query ($codes: [String!]!, $v: VillageRefInput!, $ids: [String!]) {
    autofillElements(elementCodes: $codes, village: $v, idNumbers: $ids) {
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
const CHAIN = graphql(`
  query {
    verifyAuditChain {
      ok
      checked
      firstBrokenSeq
      reason
    }
  }
`);

const SAVE = graphql(`
  mutation ($i: SaveSubmissionInput!) {
    saveSubmission(input: $i) {
      id
      version
      rows {
        idMasked
        values {
          key
          value
        }
      }
    }
  }
`);

const K1 = TEST_SECRETS.PII_KEY;
const K2 = '22'.repeat(32);
const SM = '33'.repeat(32);
// Residents of test/fixtures/residents.csv in 土铺村 (one typed with a lower-case x, one in full-width digits).
const IDS = ['420683196102111019', '42068319780521000X', '420683196304131034', '420683196405141041', '420683196809181088'];
const CODES = ['resident.name', 'resident.phone', 'resident.gender', 'resident.ethnicity'];

describe('keys: key ids, key-check values and rotation (npm run rotate-keys, compiled)', () => {
  let place: { dir: string; url?: string; drop: () => Promise<void> };
  let before: unknown;
  let filled: { assignmentId: number; cadre: string; rows: unknown; input: { values: { key: string; value: string }[] }[] };
  const envOf = (keys: Record<string, string>) => ({
    ...(process.env as Record<string, string>),
    NODE_ENV: 'test',
    LOG_LEVEL: 'warn',
    DATA_DIR: place.dir,
    DATABASE_URL: place.url ?? '',
    TOKEN_SECRET: TEST_SECRETS.TOKEN_SECRET,
    ...keys,
  });
  const node = (script: string, env: Record<string, string>) =>
    run(process.execPath, [script], { env, timeout: 180_000 }).then(
      (out) => ({ code: 0, stdout: out.stdout, stderr: out.stderr }),
      (err) => ({ code: err.code as number, stdout: String(err.stdout), stderr: String(err.stderr) }),
    );
  /** The demo's accounts, second-factor secrets included (the same database is served under each key). */
  let accounts: DemoAccount[] = [];
  const start = async (name: string, keys: Record<string, string>) => {
    const app = await startTestApp(name, { demo: false, database: place, env: keys });
    rememberSecondFactors(app.url, accounts);
    return app;
  };
  const answers = async (app: TestApp) => {
    const cadre = await app.login('cun_420683003200'); // 土铺村's cadre: sees its residents in full
    const result = await app.gql(AUTOFILL, { codes: CODES, v: { name: '土铺村' }, ids: IDS }, cadre);
    expect(result.errors).toBeUndefined();
    return result.data!.autofillElements.residents;
  };
  const chain = async (app: TestApp) => (await app.gql(CHAIN, {}, await app.login('shenji'))).data!.verifyAuditChain;
  /** Stored values not under `keyId`: ciphertexts must start `<suite>:<keyId>:`, keyed hashes `<keyId>:`. */
  const leftOver = async (ds: DataSource, prefix: string, keyId: string) => {
    const count = async (sql: string, args: string[]) => Number(((await ds.query(sql, args)) as { n: number | string }[])[0].n);
    return {
      resident: await count(`SELECT COUNT(*) AS n FROM resident WHERE id_cipher NOT LIKE ? OR id_hash NOT LIKE ?`, [
        `${prefix}:${keyId}:%`,
        `${keyId}:%`,
      ]),
      importErrors: await count(`SELECT COUNT(*) AS n FROM import_batch_error WHERE cells_cipher IS NOT NULL AND cells_cipher NOT LIKE ?`, [
        `${prefix}:${keyId}:%`,
      ]),
      formRows: await count(
        `SELECT COUNT(*) AS n FROM submission_row WHERE id_cipher IS NOT NULL AND (id_cipher NOT LIKE ? OR id_hash NOT LIKE ?)`,
        [`${prefix}:${keyId}:%`, `${keyId}:%`],
      ),
      saves: await count(`SELECT COUNT(*) AS n FROM submission_save WHERE payload_hash NOT LIKE ?`, [`${keyId}:%`]),
      // The privileged accounts' TOTP secrets (they sign in below with codes from them: the re-keyed secrets still work).
      secondFactors: await count(`SELECT COUNT(*) AS n FROM user_second_factor WHERE secret_enc NOT LIKE ?`, [`${prefix}:${keyId}:%`]),
    };
  };
  const NONE = { resident: 0, importErrors: 0, formRows: 0, saves: 0, secondFactors: 0 };

  beforeAll(async () => {
    execFileSync(process.execPath, ['scripts/build-if-stale.mjs'], { stdio: 'inherit', timeout: 240_000 });
    place = await freshDatabase('key_rotation');
    const first = await startTestApp('key_rotation', { database: place });
    accounts = first.demo!.accounts;
    try {
      const admin = await first.login('admin');
      expect((await upload(first.url, admin, fixture('residents.csv'), 'residents.csv')).status).toBe(201);
      const found = await answers(first);
      // Three residents known with their names, two refused by the import (unknown): the equalities below compare real answers.
      expect(found.map((resident) => resident.known && resident.values.find((value) => value.key === 'resident.name')?.value)).toEqual([
        '张三',
        '李四',
        '王五',
        false,
        false,
      ]);
      before = found;
      // A village's form with resident rows (ID numbers encrypted in submission_row, a save's fingerprint).
      const els = new Map(
        (
          (await first.dataSource.query(`SELECT id, code FROM data_element WHERE code IN ('resident.id_number', 'resident.name')`)) as {
            id: number;
            code: string;
          }[]
        ).map((row) => [row.code, Number(row.id)]),
      );
      const { formId } = await admittedForm(
        first,
        '密钥轮换测试表',
        [
          {
            key: 'sfz',
            label: '身份证号',
            valueType: 'ID_NUMBER',
            required: true,
            section: 'RESIDENT',
            elementId: els.get('resident.id_number'),
          },
          { key: 'xm', label: '姓名', valueType: 'TEXT', section: 'RESIDENT', elementId: els.get('resident.name') },
        ],
        'YEARLY',
      );
      const { village, cadre } = await villageAccounts(first);
      const token = await first.login(cadre);
      const assignmentId = await assignmentOf(first, token, await dispatchTask(first, formId, '2025', [village.parentId!]));
      const rows = IDS.slice(0, 3).map((id) => ({
        values: [
          { key: 'sfz', value: id },
          { key: 'xm', value: '核对' },
        ],
      }));
      const saved = await first.gql(SAVE, { i: { assignmentId, clientId: 'rotate-0001', expectedVersion: 0, rows } }, token);
      expect(saved.errors).toBeUndefined();
      filled = { assignmentId, cadre, rows: saved.data!.saveSubmission.rows, input: rows };
      const stored = await first.dataSource.query(`SELECT key_id, suite FROM crypto_key`);
      expect(stored).toEqual([{ key_id: 'k1', suite: 'STANDARD' }]);
      const [{ n }] = await first.dataSource.query(`SELECT COUNT(*) AS n FROM import_batch_error WHERE cells_cipher LIKE 'G:k1:%'`);
      expect(Number(n)).toBeGreaterThan(0);
      const [{ r }] = await first.dataSource.query(`SELECT COUNT(*) AS r FROM submission_row WHERE id_cipher LIKE 'G:k1:%'`);
      expect(Number(r)).toBe(3);
    } finally {
      await first.close();
    }
  }, 300_000);
  afterAll(async () => {
    await place?.drop();
  });

  it('refuses to start with another PII_KEY: one line naming the key id (the server and the harness alike)', async () => {
    await expect(start('key_wrong', { PII_KEY: '44'.repeat(32) })).rejects.toThrow(/密钥 k1（PII_KEY）与数据库登记的校验值不符/);
    const main = await node('dist/src/main.js', envOf({ PII_KEY: '44'.repeat(32), PORT: '0' }));
    expect(main.code).toBe(1);
    expect(main.stderr.trim().split('\n')).toEqual([expect.stringContaining('密钥 k1（PII_KEY）与数据库登记的校验值不符')]);
    // The right key still starts.
    const right = await start('key_right', { PII_KEY: K1 });
    expect(await answers(right)).toEqual(before);
    await right.close();
  }, 120_000);

  it('rotates to a new key while the server runs, then to the SM suite: answers equal, nothing left under the old keys, the chain verifies', async () => {
    const toK2 = { PII_KEY: K2, PII_KEY_ID: 'k2', PII_KEYS_OLD: `k1:${K1}` };
    const server = await start('key_k2', toK2);
    try {
      // Before the rotation: data under k1 reads and is found with k2 current.
      expect(await answers(server)).toEqual(before);
      // A retry of the k1 save is recognised (its fingerprint checked under k1) and answered with the saved copy.
      const replay = await server.gql(
        SAVE,
        { i: { assignmentId: filled.assignmentId, clientId: 'rotate-0001', expectedVersion: 0, rows: filled.input } },
        await server.login(filled.cadre),
      );
      expect(replay.errors).toBeUndefined();
      expect(replay.data!.saveSubmission.rows).toEqual(filled.rows);
      const rotated = await node('dist/src/cli/rotate-keys.js', envOf(toK2));
      expect(rotated.stderr).toBe('');
      expect(rotated.stdout).toContain('完成：个人数据已全部在密钥 k2 下');
      expect(await leftOver(server.dataSource, 'G', 'k2')).toEqual(NONE);
      expect(await answers(server)).toEqual(before);
      expect(await chain(server)).toMatchObject({ ok: true, firstBrokenSeq: null });
    } finally {
      await server.close();
    }

    const toSm = { PII_KEY: SM, PII_KEY_ID: 'sm1', CRYPTO_SUITE: 'SM', PII_KEYS_OLD: `k2:${K2},k1:${K1}` };
    const smServer = await start('key_sm', toSm);
    try {
      const rotated = await node('dist/src/cli/rotate-keys.js', envOf(toSm));
      expect(rotated.stderr).toBe('');
      expect(rotated.stdout).toContain('轮换到密钥 sm1（SM）');
      expect(await leftOver(smServer.dataSource, 'S', 'sm1')).toEqual(NONE);
      expect(await answers(smServer)).toEqual(before);
      // The chain: events of k1, then k2, then sm1, each verified with the key that sealed it.
      const verified = await chain(smServer);
      expect(verified).toMatchObject({ ok: true, firstBrokenSeq: null });
      // The form rows rotated: saved again with "the ID number of row i" (decrypted under sm1), they keep their numbers.
      const token = await smServer.login(filled.cadre);
      const resaved = await smServer.gql(
        SAVE,
        {
          i: {
            assignmentId: filled.assignmentId,
            clientId: 'rotate-0002',
            expectedVersion: 1,
            rows: [0, 1, 2].map((fromRow) => ({ fromRow, values: [{ key: 'xm', value: '核对' }] })),
          },
        },
        token,
      );
      expect(resaved.errors).toBeUndefined();
      expect(resaved.data!.saveSubmission.rows).toEqual(filled.rows);
      // A retry of the save made before the rotation (the same payload: before, it got the saved copy back) applies
      // nothing twice: its fingerprint cannot be re-keyed, so it is told to use a new clientId.
      const retried = await smServer.gql(
        SAVE,
        { i: { assignmentId: filled.assignmentId, clientId: 'rotate-0001', expectedVersion: 0, rows: filled.input } },
        token,
      );
      expect(retried.errors?.[0].message).toContain('clientId');
      const keys = (await smServer.dataSource.query(`SELECT hash FROM audit_event ORDER BY seq`)) as { hash: string }[];
      expect(new Set(keys.map((row) => row.hash.split(':')[0]))).toEqual(new Set(['k1', 'k2', 'sm1']));
    } finally {
      await smServer.close();
    }

    // The new key alone starts and answers; the old events' seal then cannot be checked, and the verifier says which key it needs.
    const alone = await start('key_sm_alone', { PII_KEY: SM, PII_KEY_ID: 'sm1', CRYPTO_SUITE: 'SM' });
    try {
      expect(await answers(alone)).toEqual(before);
      expect(await chain(alone)).toMatchObject({ ok: false, firstBrokenSeq: 1, reason: expect.stringContaining('密钥 k1') });
    } finally {
      await alone.close();
    }
    // The old key alone refuses: the data is under sm1.
    await expect(start('key_old_alone', { PII_KEY: K1 })).rejects.toThrow(/密钥 sm1 加密的个人数据，但未配置该密钥/);
    const main = await node('dist/src/main.js', envOf({ PII_KEY: K1, PORT: '0' }));
    expect(main.code).toBe(1);
    expect(main.stderr).toContain('sm1');
  }, 600_000);
});
