#!/usr/bin/env node
// Builds the web workspace (web/ → web/dist) when the build is missing or older than any source
// file, so `npm start` on a fresh clone serves the browser app. `--force` always builds.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const web = join(root, 'web');
const built = join(web, 'dist', 'index.html');

function newest(path) {
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  let max = st.mtimeMs;
  for (const name of readdirSync(path)) max = Math.max(max, newest(join(path, name)));
  return max;
}

export function webIsStale() {
  if (!existsSync(built)) return true;
  const sources = ['src', 'index.html', 'explorer.html', 'vite.config.ts', 'package.json'].map((f) => join(web, f)).filter((f) => existsSync(f));
  const newestSource = Math.max(...sources.map(newest));
  return newestSource > statSync(built).mtimeMs;
}

export function buildWeb() {
  const vite = join(dirname(createRequire(join(web, 'package.json')).resolve('vite/package.json')), 'bin', 'vite.js');
  const started = Date.now();
  process.stdout.write('正在构建网页端（web/ → web/dist）…\n');
  const r = spawnSync(process.execPath, [vite, 'build', '--logLevel', 'warn'], { cwd: web, stdio: 'inherit' });
  if (r.status !== 0) {
    process.stderr.write('网页端构建失败，见上方输出\n');
    process.exit(r.status ?? 1);
  }
  process.stdout.write(`网页端构建完成（${((Date.now() - started) / 1000).toFixed(1)} 秒）\n`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  if (process.argv.includes('--force') || webIsStale()) buildWeb();
}
