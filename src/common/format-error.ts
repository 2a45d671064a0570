import { HttpException } from '@nestjs/common';
import type { GraphQLFormattedError } from 'graphql';
import type { Logger } from 'pino';
import { AppError, ErrorCode } from './errors.js';
import { isConnectionLost } from './db-errors.js';
import { isRegisteredCode } from './error-codes.js';
import { GRAPHQL_LIMITS } from './graphql-hardening.js';
import { maskIdLike } from './id-like.js';

const APOLLO_MESSAGES: Record<string, string> = {
  GRAPHQL_PARSE_FAILED: '查询语句语法错误',
  GRAPHQL_VALIDATION_FAILED: '查询语句不符合接口定义',
  BAD_USER_INPUT: '输入参数有误',
  PERSISTED_QUERY_NOT_FOUND: '查询未找到',
  OPERATION_RESOLUTION_FAILURE: '无法确定要执行的操作',
  BAD_REQUEST: '请求格式有误',
};
const HTTP_CODES: Record<number, string> = {
  400: ErrorCode.BAD_USER_INPUT,
  401: ErrorCode.UNAUTHENTICATED,
  403: ErrorCode.FORBIDDEN,
  404: ErrorCode.NOT_FOUND,
  409: ErrorCode.CONFLICT,
  413: ErrorCode.BAD_USER_INPUT,
  429: ErrorCode.RATE_LIMITED,
};
/** The error a resolver threw, under Apollo's/graphql-js's wrapping. */
const originalOf = (error: unknown): unknown =>
  error && typeof error === 'object' && 'originalError' in error && error.originalError != null ? error.originalError : error;

const hasChinese = (text: string) => /[\u4e00-\u9fff]/.test(text);

/**
 * graphql-js's variable coercion texts ("Variable "$x" got invalid value …; Int cannot represent …",
 * a scalar's own exception) in Chinese, naming the variable and the expected type, never the value.
 */
export function coercionMessage(message: string): string {
  const variable = /^Variable "\$(\w+)"/.exec(message)?.[1];
  if (!variable) return `${APOLLO_MESSAGES.BAD_USER_INPUT}，请检查所填内容`;
  const type = /(?:Expected type|of (?:required|non-null) type) "([^"]+)"/.exec(message)?.[1];
  const at = /got invalid value .*? at "([^"]+)"/s.exec(message)?.[1];
  // A scalar of ours (date-scalars.ts) said why in Chinese: keep its reason, drop the echoed value.
  const reason = /; ([^;]*[\u4e00-\u9fff][^;]*)$/s.exec(message)?.[1];
  if (reason) return `参数 $${variable}${at ? ` 的 ${at}` : ''}：${reason}`;
  if (/was not provided/.test(message)) return `缺少必填参数 $${variable}${type ? `（类型 ${type}）` : ''}`;
  if (/must not be null/.test(message)) return `参数 $${variable} 不能为空${type ? `（类型 ${type}）` : ''}`;
  const unknownField = /Field "(\w+)" is not defined by type "(\w+)"/.exec(message);
  if (unknownField) return `参数 $${variable} 中的字段 ${unknownField[1]} 不属于 ${unknownField[2]}`;
  const missingField = /Field "(\w+)" of required type "([^"]+)" was not provided/.exec(message);
  if (missingField) return `参数 $${variable} 缺少必填字段 ${missingField[1]}（类型 ${missingField[2]}）`;
  return `参数 $${variable}${at ? ` 的 ${at}` : ''} 的值无效${type ? `，应为 ${type}` : ''}`;
}

/**
 * Every error leaves with extensions.code and a Chinese message; nothing internal (stack, SQL,
 * driver text) reaches the client — unexpected errors are logged with the request id instead.
 */
