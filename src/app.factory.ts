import 'reflect-metadata';
import { KeyringService } from './crypto/keyring.service.js';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';
import type { Server } from 'node:http';
import type { Logger } from 'pino';
import { DataSource } from 'typeorm';
import type { AppConfig } from './config/config.js';
import { createPino, PinoNestLogger } from './common/logger.js';
import { requestLog } from './common/request-log.js';
import { openDataSource, pendingMigrations } from './schema/schema.js';
import type { QueryCounter } from './database/query-counter.js';
import { AppModule } from './app.module.js';
import { AuthMiddleware } from './identity/auth.middleware.js';
import { serveWeb } from './web/web-static.js';
import { ErrorCode } from './common/errors.js';
import { securityHeaders } from './common/security-headers.js';

/** Opening the database lives in database/open.ts (a CLI that needs no server imports it alone). */
export { openDataSource, pendingMigrations };

export const BODY_LIMIT = '2mb';

/** Body-parser failures answer like GraphQL errors (code + Chinese message), not Express's HTML page. */
function bodyParserErrors(err: { type?: unknown } | null | undefined, _req: Request, res: Response, next: NextFunction) {
  const refuse = (status: number, code: ErrorCode, message: string) =>
    res
      .status(status)
      .type('application/json')
      .send(JSON.stringify({ errors: [{ message, extensions: { code } }] }));
  if (err?.type === 'entity.too.large')
    return refuse(413, ErrorCode.PAYLOAD_TOO_LARGE, `请求内容过大：单次请求最多 ${BODY_LIMIT.toUpperCase()}，请分批提交`);
  if (err?.type === 'entity.parse.failed') return refuse(400, ErrorCode.BAD_REQUEST, '请求体不是合法的 JSON');
  if (err?.type === 'encoding.unsupported' || err?.type === 'charset.unsupported')
    return refuse(415, ErrorCode.BAD_REQUEST, '请求体编码不受支持，请使用 UTF-8');
  return next(err);
}

/**
 * Before serving: the embedded database is migrated on the spot (zero setup); any other database
 * must have been migrated by an operator — the answer is the one line to print, or null when ready.
 */
export async function migrationGate(config: AppConfig, ds: DataSource): Promise<{ applied: string[]; refusal: string | null }> {
  const pending = await pendingMigrations(ds);
  if (!pending.length) return { applied: [], refusal: null };
  if (config.db.kind === 'sqlite') {
    await ds.runMigrations({ transaction: 'each' });
    return { applied: pending, refusal: null };
  }
  return {
    applied: [],
    refusal: `数据库有 ${pending.length} 个迁移尚未执行（${pending[0]} 等）。请先运行：DATABASE_URL=… npm run migrate`,
  };
}

export interface CreatedApp {
  app: NestExpressApplication;
  dataSource: DataSource;
  queryCounter: QueryCounter;
  log: Logger;
}

/** Builds the whole server; main.ts, the CLI and the e2e harness all come through here. */
export async function createApp(
  config: AppConfig,
  opts: { log?: Logger; dataSource?: DataSource; queryCounter?: QueryCounter; graphql?: boolean } = {},
): Promise<CreatedApp> {
  const log = opts.log ?? createPino(config.logLevel);
  const { dataSource, queryCounter } =
    opts.dataSource && opts.queryCounter
      ? { dataSource: opts.dataSource, queryCounter: opts.queryCounter }
      : await openDataSource(config, log);
  // Loaded only when wanted: Apollo and the schema build are a fifth of a CLI's start-up.
  const graphql = opts.graphql === false ? null : (await import('./graphql-api.module.js')).graphqlApiModule(config, log);
  const app = await NestFactory.create<NestExpressApplication>(AppModule.register({ config, dataSource, queryCounter, log, graphql }), {
    logger: new PinoNestLogger(log),
    bodyParser: false,
  });
  // Keys first: a key that does not fit the database stops the start before anything reads or writes.
  try {
    await app.get(KeyringService).open();
  } catch (err) {
    await app.close();
    throw err;
  }
  app.use(requestLog(log, (url) => url === '/health' || url.startsWith('/assets/')));
  // Behind a reverse proxy every client would otherwise share the proxy's IP (one login limit for all).
  app.set('trust proxy', config.trustProxy);
  // GraphQL answers POSTs: an ETag (a SHA-1 of every response body) is never revalidated; static files keep theirs (serve-static).
  app.set('etag', false);
  app.disable('x-powered-by');
  app.use(securityHeaders({ tls: config.publicUrl?.startsWith('https://') ?? false }));
  app.useBodyParser('json', { limit: BODY_LIMIT });
  app.use(bodyParserErrors);
  serveWeb(app, { production: config.production, log });
  // The caller, for everything the web files did not answer. A plain Express middleware: Nest's
  // forRoutes('*path') matched a regular expression and wrapped the call on every request.
  const auth = app.get(AuthMiddleware);
  app.use((req: Request, res: Response, next: NextFunction) => auth.use(req, res, next));
  // Node closes an idle kept-alive connection after 5 s; a load balancer keeps its side open longer (ALB 60 s) and
  // would send the next request down a connection being closed (a 502). The headers timeout must exceed it.
  const http = app.getHttpServer() as Server;
  http.keepAliveTimeout = config.keepAliveSeconds * 1000;
  http.headersTimeout = http.keepAliveTimeout + 1000;
  app.enableShutdownHooks();
  return { app, dataSource, queryCounter, log };
}
