import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { isRegisteredCode, registeredCodes } from './error-codes.js';

const SRC = join(dirname(fileURLToPath(import.meta.url)), '..');
const sources = (readdirSync(SRC, { recursive: true }) as string[])
  .filter((file) => file.endsWith('.ts') && !file.endsWith('.spec.ts') && !file.endsWith('.d.ts'))
  .map((file) => join(SRC, file));
const errorFiles = sources.filter((file) => file.endsWith('.errors.ts') || file.endsWith(join('common', 'errors.ts')));

/** Every `*ErrorCode` enum the `*.errors.ts` files (and common/errors.ts) export, by name. */
async function loadEnums(): Promise<Map<string, { file: string; values: Record<string, string> }>> {
  const enums = new Map<string, { file: string; values: Record<string, string> }>();
  for (const file of errorFiles) {
    const mod = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
    for (const [name, value] of Object.entries(mod))
      if (/ErrorCode$/.test(name) && value && typeof value === 'object') enums.set(name, { file, values: value as Record<string, string> });
  }
  return enums;
}

/** Code literals and enum references in a position where they become extensions.code. */
const LITERAL_PATTERNS = [
  /\bdomainError\(\s*['"`]([^'"`]+)['"`]/g,
  /\bnew AppError\(\s*['"`]([^'"`]+)['"`]/g,
  /\bcode:\s*['"`](?!(?:ASC|DESC)['"`])([A-Z][A-Z0-9_]*)['"`]/g, // inside error objects (lower-case catalog/region codes are data, not errors)
  /\bcode\s*=\s*['"`]([A-Z][A-Z0-9_]*)['"`]/g, // format-error's rewrites
  /\brefus(?:e|al)\(\s*\d+\s*,\s*['"`]([^'"`]+)['"`]/g,
];
const ENUM_REFERENCE = /\b(\w*ErrorCode)\.(\w+)/g;
/** A bare constant as the code (`domainError(SOME_CONST, …)`) cannot be checked here: use the enum member. */
const BARE_IDENTIFIER = /\b(?:domainError|new AppError)\(\s*([A-Za-z_$][\w$]*)\s*[,)]/g;

interface Found {
  file: string;
  line: number;
  code: string;
  how: string;
}

function scan(enums: Map<string, { values: Record<string, string> }>): { found: Found[]; unknownRefs: Found[] } {
  const found: Found[] = [];
  const unknownRefs: Found[] = [];
  for (const file of sources) {
    const text = readFileSync(file, 'utf8');
    const lineOf = (index: number) => text.slice(0, index).split('\n').length;
    const rel = relative(SRC, file);
    for (const re of LITERAL_PATTERNS)
      for (const match of text.matchAll(re)) found.push({ file: rel, line: lineOf(match.index), code: match[1], how: match[0] });
    for (const match of text.matchAll(BARE_IDENTIFIER))
      if (!(rel === join('common', 'errors.ts') && match[1] === 'code'))
        unknownRefs.push({ file: rel, line: lineOf(match.index), code: match[1], how: match[0] });
    for (const match of text.matchAll(ENUM_REFERENCE)) {
      const values = enums.get(match[1])?.values;
      if (!values || !(match[2] in values))
        unknownRefs.push({ file: rel, line: lineOf(match.index), code: `${match[1]}.${match[2]}`, how: match[0] });
      else found.push({ file: rel, line: lineOf(match.index), code: values[match[2]], how: match[0] });
    }
  }
  return { found, unknownRefs };
}

describe('error codes', () => {
  it('every code a source file throws (literal or enum member) is registered', async () => {
    const enums = await loadEnums();
    expect([...enums.keys()]).toEqual(expect.arrayContaining(['ErrorCode', 'AdmissionErrorCode', 'DispatchErrorCode']));
    const { found, unknownRefs } = scan(enums);
    expect(found.length).toBeGreaterThan(20);
    const referenced = new Set(found.map((hit) => hit.code));
    for (const code of [
      'NEGATIVE_LIST',
      'CAP_EXCEEDED',
      'FORM_NOT_ADMITTED',
      'AMBIGUOUS_VILLAGE',
      'INVALID_ID_NUMBER',
      'SECOND_FACTOR_REQUIRED',
      'QUERY_TOO_COMPLEX',
    ])
      expect(referenced).toContain(code);
    const show = (fs: Found[]) => fs.map((hit) => `${hit.file}:${hit.line} ${hit.code} (${hit.how})`);
    expect(show(unknownRefs)).toEqual([]);
    expect(show(found.filter((hit) => !isRegisteredCode(hit.code)))).toEqual([]);
  });

  it('each *.errors.ts registers its whole enum, and no code belongs to two modules', async () => {
    const enums = await loadEnums();
    const owners = new Map<string, string[]>();
    for (const [name, { values }] of enums)
      for (const code of Object.values(values)) {
        expect({ name, code, registered: isRegisteredCode(code) }).toEqual({ name, code, registered: true });
        // The schema shows member names, the wire carries values: they must be the same string.
        expect(Object.entries(values).filter(([key, value]) => key !== value)).toEqual([]);
        owners.set(code, [...(owners.get(code) ?? []), name]);
      }
    expect([...owners].filter(([, names]) => names.length > 1)).toEqual([]);
    // and the registry itself holds nothing the enums do not (registerErrorCodes refuses a second owner at load)
    expect([...registeredCodes().keys()].filter((code) => !owners.has(code))).toEqual([]);
  });

  it('formatError flags a code nobody registered (logged as a bug; marked under NODE_ENV=test)', async () => {
    const { makeFormatError } = await import('./format-error.js');
    const errors: unknown[] = [];
    const log = { error: (entry: unknown) => errors.push(entry) } as unknown as Parameters<typeof makeFormatError>[0];
    const format = makeFormatError(log);
    const bad = format({ message: '出错了', extensions: { code: 'SOMETHING_NEW' } }, new Error('x'));
    expect(bad.extensions).toMatchObject({ code: 'SOMETHING_NEW', unregisteredCode: true });
    expect(errors).toHaveLength(1);
    const good = format({ message: '村级表单已达上限', extensions: { code: 'CAP_EXCEEDED' } }, new Error('x'));
    expect(good.extensions?.unregisteredCode).toBeUndefined();
    expect(errors).toHaveLength(1);
  });
});