export function makeFormatError(log: Logger) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = originalOf(error);
    const ext = { ...(formatted.extensions ?? {}) };
    delete ext.stacktrace;
    let code = ext.code as string | undefined;
    let message = formatted.message;
    if (typeof ext.refusal === 'string') {
      // A limit refused the document (graphql-hardening.ts) or a scalar a value: its own code, message already Chinese.
      code = ext.refusal;
      delete ext.refusal;
      // A scalar of ours refused a variable (date-scalars.ts): graphql-js put the variable and its value in front.
      if (/^Variable "\$/.test(message)) message = coercionMessage(message);
    } else if (original instanceof HttpException) {
      const status = original.getStatus();
      code = HTTP_CODES[status] ?? ErrorCode.INTERNAL_SERVER_ERROR;
      const resp: string | object = original.getResponse();
      const message2 = typeof resp === 'object' && resp !== null && 'message' in resp ? resp.message : resp;
      message = hasChinese(String(message2))
        ? String(message2)
        : status === 403
          ? '无权进行此操作'
          : status === 401
            ? '请先登录'
            : '请求有误';
    } else if ((!code || code === 'INTERNAL_SERVER_ERROR') && isConnectionLost(original)) {
      // A read whose connection went away (a write says so itself, from TransactionService).
      log.warn({ path: formatted.path }, 'database connection lost');
      code = ErrorCode.DATABASE_UNAVAILABLE;
      message = '与数据库的连接中断，请稍后重试';
      ext.retryable = true;
    } else if (!code || code === 'INTERNAL_SERVER_ERROR') {
      log.error(
        { err: original instanceof Error ? { message: original.message, stack: original.stack } : String(original), path: formatted.path },
        'unexpected error',
      );
      code = ErrorCode.INTERNAL_SERVER_ERROR;
      message = '服务器内部错误，请稍后重试；如多次出现请联系管理员';
    } else if (code === 'GRAPHQL_PARSE_FAILED' && /Document contains more (?:that|than) \d+ tokens/.test(message)) {
      // graphql-js's parser cap (parseOptions.maxTokens): reported like the other document limits.
      code = ErrorCode.QUERY_TOO_COMPLEX;
      Object.assign(ext, { limit: 'tokens', max: GRAPHQL_LIMITS.maxTokens });
      message = `查询语句过长：最多 ${GRAPHQL_LIMITS.maxTokens} 个词法单元，请精简或拆分查询`;
    } else if (code === 'GRAPHQL_VALIDATION_FAILED' && /introspection is not allowed/i.test(message)) {
      code = ErrorCode.INTROSPECTION_DISABLED;
      message = '生产环境已关闭接口自省（introspection）；接口定义见随版本发布的 schema.gql';
    } else if (code === ErrorCode.BAD_REQUEST && /Cross-Site Request Forgery/.test(message)) {
      message = '请求被拦截（疑似跨站请求伪造 CSRF）：请以 Content-Type: application/json 提交，或附带 apollo-require-preflight 请求头';
    } else if (
      code === ErrorCode.BAD_USER_INPUT &&
      !(original instanceof AppError) &&
      (/^Variable "\$/.test(message) || !hasChinese(message))
    ) {
      // graphql-js coercion (or a scalar's parser): its English text, with the value, stays here.
      message = coercionMessage(message);
    } else if (APOLLO_MESSAGES[code] && !hasChinese(message)) {
      message = `${APOLLO_MESSAGES[code]}：${message}`;
    }
    if (!isRegisteredCode(code)) {
      // Every code a client may see is a registered enum member (error-codes.ts): this one is a bug.
      log.error({ code, path: formatted.path }, 'error code not registered (add it to a <module>.errors.ts enum)');
      if (process.env.NODE_ENV === 'test') ext.unregisteredCode = true;
    }
    // Nothing a user sent leaves in an ID-like run: messages and field details are masked.
    if (Array.isArray(ext.details))
      ext.details = ext.details.map((detail: unknown) =>
        detail && typeof detail === 'object' && typeof (detail as { message?: unknown }).message === 'string'
          ? {
              ...detail,
              message: maskIdLike((detail as { message: string }).message),
              field: maskIdLike(String((detail as { field?: unknown }).field ?? '')),
            }
          : detail,
      );
    return { ...formatted, message: maskIdLike(message), extensions: { ...ext, code } };
  };
}
