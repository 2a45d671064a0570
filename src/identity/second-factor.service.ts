import { createHash, randomInt } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { Secret, TOTP } from 'otpauth';
import { DataSource, type EntityManager } from 'typeorm';
import { Role } from '../common/auth-user.js';
import { AppError, badField, conflict, forbidden, notFound } from '../common/errors.js';
import { RequestContext } from '../common/request-context.js';
import { TransactionService } from '../common/transaction.service.js';
import { AuditService } from '../audit/audit.service.js';
import { APP_CONFIG, ConfigError, type AppConfig } from '../config/config.js';
import { IdentityErrorCode } from './identity.errors.js';
import { SessionEndReason } from './session.entity.js';
import { SessionService } from './session.service.js';
import { KeyringService } from '../crypto/keyring.service.js';
import { UserSecondFactor } from './second-factor.entity.js';
import { User } from './user.entity.js';

const ISSUER = '一表通';
const PERIOD = 30;
const RECOVERY_CODES = 10;
/** Recovery codes: 10 characters from an alphabet without look-alikes (0/O, 1/I/L), shown as xxxxx-xxxxx. */
const RECOVERY_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';

const hashCode = (code: string) => createHash('sha256').update(normalizeRecovery(code)).digest('hex');
const normalizeRecovery = (code: string) => code.toUpperCase().replace(/[\s-]/g, '');

export interface Enrolment {
  secret: string;
  otpauthUri: string;
}

export type FactorCheck = 'totp' | 'recovery' | 'wrong';

/**
 * 两步验证 (TOTP, RFC 6238, the otpauth library): enrolment with a QR code and ten recovery codes, the check at
 * login (a window of one step either side, no code twice), and the security administrator's reset. The
 * secret is encrypted at rest with the personal-data keyring (crypto/, rotated by rotate-keys); the recovery codes are kept as hashes and each works once.
 */
