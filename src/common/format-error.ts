import { HttpException } from '@nestjs/common';
import type { GraphQLFormattedError } from 'graphql';
import type { Logger } from 'pino';
import { ErrorCode } from './errors.js';
import { isRegisteredCode } from './error-codes.js';
import { GRAPHQL_LIMITS } from './graphql-hardening.js';

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
      // A limit refused the document (graphql-hardening.ts): its own code, message already Chinese.
      code = ext.refusal;
      delete ext.refusal;
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
    } else if (APOLLO_MESSAGES[code] && !hasChinese(message)) {
      message = `${APOLLO_MESSAGES[code]}：${message}`;
    }
    if (!isRegisteredCode(code)) {
      // Every code a client may see is a registered enum member (error-codes.ts): this one is a bug.
      log.error({ code, path: formatted.path }, 'error code not registered (add it to a <module>.errors.ts enum)');
      if (process.env.NODE_ENV === 'test') ext.unregisteredCode = true;
    }
    return { ...formatted, message, extensions: { ...ext, code } };
  };
}
