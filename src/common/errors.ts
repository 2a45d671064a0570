import { GraphQLError } from 'graphql';

/** Stable codes for programs; messages are Chinese for the cadres who read them. */
export enum ErrorCode {
  UNAUTHENTICATED = 'UNAUTHENTICATED',
  FORBIDDEN = 'FORBIDDEN',
  BAD_USER_INPUT = 'BAD_USER_INPUT',
  NOT_FOUND = 'NOT_FOUND',
  CONFLICT = 'CONFLICT',
  ACCOUNT_LOCKED = 'ACCOUNT_LOCKED',
  ACCOUNT_DISABLED = 'ACCOUNT_DISABLED',
  WEAK_PASSWORD = 'WEAK_PASSWORD',
  RATE_LIMITED = 'RATE_LIMITED',
  PAYLOAD_TOO_LARGE = 'PAYLOAD_TOO_LARGE',
  INTERNAL = 'INTERNAL_SERVER_ERROR',
}

export interface FieldProblem {
  /** Field path, e.g. `password`, `values.population`, `rows[3].idNumber`. */
  field: string;
  message: string;
  row?: number;
}

export class AppError extends GraphQLError {
  constructor(code: string, message: string, extra: Record<string, unknown> = {}) {
    super(message, { extensions: { code, ...extra } });
  }
  get code(): string {
    return this.extensions.code as string;
  }
}

export const unauthenticated = (message = '请先登录') => new AppError(ErrorCode.UNAUTHENTICATED, message);
export const forbidden = (message = '无权进行此操作') => new AppError(ErrorCode.FORBIDDEN, message);
export const notFound = (what: string, extra: Record<string, unknown> = {}) =>
  new AppError(ErrorCode.NOT_FOUND, `${what}不存在或无权查看`, extra);
export const conflict = (message: string, extra: Record<string, unknown> = {}) => new AppError(ErrorCode.CONFLICT, message, extra);
export const badInput = (message: string, details: FieldProblem[] = []) => new AppError(ErrorCode.BAD_USER_INPUT, message, { details });
/** One field wrong: the message names it, details carry it for forms to show beside the field. */
export const badField = (field: string, message: string) => badInput(message, [{ field, message }]);
export const domainError = (code: string, message: string, extra: Record<string, unknown> = {}) => new AppError(code, message, extra);
