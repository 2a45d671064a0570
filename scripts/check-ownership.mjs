#!/usr/bin/env node
// "A module touches only its own tables": no module names another module's entity in a repository or
// query-builder call, and no SQL in a module names another module's table. The owners are read from the
// @Entity('table') declarations; read models a module publishes for others are listed in READ_MODELS.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const src = join(root, 'src');

function walk(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path) : path.endsWith('.ts') && !path.endsWith('.spec.ts') ? [path] : [];
  });
}
const moduleOf = (file) => {
  const parts = relative(src, file).split('/');
  return parts[0] === 'demo' && parts[1] === 'year-of-life' ? 'year-of-life' : parts[0];
};

const files = walk(src);
const tableOwner = new Map();
const entityOwner = new Map();
for (const file of files) {
  const text = readFileSync(file, 'utf8');
  for (const match of text.matchAll(/@Entity\('([a-z_]+)'[^)]*\)\s*(?:@[^\n]*\n\s*)*export class (\w+)/g)) {
    tableOwner.set(match[1], moduleOf(file));
    entityOwner.set(match[2], moduleOf(file));
  }
}
// Folders that may name every table: the schema's list of entities, the CLI tools, and the demo's year of
// life, whose time travel rewrites the timestamps of many modules' rows in one transaction (data loading,
// like a migration). Everything else touches its own tables only.
const EXEMPT = new Set(['schema', 'cli', 'year-of-life']);
const ENTITY_USE =
  /(?:getRepository|\.from|[iI]nnerJoin(?:AndSelect)?|[lL]eftJoin(?:AndSelect)?|\.into|\.update|\.delete|\.insert|em\.(?:find\w*|count\w*|exists\w*|save|increment|decrement|upsert))\(\s*(\w+)\b/g;
const SQL_TABLE = /\b(?:FROM|JOIN|INTO|UPDATE|TABLE)\s+`?([a-z_]+)`?/gi;
const BUILDER_TABLE = /(?:\.from|[iI]nnerJoin(?:AndSelect)?|[lL]eftJoin(?:AndSelect)?|\.into|\.update|\.delete)\(\s*'([a-z_]+)'/g;
const problems = [];
for (const file of files) {
  const owner = moduleOf(file);
  if (EXEMPT.has(owner)) continue;
  const text = readFileSync(file, 'utf8');
  const lineOf = (index) => text.slice(0, index).split('\n').length;
  for (const match of text.matchAll(ENTITY_USE)) {
    const other = entityOwner.get(match[1]);
    if (other && other !== owner) problems.push(`${relative(root, file)}:${lineOf(match.index)} uses ${match[1]} (owned by ${other})`);
  }
  for (const match of [...text.matchAll(SQL_TABLE), ...text.matchAll(BUILDER_TABLE)]) {
    const other = tableOwner.get(match[1]);
    if (other && other !== owner)
      problems.push(`${relative(root, file)}:${lineOf(match.index)} names table ${match[1]} (owned by ${other})`);
  }
}
// No module is global: each declares what it imports, so Nest (and a reader) sees every dependency.
for (const file of files) {
  const text = readFileSync(file, 'utf8');
  if (/@Global\(\)/.test(text)) problems.push(`${relative(root, file)} declares a @Global() module`);
}
if (problems.length) {
  console.error(`${problems.length} reads or writes of another module's tables:\n  ${problems.join('\n  ')}`);
  process.exit(1);
}
console.log(`ownership: ${tableOwner.size} tables, each touched only by its module`);
