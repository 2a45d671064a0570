import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream, existsSync, openSync, closeSync } from 'node:fs';
import Database from 'better-sqlite3';

/** What a backup holds, read back from the copy itself: printed by both commands and compared by the tests. */
export interface BackupSummary {
  integrity: string;
  migrations: number;
  tables: number;
  auditEvents: number;
  residents: number;
}

export function describeSummary(summary: BackupSummary): string {
  return `迁移 ${summary.migrations} 个，表 ${summary.tables} 张，审计事件 ${summary.auditEvents} 条，居民 ${summary.residents} 人`;
}

/** Opens a SQLite file read-only and checks it is whole and is OneTable's (its migrations table). */
export function inspectSqlite(path: string): BackupSummary {
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    const integrity = String(db.pragma('integrity_check', { simple: true }));
    const has = (name: string) => !!db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(name);
    if (!has('migrations')) throw new Error(`${path} 不是一表通的数据库（没有 migrations 表）`);
    const count = (table: string) =>
      has(table) ? Number((db.prepare(`SELECT COUNT(*) AS n FROM "${table}"`).get() as { n: number }).n) : 0;
    const tables = Number(
      (db.prepare("SELECT COUNT(*) AS n FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").get() as { n: number }).n,
    );
    return { integrity, migrations: count('migrations'), tables, auditEvents: count('audit_event'), residents: count('resident') };
  } finally {
    db.close();
  }
}

/**
 * An online copy of the embedded database: `VACUUM INTO` reads one consistent snapshot inside a read
 * transaction, so the server may go on writing (WAL mode: writers never wait for it, and it never
 * restarts the way the page-by-page backup API does when another process writes).
 */
export function backupSqlite(source: string, target: string): void {
  if (!existsSync(source)) throw new Error(`数据库文件不存在：${source}`);
  if (existsSync(target)) throw new Error(`备份文件已存在：${target}（不会覆盖，请换一个文件名）`);
  const db = new Database(source, { readonly: true, fileMustExist: true, timeout: 10_000 });
  try {
    db.prepare('VACUUM INTO ?').run(target);
  } finally {
    db.close();
  }
}

/** True when another process has the SQLite file open (a running server): an exclusive lock is refused. */
export function sqliteInUse(path: string): boolean {
  if (!existsSync(path)) return false;
  const db = new Database(path, { fileMustExist: true, timeout: 0 });
  try {
    db.pragma('locking_mode = EXCLUSIVE');
    db.exec('BEGIN EXCLUSIVE');
    db.exec('ROLLBACK');
    return false;
  } catch (err) {
    if ((err as { code?: string }).code === 'SQLITE_BUSY') return true;
    throw err;
  } finally {
    db.close();
  }
}

export async function sha256File(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** mysqldump / mysql arguments for a mysql:// URL; the password goes through MYSQL_PWD, never argv. */
export function mysqlClientArgs(url: string): { args: string[]; database: string; env: NodeJS.ProcessEnv } {
  const parsed = new URL(url);
  const database = decodeURIComponent(parsed.pathname.replace(/^\//, ''));
  const args = [
    `--host=${parsed.hostname}`,
    `--port=${parsed.port || '3306'}`,
    `--user=${decodeURIComponent(parsed.username || 'root')}`,
    '--protocol=tcp',
  ];
  const env = { ...process.env, MYSQL_PWD: decodeURIComponent(parsed.password) };
  return { args, database, env };
}

/** The first of the given client programs found on PATH (MariaDB names its own; MySQL's are aliases there). */
export async function findProgram(names: string[]): Promise<string> {
  for (const name of names) {
    const found = await new Promise<boolean>((resolve) => {
      const child = spawn(name, ['--version'], { stdio: 'ignore' });
      child.on('error', () => resolve(false));
      child.on('exit', (code) => resolve(code === 0));
    });
    if (found) return name;
  }
  throw new Error(`找不到 ${names.join(' 或 ')}：请安装 MySQL/MariaDB 客户端（Debian：apt-get install mariadb-client）`);
}

/** Runs a client program with stdout to a file or stdin from one; rejects with its stderr's first line. */
export function runClient(
  program: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  io: { stdoutTo?: string; stdinFrom?: string },
): Promise<void> {
  return new Promise((resolve, reject) => {
    const stdinFd = io.stdinFrom ? openSync(io.stdinFrom, 'r') : 'ignore';
    const child = spawn(program, args, { env, stdio: [stdinFd, io.stdoutTo ? 'pipe' : 'ignore', 'pipe'] });
    if (typeof stdinFd === 'number') closeSync(stdinFd);
    let stderr = '';
    child.stderr!.on('data', (chunk) => (stderr += String(chunk)));
    const out = io.stdoutTo ? createWriteStream(io.stdoutTo, { flags: 'wx' }) : null;
    const written = new Promise<void>((done) => (out ? out.on('close', () => done()) : done()));
    if (out) child.stdout!.pipe(out);
    child.on('error', reject);
    child.on('close', (code) => {
      void written.then(() =>
        code === 0 ? resolve() : reject(new Error(`${program} 失败（退出码 ${code}）：${stderr.trim().split('\n')[0] ?? ''}`)),
      );
    });
  });
}

/** The last line mysqldump writes: a dump without it was cut short and is never restored. */
export const DUMP_COMPLETE = /^-- Dump completed/m;

/** The same summary as inspectSqlite, read from a MySQL database. */
export async function inspectMysql(url: string): Promise<BackupSummary> {
  const { createConnection } = await import('mysql2/promise');
  const conn = await createConnection({ uri: url });
  try {
    const [tableRows] = await conn.query('SELECT table_name AS t FROM information_schema.tables WHERE table_schema = DATABASE()');
    const names = new Set((tableRows as { t: string }[]).map((row) => row.t));
    if (!names.has('migrations')) throw new Error('该库不是一表通的数据库（没有 migrations 表）');
    const count = async (table: string) => {
      if (!names.has(table)) return 0;
      const [rows] = await conn.query(`SELECT COUNT(*) AS n FROM \`${table}\``);
      return Number((rows as { n: number }[])[0].n);
    };
    return {
      integrity: 'ok',
      migrations: await count('migrations'),
      tables: names.size,
      auditEvents: await count('audit_event'),
      residents: await count('resident'),
    };
  } finally {
    await conn.end();
  }
}
