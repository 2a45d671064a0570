import express, { type NextFunction, type Request, type Response } from 'express';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { Logger } from 'pino';

/** Paths the server itself answers; everything else that is a GET for a page is the single-page app. */
const SERVER_PATHS = /^\/(graphql|health|api)(\/|$|\?)/;

export function webDistDir(): string {
  return resolve(process.env.WEB_DIST_DIR ?? join(process.cwd(), 'web', 'dist'));
}

/**
 * Serves the built web workspace (web/dist) at / with a fallback to index.html for client-side
 * routes. The GraphQL explorer page (explorer.html) is served only outside production.
 */
export function serveWeb(app: NestExpressApplication, opts: { production: boolean; log: Logger }) {
  const dir = webDistDir();
  const index = join(dir, 'index.html');
  if (!existsSync(index)) {
    opts.log.warn({ dir }, 'web/dist is missing: the browser workspace is not served (run npm run build:web)');
    return;
  }
  const explorer = join(dir, 'explorer.html');
  app.use((req: Request, res: Response, next: NextFunction) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    if (SERVER_PATHS.test(req.path)) return next();
    if (req.path === '/explorer' || req.path === '/explorer.html') {
      if (opts.production) return res.status(404).type('text/plain; charset=utf-8').send('生产环境不提供 GraphQL 调试台');
      res.setHeader('cache-control', 'no-cache');
      return res.sendFile(explorer);
    }
    next();
  });
  app.use(
    express.static(dir, {
      index: false,
      setHeaders: (res, path) => {
        // Hashed file names under assets/ never change; pages must be revalidated.
        res.setHeader('cache-control', path.includes(`${join('assets', '')}`) ? 'public, max-age=31536000, immutable' : 'no-cache');
      },
    }),
  );
  app.use((req: Request, res: Response, next: NextFunction) => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || SERVER_PATHS.test(req.path) || req.path.startsWith('/assets/')) return next();
    if (!req.accepts('html')) return next();
    res.setHeader('cache-control', 'no-cache');
    res.sendFile(index);
  });
}
