import { Injectable, NestMiddleware } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import { RequestContext } from '../common/request-context.js';
import { UsersService } from './users.service.js';

/** Builds the RequestContext: a request id and, when a valid bearer token is present, the caller. */
@Injectable()
export class AuthMiddleware implements NestMiddleware {
  constructor(private readonly users: UsersService) {}

  async use(req: Request & { ctx?: RequestContext; id?: unknown }, res: Response, next: NextFunction) {
    try {
      // The request log (app.factory.ts) has given the id and its header already.
      const requestId = (typeof req.id === 'string' && req.id) || randomUUID();
      const ctx = new RequestContext(requestId, null, req.ip ?? null);
      req.ctx = ctx;
      if (requestId !== req.id) res.setHeader('x-request-id', requestId);
      const header = req.headers.authorization;
      if (header) {
        const match = /^Bearer\s+(.+)$/i.exec(header);
        if (!match) ctx.authProblem = 'Authorization 头格式应为 "Bearer 令牌"';
        else {
          const result = await this.users.authenticate(match[1].trim());
          if ('user' in result) ctx.user = result.user;
          else ctx.authProblem = result.problem;
        }
      }
      next();
    } catch (err) {
      next(err);
    }
  }
}
