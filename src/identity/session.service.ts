import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { Brackets, DataSource, IsNull, type EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import { authUserOf, Role } from '../common/auth-user.js';
import { forbidden, notFound } from '../common/errors.js';
import { TransactionService } from '../common/transaction.service.js';
import { RequestContext } from '../common/request-context.js';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { SessionEndReason, SessionKind, UserSession } from './session.entity.js';
import { User } from './user.entity.js';

/** How long a process trusts what it read of a session and its user: an end on another server is seen within this. */
export const SESSION_CACHE_MS = 5000;
/** last_seen_at is written at most this often per session (the idle timeout is exact to about this). */
export const SESSION_TOUCH_MS = 60_000;

const MAX_CACHED = 20_000;

export interface SessionStart {
  kind: SessionKind;
  expiresAt: Date;
  readOnly?: boolean;
  name?: string | null;
}

type Cached = { at: number; session: UserSession | null; user: User | null };
export type SessionCheck = { session: UserSession; user: User } | { problem: string };

/**
 * Server-side sessions (会话, 等保 8.1.4.1 d): every sign-in and service token is a `user_session` row the token names.
 * A token is accepted only while its row is open, its account enabled, not idle longer than SESSION_IDLE_MINUTES
 * (sign-ins) and not past its absolute end. What ends a session writes `ended_at`, so every process refuses the token
 * (this one at once, others within SESSION_CACHE_MS). Nothing here lives only in one process's memory but a cache.
 */
@Injectable()
export class SessionService {
  private readonly cache = new Map<string, Cached>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly tx: TransactionService,
    private readonly audit: AuditService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  get idleMs(): number {
    return this.config.sessionIdleMinutes * 60_000;
  }

  /** Opens a session for `user` (inside the caller's transaction, beside its audit event). */
  async start(em: EntityManager, ctx: RequestContext, user: User, start: SessionStart): Promise<UserSession> {
    const now = new Date();
    const session = em.getRepository(UserSession).create({
      id: randomUUID(),
      userId: user.id,
      kind: start.kind,
      lastSeenAt: now,
      expiresAt: start.expiresAt,
      endedAt: null,
      endReason: null,
      endedBy: null,
      ip: ctx.ip?.slice(0, 64) ?? null,
      userAgent: ctx.userAgent?.slice(0, 200) ?? null,
      readOnly: start.readOnly ?? false,
      name: start.name ?? null,
    });
    await em.getRepository(UserSession).insert(session);
    return session;
  }

  /**
   * The session a token names, with its user, if it may still be used; one query per SESSION_CACHE_MS per session.
   * `activity` false: a request the client's timer made (a badge's poll), which does not keep the session from idling.
   */
  async check(sessionId: string, userId: number, activity = true): Promise<SessionCheck> {
    const nowMs = Date.now();
    let hit = this.cache.get(sessionId);
    if (!hit || nowMs - hit.at > SESSION_CACHE_MS) {
      const row = await this.dataSource
        .getRepository(UserSession)
        .createQueryBuilder('s')
        .innerJoinAndMapOne('s.user', User, 'u', 'u.id = s.userId')
        .where('s.id = :id', { id: sessionId })
        .getOne();
      const user = (row as (UserSession & { user?: User }) | null)?.user ?? null;
      if (this.cache.size >= MAX_CACHED) this.cache.clear();
      hit = { at: nowMs, session: row, user };
      this.cache.set(sessionId, hit);
    }
    const { session, user } = hit;
    if (!session || !user || session.userId !== userId) return { problem: '登录已失效，请重新登录' };
    if (session.endedAt) return { problem: endedProblem(session.endReason) };
    if (user.disabled) return { problem: '账号已停用，请联系管理员' };
    const expired = this.expiry(session, nowMs);
    if (expired) {
      await this.tx.run(async (em) => {
        // Recorded once, by whichever request found it over (another process may have ended it already).
        if (!(await this.endWhere(em, { id: session.id }, expired))) return;
        if (expired === SessionEndReason.IDLE)
          await this.audit.record(em, new RequestContext(randomUUID(), authUserOf(user), null), {
            action: 'session.idle',
            objectType: 'user',
            objectId: user.id,
            detail: { session: session.id.slice(0, 8), lastSeenAt: session.lastSeenAt.toISOString() },
          });
      });
      return { problem: endedProblem(expired) };
    }
    // At most one write a minute per session and process; the cached row carries the new time.
    if (activity && nowMs - session.lastSeenAt.getTime() > SESSION_TOUCH_MS) await this.touch(session);
    return { session, user };
  }

  /** IDLE or EXPIRED when the session is past its bounds now, else null. */
  private expiry(session: UserSession, nowMs: number): SessionEndReason | null {
    if (session.expiresAt.getTime() <= nowMs) return SessionEndReason.EXPIRED;
    if (session.kind === SessionKind.LOGIN && nowMs - session.lastSeenAt.getTime() > this.idleMs) return SessionEndReason.IDLE;
    return null;
  }

  private async touch(session: UserSession): Promise<void> {
    const now = new Date();
    await this.dataSource
      .createQueryBuilder()
      .update(UserSession)
      .set({ lastSeenAt: now })
      .where('id = :id AND ended_at IS NULL', { id: session.id })
      .execute();
    session.lastSeenAt = now;
  }

  /** The caller's own sign-out. */
  async logout(ctx: RequestContext): Promise<boolean> {
    const me = ctx.me;
    if (!me.sessionId) return false;
    await this.tx.run(async (em) => {
      await this.endWhere(em, { id: me.sessionId! }, SessionEndReason.LOGOUT);
      await this.audit.record(em, ctx, { action: 'user.logout', objectType: 'user', objectId: me.id });
    });
    return true;
  }

  /** The caller ends their own other sign-ins (a device left signed in elsewhere). */
  async endOwnOthers(ctx: RequestContext): Promise<number> {
    const me = ctx.me;
    return this.tx.run(async (em) => {
      const ended = await this.endWhere(em, { userId: me.id, exceptId: me.sessionId, kinds: [SessionKind.LOGIN] }, SessionEndReason.LOGOUT);
      await this.audit.record(em, ctx, { action: 'user.logout', objectType: 'user', objectId: me.id, detail: { otherSessions: ended } });
      return ended;
    });
  }

  /**
   * Ends the open sessions of a user (all, or all but `exceptId`; `kinds` narrows), in the caller's transaction when
   * one is given. Returns how many ended.
   */
  async endForUser(
    em: EntityManager | null,
    userId: number,
    reason: SessionEndReason,
    { exceptId, by, kinds }: { exceptId?: string; by?: number; kinds?: SessionKind[] } = {},
  ): Promise<number> {
    return this.endWhere(em, { userId, exceptId, kinds }, reason, by);
  }

  private async endWhere(
    em: EntityManager | null,
    where: { id?: string; userId?: number; exceptId?: string; kinds?: SessionKind[] },
    reason: SessionEndReason,
    by?: number,
  ): Promise<number> {
    const qb = (em ?? this.dataSource.manager)
      .createQueryBuilder()
      .update(UserSession)
      .set({ endedAt: new Date(), endReason: reason, endedBy: by ?? null })
      .where('ended_at IS NULL');
    if (where.id) qb.andWhere('id = :id', { id: where.id });
    if (where.userId !== undefined) qb.andWhere('user_id = :userId', { userId: where.userId });
    if (where.exceptId) qb.andWhere('id <> :exceptId', { exceptId: where.exceptId });
    if (where.kinds?.length) qb.andWhere('kind IN (:...kinds)', { kinds: where.kinds });
    const result = await qb.execute();
    this.forget(where);
    return result.affected ?? 0;
  }

  /** Drops cached sessions so this process refuses an ended one at once. */
  private forget(where: { id?: string; userId?: number }): void {
    if (where.id) this.cache.delete(where.id);
    if (where.userId !== undefined)
      for (const [id, hit] of this.cache) if (hit.session?.userId === where.userId || hit.user?.id === where.userId) this.cache.delete(id);
  }

  /** Forgets what this process read of a user's sessions (its account changed: role, factor, password flags). */
  forgetUser(userId: number): void {
    this.forget({ userId });
  }

  /** Sessions for the security administrator's list (or one user's own), newest first. */
  async list(
    filter: { userId?: number | null; activeOnly?: boolean | null; kind?: SessionKind | null },
    { take, skip }: { take: number; skip: number },
  ): Promise<{ items: UserSession[]; totalItems: number }> {
    const qb = this.dataSource.getRepository(UserSession).createQueryBuilder('s');
    if (filter.userId) qb.andWhere('s.userId = :userId', { userId: filter.userId });
    if (filter.kind) qb.andWhere('s.kind = :kind', { kind: filter.kind });
    if (filter.activeOnly !== false) {
      const now = new Date();
      qb.andWhere('s.endedAt IS NULL').andWhere('s.expiresAt > :now', { now });
      // Sign-ins idle past the timeout count as ended even before a request notices.
      qb.andWhere(
        new Brackets((where) =>
          where.where('s.kind <> :login', { login: SessionKind.LOGIN }).orWhere('s.lastSeenAt > :idleSince', {
            idleSince: new Date(now.getTime() - this.idleMs),
          }),
        ),
      );
    }
    const [items, totalItems] = await qb.orderBy('s.createdAt', 'DESC').addOrderBy('s.id', 'ASC').take(take).skip(skip).getManyAndCount();
    return { items, totalItems };
  }

  findOpen(id: string): Promise<UserSession | null> {
    return this.dataSource.getRepository(UserSession).findOneBy({ id, endedAt: IsNull() });
  }

  /** The security administrator ends one session (not a security administrator's but their own). */
  async endByAdmin(ctx: RequestContext, id: string): Promise<UserSession> {
    return this.tx.run(async (em) => {
      const session = await em.getRepository(UserSession).findOneBy({ id });
      const user = session && (await em.getRepository(User).findOneBy({ id: session.userId }));
      if (!session || !user) throw notFoundSession();
      assertMayEnd(ctx, user);
      if (!session.endedAt) {
        await this.endWhere(em, { id }, SessionEndReason.ENDED_BY_ADMIN, ctx.me.id);
        await this.audit.record(em, ctx, {
          action: session.kind === SessionKind.SERVICE ? 'serviceToken.revoke' : 'session.end',
          objectType: 'user',
          objectId: user.id,
          detail: { username: user.username, session: id.slice(0, 8), kind: session.kind },
        });
      }
      return (await em.getRepository(UserSession).findOneByOrFail({ id }))!;
    });
  }

  /** The security administrator ends every open session of one account. */
  async endAllByAdmin(ctx: RequestContext, userId: number): Promise<number> {
    return this.tx.run(async (em) => {
      const user = await em.getRepository(User).findOneBy({ id: userId });
      if (!user) throw notFoundUser();
      assertMayEnd(ctx, user);
      const ended = await this.endWhere(em, { userId }, SessionEndReason.ENDED_BY_ADMIN, ctx.me.id);
      await this.audit.record(em, ctx, {
        action: 'session.end',
        objectType: 'user',
        objectId: user.id,
        detail: { username: user.username, count: ended },
      });
      return ended;
    });
  }
}

function endedProblem(reason: SessionEndReason | null): string {
  switch (reason) {
    case SessionEndReason.IDLE:
      return '长时间未操作，已自动退出，请重新登录';
    case SessionEndReason.EXPIRED:
      return '登录已过期，请重新登录';
    case SessionEndReason.LOGOUT:
      return '已退出登录，请重新登录';
    case SessionEndReason.PASSWORD_CHANGED:
    case SessionEndReason.PASSWORD_RESET:
      return '密码已更改，请重新登录';
    case SessionEndReason.DISABLED:
      return '账号已停用，请联系管理员';
    default:
      return '登录已被结束，请重新登录';
  }
}

const notFoundSession = () => notFound('会话');
const notFoundUser = () => notFound('用户');

/** Security administrators' sessions are ended only by themselves (logout) or on the server: none ends a peer's. */
function assertMayEnd(ctx: RequestContext, user: User): void {
  if (user.role === Role.SECURITY_ADMIN && user.id !== ctx.me.id) throw forbidden('不能结束其他安全管理员的会话');
}
