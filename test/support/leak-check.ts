import { Writable } from 'node:stream';
import { idLikeRuns } from '../../src/common/id-like.js';

/**
 * The leak check (issue 15, item 8): every log line the test apps write and every error text they
 * answer is run through the ID detector (common/id-like.ts: whole ID numbers, long digit runs,
 * standalone birth dates; masked values like 420683********0001 do not match). Registered for
 * every suite in jest.config.js (setupFilesAfterEnv); a hit fails the suite in afterAll, naming where.
 * Only hits are kept, and a line without eight digits in a row costs one regular-expression test.
 */
const hits: string[] = [];
const MAX_HITS = 20;
/** While a test watches (watchLogLines), the lines themselves too. */
let watched: string[] | null = null;

export function checkForIdLeaks(where: string, text: string) {
  const runs = idLikeRuns(text);
  if (runs.length && hits.length < MAX_HITS) hits.push(`${where}: ${runs.join(', ')} in ${text.slice(0, 300)}`);
}

/** pino's destination in the test apps (support/harness.ts): lines are checked, not printed. */
export const leakCheckedLog = new Writable({
  write(chunk: Buffer, _encoding, done) {
    const line = chunk.toString('utf8');
    checkForIdLeaks('log line', line);
    watched?.push(line);
    done();
  },
});

/** A parsed pino line: level, msg and whatever the logger merged in. */
export type LogLine = { level: number; msg?: string; [key: string]: unknown };

/** Collects the log lines of what `fn` makes the test app do, parsed. */
export async function watchLogLines(fn: () => Promise<unknown>): Promise<LogLine[]> {
  watched = [];
  try {
    await fn();
    await new Promise((resolve) => setImmediate(resolve)); // pino writes asynchronously
    return watched.map((line) => JSON.parse(line) as LogLine);
  } finally {
    watched = null;
  }
}

/** Takes the hits so far (the leak check's own test reads them, then expects them). */
export function takeLeakHits(): string[] {
  return hits.splice(0, hits.length);
}

// Only when loaded as the setup file (jest's afterAll exists): the harness imports this module too.
if (typeof afterAll === 'function')
  afterAll(() => {
    const found = takeLeakHits();
    if (found.length) throw new Error(`ID-like values leaked into logs or error messages:\n${found.join('\n')}`);
  });
