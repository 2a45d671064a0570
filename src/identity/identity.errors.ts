import { registerEnumType } from '@nestjs/graphql';
import { registerErrorCodes } from '../common/error-codes.js';

/**
 * Codes of sign-in and accounts. A refused sign-in is UNAUTHENTICATED whatever the reason (unknown, wrong, locked,
 * disabled: users.service.ts login tells them apart to the auditor only); too many from one address RATE_LIMITED.
 */
export enum IdentityErrorCode {
  /** 须先修改密码（管理员重置后、首次登录、密码过期）：除 me、changePassword、logout 外的操作均拒绝 — the password must be changed first. */
  PASSWORD_CHANGE_REQUIRED = 'PASSWORD_CHANGE_REQUIRED',
  /** 该账号已启用两步验证，登录须附动态验证码或恢复码 — the password was right; now the code from the authenticator app (login). */
  SECOND_FACTOR_REQUIRED = 'SECOND_FACTOR_REQUIRED',
  /** 您的角色须启用两步验证，绑定前只能绑定、查看本人信息或退出 — this role must bind an authenticator before doing anything else. */
  SECOND_FACTOR_ENROLMENT_REQUIRED = 'SECOND_FACTOR_ENROLMENT_REQUIRED',
  /** 该用户尚未启用两步验证 — nothing to reset (resetSecondFactor). */
  SECOND_FACTOR_NOT_ENABLED = 'SECOND_FACTOR_NOT_ENABLED',
}
registerErrorCodes('identity', IdentityErrorCode);
registerEnumType(IdentityErrorCode, { name: 'IdentityErrorCode', description: '登录与账号的错误码（extensions.code）' });

declare module '../common/error-codes.js' {
  interface ErrorCodes {
    identity: IdentityErrorCode;
  }
}
