import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException } from '@nestjs/common';
import type { Request, Response } from 'express';
import { AppError, ErrorCode } from './errors.js';
import { maskIdLike } from './id-like.js';

const STATUS: Record<string, number> = {
  [ErrorCode.UNAUTHENTICATED]: 401,
  [ErrorCode.FORBIDDEN]: 403,
  [ErrorCode.NOT_FOUND]: 404,
  [ErrorCode.CONFLICT]: 409,
  [ErrorCode.RATE_LIMITED]: 429,
  [ErrorCode.DATABASE_UNAVAILABLE]: 503,
  // identity's: the caller must change the password before any download.
  PASSWORD_CHANGE_REQUIRED: 403,
};
const HTTP_CODES: Record<number, ErrorCode> = {
  401: ErrorCode.UNAUTHENTICATED,
  403: ErrorCode.FORBIDDEN,
  404: ErrorCode.NOT_FOUND,
  409: ErrorCode.CONFLICT,
  413: ErrorCode.PAYLOAD_TOO_LARGE,
  429: ErrorCode.RATE_LIMITED,
};
const HTTP_MESSAGES: Record<number, string> = {
  401: '请先登录',
  403: '无权进行此操作',
  404: '请求的地址不存在，请检查链接',
  413: '文件太大',
  429: '请求过于频繁，请稍后再试',
};

/**
 * REST endpoints (uploads, downloads): the same `{ error: { code, message, details } }` shape as
 * GraphQL errors. Framework and parser texts (multer, pipes) never reach the user: a Chinese
 * message per status instead, the multipart hint only for an upload.
 */
@Catch()
export class HttpErrorFilter implements ExceptionFilter {
  catch(err: unknown, host: ArgumentsHost) {
    const res = host.switchToHttp().getResponse<Response>();
    if (err instanceof AppError) {
      const { code, ...rest } = err.extensions as Record<string, unknown>;
      return res.status(STATUS[code as string] ?? 400).json({ error: { code, message: maskIdLike(err.message), ...rest } });
    }
    if (err instanceof HttpException) {
      const status = err.getStatus();
      const req = host.switchToHttp().getRequest<Request>();
      const upload = req.method === 'POST' && /^multipart\//i.test(String(req.headers['content-type'] ?? ''));
      const message =
        HTTP_MESSAGES[status] ??
        (status >= 500
          ? '服务器内部错误，请稍后再试'
          : upload
            ? '请求格式有误（需要 multipart/form-data，文件字段名为 file）'
            : '请求有误，请检查地址和参数');
      return res.status(status).json({
        error: { code: HTTP_CODES[status] ?? (status >= 500 ? ErrorCode.INTERNAL_SERVER_ERROR : ErrorCode.BAD_USER_INPUT), message },
      });
    }
    return res.status(500).json({ error: { code: ErrorCode.INTERNAL_SERVER_ERROR, message: '服务器内部错误，请稍后再试' } });
  }
}
