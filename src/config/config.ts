import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

export type DbKind = 'sqlite' | 'mysql';

export interface AppConfig {
  db: {
    kind: DbKind;
    url?: string;
    sqlitePath?: string;
    /** MySQL only: detected at connect time (TypeORM reads MariaDB's schema differently). */ flavor?: 'mysql' | 'mariadb';
    /** DATABASE_REPLICA_URLS (MySQL only): read replicas for lag-tolerant reads (src/database/replica-reads.ts). */
    replicaUrls?: string[];
    /** REPLICA_MAX_LAG_SECONDS: a replica further behind than this (or unreachable) is skipped. */
    replicaMaxLagSeconds?: number;
  };
  port: number;
  /**
   * HTTP_KEEP_ALIVE_SECONDS: how long an idle kept-alive connection stays open. Behind a load balancer it must outlast
   * the balancer's own idle timeout (ALB 60 s, Nginx upstream keepalive_timeout 60 s), or the balancer sends a request
   * down a connection the server is closing and the user gets a 502.
   */
  keepAliveSeconds: number;
  production: boolean;
  tokenSecret: string;
  /** 32-byte master key for personal data; encryption and lookup-hash keys are derived from it. */
  piiKey: Buffer;
  /** PII_KEY_ID: the current key's id, written into every ciphertext and keyed hash (default k1). */
  piiKeyId: string;
  /** PII_KEYS_OLD: earlier keys (`id:key,id:key`), read while `npm run rotate-keys` moves their data to PII_KEY. */
  oldPiiKeys: { id: string; key: Buffer }[];
  /** CRYPTO_SUITE: STANDARD (AES-256-GCM, HMAC-SHA-256) or SM (SM4, HMAC-SM3) for what the current key writes. */
  cryptoSuite: 'STANDARD' | 'SM';
  /** TOKEN_TTL_HOURS: a sign-in's absolute lifetime, however active it is. */
  tokenTtlSeconds: number;
  /** SESSION_IDLE_MINUTES: a sign-in unused this long ends (service tokens excepted). */
  sessionIdleMinutes: number;
  /** CACHE_STAMP_CHECK_MS: how often a process reads the cache versions (catalogue, regions) another process may have moved. */
  cacheStampCheckMs: number;
  /** SECOND_FACTOR_ROLES: the roles that must sign in with a second factor (TOTP); others may turn it on. */
  secondFactorRoles: string[];
  villageFormCap: number;
  /** PASSWORD_MAX_AGE_DAYS: a password older than this must be changed at the next sign-in (demo accounts exempt). */
  passwordMaxAgeDays: number;
  demoPassword?: string;
  logLevel: string;
  dataDir: string;
  /** Express 'trust proxy': which hops' X-Forwarded-For to believe for the client IP (login rate limit, audit). */
  trustProxy: boolean | number | string;
  importLimits: ImportLimits;
  /** PUBLIC_URL: the address residents reach the site at (no trailing slash); the public page's QR code encodes it. Unset: none known. */
  publicUrl?: string;
  /** TIME_ZONE: the IANA zone every shown or exported time is written in, and whose calendar day is "today". */
  timeZone: string;
  messages: MessageConfig;
  audit: AuditKeepingConfig;
  /** SITE_SPONSOR, SITE_TECH_SUPPORT, SITE_ICP: the footer of the log-in and public pages; an unset one is left out. */
  site: SiteFooterConfig;
}

/** The message centre's deadline job and outgoing channels (MESSAGE_*); the in-app channel is always on. */
export interface MessageConfig {
  /** MESSAGE_DEADLINE_JOB_SECONDS: how often the deadline reminders run (0: never by timer; default 600, 0 under test). */
  deadlineJobSeconds: number;
  /** MESSAGE_WEBHOOK_URL: a WeCom/DingTalk-style robot webhook each message is posted to; unset: off. */
  webhookUrl?: string;
  /** MESSAGE_SMS_URL: an SMS gateway's HTTP endpoint each message is posted to; unset: off. */
  smsUrl?: string;
  /** MESSAGE_LOG: write each outgoing message to the log (default: on in development). */
  logSink: boolean;
}

