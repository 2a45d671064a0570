import { Field, Int, ObjectType } from '@nestjs/graphql';
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { ImportProgressRow } from './import-progress.entity.js';
import { badField } from '../common/errors.js';

/** What the import page shows while a long file is read and written. */
@ObjectType({ description: '一次导入的进度（上传者本人可查，完成后保留 10 分钟）' })
export class ImportProgress {
  @Field({ description: '文件名' })
  fileName!: string;

  @Field({ description: '是否为试运行（只检查，不写入）' })
  dryRun!: boolean;

  @Field(() => Int, { description: '已读取的数据行（不含表头）' })
  rowsRead!: number;

  @Field(() => Int, { description: '已写入（试运行：可写入）的行' })
  rowsWritten!: number;

  @Field(() => Int, { description: '已发现问题的行' })
  rowsRefused!: number;

  @Field({ description: '是否已结束（成功或失败）' })
  done!: boolean;

  @Field(() => Int, { description: '已用时间（毫秒）' })
  elapsedMs!: number;
}

interface Entry {
  userId: number;
  fileName: string;
  dryRun: boolean;
  started: number;
  rowsRead: number;
  rowsWritten: number;
  rowsRefused: number;
  done: number | null;
}

/** A progress key the browser makes up (crypto.randomUUID()): letters, digits and dashes. */
const KEY = /^[A-Za-z0-9-]{8,64}$/;
/** How long a finished import's progress stays readable. */
const KEEP_MS = 10 * 60 * 1000;
/** How many of this process's imports it keeps in memory at most. */
const MAX_LOCAL = 1000;
/** Where the figures live: read by every server process on the same database. */
interface ProgressStore {
  put(key: string, entry: Entry): Promise<void>;
  get(userId: number, key: string): Promise<Entry | null>;
  prune(olderThan: number): Promise<void>;
}

/** MySQL: a row per import, written with autocommit (a pool connection of its own, outside the import's transaction). */
class TableStore implements ProgressStore {
  constructor(private readonly dataSource: DataSource) {}
  private get repo() {
    return this.dataSource.getRepository(ImportProgressRow);
  }
  async put(key: string, entry: Entry): Promise<void> {
    const values = {
      fileName: entry.fileName.slice(0, 255),
      dryRun: entry.dryRun,
      startedMs: entry.started,
      doneMs: entry.done,
      rowsRead: entry.rowsRead,
      rowsWritten: entry.rowsWritten,
      rowsRefused: entry.rowsRefused,
    };
    const updated = await this.repo.update({ userId: entry.userId, progressKey: key }, values);
    if (!updated.affected) await this.repo.insert({ userId: entry.userId, progressKey: key, ...values });
  }
  async get(userId: number, key: string): Promise<Entry | null> {
    const row = await this.repo.findOneBy({ userId, progressKey: key });
    if (!row) return null;
    return { ...row, started: row.startedMs, done: row.doneMs };
  }
  async prune(olderThan: number): Promise<void> {
    await this.repo.createQueryBuilder().delete().where('started_ms < :olderThan', { olderThan }).execute();
  }
}

/**
 * SQLite: the import's transaction holds the database while it runs, so the figures go to small files beside the
 * database file — every process on an embedded database shares that folder. Written whole and renamed into place.
 */
class FileStore implements ProgressStore {
  constructor(private readonly dir: string) {}
  private file(userId: number, key: string) {
    return join(this.dir, `${createHash('sha256').update(`${userId}:${key}`).digest('hex').slice(0, 40)}.json`);
  }
  /** The folder, made once per process (not at every write). */
  private made: Promise<unknown> | null = null;
  async put(key: string, entry: Entry): Promise<void> {
    await (this.made ??= mkdir(this.dir, { recursive: true }).catch((err: unknown) => {
      this.made = null;
      throw err;
    }));
    const file = this.file(entry.userId, key);
    const temporary = `${file}.${process.pid}.${randomBytes(4).toString('hex')}`;
    await writeFile(temporary, JSON.stringify(entry));
    await rename(temporary, file);
  }
  async get(userId: number, key: string): Promise<Entry | null> {
    try {
      const entry = JSON.parse(await readFile(this.file(userId, key), 'utf8')) as Entry;
      return entry.userId === userId ? entry : null;
    } catch {
      return null;
    }
  }
  async prune(olderThan: number): Promise<void> {
    const names = await readdir(this.dir).catch(() => [] as string[]);
    for (const name of names) {
      const path = join(this.dir, name);
      const info = await stat(path).catch(() => null);
      if (info && info.mtimeMs < olderThan) await rm(path, { force: true });
    }
  }
}

