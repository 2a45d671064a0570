// The npm registry reachable here serves only the linux-x64 builds of packages that ship
// per-platform binaries (@swc/core-*, @unrs/resolver-binding-*), so `npm install` leaves the other
// platforms' optional entries out of package-lock.json — and `npm ci` then refuses the lock as
// out of sync. This adds those entries back as optional stubs (npm skips an optional package it
// cannot fetch or that does not fit the platform). Run after any `npm install`: npm run lock:fix
import { readFileSync, writeFileSync } from 'node:fs';

const file = new URL('../package-lock.json', import.meta.url);
const lock = JSON.parse(readFileSync(file, 'utf8'));
const pkgs = lock.packages;
let added = 0;
for (const [path, meta] of Object.entries(pkgs)) {
  for (const [name, range] of Object.entries(meta.optionalDependencies ?? {})) {
    const nested = `${path}/node_modules/${name}`;
    const hoisted = `node_modules/${name}`;
    if (pkgs[nested] || pkgs[hoisted]) continue;
    const version = String(range).replace(/^[\^~=]/, '');
    if (!/^\d+\.\d+\.\d+/.test(version)) continue;
    pkgs[hoisted] = { version, optional: true };
    added++;
  }
}
const sorted = Object.fromEntries(
  Object.entries(pkgs).sort(([left], [right]) => (left === '' ? -1 : right === '' ? 1 : left < right ? -1 : left > right ? 1 : 0)),
);
lock.packages = sorted;
writeFileSync(file, JSON.stringify(lock, null, 2) + '\n');
console.log(`lock-optional-stubs: ${added} optional platform entries added`);
