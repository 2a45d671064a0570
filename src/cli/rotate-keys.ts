import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { ConfigError, loadConfig } from '../config/config.js';
import { openDataSource, pendingMigrations } from '../schema/schema.js';
import { KeyCheckError, KeyringService } from '../crypto/keyring.service.js';
import { CryptoKey, KeyRotation } from '../crypto/crypto-key.entity.js';
import { cipherKeyId, hashKeyId, type Keyring } from '../crypto/keyring.js';
import { SUITE_LETTER } from '../crypto/crypto-suite.js';

/**
 * `npm run rotate-keys`: moves every piece of personal data to the current key (PII_KEY, PII_KEY_ID,
 * CRYPTO_SUITE) while the server runs. Each table is walked by id in batches of BATCH rows, one short
 * transaction each; an UPDATE names the value it read, so a row a server changed meanwhile is left
 * for the next pass rather than overwritten. Progress is stored per table (key_rotation): a stopped
 * run resumes where it stopped. When a pass finds nothing left under another key, the old keys are
 * marked retired (the server then starts without them). Audit events keep the key that sealed them.
 */
const BATCH = 500;
const MAX_PASSES = 5;

interface Target {
  table: string;
  /** The integer primary key walked in order (default `id`). */
  key?: string;
  /** Ciphertext columns: decrypted with their key, encrypted with the current one. */
  ciphers: string[];
  /** A keyed hash recomputed from a ciphertext column's plain text. */
  hashes?: { column: string; from: string };
  /**
   * An idempotency fingerprint (a keyed hash of a save's payload, which is not stored): it cannot be
   * recomputed, so it becomes a marker under the current key that matches no payload — a retry of a
   * save made before the rotation is answered "use a new clientId" and nothing is applied twice.
   */
  fingerprint?: string;
}

/** Every column written with PiiCrypto (records: residents, import errors; filling: form rows, saves). */
const TARGETS: Target[] = [
  { table: 'resident', ciphers: ['id_cipher'], hashes: { column: 'id_hash', from: 'id_cipher' } },
  { table: 'import_batch_error', ciphers: ['cells_cipher'] },
  { table: 'submission_row', ciphers: ['id_cipher'], hashes: { column: 'id_hash', from: 'id_cipher' } },
  { table: 'submission_save', ciphers: [], fingerprint: 'payload_hash' },
  // identity: the TOTP secrets of the second factor.
  { table: 'user_second_factor', key: 'user_id', ciphers: ['secret_enc'] },
];

const columnsOf = (target: Target) => [
  ...target.ciphers,
  ...(target.hashes ? [target.hashes.column] : []),
  ...(target.fingerprint ? [target.fingerprint] : []),
];

function isCurrentCipher(ring: Keyring, value: string | null): boolean {
  return value == null || (cipherKeyId(value) === ring.currentId && value.startsWith(SUITE_LETTER[ring.currentSuite]));
}

function isCurrentHash(ring: Keyring, value: string | null): boolean {
  return value == null || hashKeyId(value) === ring.currentId;
}

/** The row's new values, or null when it is already under the current key. */
function rekeyed(ring: Keyring, target: Target, row: Record<string, string | null>): Record<string, string | null> | null {
  const out: Record<string, string | null> = {};
  const plain = new Map<string, string>();
  for (const column of target.ciphers) {
    const value = row[column];
    if (value == null) continue;
    const text = ring.decrypt(value);
    plain.set(column, text);
    if (!isCurrentCipher(ring, value)) out[column] = ring.encrypt(text);
  }
  if (target.hashes && row[target.hashes.column] != null && !isCurrentHash(ring, row[target.hashes.column])) {
    const text = plain.get(target.hashes.from);
    if (text !== undefined) out[target.hashes.column] = ring.hash(text);
  }
  if (target.fingerprint && !isCurrentHash(ring, row[target.fingerprint])) out[target.fingerprint] = `${ring.currentId}:rotated`;
  return Object.keys(out).length ? out : null;
}

async function progressOf(ds: DataSource, table: string, keyId: string): Promise<KeyRotation> {
  const repo = ds.getRepository(KeyRotation);
  let row = await repo.findOneBy({ tableName: table });
  if (!row) {
    await repo.insert({ tableName: table, targetKeyId: keyId, lastId: 0, rekeyed: 0, updatedAt: new Date() });
    row = await repo.findOneByOrFail({ tableName: table });
  } else if (row.targetKeyId !== keyId) {
    // A run towards another key: that key's walk starts again from the first row.
    await repo.update({ id: row.id }, { targetKeyId: keyId, lastId: 0, rekeyed: 0, updatedAt: new Date() });
    row = await repo.findOneByOrFail({ tableName: table });
  }
  return row;
}

