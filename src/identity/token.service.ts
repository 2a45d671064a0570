import { Inject, Injectable } from '@nestjs/common';
import { jwtVerify, SignJWT, errors as joseErrors } from 'jose';
import { APP_CONFIG, type AppConfig } from '../config/config.js';

export interface TokenClaims {
  userId: number;
  /** The session (user_session.id) the token belongs to: ended there, the token stops working on every server. */
  sessionId: string;
}

const MAX_VERIFIED = 20_000;

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

  /** A signed token for a session, valid until `expiresAt` (the session's absolute end) unless the session ends first. */
  issue(claims: TokenClaims, expiresAt: Date): Promise<string> {
    return new SignJWT({ sid: claims.sessionId })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(String(claims.userId))
      .setIssuedAt()
      .setIssuer('onetable')
      .setExpirationTime(Math.floor(expiresAt.getTime() / 1000))
      .sign(this.key);
  }

  /** Tokens already verified, until they expire: a signature check per request is measurable under load. */
  private readonly verified = new Map<string, { claims: TokenClaims; expMs: number }>();

  async check(token: string): Promise<TokenCheck> {
    const hit = this.verified.get(token);
    if (hit) {
      if (hit.expMs > Date.now()) return { ok: true, claims: hit.claims };
      this.verified.delete(token);
      return { ok: false, reason: '登录已过期，请重新登录' };
    }
    try {
      const { payload } = await jwtVerify(token, this.key, { issuer: 'onetable', algorithms: ['HS256'] });
      // A token from before sessions (no sid) names no session: refused like an ended one.
      if (typeof payload.sid !== 'string' || !payload.sid) return { ok: false, reason: '登录已过期，请重新登录' };
      const claims = { userId: Number(payload.sub), sessionId: payload.sid };
      if (this.verified.size >= MAX_VERIFIED) this.verified.clear();
      this.verified.set(token, { claims, expMs: (payload.exp ?? 0) * 1000 });
      return { ok: true, claims };
    } catch (err) {
      if (err instanceof joseErrors.JWTExpired) return { ok: false, reason: '登录已过期，请重新登录' };
      return { ok: false, reason: '登录凭证无效，请重新登录' };
    }
  }
}
