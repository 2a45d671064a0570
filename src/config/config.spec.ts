import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfig } from './config.js';

describe('loadConfig', () => {
  const dir = () => mkdtempSync(join(tmpdir(), 'cfg-'));

  it('defaults to the embedded SQLite file and generates secrets once into data/', () => {
    const result = dir();
    const appConfig = loadConfig({ DATA_DIR: result });
    expect(appConfig.db).toEqual({ kind: 'sqlite', sqlitePath: join(result, 'onetable.sqlite') });
    expect(appConfig.port).toBe(3000);
    expect(appConfig.piiKey).toHaveLength(32);
    const config = loadConfig({ DATA_DIR: result });
    expect(config.tokenSecret).toBe(appConfig.tokenSecret);
    expect(JSON.parse(readFileSync(join(result, 'secrets.json'), 'utf8')).piiKey).toHaveLength(64);
  });

  it.each([
    [{ DATABASE_URL: 'nonsense' }, /DATABASE_URL 无法解析/],
    [{ DATABASE_URL: 'postgres://u@h/db' }, /不受支持/],
    [{ DATABASE_URL: 'mysql://u@h:3306/db' }, /TOKEN_SECRET/],
    [{ DATABASE_URL: 'mysql://u@h:3306/db', TOKEN_SECRET: 'x'.repeat(40) }, /PII_KEY/],
    [{ DATABASE_URL: 'mysql://u@h:3306/db', TOKEN_SECRET: 'x'.repeat(40), PII_KEY: 'abcd' }, /32 字节/],
    [{ PORT: 'eighty' }, /PORT 必须是整数/],
    [{ NODE_ENV: 'prod' }, /NODE_ENV/],
    [{ PUBLIC_URL: 'ybt.example.gov.cn' }, /PUBLIC_URL 无法解析/],
    [{ PUBLIC_URL: 'ftp://ybt.example.gov.cn' }, /PUBLIC_URL 只能是 http/],
    [{ PUBLIC_URL: 'https://ybt.example.gov.cn/?from=qr' }, /PUBLIC_URL 不能带查询参数/],
    [{ TIME_ZONE: 'Beijing' }, /TIME_ZONE 无效/],
    [{ MESSAGE_WEBHOOK_URL: 'qyapi.weixin.qq.com/cgi-bin/webhook/send?key=secret' }, /MESSAGE_WEBHOOK_URL 无法解析/],
    [{ MESSAGE_SMS_URL: 'ftp://sms.example.gov.cn' }, /MESSAGE_SMS_URL 只能是 http/],
    [{ MESSAGE_DEADLINE_JOB_SECONDS: 'hourly' }, /MESSAGE_DEADLINE_JOB_SECONDS 必须是整数/],
  ])('refuses %j with one clear line', (env, message) => {
    expect(() => loadConfig({ DATA_DIR: dir(), ...env })).toThrow(ConfigError);
    expect(() => loadConfig({ DATA_DIR: dir(), ...env })).toThrow(message);
  });

  it.each([
    [undefined, undefined],
    ['', undefined],
    ['https://ybt.example.gov.cn', 'https://ybt.example.gov.cn'],
    ['https://ybt.example.gov.cn/', 'https://ybt.example.gov.cn'],
    [' http://10.1.2.3:3911/onetable// ', 'http://10.1.2.3:3911/onetable'],
  ])('reads PUBLIC_URL %j as %j (absolute http(s), no trailing slash)', (raw, publicUrl) => {
    expect(loadConfig({ DATA_DIR: dir(), ...(raw === undefined ? {} : { PUBLIC_URL: raw }) }).publicUrl).toBe(publicUrl);
  });

  it('turns the outgoing message channels off unless configured; a webhook key never appears in an error', () => {
    const plain = loadConfig({ DATA_DIR: dir(), NODE_ENV: 'production' }).messages;
    expect(plain).toEqual({ deadlineJobSeconds: 600, webhookUrl: undefined, smsUrl: undefined, logSink: false });
    expect(loadConfig({ DATA_DIR: dir() }).messages.logSink).toBe(true); // development
    expect(loadConfig({ DATA_DIR: dir(), NODE_ENV: 'test' }).messages.deadlineJobSeconds).toBe(0);
    expect(() => loadConfig({ DATA_DIR: dir(), MESSAGE_WEBHOOK_URL: 'not a url?key=s3cret' })).toThrow(/^(?!.*s3cret)/);
  });

  it.each([
    [undefined, 'Asia/Shanghai'],
    ['', 'Asia/Shanghai'],
    [' Asia/Urumqi ', 'Asia/Urumqi'],
    ['UTC', 'UTC'],
  ])('reads TIME_ZONE %j as %j (Asia/Shanghai unless set)', (raw, timeZone) => {
    expect(loadConfig({ DATA_DIR: dir(), ...(raw === undefined ? {} : { TIME_ZONE: raw }) }).timeZone).toBe(timeZone);
  });

  it('never echoes a password from DATABASE_URL', () => {
    let message = '';
    try {
      loadConfig({ DATA_DIR: dir(), DATABASE_URL: 'mysql//root:hunter2@host' });
    } catch (err) {
      message = (err as Error).message;
    }
    expect(message).toMatch(/无法解析/);
    expect(message).not.toContain('hunter2');
  });

  it('DATABASE_REPLICA_URLS: read replicas for MySQL, refused with the embedded SQLite', () => {
    const mysql = { DATA_DIR: dir(), DATABASE_URL: 'mysql://u:p@db:3306/one', TOKEN_SECRET: 'x'.repeat(32), PII_KEY: '11'.repeat(32) };
    expect(loadConfig({ ...mysql, DATABASE_REPLICA_URLS: 'mysql://u:p@r1:3306/one, mariadb://u:p@r2:3306/one' }).db).toMatchObject({
      replicaUrls: ['mysql://u:p@r1:3306/one', 'mysql://u:p@r2:3306/one'],
      replicaMaxLagSeconds: 5,
    });
    expect(() => loadConfig({ DATA_DIR: dir(), DATABASE_REPLICA_URLS: 'mysql://u:p@r1:3306/one' })).toThrow(
      /DATABASE_REPLICA_URLS 只能与 MySQL/,
    );
  });
});
