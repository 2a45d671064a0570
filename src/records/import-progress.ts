import { Field, Int, ObjectType } from '@nestjs/graphql';
import { Injectable } from '@nestjs/common';
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
/** How long a finished import's progress stays readable, and how many imports are tracked at most. */
const KEEP_MS = 10 * 60 * 1000;
const MAX_ENTRIES = 1000;

/**
 * Progress of the imports running in this process, keyed by the uploader and a key the browser
 * chose. Kept in memory: the import itself runs in the process that received the file, and a
 * figure that lives a few minutes does not belong in the shared database.
 */
@Injectable()
export class ImportProgressService {
  private readonly entries = new Map<string, Entry>();

  static checkKey(key: string): string {
    if (!KEY.test(key)) throw badField('progressKey', '进度编号应为 8 到 64 位字母、数字或连字符');
    return key;
  }

  /** Starts tracking; answers the callbacks the import calls. An invalid key is refused before the file is read. */
  start(userId: number, key: string, fileName: string, dryRun: boolean) {
    ImportProgressService.checkKey(key);
    this.prune();
    const entry: Entry = { userId, fileName, dryRun, started: Date.now(), rowsRead: 0, rowsWritten: 0, rowsRefused: 0, done: null };
    this.entries.set(`${userId}:${key}`, entry);
    return {
      step: (rowsRead: number, rowsWritten: number, rowsRefused: number) => Object.assign(entry, { rowsRead, rowsWritten, rowsRefused }),
      finish: () => (entry.done = Date.now()),
    };
  }

  /** The caller's own import under this key; null when unknown, another user's, or long finished. */
  get(userId: number, key: string): ImportProgress | null {
    ImportProgressService.checkKey(key);
    this.prune();
    const entry = this.entries.get(`${userId}:${key}`);
    if (!entry || entry.userId !== userId) return null;
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

  private prune() {
    const now = Date.now();
    for (const [key, entry] of this.entries) if (entry.done !== null && now - entry.done > KEEP_MS) this.entries.delete(key);
    // Abandoned keys cannot grow the map without bound: the oldest go first.
    while (this.entries.size >= MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value!);
  }
}