/**
 * Progress of running imports, keyed by the uploader and a key the browser chose, kept where every server process
 * reads it (import_progress on MySQL, files beside the SQLite database): the upload goes to one process, the
 * polling may reach another. One write is in flight at a time (the newest figures next); the last figures are written before the
 * upload answers. A figure that cannot be written is logged and never fails the import.
 */
@Injectable()
export class ImportProgressService {
  private readonly store: ProgressStore;
  private readonly log = new Logger('ImportProgress');
  private lastPrune = 0;
  /**
   * This process's own imports, read first: while an import's batches keep this thread busy, its figures reach
   * the store only between them, but a poll answered here sees the newest at once. Other processes read the store.
   */
  private readonly local = new Map<string, Entry>();

  constructor(dataSource: DataSource, @Inject(APP_CONFIG) config: AppConfig) {
    this.store =
      config.db.kind === 'sqlite' ? new FileStore(join(dirname(config.db.sqlitePath!), 'import-progress')) : new TableStore(dataSource);
  }

  static checkKey(key: string): string {
    if (!KEY.test(key)) throw badField('progressKey', '进度编号应为 8 到 64 位字母、数字或连字符');
    return key;
  }

  /** Starts tracking; answers the callbacks the import calls. An invalid key is refused before the file is read. */
  async start(userId: number, key: string, fileName: string, dryRun: boolean) {
    ImportProgressService.checkKey(key);
    await this.prune();
    const entry: Entry = { userId, fileName, dryRun, started: Date.now(), rowsRead: 0, rowsWritten: 0, rowsRefused: 0, done: null };
    this.local.set(`${userId}:${key}`, entry);
    // One write in flight at a time: a step while one is running marks the figures dirty, and the newest figures
    // are written as soon as it ends — as many writes as the store can take, never a queue of stale ones.
    let inFlight: Promise<void> | null = null;
    let dirty = false;
    const write = (): Promise<void> => {
      dirty = false;
      const snapshot = { ...entry };
      inFlight = this.store
        .put(key, snapshot)
        .catch((err: unknown) => this.failed(err))
        .then(() => {
          inFlight = null;
          if (dirty) return write();
        });
      return inFlight;
    };
    await write();
    return {
      step: (rowsRead: number, rowsWritten: number, rowsRefused: number) => {
        Object.assign(entry, { rowsRead, rowsWritten, rowsRefused });
        if (inFlight) dirty = true;
        else void write();
      },
      finish: async () => {
        entry.done = Date.now();
        while (inFlight) await inFlight;
        await write();
      },
    };
  }

  /** The caller's own import under this key; null when unknown, another user's, or long finished. */
  async get(userId: number, key: string): Promise<ImportProgress | null> {
    ImportProgressService.checkKey(key);
    const entry = this.local.get(`${userId}:${key}`) ?? (await this.store.get(userId, key));
    if (!entry || entry.userId !== userId || (entry.done !== null && Date.now() - entry.done > KEEP_MS)) return null;
    return {
      fileName: entry.fileName,
      dryRun: entry.dryRun,
      rowsRead: entry.rowsRead,
      rowsWritten: entry.rowsWritten,
      rowsRefused: entry.rowsRefused,
      done: entry.done !== null,
      elapsedMs: (entry.done ?? Date.now()) - entry.started,
    };
  }

  /** This process's finished imports go after KEEP_MS; the store's figures of imports started over a day ago, at most once a minute. */
  private async prune() {
    const now = Date.now();
    for (const [key, entry] of this.local) if (entry.done !== null && now - entry.done > KEEP_MS) this.local.delete(key);
    // Abandoned keys cannot grow the map without bound: the oldest go first.
    while (this.local.size >= MAX_LOCAL) this.local.delete(this.local.keys().next().value!);
    if (Date.now() - this.lastPrune < 60_000) return;
    this.lastPrune = Date.now();
    await this.store.prune(Date.now() - 24 * 3600_000).catch((err: unknown) => this.failed(err));
  }

  private failed(err: unknown) {
    this.log.warn(`import progress not written: ${String(err)}`);
  }
}
