import { registerEnumType } from '@nestjs/graphql';
import { GraphQLError } from 'graphql';
import { registerErrorCodes, type ErrorCodeValue } from './error-codes.js';

export type { ErrorCodeValue } from './error-codes.js';

/**
 * Stable codes for programs; messages are Chinese for the cadres who read them. These are the
 * generic and transport codes; a module's own codes are its `<module>.errors.ts` enum, all of them
 * registered in error-codes.ts (format-error logs any code leaving the server unregistered).
 */
export enum ErrorCode {
  /** 未登录或令牌无效/过期 — not signed in, or the token was refused. */
  UNAUTHENTICATED = 'UNAUTHENTICATED',
  /** 已登录但无权进行此操作 — signed in, but the role or scope does not allow it. */
  FORBIDDEN = 'FORBIDDEN',
  /** 输入有误（details 列出字段）— invalid input; `details` names the fields. */
  BAD_USER_INPUT = 'BAD_USER_INPUT',
  /** 对象不存在或无权查看 — the object does not exist or is outside the caller's scope. */
  NOT_FOUND = 'NOT_FOUND',
  /** 与现有数据冲突（重复、状态已变）— clashes with existing data (duplicate, state changed meanwhile). */
  CONFLICT = 'CONFLICT',
  /** 请求过于频繁（如登录失败过多）— too many attempts (login limiter, HTTP 429). */
  RATE_LIMITED = 'RATE_LIMITED',
  /** 请求体超过大小上限 — the request body is over BODY_LIMIT (body parser, HTTP 413). */
  PAYLOAD_TOO_LARGE = 'PAYLOAD_TOO_LARGE',
  /** 请求格式有误（非法 JSON、编码不支持、疑似 CSRF）— malformed request: bad JSON, charset, CSRF refusal. */
  BAD_REQUEST = 'BAD_REQUEST',
  /** 查询过深/过长/过于复杂 — the document is over a limit (depth, aliases, cost, directives, tokens). */
  QUERY_TOO_COMPLEX = 'QUERY_TOO_COMPLEX',
  /** 查询语句语法错误（Apollo）— the document does not parse. */
  GRAPHQL_PARSE_FAILED = 'GRAPHQL_PARSE_FAILED',
  /** 查询不符合接口定义（Apollo）— the document does not validate against the schema. */
  GRAPHQL_VALIDATION_FAILED = 'GRAPHQL_VALIDATION_FAILED',
  /** 生产环境已关闭自省 — introspection asked for in production. */
  INTROSPECTION_DISABLED = 'INTROSPECTION_DISABLED',
  /** 持久化查询未找到（Apollo APQ）— an automatic persisted query hash the server does not know. */
  PERSISTED_QUERY_NOT_FOUND = 'PERSISTED_QUERY_NOT_FOUND',
  /** 持久化查询不受支持（Apollo APQ）— persisted queries are turned off. */
  PERSISTED_QUERY_NOT_SUPPORTED = 'PERSISTED_QUERY_NOT_SUPPORTED',
  /** 无法确定要执行的操作（Apollo）— several operations and no operationName, or an unknown one. */
  OPERATION_RESOLUTION_FAILURE = 'OPERATION_RESOLUTION_FAILURE',
  /** 服务器内部错误（已记录日志）— anything unexpected; the details are logged with the request id. */
  INTERNAL_SERVER_ERROR = 'INTERNAL_SERVER_ERROR',
  /** 数据库连接中断，本次操作未保存（extensions.retryable = true）— the connection died mid-request; nothing was kept, try again. */
  DATABASE_UNAVAILABLE = 'DATABASE_UNAVAILABLE',
}
registerErrorCodes('common', ErrorCode);
registerEnumType(ErrorCode, { name: 'ErrorCode', description: '通用错误码（extensions.code）：各模块自有的错误码见 *ErrorCode 枚举' });

declare module './error-codes.js' {
  interface ErrorCodes {
    common: ErrorCode;
  }
}

export interface FieldProblem {
  /** Field path, e.g. `password`, `values.population`, `rows[3].idNumber`. */
  field: string;
  message: string;
  row?: number;
}

export class AppError extends GraphQLError {
  constructor(code: ErrorCodeValue, message: string, extra: Record<string, unknown> = {}) {
    super(message, { extensions: { code, ...extra } });
  }
  get code(): string {
    return this.extensions.code as string;
  }
}

/** The database connection was lost mid-request: the transaction rolled back, the same request may be sent again. */
export const databaseUnavailable = () =>
  new AppError(ErrorCode.DATABASE_UNAVAILABLE, '与数据库的连接中断，本次操作没有保存，请稍后重试', { retryable: true });

export const unauthenticated = (message = '请先登录') => new AppError(ErrorCode.UNAUTHENTICATED, message);
export const forbidden = (message = '无权进行此操作') => new AppError(ErrorCode.FORBIDDEN, message);
export const notFound = (what: string, extra: Record<string, unknown> = {}) =>
  new AppError(ErrorCode.NOT_FOUND, `${what}不存在或无权查看`, extra);
export const conflict = (message: string, extra: Record<string, unknown> = {}) => new AppError(ErrorCode.CONFLICT, message, extra);
export const badInput = (message: string, details: FieldProblem[] = []) => new AppError(ErrorCode.BAD_USER_INPUT, message, { details });
/** One field wrong: the message names it, details carry it for forms to show beside the field. */
export const badField = (field: string, message: string) => badInput(message, [{ field, message }]);
/** A module's own refusal: `code` is a member of a registered `<Module>ErrorCode` enum (a bare string does not compile). */
export const domainError = (code: ErrorCodeValue, message: string, extra: Record<string, unknown> = {}) =>
  new AppError(code, message, extra);
