import 'reflect-metadata';
import { mkdirSync, statSync, writeFileSync, readFileSync, rmSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { ConfigError, loadConfig } from '../config/config.js';
import {
  backupSqlite,
  DUMP_COMPLETE,
  findProgram,
  inspectSqlite,
  mysqlClientArgs,
  runClient,
  sha256File,
  describeSummary,
} from './backup-support.js';

/**
 * `npm run backup [-- 文件]`: an online copy of the database while the server runs.
 * Embedded SQLite: one consistent snapshot (VACUUM INTO), checked (integrity_check) before it is reported.
 * MySQL: mariadb-dump/mysqldump --single-transaction (a consistent InnoDB snapshot, no table locks).
 * Beside the copy: `<file>.sha256`, the digest `sha256sum -c` checks.
 */
function stamp(): string {
  return new Date().toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
}

async function main() {
  const config = loadConfig();
  const arg = process.argv.slice(2).find((word) => !word.startsWith('-'));
  const ext = config.db.kind === 'sqlite' ? 'sqlite' : 'sql';
  const target = resolve(arg ?? resolve(config.dataDir, 'backups', `onetable-${stamp()}.${ext}`));
  mkdirSync(dirname(target), { recursive: true });
  const started = Date.now();
  let detail: string;
  if (config.db.kind === 'sqlite') {
    backupSqlite(config.db.sqlitePath!, target);
    const summary = inspectSqlite(target);
    if (summary.integrity !== 'ok') {
      rmSync(target, { force: true });
      throw new Error(`备份副本未通过完整性检查（${summary.integrity}），已删除；请重试`);
    }
    detail = describeSummary(summary);
  } else {
    const { args, database, env } = mysqlClientArgs(config.db.url!);
    const dump = await findProgram(['mariadb-dump', 'mysqldump']);
    try {
      await runClient(
        dump,
        [
          ...args,
          '--single-transaction',
          '--quick',
          '--hex-blob',
          '--routines',
          '--triggers',
          '--no-tablespaces',
          '--default-character-set=utf8mb4',
          database,
        ],
        env,
        { stdoutTo: target },
      );
    } catch (err) {
      rmSync(target, { force: true });
      throw err;
    }
    const tail = readFileSync(target).subarray(-200).toString('utf8');
    if (!DUMP_COMPLETE.test(tail)) throw new Error('导出文件不完整（缺少结束标记）');
    detail = `库 ${database}`;
  }
  const digest = await sha256File(target);
  writeFileSync(`${target}.sha256`, `${digest}  ${target.split('/').pop()}\n`);
  const mb = (statSync(target).size / 1048576).toFixed(1);
  process.stdout.write(
    `备份完成：${target}（${mb} MB，${((Date.now() - started) / 1000).toFixed(1)} 秒）\n  ${detail}\n  SHA-256 ${digest}\n`,
  );
}

main().catch((err) => {
  process.stderr.write(`备份失败：${err instanceof ConfigError ? err.message : String(err?.message ?? err).split('\n')[0]}\n`);
  process.exit(1);
});
