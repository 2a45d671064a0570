// The import's reading thread: streams the file (csv or xlsx), checks every row (RowChecker) and
// computes residents' identities (keyed hash, cipher, mask), and hands the checked rows to the
// main thread in batches, which writes them. Reading and writing then run on both cores at once.
// Loads no Nest and no database driver: only the pure modules it needs.
import { parentPort, workerData } from 'node:worker_threads';
import { readRows } from './import-readers.js';
import { checkedSteps, ImportFileError, RowChecker, type CheckStep, type ImportElement, type ImportPlaces } from './import-rows.js';
import { PiiCrypto } from './pii-crypto.js';
import { Keyring, type KeyringSpec } from '../crypto/keyring.js';
import { setPlatformTimeZone } from '../common/platform-time.js';
import type { Source } from './import-readers.js';
import type { ImportLimits } from '../config/config.js';

export interface WorkerInput {
  src: Source;
  kind: 'xlsx' | 'csv';
  elements: ImportElement[];
  places: ImportPlaces;
  asOf?: string;
  defaultDate: string;
  /** The keyring's keys (plain data: a worker thread gets a copy). */
  keyring: KeyringSpec;
  batchSize: number;
  /** Batches the main thread may have waiting before this thread pauses reading (memory stays flat). */
  ahead: number;
  limits: ImportLimits;
  /** The platform's time zone: a worker thread has its own copy of common/platform-time.ts. */
  timeZone: string;
}

export type WorkerMessage = CheckStep | { type: 'fail'; fileError: boolean; message: string; problem?: string };

const input = workerData as WorkerInput;
setPlatformTimeZone(input.timeZone);
const port = parentPort!;
let credits = input.ahead;
let wake: (() => void) | null = null;
port.on('message', (value) => {
  if (value === 'more') {
    credits++;
    wake?.();
    wake = null;
  }
});

async function main() {
  const checker = new RowChecker(
    input.elements,
    input.places,
    { asOf: input.asOf, defaultDate: input.defaultDate },
    new PiiCrypto({ ring: new Keyring(input.keyring) }),
  );
  // An uploaded file arrives as a Uint8Array (a Buffer does not survive the copy between threads).
  const src = typeof input.src === 'string' ? input.src : Buffer.from(input.src.buffer, input.src.byteOffset, input.src.byteLength);
  for await (const step of checkedSteps(readRows(src, input.kind, input.limits), checker, input.batchSize)) {
    if (step.type === 'batch') {
      while (credits <= 0) await new Promise<void>((resolve) => (wake = resolve));
      credits--;
    }
    port.postMessage(step satisfies WorkerMessage);
  }
}

main().catch((err) => {
  const fileError = err instanceof ImportFileError;
  port.postMessage({
    type: 'fail',
    fileError,
    message: String(err?.message ?? err),
    problem: fileError ? err.problem : undefined,
  } satisfies WorkerMessage);
});
