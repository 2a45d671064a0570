import { Inject, Injectable } from '@nestjs/common';
import { platformDateTime, platformDateTimeSeconds, platformDay } from '../common/platform-time.js';
import { Brackets, DataSource, In, type EntityManager } from 'typeorm';
import { UserSort } from './dto/identity.dto.js';
import { containsPattern, LIKE_ESCAPE } from '../common/like.js';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { authUserOf, Role, ROLE_LABELS, type AuthUser } from '../common/auth-user.js';
import { AppError, badInput, conflict, ErrorCode, forbidden, notFound, unauthenticated, type FieldProblem } from '../common/errors.js';
import { IdentityErrorCode } from './identity.errors.js';
import { orderByKeys, RequestContext } from '../common/request-context.js';
import { pageOf, type Page, type PageArgs } from '../common/paging.js';
import { TransactionService } from '../common/transaction.service.js';
import { AuditService } from '../audit/audit.service.js';
import { RegionLevel } from '../regions/region.entity.js';
import { DUMMY_HASH, hashPassword, passwordProblems, verifyPassword } from './password.js';
import { LoginFailureService } from './login-failure.service.js';
import { retryText } from './login-throttle.js';
import { TokenService } from './token.service.js';
import { SecondFactorService } from './second-factor.service.js';
import { SessionEndReason, SessionKind, type UserSession } from './session.entity.js';
import { SessionService } from './session.service.js';
import { randomBytes } from 'node:crypto';
import { User } from './user.entity.js';
import { PasswordHistory } from './password-history.entity.js';
import { PASSWORD_HISTORY, passwordChangeReason, usernameProblems, type PasswordChangeReason } from './password-policy.js';
import { staffRefOf, type StaffRef } from './staff-ref.js';
import { RegionsService } from '../regions/regions.service.js';
import { DepartmentsService } from '../departments/departments.service.js';

const SORT_COLUMNS: Record<UserSort, string> = {
  USERNAME: 'u.username',
  DISPLAY_NAME: 'u.displayName',
  ROLE: 'u.role',
  LAST_LOGIN: 'u.lastLoginAt',
  CREATED: 'u.createdAt',
};

export interface UserFilter {
  role?: Role;
  regionId?: number;
  departmentId?: number;
  search?: string;
  sort?: UserSort;
  descending?: boolean;
}

/** 三员分立: the three administrators; creating, resetting or disabling one of them is a distinct audit action. */
export const PRIVILEGED_ROLES: readonly Role[] = [Role.ADMIN, Role.SECURITY_ADMIN, Role.AUDITOR];
const isPrivileged = (role: Role) => PRIVILEGED_ROLES.includes(role);

/**
 * The security administrator manages every account except security administrators' (its own kind, itself included):
 * those are created and managed on the server only (`npm run user:create`), so none can grant its kind more power.
 */
function assertMayManage(target: { role: Role }): void {
  if (target.role === Role.SECURITY_ADMIN)
    throw forbidden('安全管理员账号只能在服务器上管理（npm run user:create），不能在平台内新建、停用或重置');
}

export const MAX_FAILED_LOGINS = 5;
export const LOCK_MINUTES = 15;

/** The one answer to every refused sign-in: unknown username, wrong password, locked or disabled account. */
export const LOGIN_REFUSED = '用户名或密码错误；多次输错后账号会被暂时锁定，如有疑问请联系安全管理员';

type LoginRefusal = 'unknown' | 'wrong' | 'locked' | 'disabled';
/** Why a sign-in was refused, for the auditor only (the caller is never told). */
const REFUSAL_LABELS: Record<LoginRefusal | 'wrongCode', string> = {
  unknown: '用户名不存在',
  wrong: '密码错误',
  locked: '账号已锁定',
  disabled: '账号已停用',
  wrongCode: '动态验证码错误',
};
/** The typed username as the audit keeps it for a refused sign-in: truncated (it may be a mistyped password). */
const typedForAudit = (typed: string) => (typed.length > 32 ? `${typed.slice(0, 32)}…` : typed);

export interface NewUser {
  username: string;
  displayName: string;
  role: Role;
  regionId?: number | null;
  departmentId?: number | null;
  password: string;
}

