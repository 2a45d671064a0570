import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AUDIT_ACTION_LABELS, auditActionLabel } from './audit-actions.js';

const SRC = join(dirname(fileURLToPath(import.meta.url)), '..');
const sources = (readdirSync(SRC, { recursive: true }) as string[])
  .filter((file) => file.endsWith('.ts') && !file.endsWith('.spec.ts') && !file.endsWith('.d.ts'))
  .map((file) => join(SRC, file));

/** Every 'module.verb' literal on an `action:` line (or a map to audit actions) of a file that writes audit events. */
function actionsWritten(): { file: string; action: string }[] {
  const found: { file: string; action: string }[] = [];
  for (const file of sources) {
    const text = readFileSync(file, 'utf8');
    if (!/\baudit\.record(?:Alone)?\(|AuditAction\b/.test(text) || file.endsWith('audit-actions.ts')) continue;
    for (const line of text.split('\n')) {
      if (!/\baction:|\]: '/.test(line)) continue;
      for (const match of line.matchAll(/'([a-zA-Z]+\.[a-zA-Z_]+)'/g)) found.push({ file: relative(SRC, file), action: match[1] });
    }
  }
  return found;
}

describe('audit actions: every action the code writes has its Chinese name', () => {
  it('finds the actions written across the modules, each one named in Chinese', () => {
    const written = actionsWritten();
    // The scan must see the writers, or it proves nothing.
    expect(new Set(written.map((entry) => entry.action)).size).toBeGreaterThanOrEqual(40);
    const unnamed = written.filter((entry) => !(entry.action in AUDIT_ACTION_LABELS));
    expect(unnamed).toEqual([]);
  });

  it('names are Chinese, distinct, and an unknown action never shows its code', () => {
    const labels = Object.values(AUDIT_ACTION_LABELS);
    for (const label of labels) expect(label).toMatch(/^[\u4e00-\u9fff（）()，、]+$/);
    expect(new Set(labels).size).toBe(labels.length);
    expect(auditActionLabel('user.login')).toBe('登录');
    expect(auditActionLabel('something.old')).toBe('其他操作');
  });
});
