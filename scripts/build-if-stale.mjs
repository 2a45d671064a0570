#!/usr/bin/env node
// Compiles the server (tsc → dist/) only when a source file is newer than the last build, so the
// CLI scripts (`npm run import`, `migrate`, `demo:load`) start in a second instead of after a
// ~13-second compile. `--stamp` only records that dist/ is fresh (run after a plain `tsc`).
import { existsSync, mkdirSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { newest } from './newest.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const stamp = join(root, 'dist', '.build-stamp');
const SOURCES = ['src', 'migrations', 'bench', 'tsconfig.json', 'tsconfig.build.json', 'package.json'];

function writeStamp(atMs) {
  mkdirSync(dirname(stamp), { recursive: true });
  writeFileSync(stamp, 'tsc -p tsconfig.build.json\n');
  utimesSync(stamp, atMs / 1000, atMs / 1000);
}

const started = Date.now();
if (process.argv.includes('--stamp')) {
  writeStamp(started);
  process.exit(0);
}
const sources = SOURCES.map((source) => join(root, source)).filter((text) => existsSync(text));
if (existsSync(stamp) && Math.max(...sources.map(newest)) <= statSync(stamp).mtimeMs) process.exit(0);
const tsc = createRequire(join(root, 'package.json')).resolve('typescript/bin/tsc');
const spawnSyncReturns = spawnSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], { cwd: root, stdio: 'inherit' });
if (spawnSyncReturns.status !== 0) process.exit(spawnSyncReturns.status ?? 1);
// The time the compile started: a file saved during the compile makes the next run build again.
writeStamp(started);
