import { Inject, Injectable } from '@nestjs/common';
import { jwtVerify, SignJWT, errors as joseErrors } from 'jose';
import { APP_CONFIG, type AppConfig } from '../config/config.js';

export interface TokenClaims {
  userId: number;
  /** Bumped on password reset or disable, so older tokens stop working at once. */
  stamp: string;
}

export type TokenCheck = { ok: true; claims: TokenClaims } | { ok: false; reason: string };

@Injectable()
export class TokenService {
  private readonly key: Uint8Array;
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    this.key = new TextEncoder().encode(config.tokenSecret);
  }

  get ttlSeconds(): number {
    return this.config.tokenTtlSeconds;
  }

  issue(claims: TokenClaims): Promise<string> {
    return new SignJWT({ st: claims.stamp })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(String(claims.userId))
      .setIssuedAt()
      .setIssuer('onetable')
      .setExpirationTime(`${this.config.tokenTtlSeconds}s`)
      .sign(this.key);
  }

  async check(token: string): Promise<TokenCheck> {
    try {
      const { payload } = await jwtVerify(token, this.key, { issuer: 'onetable', algorithms: ['HS256'] });
      return { ok: true, claims: { userId: Number(payload.sub), stamp: String(payload.st ?? '') } };
    } catch (e) {
      if (e instanceof joseErrors.JWTExpired) return { ok: false, reason: '登录已过期，请重新登录' };
      return { ok: false, reason: '登录凭证无效，请重新登录' };
    }
  }
}
