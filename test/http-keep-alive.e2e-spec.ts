import { afterAll, describe, expect, it } from '@jest/globals';
import type { Server } from 'node:http';
import { connect, type Socket } from 'node:net';
import { startTestApp, type TestApp } from './support/harness.js';

/** Sends GET /health on `socket` and resolves with the status line of the answer. */
function health(socket: Socket, host: string): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = '';
    const onData = (chunk: Buffer) => {
      text += chunk.toString('latin1');
      const head = text.indexOf('\r\n\r\n');
      const length = /content-length:\s*(\d+)/i.exec(text);
      if (head >= 0 && length && text.length >= head + 4 + Number(length[1])) {
        socket.off('data', onData);
        resolve(text.slice(0, text.indexOf('\r\n')));
      }
    };
    socket.on('data', onData);
    socket.once('error', reject);
    socket.write(`GET /health HTTP/1.1\r\nhost: ${host}\r\nconnection: keep-alive\r\n\r\n`);
  });
}

const open = (url: string) =>
  new Promise<Socket>((resolve) => {
    const { hostname, port } = new URL(url);
    const socket = connect(Number(port), hostname, () => resolve(socket));
  });
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('kept-alive connections outlast a load balancer’s idle timeout (HTTP_KEEP_ALIVE_SECONDS)', () => {
  const servers: TestApp[] = [];
  afterAll(() => Promise.all(servers.map((server) => server.close())));

  it('by default an idle connection is still open after 6 s (Node alone closes it after 5 s; a balancer would then get a 502)', async () => {
    const server = await startTestApp('keep-alive', { demo: false });
    servers.push(server);
    const socket = await open(server.url);
    const host = new URL(server.url).host;
    try {
      expect(await health(socket, host)).toBe('HTTP/1.1 200 OK');
      await pause(6000);
      expect(socket.readyState).toBe('open');
      expect(await health(socket, host)).toBe('HTTP/1.1 200 OK');
    } finally {
      socket.destroy();
    }
  }, 30_000);

  it('HTTP_KEEP_ALIVE_SECONDS sets it: at 1 s the server closes the idle connection', async () => {
    const server = await startTestApp('keep-alive-short', { demo: false, env: { HTTP_KEEP_ALIVE_SECONDS: '1' } });
    servers.push(server);
    const socket = await open(server.url);
    const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
    expect(await health(socket, new URL(server.url).host)).toBe('HTTP/1.1 200 OK');
    const http = server.app.getHttpServer() as Server;
    expect([http.keepAliveTimeout, http.headersTimeout]).toEqual([1000, 2000]);
    await closed; // the server closed it, well before the 65 s default
  }, 30_000);
});
