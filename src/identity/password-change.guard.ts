import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { contextOf, PUBLIC_KEY } from '../common/decorators.js';
import { PASSWORD_CHANGE_ALLOWED_KEY, passwordChangeRequired } from './password-policy.js';

/**
 * A global guard beside AuthGuard: a caller whose password must be changed (reset, first sign-in, expired) may only
 * read `me`, change the password and sign out; every other query, mutation or download answers PASSWORD_CHANGE_REQUIRED.
 */
@Injectable()
export class PasswordChangeGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  canActivate(ec: ExecutionContext): boolean {
    const targets = [ec.getHandler(), ec.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;
    const user = contextOf(ec)?.user;
    if (!user?.passwordChangeRequired) return true;
    if (this.reflector.getAllAndOverride<boolean>(PASSWORD_CHANGE_ALLOWED_KEY, targets)) return true;
    throw passwordChangeRequired(user.passwordChangeRequired, this.config.passwordMaxAgeDays);
  }
}
