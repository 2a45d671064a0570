import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException } from '@nestjs/common';
import type { Response } from 'express';
import { AppError, ErrorCode } from './errors.js';

const STATUS: Record<string, number> = {
  [ErrorCode.UNAUTHENTICATED]: 401,
  [ErrorCode.FORBIDDEN]: 403,
  [ErrorCode.NOT_FOUND]: 404,
  [ErrorCode.CONFLICT]: 409,
  [ErrorCode.RATE_LIMITED]: 429,
};

/** REST endpoints (uploads): the same `{ error: { code, message, details } }` shape as GraphQL errors. */
@Catch()
export class HttpErrorFilter implements ExceptionFilter {
  catch(err: unknown, host: ArgumentsHost) {
    const res = host.switchToHttp().getResponse<Response>();
    if (err instanceof AppError) {
      const { code, ...rest } = err.extensions as Record<string, unknown>;
      return res.status(STATUS[code as string] ?? 400).json({ error: { code, message: err.message, ...rest } });
    }
    if (err instanceof HttpException) {
      const status = err.getStatus();
      const message =
        status === 413 ? '文件太大' : status === 400 ? '请求格式有误（需要 multipart/form-data，文件字段名为 file）' : '请求失败';
      return res.status(status).json({
        error: {
          code: status === 401 ? ErrorCode.UNAUTHENTICATED : status >= 500 ? ErrorCode.INTERNAL_SERVER_ERROR : ErrorCode.BAD_USER_INPUT,
          message,
        },
      });
    }
    return res.status(500).json({ error: { code: ErrorCode.INTERNAL_SERVER_ERROR, message: '服务器内部错误，请稍后再试' } });
  }
}
