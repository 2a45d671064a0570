/**
 * `npm run audit:verify-archive -- audit-2026-03.jsonl [--pub audit-signing.pub.pem] [--sig FILE.sig]`: checks a
 * downloaded monthly audit archive offline, with nothing but the file, its detached signature and the platform's
 * public key — the Ed25519 signature over the file, the chain's order and links inside it (each event's prevHash
 * is the previous event's hash), and, when the manifest lies beside it, its count, range, SHA-256 and key.
 * Exit 0: intact; 1: not; 2: usage.
 */
import { createHash, createPublicKey, verify, type KeyObject } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';

function usage(): never {
  console.error('用法：npm run audit:verify-archive -- <归档文件.jsonl> [--pub 公钥.pem] [--sig 签名文件.sig]');
  process.exit(2);
}

function fail(message: string): never {
  console.error(`核验失败：${message}`);
  process.exit(1);
}

const args = process.argv.slice(2);
let file: string | undefined;
let pubFile: string | undefined;
let sigFile: string | undefined;
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--pub') pubFile = args[++i];
  else if (args[i] === '--sig') sigFile = args[++i];
  else if (!file && !args[i].startsWith('--')) file = args[i];
  else usage();
}
if (!file) usage();
// npm runs a script in the package's folder: names are the caller's, relative to where npm was started.
const here = process.env.INIT_CWD ?? process.cwd();
file = resolve(here, file);
sigFile = resolve(here, sigFile ?? `${file}.sig`);
const besideFile = resolve(dirname(file), 'audit-signing.pub.pem');
pubFile = resolve(here, pubFile ?? (existsSync(besideFile) ? besideFile : 'audit-signing.pub.pem'));
for (const [what, path] of [
  ['归档文件', file],
  ['签名文件', sigFile],
  ['公钥文件（用 --pub 指定）', pubFile],
])
  if (!existsSync(path)) fail(`找不到${what}：${path}`);

let key: KeyObject;
try {
  key = createPublicKey(readFileSync(pubFile));
} catch {
  fail(`公钥文件不是 PEM 格式的公钥：${pubFile}`);
}
if (key.asymmetricKeyType !== 'ed25519') fail('公钥不是 Ed25519 公钥');
const body = readFileSync(file);
const fingerprint = createHash('sha256')
  .update(key.export({ type: 'spki', format: 'der' }))
  .digest('hex');
if (!verify(null, body, key, readFileSync(sigFile))) fail('签名与文件内容不符（文件被改动，或不是此公钥所签）');

interface Line {
  seq: number;
  prevHash: string;
  hash: string;
}
const lines = body.toString('utf8').split('\n').filter(Boolean);
const events: Line[] = [];
for (const [i, text] of lines.entries()) {
  try {
    events.push(JSON.parse(text) as Line);
  } catch {
    fail(`第 ${i + 1} 行不是有效的 JSON`);
  }
}
if (!events.length) fail('归档中没有事件');
for (let i = 1; i < events.length; i++) {
  if (events[i].seq !== events[i - 1].seq + 1) fail(`序号 ${events[i - 1].seq + 1} 缺失`);
  if (events[i].prevHash !== events[i - 1].hash) fail(`序号 ${events[i].seq} 的前序哈希与上一条不符`);
}
const first = events[0];
const last = events[events.length - 1];

const manifestFile = resolve(dirname(file), basename(file).replace(/\.jsonl$/, '') + '.manifest.json');
let month = basename(file).replace(/^audit-|\.jsonl$/g, '');
if (existsSync(manifestFile)) {
  const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as Record<string, unknown>;
  const sha256 = createHash('sha256').update(body).digest('hex');
  const expected: [string, unknown, unknown][] = [
    ['条数', manifest.count, events.length],
    ['首条序号', manifest.firstSeq, first.seq],
    ['末条序号', manifest.lastSeq, last.seq],
    ['首条的前序哈希', manifest.prevHash, first.prevHash],
    ['末条哈希', manifest.lastHash, last.hash],
    ['SHA-256', manifest.sha256, sha256],
    ['签名公钥指纹', manifest.publicKeySha256, fingerprint],
  ];
  for (const [what, stated, found] of expected)
    if (stated !== found) fail(`清单中的${what}（${String(stated)}）与文件（${String(found)}）不符`);
  month = String(manifest.month);
}
console.log(`核验通过：${month} 审计归档，第 ${first.seq}–${last.seq} 条，共 ${events.length} 条；签名公钥指纹 ${fingerprint}`);
