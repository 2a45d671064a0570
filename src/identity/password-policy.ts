import { SetMetadata } from '@nestjs/common';
import type { FieldProblem } from '../common/errors.js';
import { AppError } from '../common/errors.js';
import { IdentityErrorCode } from './identity.errors.js';

/** A new password may not be any of the user's latest this many (password_history). */
export const PASSWORD_HISTORY = 5;
const DAY_MS = 24 * 3600 * 1000;

export type PasswordChangeReason = 'MUST_CHANGE' | 'EXPIRED';

interface PasswordState {
  mustChangePassword: boolean;
  passwordChangedAt: Date | null;
  passwordPolicyExempt: boolean;
  createdAt: Date;
}

/**
 * Why this user must change the password before anything else, or null: an administrator's reset or a new account
 * (the flag), or a password older than `maxAgeDays`. Demo accounts are exempt. Checked at sign-in and per request.
 */
export function passwordChangeReason(user: PasswordState, maxAgeDays: number, now = new Date()): PasswordChangeReason | null {
  if (user.passwordPolicyExempt) return null;
  if (user.mustChangePassword) return 'MUST_CHANGE';
  const setAt = user.passwordChangedAt ?? user.createdAt;
  return now.getTime() - setAt.getTime() > maxAgeDays * DAY_MS ? 'EXPIRED' : null;
}

export const passwordChangeRequired = (reason: PasswordChangeReason | null | undefined, maxAgeDays: number) =>
  new AppError(
    IdentityErrorCode.PASSWORD_CHANGE_REQUIRED,
    reason === 'EXPIRED'
      ? `密码已超过 ${maxAgeDays} 天未修改，请先在“修改密码”页设置新密码`
      : '管理员已重置您的密码或这是首次登录，请先在“修改密码”页设置新密码',
    { reason: reason ?? 'MUST_CHANGE' },
  );

/** The password may not contain the username, whatever the case. */
export function usernameProblems(password: string, username: string, field: string): FieldProblem[] {
  return username && password.toLowerCase().includes(username.toLowerCase()) ? [{ field, message: '密码不能包含用户名' }] : [];
}

export const PASSWORD_CHANGE_ALLOWED_KEY = 'onetable:passwordChangeAllowed';
/** Callable while the caller must change the password (me, changePassword, logout): everything else answers PASSWORD_CHANGE_REQUIRED. */
export const AllowedBeforePasswordChange = () => SetMetadata(PASSWORD_CHANGE_ALLOWED_KEY, true);
