import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import type { Logger } from 'pino';

const GIVEN_ID = /^[\w-]{1,64}$/;

/**
 * Gives every request the server's own id — never the caller's: the audit log and the server log tie an event to a
 * request by it, and a client could otherwise forge or reuse one. A well-formed caller `x-request-id` (≤ 64 word
 * characters) is kept beside it as `clientId`, in the log line only, so a client's report can still be found.
 * Logs one line when the request finishes — only method and path: headers carry tokens and query strings may carry
 * ID numbers. The line is pino-http's (`request completed` / `request errored`, req, res, responseTime), without
 * its per-request child loggers and full request serialisation, which cost more than the line itself.
 */
export function requestLog(log: Logger, ignore: (url: string) => boolean) {
  return (req: Request & { id?: string; clientRequestId?: string }, res: Response, next: NextFunction) => {
    const given = req.headers['x-request-id'];
    const clientId = typeof given === 'string' && GIVEN_ID.test(given) ? given : undefined;
    const id = randomUUID();
    req.id = id;
    if (clientId) req.clientRequestId = clientId;
    res.setHeader('x-request-id', id);
    if (!log.isLevelEnabled('info') || ignore(String(req.url))) return next();
    const started = Date.now();
    const done = () => {
      res.off('close', done);
      res.off('finish', done);
      const line = {
        req: { id, ...(clientId ? { clientId } : {}), method: req.method, path: String(req.url).split('?')[0] },
        res: { status: res.statusCode },
        responseTime: Date.now() - started,
      };
      if (res.statusCode >= 500) log.info({ ...line, err: new Error(`failed with status code ${res.statusCode}`) }, 'request errored');
      else log.info(line, 'request completed');
    };
    res.on('close', done);
    res.on('finish', done);
    next();
  };
}