/** Roles a service token may carry: readers of their own slice, never an administrator's power nor a reviewer's (second factor). */
export const SERVICE_TOKEN_ROLES: readonly Role[] = [Role.VIEWER, Role.DEPARTMENT_STAFF, Role.TOWN_STAFF, Role.VILLAGE_CADRE];

@Injectable()
export class UsersService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tx: TransactionService,
    private readonly audit: AuditService,
    private readonly tokens: TokenService,
    private readonly regions: RegionsService,
    private readonly departments: DepartmentsService,
    private readonly secondFactor: SecondFactorService,
    private readonly sessions: SessionService,
    private readonly failures: LoginFailureService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  private get repo() {
    return this.dataSource.getRepository(User);
  }

  static toAuthUser(user: User): AuthUser {
    return authUserOf(user);
  }

  /**
   * Sign-in that tells nothing: an unknown username, a wrong password, a locked and a disabled account all get the same
   * UNAUTHENTICATED answer after the same work (the password is always checked, against DUMMY_HASH for an unknown name;
   * lock and disabled are looked at only afterwards). Limits (login-throttle.ts), counted in the database across
   * processes: the account lock (MAX_FAILED_LOGINS), RATE_LIMITED per (account, address), and a per-address brake that
   * only slows. A second factor is asked for only after the right password of an usable account; a wrong code counts.
   */
  async login(
    ctx: RequestContext,
    username: string,
    password: string,
    otp?: string | null,
  ): Promise<{ token: string; expiresAt: Date; user: User; passwordChangeRequired: PasswordChangeReason | null }> {
    const typed = username.trim();
    const now = new Date();
    const standing = await this.failures.standing(typed, ctx.ip, now);
    if (standing.delayMs) await new Promise((resolve) => setTimeout(resolve, standing.delayMs));
    if (standing.retryAfter) {
      await this.audit.recordAlone(new RequestContext(ctx.requestId, null, ctx.ip), {
        action: 'user.login.limited',
        objectType: 'user',
        outcome: 'FAILURE',
        detail: { username: typedForAudit(typed) },
      });
      const until = platformDateTime(now.getTime() + standing.retryAfter * 1000);
      throw new AppError(
        ErrorCode.RATE_LIMITED,
        `该账号在本机（同一网络地址）登录失败次数过多，请 ${retryText(standing.retryAfter)}后（${until} 以后）再试；如忘记密码，请联系安全管理员重置`,
        { retryAfter: standing.retryAfter },
      );
    }
    const user = typed ? await this.repo.findOneBy({ username: typed }) : null;
    const passwordRight = await verifyPassword(password, user?.passwordHash ?? DUMMY_HASH);
    const locked = !!user?.lockedUntil && user.lockedUntil > now;
    const refusal: LoginRefusal | null = !user
      ? 'unknown'
      : locked
        ? 'locked'
        : !passwordRight
          ? 'wrong'
          : user.disabled
            ? 'disabled'
            : null;
    if (!refusal && user!.secondFactor && !otp?.trim())
      throw new AppError(IdentityErrorCode.SECOND_FACTOR_REQUIRED, '请输入手机验证器上的 6 位动态验证码（手机不在身边时可输入一个恢复码）');
    const factor = !refusal && user!.secondFactor ? await this.tx.run((em) => this.secondFactor.check(em, user!, otp!)) : null;
    if (refusal || factor === 'wrong') {
      const lockedNow = await this.tx.run(async (em) => {
        await this.failures.failed(em, typed, ctx.ip, now);
        if (!user) {
          await this.audit.record(em, new RequestContext(ctx.requestId, null, ctx.ip), {
            action: 'user.login',
            objectType: 'user',
            outcome: 'FAILURE',
            detail: { username: typedForAudit(typed), reason: REFUSAL_LABELS.unknown },
          });
          return false;
        }
        // A wrong password or code counts toward the lock (in SQL, so concurrent attempts cannot undercount);
        // attempts on a locked account do not extend it.
        let lock = false;
        if (refusal === 'wrong' || factor === 'wrong') {
          await em
            .createQueryBuilder()
            .update(User)
            .set({ failedLogins: () => 'failed_logins + 1' })
            .where('id = :id', { id: user.id })
            .execute();
          const fresh = await em.getRepository(User).findOneByOrFail({ id: user.id });
          lock = fresh.failedLogins >= MAX_FAILED_LOGINS;
          if (lock)
            await em
              .getRepository(User)
              .update({ id: user.id }, { lockedUntil: new Date(now.getTime() + LOCK_MINUTES * 60000), failedLogins: 0 });
        }
        await this.audit.record(em, new RequestContext(ctx.requestId, UsersService.toAuthUser(user), ctx.ip), {
          action: lock ? 'user.lock' : factor === 'wrong' ? 'user.secondFactor.fail' : 'user.login',
          objectType: 'user',
          objectId: user.id,
          outcome: 'FAILURE',
          detail: { reason: REFUSAL_LABELS[refusal ?? 'wrongCode'] },
        });
        return lock;
      });
      await this.failures.purge(now);
      // A wrong code after the right password: the account is usable and the password known, so say what to do
      // (unless this code locked it: from then on it answers like any other refusal).
      if (factor === 'wrong' && !lockedNow)
        throw new AppError(IdentityErrorCode.SECOND_FACTOR_REQUIRED, '动态验证码不正确或已用过：请输入验证器上当前显示的 6 位数字', {
          wrong: true,
        });
      throw unauthenticated(LOGIN_REFUSED);
    }
    const signedIn = user!;
    const expiresAt = new Date(now.getTime() + this.tokens.ttlSeconds * 1000);
    const session = await this.tx.run(async (em) => {
      await em.getRepository(User).update({ id: signedIn.id }, { failedLogins: 0, lockedUntil: null, lastLoginAt: now });
      const opened = await this.sessions.start(em, ctx, signedIn, { kind: SessionKind.LOGIN, expiresAt });
      await this.audit.record(em, new RequestContext(ctx.requestId, UsersService.toAuthUser(signedIn), ctx.ip), {
        action: factor === 'recovery' ? 'user.secondFactor.recovery' : 'user.login',
        objectType: 'user',
        objectId: signedIn.id,
        detail: { session: opened.id.slice(0, 8) },
      });
      return opened;
    });
    const token = await this.tokens.issue({ userId: signedIn.id, sessionId: session.id }, expiresAt);
    return {
      token,
      expiresAt,
      user: signedIn,
      passwordChangeRequired: this.passwordChangeReason(signedIn),
    };
  }

  /**
   * Token → caller: the token's signature, then its session (session.service.ts: open, not idle, not past its end, the
   * account enabled). The session and its user are read in one query, cached a few seconds per session.
   */
  async authenticate(token: string, { activity = true }: { activity?: boolean } = {}): Promise<{ user: AuthUser } | { problem: string }> {
    const check = await this.tokens.check(token);
    if (!check.ok) return { problem: check.reason };
    const found = await this.sessions.check(check.claims.sessionId, check.claims.userId, activity);
    if ('problem' in found) return found;
    const { session, user } = found;
    const caller: AuthUser = {
      ...UsersService.toAuthUser(user),
      passwordChangeRequired: user.service ? null : this.passwordChangeReason(user),
      sessionId: session.id,
    };
    if (session.readOnly) caller.readOnly = true;
    if (!user.service && !user.secondFactor && this.secondFactor.required(user.role)) caller.mustEnrolSecondFactor = true;
    return { user: caller };
  }

  /** Must this user change the password before anything else (reset, first sign-in, expired)? See password-policy.ts. */
  passwordChangeReason(user: User): PasswordChangeReason | null {
    return passwordChangeReason(user, this.config.passwordMaxAgeDays);
  }

  /** Drops the cached caller so this process sees a change to the account at once (others within SESSION_CACHE_MS). */
  forgetCached(userId: number): void {
    this.sessions.forgetUser(userId);
  }

  findById(id: number): Promise<User | null> {
    return this.repo.findOneBy({ id });
  }

  async list(ctx: RequestContext, filter: UserFilter, page: PageArgs): Promise<Page<User>> {
    const { take, skip } = pageOf(page);
    const qb = this.repo.createQueryBuilder('u');
    if (filter.role) qb.andWhere('u.role = :role', { role: filter.role });
    if (filter.regionId) qb.andWhere('u.regionId = :regionId', { regionId: filter.regionId });
    if (filter.departmentId) qb.andWhere('u.departmentId = :departmentId', { departmentId: filter.departmentId });
    const text = filter.search?.trim();
    if (text) {
      const [regionIds, departmentIds] = await Promise.all([this.regions.idsNamed(text), this.departments.idsNamed(text)]);
      const roles = Object.values(Role).filter((role) => ROLE_LABELS[role].includes(text));
      qb.andWhere(
        new Brackets((where) => {
          where
            .where(`u.username LIKE :like ${LIKE_ESCAPE}`, { like: containsPattern(text) })
            .orWhere(`u.displayName LIKE :like ${LIKE_ESCAPE}`);
          if (regionIds.length) where.orWhere('u.regionId IN (:...searchRegions)', { searchRegions: regionIds });
          if (departmentIds.length) where.orWhere('u.departmentId IN (:...searchDepartments)', { searchDepartments: departmentIds });
          if (roles.length) where.orWhere('u.role IN (:...searchRoles)', { searchRoles: roles });
        }),
      );
    }
    const direction = filter.descending ? 'DESC' : 'ASC';
    if (filter.sort) qb.orderBy(SORT_COLUMNS[filter.sort], direction);
    const [items, totalItems] = await qb
      .addOrderBy('u.id', filter.sort ? 'ASC' : direction)
      .take(take)
      .skip(skip)
      .getManyAndCount();
    return { items, totalItems };
  }

  /**
   * The user list as the page shows it (same search, role and sort), as an Excel file: username, name, role,
   * unit, disabled, last log-in in the platform's time zone — never password hashes. Staff data: audited.
   */
  async exportXlsx(ctx: RequestContext, filter: UserFilter): Promise<{ fileName: string; buffer: Buffer }> {
    const users: User[] = [];
    for (let skip = 0; ; skip += 200) {
      const page = await this.list(ctx, filter, { skip, take: 200 });
      users.push(...page.items);
      if (!page.items.length || users.length >= page.totalItems) break;
    }
    const departments = new Map(
      (await this.departments.byIds([...new Set(users.map((user) => user.departmentId).filter((id): id is number => id != null))])).map(
        (department) => [department.id, department.name],
      ),
    );
    const regionNames = new Map<number, string>();
    for (const regionId of new Set(users.map((user) => user.regionId).filter((id): id is number => id != null)))
      regionNames.set(regionId, (await this.regions.load(ctx, regionId))?.name ?? '');
    const ExcelJS = (await import('exceljs')).default;
    const wb = new ExcelJS.Workbook();
    wb.creator = 'OneTable';
    const sheet = wb.addWorksheet('用户');
    sheet.addRow(['用户名', '姓名', '角色', '所属单位', '状态', '最近登录']);
    for (const user of users)
      sheet.addRow([
        user.username,
        user.displayName,
        ROLE_LABELS[user.role],
        (user.departmentId != null ? departments.get(user.departmentId) : user.regionId != null ? regionNames.get(user.regionId) : '') ??
          '',
        user.disabled ? '已停用' : '正常',
        user.lastLoginAt ? platformDateTimeSeconds(user.lastLoginAt) : '',
      ]);
    sheet.getRow(1).font = { bold: true };
    sheet.views = [{ state: 'frozen', ySplit: 1 }];
    sheet.columns.forEach((column) => (column.width = 18));
    const buffer = Buffer.from(await wb.xlsx.writeBuffer());
    await this.tx.run((em) =>
      this.audit.record(em, ctx, {
        action: 'user.export',
        objectType: 'user',
        objectId: null,
        detail: { users: users.length, search: filter.search?.trim() || null, role: filter.role ?? null },
      }),
    );
    return { fileName: `用户列表-${platformDay()}.xlsx`, buffer };
  }

  /** Checks that the role's scope is present and of the right kind. */
  private async scopeProblems(
    role: Role,
    regionId: number | null | undefined,
    departmentId: number | null | undefined,
  ): Promise<FieldProblem[]> {
    const problems: FieldProblem[] = [];
    const needRegion = role === Role.TOWN_STAFF ? RegionLevel.TOWN : role === Role.VILLAGE_CADRE ? RegionLevel.VILLAGE : null;
    if (needRegion) {
      const region = regionId ? await this.regions.byId(regionId) : null;
      if (!region || region.level !== needRegion)
        problems.push({
          field: 'regionId',
          message: needRegion === RegionLevel.TOWN ? '镇级账号必须指定所属镇(街道)' : '村级账号必须指定所属村(社区)',
        });
    } else if (regionId) problems.push({ field: 'regionId', message: '该角色不属于某个镇或村，请勿指定区划' });
    if (role === Role.DEPARTMENT_STAFF) {
      const dept = departmentId ? (await this.departments.byIds([departmentId]))[0] : null;
      if (!dept) problems.push({ field: 'departmentId', message: '部门账号必须指定所属部门' });
    } else if (departmentId) problems.push({ field: 'departmentId', message: '该角色不属于某个部门，请勿指定部门' });
    return problems;
  }

  /**
   * `serverOperator`: the operating-system user running the server-side CLI (`npm run user:create`), the only way to
   * create a security administrator; recorded in the audit event.
   */
  async create(ctx: RequestContext, input: NewUser, { serverOperator }: { serverOperator?: string } = {}): Promise<User> {
    if (serverOperator === undefined) assertMayManage(input);
    const problems = [
      ...passwordProblems(input.password),
      ...usernameProblems(input.password, input.username, 'password'),
      ...(await this.scopeProblems(input.role, input.regionId, input.departmentId)),
    ];
    if (!/^[a-zA-Z0-9_.-]{3,64}$/.test(input.username))
      problems.unshift({ field: 'username', message: '用户名只能由 3-64 位字母、数字、下划线、点或连字符组成' });
    if (problems.length) throw badInput(problems.map((problem) => problem.message).join('；'), problems);
    const passwordHash = await hashPassword(input.password);
    return this.tx.run(async (em) => {
      if (await em.getRepository(User).existsBy({ username: input.username })) throw conflict(`用户名 ${input.username} 已被使用`);
      const user = em.getRepository(User).create({
        username: input.username,
        displayName: input.displayName,
        role: input.role,
        regionId: input.regionId ?? null,
        departmentId: input.departmentId ?? null,
        passwordHash,
        // A new account's password was chosen by someone else: the first sign-in must replace it.
        mustChangePassword: true,
        passwordChangedAt: new Date(),
      });
      await em.getRepository(User).save(user);
      await this.remember(em, user.id, passwordHash);
      await this.audit.record(em, ctx, {
        action: isPrivileged(user.role) ? 'privileged.create' : 'user.create',
        objectType: 'user',
        objectId: user.id,
        detail: {
          role: user.role,
          username: user.username,
          ...(serverOperator !== undefined ? { via: 'npm run user:create', serverOperator } : {}),
        },
      });
      return user;
    });
  }

  async setDisabled(ctx: RequestContext, userId: number, disabled: boolean): Promise<User> {
    if (userId === ctx.me.id && disabled) throw forbidden('不能停用自己的账号');
    const user = await this.tx.run(async (em) => {
      const one = await em.getRepository(User).findOneBy({ id: userId });
      if (!one) throw notFound('用户');
      assertMayManage(one);
      one.disabled = disabled;
      await em.getRepository(User).update({ id: userId }, { disabled });
      // Disabling ends every session and service token; enabling again revives none of them.
      if (disabled) await this.sessions.endForUser(em, userId, SessionEndReason.DISABLED, { by: ctx.me.id });
      const action = isPrivileged(one.role)
        ? disabled
          ? 'privileged.disable'
          : 'privileged.enable'
        : disabled
          ? 'user.disable'
          : 'user.enable';
      await this.audit.record(em, ctx, {
        action,
        objectType: 'user',
        objectId: userId,
        detail: { role: one.role, username: one.username },
      });
      return one;
    });
    this.forgetCached(userId);
    return user;
  }

  /**
   * An administrator's reset (also unlocks): the user must choose a new password at the next sign-in. Not for the
   * caller's own account (changePassword) nor a security administrator's (server only).
   */
  async resetPassword(ctx: RequestContext, userId: number, newPassword: string): Promise<User> {
    if (userId === ctx.me.id) throw forbidden('不能重置自己的密码，请使用“修改密码”');
    const target = await this.repo.findOneBy({ id: userId });
    if (!target) throw notFound('用户');
    assertMayManage(target);
    if (target.service)
      throw badInput('服务账号没有密码，只凭服务令牌访问：需要新令牌请重新签发', [{ field: 'userId', message: '服务账号不能设置密码' }]);
    const problems = [...passwordProblems(newPassword, 'newPassword'), ...usernameProblems(newPassword, target.username, 'newPassword')];
    if (problems.length) throw badInput(problems.map((problem) => problem.message).join('；'), problems);
    const passwordHash = await hashPassword(newPassword);
    // The demo's exemption covers its printed password only: a reset one must be changed like any other.
    const changes = {
      passwordHash,
      failedLogins: 0,
      lockedUntil: null,
      mustChangePassword: true,
      passwordChangedAt: new Date(),
      passwordPolicyExempt: false,
    };
    const user = await this.tx.run(async (em) => {
      const one = await em.getRepository(User).findOneBy({ id: userId });
      if (!one) throw notFound('用户');
      await em.getRepository(User).update({ id: userId }, changes);
      await this.remember(em, userId, passwordHash);
      await this.sessions.endForUser(em, userId, SessionEndReason.PASSWORD_RESET, { by: ctx.me.id });
      await this.audit.record(em, ctx, {
        action: isPrivileged(one.role) ? 'privileged.resetPassword' : 'user.resetPassword',
        objectType: 'user',
        objectId: userId,
        detail: { role: one.role, username: one.username },
      });
      return Object.assign(one, changes);
    });
    this.forgetCached(userId);
    return user;
  }

  /** The caller's own change: not containing the username, none of the latest PASSWORD_HISTORY; clears must-change and restarts expiry. */
  async changeOwnPassword(ctx: RequestContext, oldPassword: string, newPassword: string): Promise<boolean> {
    const user = await this.repo.findOneByOrFail({ id: ctx.me.id });
    if (!(await verifyPassword(oldPassword, user.passwordHash)))
      throw badInput('原密码不正确', [{ field: 'oldPassword', message: '原密码不正确' }]);
    const problems = [...passwordProblems(newPassword, 'newPassword'), ...usernameProblems(newPassword, user.username, 'newPassword')];
    if (!problems.length && (await this.recentlyUsed(user, newPassword)))
      problems.push({ field: 'newPassword', message: `新密码不能与最近 ${PASSWORD_HISTORY} 次使用过的密码相同` });
    if (problems.length) throw badInput(problems.map((problem) => problem.message).join('；'), problems);
    const passwordHash = await hashPassword(newPassword);
    await this.tx.run(async (em) => {
      await em.getRepository(User).update(
        { id: user.id },
        {
          passwordHash,
          failedLogins: 0,
          lockedUntil: null,
          mustChangePassword: false,
          passwordChangedAt: new Date(),
          passwordPolicyExempt: false,
        },
      );
      await this.remember(em, user.id, passwordHash);
      // The caller's other sign-ins end (a password is changed because it may be known); this one goes on.
      const ended = await this.sessions.endForUser(em, user.id, SessionEndReason.PASSWORD_CHANGED, { exceptId: ctx.me.sessionId });
      await this.audit.record(em, ctx, {
        action: 'user.changePassword',
        objectType: 'user',
        objectId: user.id,
        detail: ended ? { sessionsEnded: ended } : undefined,
      });
    });
    this.forgetCached(user.id);
    return true;
  }

  /**
   * A service token (服务令牌) for a machine client — a big screen, another department's system: a service account of
   * the given role and unit (no password anyone knows, never signs in) and a SERVICE session that has no idle timeout,
   * ends after `days`, is read-only unless stated, and is listed and ended with the sessions. The token is shown once.
   */
  async createServiceToken(
    ctx: RequestContext,
    input: {
      name: string;
      role: Role;
      regionId?: number | null;
      departmentId?: number | null;
      days?: number | null;
      readOnly?: boolean | null;
    },
  ): Promise<{ token: string; session: UserSession; user: User }> {
    const name = input.name.trim();
    const problems: FieldProblem[] = [];
    if (!name) problems.push({ field: 'name', message: '请填写令牌用途，如“市指挥中心大屏”' });
    if (!SERVICE_TOKEN_ROLES.includes(input.role))
      problems.push({ field: 'role', message: '服务令牌只能是领导查看、市直部门、镇(街道)或村(社区)角色，不能带管理或审核权限' });
    else problems.push(...(await this.scopeProblems(input.role, input.regionId, input.departmentId)));
    if (problems.length) throw badInput(problems.map((problem) => problem.message).join('；'), problems);
    const days = input.days ?? 90;
    const readOnly = input.readOnly ?? true;
    const expiresAt = new Date(Date.now() + days * 86_400_000);
    // Nobody knows this password; the account's only way in is its tokens.
    const passwordHash = await hashPassword(randomBytes(32).toString('base64'));
    const { session, user } = await this.tx.run(async (em) => {
      const made = em.getRepository(User).create({
        username: `svc_${randomBytes(5).toString('hex')}`,
        displayName: name.slice(0, 64),
        role: input.role,
        regionId: input.regionId ?? null,
        departmentId: input.departmentId ?? null,
        passwordHash,
        service: true,
        passwordChangedAt: new Date(),
        passwordPolicyExempt: true,
      });
      await em.getRepository(User).save(made);
      const opened = await this.sessions.start(em, ctx, made, { kind: SessionKind.SERVICE, expiresAt, readOnly, name: name.slice(0, 100) });
      await this.audit.record(em, ctx, {
        action: 'serviceToken.create',
        objectType: 'user',
        objectId: made.id,
        detail: { name, role: made.role, username: made.username, days, readOnly, session: opened.id.slice(0, 8) },
      });
      return { session: opened, user: made };
    });
    const token = await this.tokens.issue({ userId: user.id, sessionId: session.id }, expiresAt);
    return { token, session, user };
  }

  /** Is `password` the current one or one of the latest PASSWORD_HISTORY? (scrypt per hash: at most 6 checks.) */
  private async recentlyUsed(user: User, password: string): Promise<boolean> {
    const history = await this.dataSource
      .getRepository(PasswordHistory)
      .find({ where: { userId: user.id }, order: { id: 'DESC' }, take: PASSWORD_HISTORY });
    const hashes = [...new Set([user.passwordHash, ...history.map((row) => row.passwordHash)])];
    for (const hash of hashes) if (await verifyPassword(password, hash)) return true;
    return false;
  }

  /** Keeps the new hash in the history and drops those older than the latest PASSWORD_HISTORY. */
  private async remember(em: EntityManager, userId: number, passwordHash: string): Promise<void> {
    const repo = em.getRepository(PasswordHistory);
    await repo.insert({ userId, passwordHash });
    // MySQL takes no OFFSET without a LIMIT: a few at a time, as each change adds one.
    const old = await repo.find({ where: { userId }, order: { id: 'DESC' }, skip: PASSWORD_HISTORY, take: 100, select: { id: true } });
    if (old.length) await repo.delete({ id: In(old.map((row) => row.id)) });
  }

  /** Batched look-up for nested `user` fields (reviewer, creator, …). */
  loadById(ctx: RequestContext, id: number): Promise<User | null> {
    return ctx
      .loader<number, User | null>('user.byId', async (ids) =>
        orderByKeys(ids, await this.repo.findBy({ id: In([...ids]) }), (user) => user.id),
      )
      .load(id);
  }

  /** Batched look-up for nested staff fields (filed by, reviewer, …): display name and unit only. */
  async staffRef(ctx: RequestContext, id: number): Promise<StaffRef | null> {
    return staffRefOf(await this.loadById(ctx, id));
  }
}
