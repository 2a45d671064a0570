import { registerEnumType } from '@nestjs/graphql';
import { registerErrorCodes } from '../common/error-codes.js';

/** Codes sign-in refuses with (a wrong password is UNAUTHENTICATED, a weak one BAD_USER_INPUT, too many tries RATE_LIMITED). */
export enum IdentityErrorCode {
  /** 连续密码错误后账号被临时锁定（附 lockedUntil）— too many wrong passwords: the account is locked for a while (login). */
  ACCOUNT_LOCKED = 'ACCOUNT_LOCKED',
  /** 账号已被管理员停用 — the account was disabled by an administrator (login). */
  ACCOUNT_DISABLED = 'ACCOUNT_DISABLED',
}
registerErrorCodes('identity', IdentityErrorCode);
registerEnumType(IdentityErrorCode, { name: 'IdentityErrorCode', description: '登录与账号的错误码（extensions.code）' });

declare module '../common/error-codes.js' {
  interface ErrorCodes {
    identity: IdentityErrorCode;
  }
}
