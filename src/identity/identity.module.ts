import { CryptoModule } from '../crypto/crypto.module.js';
import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AuditModule } from '../audit/audit.module.js';
import { CommonModule } from '../common/common.module.js';
import { DepartmentsModule } from '../departments/departments.module.js';
import { RegionsModule } from '../regions/regions.module.js';
import { AuthMiddleware } from './auth.middleware.js';
import { IdentityDemoStep } from './identity.demo-step.js';
import { IdentityResolver } from './identity.resolver.js';
import { PasswordChangeGuard } from './password-change.guard.js';
import { TokenService } from './token.service.js';
import { StaffRefFieldsResolver, UserFieldsResolver } from './user-fields.resolver.js';
import { UsersService } from './users.service.js';
import { UsersExportController } from './users-export.controller.js';
import { SecondFactorResolver } from './second-factor.resolver.js';
import { SecondFactorService } from './second-factor.service.js';
import { SessionResolver } from './session.resolver.js';
import { SessionService } from './session.service.js';
import { LoginFailureService } from './login-failure.service.js';

@Module({
  controllers: [UsersExportController],
  imports: [CommonModule, CryptoModule, AuditModule, RegionsModule, DepartmentsModule],
  providers: [
    UsersService,
    TokenService,
    IdentityResolver,
    UserFieldsResolver,
    StaffRefFieldsResolver,
    AuthMiddleware,
    IdentityDemoStep,
    { provide: APP_GUARD, useClass: PasswordChangeGuard },
    SecondFactorService,
    SecondFactorResolver,
    SessionService,
    SessionResolver,
    LoginFailureService,
  ],
  exports: [UsersService, AuthMiddleware],
})
export class IdentityModule {}
