import { Inject, Injectable, NestMiddleware } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import { RequestContext } from '../common/request-context.js';
import { UsersService } from './users.service.js';

/** The web app's session cookie: httpOnly (no script reads it), SameSite=Strict, set by login(cookie: true), cleared by logout. */
export const SESSION_COOKIE = 'onetable_session';

function cookieToken(header: string | undefined): string | null {
  if (!header) return null;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === SESSION_COOKIE) return decodeURIComponent(part.slice(eq + 1).trim()) || null;
  }
  return null;
}

/**
 * Builds the RequestContext: a request id and, when a valid token is present, the caller. API clients send a bearer
 * token; the web app's browser sends the session cookie. Against cross-site requests riding on that cookie:
 * SameSite=Strict, Apollo's CSRF prevention on /graphql, and on any other non-GET request a cookie counts only with
 * an `X-Requested-With` header (which a cross-site form cannot send without a preflight).
 */
@Injectable()
export class AuthMiddleware implements NestMiddleware {
  constructor(
    private readonly users: UsersService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async use(req: Request & { ctx?: RequestContext; id?: unknown }, res: Response, next: NextFunction) {
    try {
      // The request log (app.factory.ts) has given the server's own id and its header already (never the caller's).
      const requestId = (typeof req.id === 'string' && req.id) || randomUUID();
      const ctx = new RequestContext(requestId, null, req.ip ?? null);
      req.ctx = ctx;
      const agent = req.headers['user-agent'];
      ctx.userAgent = typeof agent === 'string' ? agent.slice(0, 200) : null;
      const secure = !!this.config.publicUrl?.startsWith('https://');
      ctx.sessionCookie = {
        set: (token, maxAgeSeconds) =>
          res.cookie(SESSION_COOKIE, token, { httpOnly: true, sameSite: 'strict', secure, path: '/', maxAge: maxAgeSeconds * 1000 }),
        clear: () => res.clearCookie(SESSION_COOKIE, { httpOnly: true, sameSite: 'strict', secure, path: '/' }),
      };
      if (requestId !== req.id) res.setHeader('x-request-id', requestId);
      // A client's timer (the web app's unread badge) says so: its requests do not hold off the idle timeout.
      const activity = req.headers['x-background-poll'] !== '1';
      const header = req.headers.authorization;
      if (header) {
        const match = /^Bearer\s+(.+)$/i.exec(header);
        if (!match) ctx.authProblem = 'Authorization 头格式应为 "Bearer 令牌"';
        else {
          const result = await this.users.authenticate(match[1].trim(), { activity });
          if ('user' in result) ctx.user = result.user;
          else ctx.authProblem = result.problem;
        }
      } else {
        const token = cookieToken(req.headers.cookie);
        const safe = req.method === 'GET' || req.method === 'HEAD' || req.path === '/graphql';
        if (token && !safe && !req.headers['x-requested-with'])
          ctx.authProblem = '请求缺少 X-Requested-With 头：登录 Cookie 只用于本站页面发出的请求（防跨站请求伪造）';
        else if (token) {
          const result = await this.users.authenticate(token, { activity });
          if ('user' in result) ctx.user = result.user;
          else {
            ctx.authProblem = result.problem;
            // A dead session's cookie is dropped, so the browser stops sending it.
            ctx.sessionCookie.clear();
          }
        }
      }
      next();
    } catch (err) {
      next(err);
    }
  }
}