@Injectable()
export class SecondFactorService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tx: TransactionService,
    private readonly audit: AuditService,
    private readonly keys: KeyringService,
    private readonly sessions: SessionService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    const known = Object.values(Role) as string[];
    const unknown = config.secondFactorRoles.filter((name) => !known.includes(name));
    if (unknown.length) throw new ConfigError(`SECOND_FACTOR_ROLES 含未知角色：${unknown.join('、')}（可用：${known.join(', ')}）`);
  }

  /** Whether this role must have a second factor (SECOND_FACTOR_ROLES). */
  required(role: Role): boolean {
    return this.config.secondFactorRoles.includes(role);
  }

  private totp(username: string, secret: string): TOTP {
    return new TOTP({ issuer: ISSUER, label: username, algorithm: 'SHA1', digits: 6, period: PERIOD, secret: Secret.fromBase32(secret) });
  }

  /** A new secret for the caller, not yet on: the web app shows its QR code; the first right code turns it on. */
  async begin(ctx: RequestContext): Promise<Enrolment> {
    const me = ctx.me;
    return this.tx.run(async (em) => {
      const repo = em.getRepository(UserSecondFactor);
      const existing = await repo.findOneBy({ userId: me.id });
      if (existing?.enabledAt) throw conflict('您已启用两步验证；如需更换手机，请联系安全管理员重置后重新绑定');
      const secret = new Secret({ size: 20 }).base32;
      await repo.save({ userId: me.id, secretEnc: this.keys.ring.encrypt(secret), enabledAt: null, lastStep: 0, recoveryHashes: '[]' });
      return { secret, otpauthUri: this.totp(me.username, secret).toString() };
    });
  }

  /** The first code from the app turns the factor on and answers the ten recovery codes (shown once). */
  async confirm(ctx: RequestContext, code: string): Promise<string[]> {
    const me = ctx.me;
    const digits = code.replace(/\s/g, '');
    if (!/^\d{6}$/.test(digits)) throw badField('code', '请输入验证器上显示的 6 位数字');
    return this.tx.run(async (em) => {
      const repo = em.getRepository(UserSecondFactor);
      const factor = await repo.findOneBy({ userId: me.id });
      if (!factor) throw conflict('请先点“绑定手机验证器”，扫描二维码后再输入验证码');
      if (factor.enabledAt) throw conflict('两步验证已启用');
      const step = this.matchingStep(me.username, this.keys.ring.decrypt(factor.secretEnc), digits, 0);
      if (step === null) throw badField('code', '验证码不正确：请确认手机时间准确，并输入验证器上当前显示的 6 位数字');
      const codes = Array.from({ length: RECOVERY_CODES }, () => newRecoveryCode());
      await repo.update({ userId: me.id }, { enabledAt: new Date(), lastStep: step, recoveryHashes: JSON.stringify(codes.map(hashCode)) });
      await em.getRepository(User).update({ id: me.id }, { secondFactor: true });
      await this.audit.record(em, ctx, { action: 'user.secondFactor.enrol', objectType: 'user', objectId: me.id });
      return codes;
    });
  }

  /** The step whose code `digits` is (now, or one step either side), if later than `after`. */
  private matchingStep(username: string, secret: string, digits: string, after: number, now = Date.now()): number | null {
    const delta = this.totp(username, secret).validate({ token: digits, timestamp: now, window: 1 });
    if (delta === null) return null;
    const step = Math.floor(now / 1000 / PERIOD) + delta;
    return step > after ? step : null;
  }

  /**
   * Checks a login's code (6 digits) or recovery code inside the login's transaction. A code already used is
   * wrong; a recovery code works once.
   */
  async check(em: EntityManager, user: User, code: string): Promise<FactorCheck> {
    const repo = em.getRepository(UserSecondFactor);
    const factor = await repo.findOneBy({ userId: user.id });
    if (!factor?.enabledAt) return 'wrong';
    const typed = code.trim();
    if (/^\d{6}$/.test(typed.replace(/\s/g, ''))) {
      const step = this.matchingStep(user.username, this.keys.ring.decrypt(factor.secretEnc), typed.replace(/\s/g, ''), factor.lastStep);
      if (step === null) return 'wrong';
      // Conditional, so two logins racing with one code cannot both win.
      const moved = await em
        .createQueryBuilder()
        .update(UserSecondFactor)
        .set({ lastStep: step })
        .where('user_id = :id AND last_step < :step', { id: user.id, step })
        .execute();
      return moved.affected ? 'totp' : 'wrong';
    }
    const hashes: string[] = JSON.parse(factor.recoveryHashes);
    const hash = hashCode(typed);
    if (!hashes.includes(hash)) return 'wrong';
    await repo.update({ userId: user.id }, { recoveryHashes: JSON.stringify(hashes.filter((one) => one !== hash)) });
    return 'recovery';
  }

  async status(userId: number): Promise<{ enabled: boolean; recoveryCodesLeft: number }> {
    const factor = await this.dataSource.getRepository(UserSecondFactor).findOneBy({ userId });
    if (!factor?.enabledAt) return { enabled: false, recoveryCodesLeft: 0 };
    return { enabled: true, recoveryCodesLeft: (JSON.parse(factor.recoveryHashes) as string[]).length };
  }

  /**
   * The security administrator turns a user's factor off (a lost phone): the user binds a new one at the next
   * login. Not for security administrators' own kind, nor oneself.
   */
  async reset(ctx: RequestContext, userId: number): Promise<User> {
    const me = ctx.me;
    return this.tx.run(async (em) => {
      const user = await em.getRepository(User).findOneBy({ id: userId });
      if (!user) throw notFound('用户');
      if (user.id === me.id) throw forbidden('不能重置自己的两步验证，请由另一位安全管理员处理');
      if (user.role === Role.SECURITY_ADMIN) throw forbidden('安全管理员的两步验证只能在服务器上用命令重置');
      if (!user.secondFactor)
        throw new AppError(IdentityErrorCode.SECOND_FACTOR_NOT_ENABLED, `${user.displayName}（${user.username}）尚未启用两步验证`);
      await em.getRepository(UserSecondFactor).delete({ userId });
      await em.getRepository(User).update({ id: userId }, { secondFactor: false });
      // A factor is reset because the phone is lost or the account suspected: its sign-ins end with it.
      const ended = await this.sessions.endForUser(em, userId, SessionEndReason.SECOND_FACTOR_RESET, { by: me.id });
      await this.audit.record(em, ctx, {
        action: 'user.secondFactor.reset',
        objectType: 'user',
        objectId: userId,
        detail: ended ? { sessionsEnded: ended } : undefined,
      });
      return { ...user, secondFactor: false };
    });
  }

  /** The demo's privileged accounts get a factor at load time; their secrets are printed once. */
  async enableForDemo(em: EntityManager, user: User): Promise<string> {
    const secret = new Secret({ size: 20 }).base32;
    await em.getRepository(UserSecondFactor).save({
      userId: user.id,
      secretEnc: this.keys.ring.encrypt(secret),
      enabledAt: new Date(),
      lastStep: 0,
      recoveryHashes: '[]',
    });
    await em.getRepository(User).update({ id: user.id }, { secondFactor: true });
    return secret;
  }
}

function newRecoveryCode(): string {
  const chars = Array.from({ length: 10 }, () => RECOVERY_ALPHABET[randomInt(RECOVERY_ALPHABET.length)]);
  return `${chars.slice(0, 5).join('')}-${chars.slice(5).join('')}`;
}
