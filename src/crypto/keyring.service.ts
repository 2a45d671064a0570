import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { isUniqueViolation } from '../common/db-errors.js';
import { CryptoKey } from './crypto-key.entity.js';
import { Keyring, type KeySpec } from './keyring.js';
import type { CryptoSuite } from './crypto-suite.js';

/** A key that does not fit the database: the server does not start (one line, naming the key). */
export class KeyCheckError extends Error {}

/** Whether a key opens data written before key ids (the owners of such data register one). */
export type LegacyProbe = (ring: Keyring) => Promise<boolean>;

/**
 * The configured keys, checked against the database's key-check values once at start (`open`, called by
 * createApp and the CLI tools before anything reads or writes personal data): a wrong PII_KEY, an old
 * key not given while data still needs it, or a suite changed under an existing key id stops the start.
 */
@Injectable()
export class KeyringService {
  private opened: Keyring | null = null;
  private readonly probes: LegacyProbe[] = [];

  constructor(
    private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  get ring(): Keyring {
    if (!this.opened) throw new Error('keyring not opened: call KeyringService.open() at start');
    return this.opened;
  }

  addLegacyProbe(probe: LegacyProbe): void {
    this.probes.push(probe);
  }

  async open(): Promise<Keyring> {
    try {
      this.opened = await this.load();
    } catch (err) {
      // Two processes starting on a fresh database: the other one stored the check first; read it.
      if (!isUniqueViolation(err)) throw err;
      this.opened = await this.load();
    }
    return this.opened;
  }

  private async load(): Promise<Keyring> {
    const repo = this.dataSource.getRepository(CryptoKey);
    const rows = new Map((await repo.find()).map((row) => [row.keyId, row]));
    const { piiKeyId: currentId, cryptoSuite } = this.config;
    const current: KeySpec = { id: currentId, key: this.config.piiKey, suite: cryptoSuite };
    const keys: KeySpec[] = [current];
    for (const old of this.config.oldPiiKeys) {
      const row = rows.get(old.id);
      if (!row) throw new KeyCheckError(`PII_KEYS_OLD 中的密钥 ${old.id} 在数据库中没有登记：请核对密钥编号`);
      keys.push({ id: old.id, key: old.key, suite: row.suite as CryptoSuite });
    }
    for (const key of keys) {
      const row = rows.get(key.id);
      if (!row) continue;
      if (row.suite !== key.suite)
        throw new KeyCheckError(
          `密钥 ${key.id} 登记的算法套件是 ${row.suite}，与 CRYPTO_SUITE=${key.suite} 不符：换用另一套件请配一个新的密钥编号（PII_KEY_ID）并运行 npm run rotate-keys`,
        );
      if (row.checkValue !== Keyring.checkValue(key))
        throw new KeyCheckError(
          `密钥 ${key.id}（${key === current ? 'PII_KEY' : 'PII_KEYS_OLD'}）与数据库登记的校验值不符：这不是加密这些数据的密钥，服务未启动`,
        );
    }
    const configured = new Set(keys.map((key) => key.id));
    for (const row of rows.values())
      if (!row.retiredAt && !configured.has(row.keyId))
        throw new KeyCheckError(
          `数据库中仍有用密钥 ${row.keyId} 加密的个人数据，但未配置该密钥：请在 PII_KEY 或 PII_KEYS_OLD 中给出它（轮换完成后方可去掉）`,
        );
    const legacyRow = [...rows.values()].find((row) => row.legacy);
    let legacyId = legacyRow && configured.has(legacyRow.keyId) ? legacyRow.keyId : null;
    const currentRow = rows.get(currentId);
    if (!currentRow) {
      // The database's first key owns what was written before key ids: prove it opens that data before recording it.
      const first = rows.size === 0;
      if (first) {
        legacyId = currentId;
        const probe = new Keyring({ currentId, keys, legacyId });
        for (const check of this.probes)
          if (!(await check(probe)))
            throw new KeyCheckError(
              `密钥 ${currentId}（PII_KEY）解不开数据库中已有的个人数据或审计链：这不是加密这些数据的密钥，服务未启动`,
            );
      }
      await repo.insert({
        keyId: currentId,
        suite: cryptoSuite,
        checkValue: Keyring.checkValue(current),
        legacy: first,
        createdAt: new Date(),
        retiredAt: null,
      });
    } else if (currentRow.retiredAt) {
      // A retired key made current again writes data again.
      await repo.update({ id: currentRow.id }, { retiredAt: null });
    }
    return new Keyring({ currentId, keys, legacyId });
  }
}
