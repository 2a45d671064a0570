// The bench's load generator, in a process of its own: `node dist/bench/load.js -c 32 -d 5 -m POST -H k=v … -b BODY
// [-E EXPECTED] URL` prints one JSON line shaped like autocannon's `-j` output (the fields bench/run.ts reads).
//
// Why not autocannon: on this 2-core machine the load generator shares the cores with the servers it measures, and
// autocannon spent 25–30 % of one server's CPU per request (its request builder, its per-response parser and HDR
// histograms, all in JavaScript on every request). Two servers cannot then reach 2× one server's throughput even in
// principle — the client takes the second core's slack. This one writes a request prepared once, as bytes, on each of
// `-c` keep-alive connections, reads the answer's length from its header (Content-Length or chunked) and compares the
// body with the expected bytes: a few microseconds a request. It speaks only what the bench needs (HTTP/1.1 over TCP,
// one request in flight per connection).
import { connect, type Socket } from 'node:net';

interface Options {
  connections: number;
  seconds: number;
  method: string;
  headers: [string, string][];
  body: string;
  expect?: Buffer;
  url: URL;
}

function parseArgs(argv: string[]): Options {
  const options: Partial<Options> & { headers: [string, string][] } = { headers: [], method: 'GET', body: '' };
  for (let i = 0; i < argv.length; i++) {
    const value = argv[i + 1];
    switch (argv[i]) {
      case '-j':
        break;
      case '-c':
        options.connections = Number(value);
        i++;
        break;
      case '-d':
        options.seconds = Number(value);
        i++;
        break;
      case '-m':
        options.method = value;
        i++;
        break;
      case '-H': {
        const at = value.indexOf('=');
        options.headers.push([value.slice(0, at), value.slice(at + 1)]);
        i++;
        break;
      }
      case '-b':
        options.body = value;
        i++;
        break;
      case '-E':
        options.expect = Buffer.from(value);
        i++;
        break;
      default:
        options.url = new URL(argv[i]);
    }
  }
  if (!options.url || !options.connections || !options.seconds)
    throw new Error('usage: load -c N -d SECONDS [-m M] [-H k=v] [-b BODY] [-E EXPECTED] URL');
  return options as Options;
}

/** The request as bytes, written as they are for every request. */
function requestBytes(options: Options): Buffer {
  const body = Buffer.from(options.body);
  const lines = [
    `${options.method} ${options.url.pathname}${options.url.search} HTTP/1.1`,
    `host: ${options.url.host}`,
    ...options.headers.map(([name, value]) => `${name}: ${value}`),
    ...(body.length || options.method !== 'GET' ? [`content-length: ${body.length}`] : []),
    '',
    '',
  ];
  return Buffer.concat([Buffer.from(lines.join('\r\n')), body]);
}

const CRLFCRLF = Buffer.from('\r\n\r\n');

/**
 * One answer out of the bytes received so far: its status, body and how many bytes it took; null while incomplete.
 * Chunked bodies are joined; a body without length (HTTP/1.0 style) is not supported (the server keeps connections).
 */
function parseResponse(data: Buffer): { status: number; body: Buffer; used: number } | null {
  const headEnd = data.indexOf(CRLFCRLF);
  if (headEnd < 0) return null;
  const head = data.toString('latin1', 0, headEnd);
  const status = Number(head.slice(9, 12));
  const length = /\r\ncontent-length:\s*(\d+)/i.exec(head);
  const start = headEnd + 4;
  if (length) {
    const end = start + Number(length[1]);
    return data.length < end ? null : { status, body: data.subarray(start, end), used: end };
  }
  if (!/\r\ntransfer-encoding:\s*chunked/i.test(head)) return { status, body: Buffer.alloc(0), used: start };
  const parts: Buffer[] = [];
  let at = start;
  for (;;) {
    const lineEnd = data.indexOf('\r\n', at);
    if (lineEnd < 0) return null;
    const size = parseInt(data.toString('latin1', at, lineEnd), 16);
    const chunkStart = lineEnd + 2;
    if (data.length < chunkStart + size + 2) return null;
    if (size === 0) return { status, body: Buffer.concat(parts), used: chunkStart + 2 };
    parts.push(data.subarray(chunkStart, chunkStart + size));
    at = chunkStart + size + 2;
  }
}

async function main() {
  const options = parseArgs(process.argv.slice(2));
  const request = requestBytes(options);
  const latencies: number[] = [];
  let errors = 0;
  let non2xx = 0;
  let mismatches = 0;
  const started = performance.now();
  const until = started + options.seconds * 1000;

  const drive = () =>
    new Promise<void>((resolve) => {
      let socket: Socket;
      let pending: Buffer = Buffer.alloc(0);
      let sentAt = 0;
      let closed = false;
      const send = () => {
        if (performance.now() >= until) {
          closed = true;
          socket.end();
          return resolve();
        }
        sentAt = performance.now();
        socket.write(request);
      };
      const open = () => {
        pending = Buffer.alloc(0);
        socket = connect(Number(options.url.port || 80), options.url.hostname, send);
        socket.setNoDelay(true);
        socket.on('data', (chunk: Buffer) => {
          pending = pending.length ? Buffer.concat([pending, chunk]) : chunk;
          const answer = parseResponse(pending);
          if (!answer) return;
          latencies.push(performance.now() - sentAt);
          if (answer.status < 200 || answer.status >= 300) non2xx++;
          else if (options.expect && !answer.body.equals(options.expect)) mismatches++;
          pending = pending.subarray(answer.used);
          send();
        });
        // An error is followed by 'close', which counts it.
        socket.on('error', () => undefined);
        socket.on('close', () => {
          if (closed) return;
          // The server closed a kept-alive connection (or refused one): count it and open another, as a browser would.
          if (performance.now() >= until) return resolve();
          errors++;
          setTimeout(open, 10);
        });
      };
      open();
    });

  await Promise.all(Array.from({ length: options.connections }, drive));
  const elapsed = (performance.now() - started) / 1000;
  const sorted = Float64Array.from(latencies).sort();
  const at = (share: number) =>
    sorted.length ? Math.round(sorted[Math.min(sorted.length - 1, Math.floor(share * sorted.length))] * 100) / 100 : 0;
  const mean = sorted.length ? sorted.reduce((sum, value) => sum + value, 0) / sorted.length : 0;
  process.stdout.write(
    `${JSON.stringify({
      latency: { mean: Math.round(mean * 100) / 100, p50: at(0.5), p97_5: at(0.975), p99: at(0.99) },
      requests: { total: latencies.length, average: latencies.length / elapsed },
      errors,
      non2xx,
      mismatches,
    })}\n`,
  );
}

main().catch((err: unknown) => {
  process.stderr.write(`load failed: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
