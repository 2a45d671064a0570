import { EventEmitter } from 'node:events';
import { Writable } from 'node:stream';
import type { Request, Response } from 'express';
import { pino } from 'pino';
import { requestLog } from './request-log.js';

function capture(level = 'info') {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk, _enc, cb) {
      lines.push(JSON.parse(String(chunk)));
      cb();
    },
  });
  return { log: pino({ level }, stream), lines };
}

function fakeReq(url: string, headers: Record<string, string> = {}) {
  return { url, method: 'POST', headers } as unknown as Request & { id?: string };
}
function fakeRes(status = 200) {
  const headers: Record<string, string> = {};
  const res = Object.assign(new EventEmitter(), {
    statusCode: status,
    headers,
    setHeader: (k: string, text: string) => (headers[k] = text),
  });
  return res as unknown as Response & { headers: Record<string, string> };
}
const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('request log', () => {
  it('one line per request: id, method and path only (no query string, no headers), status, time', async () => {
    const { log, lines } = capture();
    const mw = requestLog(log, () => false);
    const req = fakeReq('/graphql?id=420683199001011234', { authorization: 'Bearer secret', 'x-request-id': 'abc-1' });
    const res = fakeRes();
    let nexted = false;
    mw(req, res, () => (nexted = true));
    expect(nexted).toBe(true);
    // The server's own id, never the caller's; the caller's is kept beside it in the log line.
    expect(req.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(res.headers['x-request-id']).toBe(req.id);
    res.emit('finish');
    res.emit('close');
    await tick();
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      msg: 'request completed',
      req: { id: req.id, clientId: 'abc-1', method: 'POST', path: '/graphql' },
      res: { status: 200 },
    });
    expect(typeof lines[0].responseTime).toBe('number');
    expect(JSON.stringify(lines[0])).not.toMatch(/420683|secret/);
  });

  it('a malformed caller id is not kept; 5xx is logged as an error; ignored paths and a silent level log nothing', async () => {
    const { log, lines } = capture();
    const mw = requestLog(log, (url) => url === '/health');
    const req = fakeReq('/graphql', { 'x-request-id': 'bad id with spaces' });
    const res = fakeRes(500);
    mw(req, res, () => {});
    expect(req.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(req).not.toHaveProperty('clientRequestId');
    res.emit('finish');
    const health = fakeRes();
    mw(fakeReq('/health'), health, () => {});
    health.emit('finish');
    await tick();
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ msg: 'request errored', res: { status: 500 } });

    const silent = capture('silent');
    const r2 = fakeRes();
    const q2 = fakeReq('/graphql');
    requestLog(silent.log, () => false)(q2, r2, () => {});
    expect(q2.id).toBeTruthy();
    r2.emit('finish');
    await tick();
    expect(silent.lines).toHaveLength(0);
  });
});
