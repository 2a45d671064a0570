import 'reflect-metadata';
import { copyFileSync, existsSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { ConfigError, loadConfig } from '../config/config.js';
import {
  DUMP_COMPLETE,
  findProgram,
  inspectMysql,
  inspectSqlite,
  mysqlClientArgs,
  runClient,
  sha256File,
  sqliteInUse,
  describeSummary,
} from './backup-support.js';

/**
 * `npm run restore -- 文件`: puts a backup made by `npm run backup` back as the database.
 * The copy is checked first (its .sha256 when present, integrity_check / the dump's end marker);
 * the embedded database is replaced only when no server has it open, and the replaced file is kept
 * beside it as `<name>.before-restore-<time>`. MySQL: the dump is loaded into DATABASE_URL's database.
 */

async function checkDigest(file: string): Promise<void> {
  const side = `${file}.sha256`;
  if (!existsSync(side)) return;
  const expected = readFileSync(side, 'utf8').trim().split(/\s+/)[0];
  if ((await sha256File(file)) !== expected) throw new Error(`${file} 与其 .sha256 不符：文件已损坏或被改动，不予恢复`);
}

async function main() {
  const config = loadConfig();
  const arg = process.argv.slice(2).find((word) => !word.startsWith('-'));
  if (!arg) throw new Error('用法：npm run restore -- 备份文件');
  const file = resolve(arg);
  if (!existsSync(file) || !statSync(file).isFile()) throw new Error(`备份文件不存在：${file}`);
  await checkDigest(file);
  if (config.db.kind === 'sqlite') {
    const backup = inspectSqlite(file);
    if (backup.integrity !== 'ok') throw new Error(`备份文件未通过完整性检查（${backup.integrity}），不予恢复`);
    const target = config.db.sqlitePath!;
    if (sqliteInUse(target)) throw new Error(`数据库 ${target} 正被使用（服务器在运行？）：请先停止服务器再恢复`);
    const staging = `${target}.restoring`;
    copyFileSync(file, staging);
    let kept = '';
    if (existsSync(target)) {
      kept = `${target}.before-restore-${new Date().toISOString().replace(/[-:]/g, '').slice(0, 15)}`;
      renameSync(target, kept);
    }
    for (const side of ['-wal', '-shm']) rmSync(`${target}${side}`, { force: true });
    renameSync(staging, target);
    const restored = inspectSqlite(target);
    process.stdout.write(`恢复完成：${target}\n  ${describeSummary(restored)}\n${kept ? `  原数据库已保留为 ${kept}\n` : ''}`);
    return;
  }
  const head = readFileSync(file).subarray(-200).toString('utf8');
  if (!DUMP_COMPLETE.test(head)) throw new Error('导出文件不完整（缺少 mysqldump 的结束标记），不予恢复');
  const { args, database, env } = mysqlClientArgs(config.db.url!);
  const client = await findProgram(['mariadb', 'mysql']);
  await runClient(client, [...args, '--default-character-set=utf8mb4', database], env, { stdinFrom: file });
  process.stdout.write(`恢复完成：库 ${database}\n  ${describeSummary(await inspectMysql(config.db.url!))}\n`);
}

main().catch((err) => {
  process.stderr.write(`恢复失败：${err instanceof ConfigError ? err.message : String(err?.message ?? err).split('\n')[0]}\n`);
  process.exit(1);
});