async function walk(ds: DataSource, ring: Keyring, target: Target): Promise<number> {
  const quote = (name: string) => ds.driver.escape(name);
  const columns = columnsOf(target);
  const pk = target.key ?? 'id';
  const progress = await progressOf(ds, target.table, ring.currentId);
  let lastId = progress.lastId;
  let moved = 0;
  for (;;) {
    const rows = (await ds.query(
      `SELECT ${quote(pk)} AS id, ${columns.map(quote).join(', ')} FROM ${quote(target.table)} WHERE ${quote(pk)} > ? ORDER BY ${quote(pk)} LIMIT ${BATCH}`,
      [lastId],
    )) as (Record<string, string | null> & { id: number | string })[];
    if (!rows.length) break;
    await ds.transaction(async (em) => {
      for (const row of rows) {
        const next = rekeyed(ring, target, row);
        if (!next) continue;
        const set = Object.keys(next);
        // Only if the row still holds what was read: a concurrent change is left to the next pass.
        const result = (await em.query(
          `UPDATE ${quote(target.table)} SET ${set.map((column) => `${quote(column)} = ?`).join(', ')} WHERE ${quote(pk)} = ? AND ${columns
            .map((column) => (row[column] == null ? `${quote(column)} IS NULL` : `${quote(column)} = ?`))
            .join(' AND ')}`,
          [...set.map((column) => next[column]), row.id, ...columns.filter((column) => row[column] != null).map((column) => row[column])],
        )) as unknown;
        if (affected(result)) moved++;
      }
      lastId = Number(rows[rows.length - 1].id);
      await em.getRepository(KeyRotation).update({ id: progress.id }, { lastId, rekeyed: progress.rekeyed + moved, updatedAt: new Date() });
    });
  }
  return moved;
}

/** Rows an UPDATE changed, from either driver's answer. */
function affected(result: unknown): number {
  if (Array.isArray(result))
    return typeof result[1] === 'number' ? result[1] : Number((result[0] as { affectedRows?: number })?.affectedRows ?? 1);
  const value = result as { affectedRows?: number; changes?: number } | null;
  return value?.affectedRows ?? value?.changes ?? 1;
}

/** Rows still under another key than the current one. */
async function leftOver(ds: DataSource, ring: Keyring): Promise<Map<string, number>> {
  const left = new Map<string, number>();
  const quote = (name: string) => ds.driver.escape(name);
  for (const target of TARGETS) {
    let count = 0;
    for (let after = 0; ;) {
      const rows = (await ds.query(
        `SELECT ${quote(target.key ?? 'id')} AS id, ${columnsOf(target).map(quote).join(', ')} FROM ${quote(target.table)} WHERE ${quote(target.key ?? 'id')} > ? ORDER BY ${quote(target.key ?? 'id')} LIMIT 2000`,
        [after],
      )) as (Record<string, string | null> & { id: number | string })[];
      if (!rows.length) break;
      for (const row of rows)
        if (
          target.ciphers.some((column) => !isCurrentCipher(ring, row[column])) ||
          (target.hashes && !isCurrentHash(ring, row[target.hashes.column])) ||
          (target.fingerprint && !isCurrentHash(ring, row[target.fingerprint]))
        )
          count++;
      after = Number(rows[rows.length - 1].id);
    }
    if (count) left.set(target.table, count);
  }
  return left;
}

async function main() {
  const config = loadConfig();
  const { dataSource } = await openDataSource(config);
  if ((await pendingMigrations(dataSource)).length) {
    await dataSource.destroy();
    throw new ConfigError('数据库有迁移尚未执行，请先运行 npm run migrate');
  }
  const ring = await new KeyringService(dataSource, config).open();
  process.stdout.write(`轮换到密钥 ${ring.currentId}（${ring.currentSuite}）\n`);
  let left = new Map<string, number>();
  for (let pass = 1; pass <= MAX_PASSES; pass++) {
    for (const target of TARGETS) {
      const moved = await walk(dataSource, ring, target);
      process.stdout.write(`  ${target.table}: 换钥 ${moved} 行\n`);
    }
    left = await leftOver(dataSource, ring);
    if (!left.size) break;
    // Written meanwhile under an old key (a server not yet restarted with the new one): walk again.
    await dataSource.createQueryBuilder().update(KeyRotation).set({ lastId: 0, rekeyed: 0, updatedAt: new Date() }).execute();
  }
  if (left.size) {
    await dataSource.destroy();
    throw new ConfigError(
      `仍有数据在旧密钥下：${[...left].map(([table, count]) => `${table} ${count} 行`).join('，')}。请先让所有服务进程改用新密钥重启，再运行一次`,
    );
  }
  const retired = await dataSource
    .createQueryBuilder()
    .update(CryptoKey)
    .set({ retiredAt: new Date() })
    .where('key_id <> :current AND retired_at IS NULL', { current: ring.currentId })
    .execute();
  await dataSource.createQueryBuilder().delete().from(KeyRotation).execute();
  await dataSource.destroy();
  process.stdout.write(
    `完成：个人数据已全部在密钥 ${ring.currentId} 下${retired.affected ? `；旧密钥已停用，服务可只配 PII_KEY 启动（审计链的旧事件仍由原密钥封存，核验它们需保留 PII_KEYS_OLD）` : ''}\n`,
  );
}

main().catch((err) => {
  const line = err instanceof ConfigError || err instanceof KeyCheckError ? err.message : String(err?.message ?? err).split('\n')[0];
  process.stderr.write(`密钥轮换失败：${line}\n`);
  process.exit(1);
});