/** The audit log's keeping (AUDIT_*): signed checkpoints outside the database, monthly signed archives, retention. */
export interface AuditKeepingConfig {
  /** AUDIT_CHECKPOINT_MINUTES: how often the chain head is written to the checkpoint file (0: never by timer; default 10, 0 under test). */
  checkpointMinutes: number;
  /** AUDIT_CHECKPOINT_DIR: where checkpoints.jsonl is appended (default DATA_DIR/audit-checkpoints; in production another disk or host). */
  checkpointDir: string;
  /** AUDIT_SIGNING_KEY_FILE: the Ed25519 private key (PEM) that signs checkpoints and archives; generated on first start if missing. */
  signingKeyFile: string;
  /** AUDIT_ARCHIVE_DIR: where the monthly archives are written (default DATA_DIR/audit-archives). */
  archiveDir: string;
  /** AUDIT_RETENTION_DAYS: how long events stay in the database (at least 180); older archived months are purged. */
  retentionDays: number;
}

/** The government site's footer: 主办单位, 技术支持, ICP 备案号 (each optional). */
export interface SiteFooterConfig {
  sponsor?: string;
  techSupport?: string;
  icpNumber?: string;
}

/** What one import file may hold (IMPORT_MAX_*): beyond a bound the file is refused before it can exhaust memory. */
export interface ImportLimits {
  /** All parts of an .xlsx together, uncompressed. */
  maxUncompressedBytes: number;
  /** Uncompressed : compressed of one .xlsx part over 1 MB (a zip bomb is refused before inflating). */
  maxRatio: number;
  maxRows: number;
  maxColumns: number;
  maxCellChars: number;
  maxSharedStrings: number;
  maxSharedChars: number;
  maxRowChars: number;
}

/** A configuration problem: main prints its message as one line and exits non-zero. */
export class ConfigError extends Error {}

const DEFAULT_DATA_DIR = resolve(process.cwd(), 'data');

function parseKey(raw: string, name: string): Buffer {
  const trimmed = raw.trim();
  const buf = /^[0-9a-fA-F]{64}$/.test(trimmed) ? Buffer.from(trimmed, 'hex') : Buffer.from(trimmed, 'base64');
  if (buf.length !== 32) throw new ConfigError(`${name} 必须是 32 字节密钥（64 位十六进制或 base64），当前长度不符`);
  return buf;
}

const KEY_ID = /^[A-Za-z0-9_-]{1,8}$/;

function parseKeyId(raw: string | undefined, name: string): string {
  const id = (raw ?? '').trim() || 'k1';
  if (!KEY_ID.test(id)) throw new ConfigError(`${name} 应为 1–8 位字母、数字、- 或 _，收到 "${id}"`);
  return id;
}

/** PII_KEYS_OLD: `id:key` pairs separated by commas (keys as for PII_KEY). */
function parseOldKeys(raw: string | undefined, currentId: string): { id: string; key: Buffer }[] {
  const seen = new Set([currentId]);
  return (raw ?? '')
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part) => {
      const colon = part.indexOf(':');
      if (colon < 0) throw new ConfigError('PII_KEYS_OLD 的每一项应为 密钥编号:密钥，多项用逗号分隔');
      const id = parseKeyId(part.slice(0, colon), 'PII_KEYS_OLD 的密钥编号');
      if (seen.has(id)) throw new ConfigError(`PII_KEYS_OLD 中的密钥编号 ${id} 重复（或与 PII_KEY_ID 相同）`);
      seen.add(id);
      return { id, key: parseKey(part.slice(colon + 1), `PII_KEYS_OLD 中的密钥 ${id}`) };
    });
}

