import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { TEST_SECRETS } from './harness.js';

/** A port nobody listens on now. */
export const freePort = () =>
  new Promise<number>((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as import('node:net').AddressInfo;
      probe.close(() => resolve(port));
    });
  });

export interface ServerProcess {
  child: ChildProcess;
  url: string;
  pid: number;
  /** SIGKILL (no shutdown hook runs), or SIGTERM; resolves when the process has exited. */
  stop(signal?: NodeJS.Signals): Promise<void>;
}

/**
 * The compiled server (`dist/src/main.js`, `scripts/build-if-stale.mjs` first) in a process of its own on the test
 * database `place`, as production runs it; resolves once /health answers.
 */
export async function spawnServer(
  place: { url?: string; dir: string },
  env: Record<string, string> = {},
  /** Receives what the server writes to stdout (its log lines); unset: stdout is dropped. */
  stdout?: (text: string) => void,
): Promise<ServerProcess> {
  const port = await freePort();
  const child = spawn(process.execPath, ['dist/src/main.js'], {
    env: {
      ...(process.env as Record<string, string>),
      NODE_ENV: 'production',
      LOG_LEVEL: 'warn',
      PORT: String(port),
      DATA_DIR: place.dir,
      DATABASE_URL: place.url ?? '',
      ...TEST_SECRETS,
      ...env,
    },
    stdio: ['ignore', stdout ? 'pipe' : 'ignore', 'inherit'],
  });
  child.stdout?.setEncoding('utf8').on('data', (text: string) => stdout!(text));
  const url = `http://127.0.0.1:${port}`;
  const stop = (signal: NodeJS.Signals = 'SIGKILL') =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill(signal);
    });
  for (let waited = 0; waited < 150_000; waited += 250) {
    const up = await fetch(`${url}/health`).then(
      (res) => res.ok,
      () => false,
    );
    if (up) return { child, url, pid: child.pid!, stop };
    if (child.exitCode !== null) break;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  await stop();
  throw new Error('the server did not come up within 150 s');
}
