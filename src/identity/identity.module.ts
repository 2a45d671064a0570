import { Global, Module } from '@nestjs/common';
import { IdentityResolver } from './identity.resolver.js';
import { AuthMiddleware } from './auth.middleware.js';
import { TokenService } from './token.service.js';
import { UsersService } from './users.service.js';
import { UserFieldsResolver } from './user-fields.resolver.js';

@Global()
@Module({
  providers: [UsersService, TokenService, IdentityResolver, UserFieldsResolver, AuthMiddleware],
  exports: [UsersService, AuthMiddleware],
})
export class IdentityModule {}