function parseSuite(raw: string | undefined): 'STANDARD' | 'SM' {
  const suite = (raw ?? '').trim().toUpperCase() || 'STANDARD';
  if (suite !== 'STANDARD' && suite !== 'SM') throw new ConfigError(`CRYPTO_SUITE 只能是 STANDARD 或 SM，收到 "${raw}"`);
  return suite;
}

function intVar(env: NodeJS.ProcessEnv, name: string, def: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return def;
  if (!/^\d+$/.test(raw.trim())) throw new ConfigError(`${name} 必须是整数，收到 "${raw}"`);
  const num = Number(raw);
  if (num < min || num > max) throw new ConfigError(`${name} 必须在 ${min} 到 ${max} 之间，收到 ${num}`);
  return num;
}

export function parseDatabaseUrl(raw: string | undefined, dataDir: string): AppConfig['db'] {
  if (raw === undefined || raw.trim() === '') return { kind: 'sqlite', sqlitePath: resolve(dataDir, 'onetable.sqlite') };
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(
      `DATABASE_URL 无法解析："${raw.replace(/\/\/[^@]*@/, '//***@')}"；应为 mysql://用户:密码@主机:3306/库名，或不设置以使用内置 SQLite`,
    );
  }
  if (url.protocol === 'mysql:' || url.protocol === 'mariadb:') {
    if (!url.hostname || url.pathname.length < 2)
      throw new ConfigError('DATABASE_URL 缺少主机或库名，应为 mysql://用户:密码@主机:3306/库名');
    return { kind: 'mysql', url: raw.replace(/^mariadb:/, 'mysql:'), flavor: url.protocol === 'mariadb:' ? 'mariadb' : undefined };
  }
  if (url.protocol === 'sqlite:' || url.protocol === 'file:') {
    const component = decodeURIComponent(url.pathname);
    if (!component || component === '/') throw new ConfigError('DATABASE_URL 的 SQLite 文件路径为空');
    return { kind: 'sqlite', sqlitePath: resolve(component) };
  }
  throw new ConfigError(`DATABASE_URL 的协议 "${url.protocol.replace(/:$/, '')}" 不受支持；支持 mysql:// 或不设置（内置 SQLite）`);
}

/** Secrets for the embedded default, generated once into data/ so a newcomer needs no setup. */
/** DATABASE_REPLICA_URLS: comma-separated mysql:// URLs of read replicas; refused with the embedded SQLite (it has none). */
export function parseReplicaUrls(raw: string | undefined, kind: DbKind): { replicaUrls?: string[] } {
  const urls = (raw ?? '')
    .split(',')
    .map((text) => text.trim())
    .filter(Boolean);
  if (urls.length === 0) return {};
  if (kind !== 'mysql')
    throw new ConfigError('DATABASE_REPLICA_URLS 只能与 MySQL 的 DATABASE_URL 一起使用；内置 SQLite 没有只读副本，请删去该设置');
  for (const raw of urls) {
    const parsed = parseDatabaseUrl(raw, '.');
    if (parsed.kind !== 'mysql') throw new ConfigError('DATABASE_REPLICA_URLS 中每一项都应为 mysql://用户:密码@主机:端口/库名');
  }
  return { replicaUrls: urls.map((url) => url.replace(/^mariadb:/, 'mysql:')) };
}

function embeddedSecrets(dataDir: string): { tokenSecret: string; piiKey: string } {
  const file = resolve(dataDir, 'secrets.json');
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8'));
  mkdirSync(dirname(file), { recursive: true });
  const value = { tokenSecret: randomBytes(32).toString('base64'), piiKey: randomBytes(32).toString('hex') };
  writeFileSync(file, JSON.stringify(value, null, 2), { mode: 0o600 });
  return value;
}

