#!/usr/bin/env node
// Builds the web workspace (web/ → web/dist) when the build is missing or older than any source
// file, so `npm start` on a fresh clone serves the browser app. `--force` always builds.
import { existsSync, statSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { newest } from './newest.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const web = join(root, 'web');
const built = join(web, 'dist', 'index.html');

export function webIsStale() {
  if (!existsSync(built)) return true;
  const sources = ['src', 'index.html', 'explorer.html', 'vite.config.ts', 'package.json']
    .map((text) => join(web, text))
    .filter((text) => existsSync(text));
  const newestSource = Math.max(...sources.map(newest));
  return newestSource > statSync(built).mtimeMs;
}

export function buildWeb() {
  let vite;
  try {
    vite = join(dirname(createRequire(join(web, 'package.json')).resolve('vite/package.json')), 'bin', 'vite.js');
  } catch {
    const hint = existsSync(built) ? '网页端构建已过期' : '网页端尚未构建';
    process.stderr.write(`${hint}，且找不到 vite：请在安装了开发依赖的环境运行 npm ci 与 npm run build:web，再复制 web/dist\n`);
    process.exit(existsSync(built) ? 0 : 1);
  }
  const started = Date.now();
  process.stdout.write('正在构建网页端（web/ → web/dist）…\n');
  const spawnSyncReturns = spawnSync(process.execPath, [vite, 'build', '--logLevel', 'warn'], { cwd: web, stdio: 'inherit' });
  if (spawnSyncReturns.status !== 0) {
    process.stderr.write('网页端构建失败，见上方输出\n');
    process.exit(spawnSyncReturns.status ?? 1);
  }
  process.stdout.write(`网页端构建完成（${((Date.now() - started) / 1000).toFixed(1)} 秒）\n`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  if (process.argv.includes('--force') || webIsStale()) buildWeb();
}
