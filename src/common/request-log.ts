import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import type { Logger } from 'pino';

const GIVEN_ID = /^[\w-]{1,64}$/;

/**
 * Gives every request an id (the caller's `x-request-id` when well-formed) and logs one line when
 * it finishes — only method and path: headers carry tokens and query strings may carry ID numbers.
 * The line is pino-http's (`request completed` / `request errored`, req, res, responseTime), without
 * its per-request child loggers and full request serialisation, which cost more than the line itself.
 */
export function requestLog(log: Logger, ignore: (url: string) => boolean) {
  return (req: Request & { id?: string }, res: Response, next: NextFunction) => {
    const given = req.headers['x-request-id'];
    const id = typeof given === 'string' && GIVEN_ID.test(given) ? given : randomUUID();
    req.id = id;
    res.setHeader('x-request-id', id);
    if (!log.isLevelEnabled('info') || ignore(String(req.url))) return next();
    const started = Date.now();
    const done = () => {
      res.off('close', done);
      res.off('finish', done);
      const line = {
        req: { id, method: req.method, path: String(req.url).split('?')[0] },
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