/** Unset: no proxy (the socket address is the client). A number of hops, true, or addresses/subnets ("loopback, 10.0.0.0/8"). */
function parseTrustProxy(raw: string | undefined): boolean | number | string {
  const trimmed = raw?.trim();
  if (!trimmed || trimmed === 'false') return false;
  if (trimmed === 'true') return true;
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  if (!/^[\w.:/,\s-]+$/.test(trimmed))
    throw new ConfigError(`TRUST_PROXY 无效："${trimmed}"；应为跳数（如 1）、true，或地址/网段列表（如 loopback, 10.0.0.0/8）`);
  return trimmed;
}

/** PUBLIC_URL: an absolute http(s) address, kept without its trailing slash (a path prefix is allowed, a query or fragment is not). */
export function parsePublicUrl(raw: string | undefined): string | undefined {
  const trimmed = raw?.trim();
  if (!trimmed) return undefined;
  const hint = '；应为群众能访问到的完整地址，如 https://ybt.example.gov.cn';
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    throw new ConfigError(`PUBLIC_URL 无法解析："${trimmed}"${hint}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new ConfigError(`PUBLIC_URL 只能是 http:// 或 https:// 地址，收到 "${trimmed}"${hint}`);
  if (url.search || url.hash || url.username || url.password)
    throw new ConfigError(`PUBLIC_URL 不能带查询参数、锚点或用户名密码，收到 "${trimmed}"${hint}`);
  return url.href.replace(/\/+$/, '');
}

/** An outgoing message endpoint (MESSAGE_WEBHOOK_URL, MESSAGE_SMS_URL): an absolute http(s) address, or unset. */
export function parseOutgoingUrl(raw: string | undefined, name: string): string | undefined {
  const trimmed = raw?.trim();
  if (!trimmed) return undefined;
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    throw new ConfigError(`${name} 无法解析；应为完整的 http(s) 地址`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new ConfigError(`${name} 只能是 http:// 或 https:// 地址`);
  return url.href;
}

/** TIME_ZONE: an IANA zone name (Asia/Shanghai, Asia/Urumqi, UTC); unset: Asia/Shanghai. */
export function parseTimeZone(raw: string | undefined): string {
  const trimmed = raw?.trim();
  if (!trimmed) return 'Asia/Shanghai';
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: trimmed });
  } catch {
    throw new ConfigError(`TIME_ZONE 无效："${trimmed}"；应为时区名称，如 Asia/Shanghai`);
  }
  return trimmed;
}

/** One footer line (SITE_*): trimmed, visible text of at most 100 characters; unset or blank: none. */
function footerText(env: NodeJS.ProcessEnv, name: string): string | undefined {
  const trimmed = env[name]?.trim();
  if (!trimmed) return undefined;
  // eslint-disable-next-line no-control-regex
  if (trimmed.length > 100 || /[\u0000-\u001f\u007f\u200b-\u200f\u202a-\u202e]/.test(trimmed))
    throw new ConfigError(`${name} 应为一行不超过 100 个字的文字`);
  return trimmed;
}

