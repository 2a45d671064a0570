import express, { type NextFunction, type Request, type Response } from 'express';
import { existsSync, readdirSync } from 'node:fs';
import { extname, join, relative, resolve, sep } from 'node:path';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { Logger } from 'pino';

/** Paths the server itself answers; everything else that is a GET for a page is the single-page app. */
const SERVER_PATHS = /^\/(graphql|health|api)(\/|$|\?)/;

/** Encodings the build writes beside each file (web/vite.config.ts), best first, with their file suffix. */
const ENCODINGS = [
  { name: 'br', suffix: '.br' },
  { name: 'gzip', suffix: '.gz' },
] as const;

/** `/assets/x.js` → the encodings precompressed for it in `dir` (read once at start: the build does not change under a running server). */
function precompressedFiles(dir: string): Map<string, Set<string>> {
  const found = new Map<string, Set<string>>();
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const encoding = ENCODINGS.find((enc) => entry.name.endsWith(enc.suffix));
    if (!encoding) continue;
    const file = join(entry.parentPath, entry.name.slice(0, -encoding.suffix.length));
    const url = '/' + relative(dir, file).split(sep).join('/');
    if (!found.has(url)) found.set(url, new Set());
    found.get(url)!.add(encoding.name);
  }
  return found;
}

/** Hashed file names under assets/ never change; pages must be revalidated. */
function cacheControl(urlPath: string): string {
  return urlPath.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache';
}

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
  // A file built with a .br/.gz beside it goes out compressed to a browser that accepts it (a third of the bytes or less).
  const precompressed = precompressedFiles(dir);
  app.use((req: Request, res: Response, next: NextFunction) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    const encodings = precompressed.get(req.path);
    if (!encodings) return next();
    res.setHeader('vary', 'Accept-Encoding');
    // Ours best first, among those the request accepts (browsers list gzip before br, at the same weight).
    const accepted = new Set(req.acceptsEncodings());
    const encoding = ENCODINGS.find((enc) => encodings.has(enc.name) && (accepted.has(enc.name) || accepted.has('*')));
    if (!encoding) return next();
    res.setHeader('content-encoding', encoding.name);
    res.type(extname(req.path));
    res.setHeader('cache-control', cacheControl(req.path));
    res.sendFile(join(dir, req.path) + encoding.suffix, (err) => (err ? next(err) : undefined));
  });
  app.use(
    express.static(dir, {
      index: false,
      setHeaders: (res, path) => res.setHeader('cache-control', cacheControl('/' + relative(dir, path).split(sep).join('/'))),
    }),
  );
  app.use((req: Request, res: Response, next: NextFunction) => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || SERVER_PATHS.test(req.path) || req.path.startsWith('/assets/')) return next();
    if (!req.accepts('html')) return next();
    res.setHeader('cache-control', 'no-cache');
    res.sendFile(index);
  });
}