export function loadSiteFooter(env: NodeJS.ProcessEnv): SiteFooterConfig {
  const icpNumber = footerText(env, 'SITE_ICP');
  if (icpNumber && !/ICP/i.test(icpNumber)) throw new ConfigError(`SITE_ICP 应为 ICP 备案号，如 鄂ICP备12345678号，收到 "${icpNumber}"`);
  return { sponsor: footerText(env, 'SITE_SPONSOR'), techSupport: footerText(env, 'SITE_TECH_SUPPORT'), icpNumber };
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const dataDir = env.DATA_DIR ? resolve(env.DATA_DIR) : DEFAULT_DATA_DIR;
  const db = parseDatabaseUrl(env.DATABASE_URL, dataDir);
  Object.assign(db, parseReplicaUrls(env.DATABASE_REPLICA_URLS, db.kind));
  if (db.replicaUrls) db.replicaMaxLagSeconds = intVar(env, 'REPLICA_MAX_LAG_SECONDS', 5, 1, 3600);
  const port = intVar(env, 'PORT', 3000, 0, 65535);
  let tokenSecret = env.TOKEN_SECRET;
  let piiKeyRaw = env.PII_KEY;
  if (db.kind === 'mysql') {
    if (!tokenSecret) throw new ConfigError('使用 MySQL 时必须设置 TOKEN_SECRET（至少 32 个字符的随机串）');
    if (!piiKeyRaw) throw new ConfigError('使用 MySQL 时必须设置 PII_KEY（32 字节密钥，64 位十六进制）');
  } else if (!tokenSecret || !piiKeyRaw) {
    const secrets = embeddedSecrets(dataDir);
    tokenSecret ||= secrets.tokenSecret;
    piiKeyRaw ||= secrets.piiKey;
  }
  if (tokenSecret!.length < 32) throw new ConfigError('TOKEN_SECRET 太短：至少 32 个字符');
  const piiKeyId = parseKeyId(env.PII_KEY_ID, 'PII_KEY_ID');
  const nodeEnv = env.NODE_ENV ?? 'development';
  if (!['development', 'production', 'test'].includes(nodeEnv))
    throw new ConfigError(`NODE_ENV 只能是 development、production 或 test，收到 "${nodeEnv}"`);
  const logLevel = env.LOG_LEVEL ?? (nodeEnv === 'test' ? 'silent' : 'info');
  if (!['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].includes(logLevel))
    throw new ConfigError(`LOG_LEVEL 无效："${logLevel}"`);
  return {
    db,
    port,
    keepAliveSeconds: intVar(env, 'HTTP_KEEP_ALIVE_SECONDS', 65, 1, 3600),
    production: nodeEnv === 'production',
    tokenSecret: tokenSecret!,
    piiKey: parseKey(piiKeyRaw!, 'PII_KEY'),
    piiKeyId,
    oldPiiKeys: parseOldKeys(env.PII_KEYS_OLD, piiKeyId),
    cryptoSuite: parseSuite(env.CRYPTO_SUITE),
    tokenTtlSeconds: intVar(env, 'TOKEN_TTL_HOURS', 8, 1, 24 * 30) * 3600,
    sessionIdleMinutes: intVar(env, 'SESSION_IDLE_MINUTES', 30, 1, 24 * 60),
    cacheStampCheckMs: intVar(env, 'CACHE_STAMP_CHECK_MS', 1000, 50, 3_600_000),
    secondFactorRoles: parseSecondFactorRoles(env.SECOND_FACTOR_ROLES),
    villageFormCap: intVar(env, 'VILLAGE_FORM_CAP', 19, 1, 10000),
    passwordMaxAgeDays: intVar(env, 'PASSWORD_MAX_AGE_DAYS', 90, 1, 3650),
    trustProxy: parseTrustProxy(env.TRUST_PROXY),
    publicUrl: parsePublicUrl(env.PUBLIC_URL),
    timeZone: parseTimeZone(env.TIME_ZONE),
    site: loadSiteFooter(env),
    importLimits: loadImportLimits(env),
    messages: {
      deadlineJobSeconds: intVar(env, 'MESSAGE_DEADLINE_JOB_SECONDS', nodeEnv === 'test' ? 0 : 600, 0, 86_400),
      webhookUrl: parseOutgoingUrl(env.MESSAGE_WEBHOOK_URL, 'MESSAGE_WEBHOOK_URL'),
      smsUrl: parseOutgoingUrl(env.MESSAGE_SMS_URL, 'MESSAGE_SMS_URL'),
      logSink: env.MESSAGE_LOG ? env.MESSAGE_LOG === 'true' || env.MESSAGE_LOG === '1' : nodeEnv === 'development',
    },
    audit: loadAuditKeeping(env, dataDir, nodeEnv),
    demoPassword: env.DEMO_PASSWORD || undefined,
    logLevel,
    dataDir,
  };
}

/** The least online retention of the audit log (Cybersecurity Law art. 21: logs kept at least six months). */
export const MIN_AUDIT_RETENTION_DAYS = 180;

export function loadAuditKeeping(env: NodeJS.ProcessEnv, dataDir: string, nodeEnv: string): AuditKeepingConfig {
  const retention = env.AUDIT_RETENTION_DAYS?.trim();
  if (retention && /^\d+$/.test(retention) && Number(retention) < MIN_AUDIT_RETENTION_DAYS)
    throw new ConfigError(
      `AUDIT_RETENTION_DAYS 不能少于 ${MIN_AUDIT_RETENTION_DAYS} 天（网络安全法要求日志留存不少于六个月），收到 ${retention}`,
    );
  return {
    checkpointMinutes: intVar(env, 'AUDIT_CHECKPOINT_MINUTES', nodeEnv === 'test' ? 0 : 10, 0, 1440),
    checkpointDir: env.AUDIT_CHECKPOINT_DIR?.trim() ? resolve(env.AUDIT_CHECKPOINT_DIR.trim()) : resolve(dataDir, 'audit-checkpoints'),
    signingKeyFile: env.AUDIT_SIGNING_KEY_FILE?.trim()
      ? resolve(env.AUDIT_SIGNING_KEY_FILE.trim())
      : resolve(dataDir, 'audit-signing.key.pem'),
    archiveDir: env.AUDIT_ARCHIVE_DIR?.trim() ? resolve(env.AUDIT_ARCHIVE_DIR.trim()) : resolve(dataDir, 'audit-archives'),
    retentionDays: intVar(env, 'AUDIT_RETENTION_DAYS', MIN_AUDIT_RETENTION_DAYS, MIN_AUDIT_RETENTION_DAYS, 36_500),
  };
}

/**
 * The privileged roles (三员 and the office's reviewers) by default; an empty value turns the requirement off.
 * Role names are checked against the schema's roles when the identity module starts (config imports nothing).
 */
export const DEFAULT_SECOND_FACTOR_ROLES = ['ADMIN', 'SECURITY_ADMIN', 'AUDITOR', 'OFFICE_REVIEWER'];

export function parseSecondFactorRoles(raw: string | undefined): string[] {
  if (raw === undefined) return DEFAULT_SECOND_FACTOR_ROLES;
  return [
    ...new Set(
      raw
        .split(/[,，\s]+/)
        .map((name) => name.trim().toUpperCase())
        .filter(Boolean),
    ),
  ];
}

export function loadImportLimits(env: NodeJS.ProcessEnv): ImportLimits {
  return {
    maxUncompressedBytes: intVar(env, 'IMPORT_MAX_UNCOMPRESSED_MB', 256, 1, 4096) * 1024 * 1024,
    maxRatio: intVar(env, 'IMPORT_MAX_RATIO', 200, 2, 100_000),
    maxRows: intVar(env, 'IMPORT_MAX_ROWS', 1_048_576, 1, 10_000_000),
    maxColumns: intVar(env, 'IMPORT_MAX_COLUMNS', 1000, 2, 16_384),
    maxCellChars: intVar(env, 'IMPORT_MAX_CELL_CHARS', 32_767, 100, 1_000_000),
    maxSharedStrings: intVar(env, 'IMPORT_MAX_SHARED_STRINGS', 2_000_000, 1, 20_000_000),
    maxSharedChars: intVar(env, 'IMPORT_MAX_SHARED_CHARS', 50_000_000, 100, 500_000_000),
    maxRowChars: intVar(env, 'IMPORT_MAX_ROW_CHARS', 200_000, 100, 10_000_000),
  };
}

export const APP_CONFIG = Symbol('APP_CONFIG');

/**
 * CLUSTER_WORKERS: how many server processes share the port (node:cluster). 1 (default): one process, as
 * always; "auto": one per CPU; at most 64.
 */
export function parseClusterWorkers(env: NodeJS.ProcessEnv, cpus: number): number {
  const raw = (env.CLUSTER_WORKERS ?? '').trim();
  if (raw.toLowerCase() === 'auto') return Math.max(1, cpus);
  return intVar(env, 'CLUSTER_WORKERS', 1, 1, 64);
}
