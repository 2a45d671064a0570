// A small read-only zip reader for .xlsx files, over Node's zlib. Why our own: the sizes in the
// central directory are checked (total, and ratio per entry) BEFORE anything is inflated, and each
// entry is inflated as a stream with a running byte cap (a lying size cannot expand past it), so a
// zip bomb is refused after reading a few hundred bytes instead of after filling the memory.
import { open, type FileHandle } from 'node:fs/promises';
import { createInflateRaw } from 'node:zlib';

/** The bounds an archive must keep; a breach is a ZipLimitError naming the bound. */
export interface ZipLimits {
  /** All entries together, uncompressed. */
  maxUncompressedBytes: number;
  /** Uncompressed : compressed, for entries over RATIO_FLOOR bytes (small XML parts compress very well and harm nobody). */
  maxRatio: number;
}

export interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  uncompressedSize: number;
  localHeaderOffset: number;
}

/** The file is not a zip (or is damaged): the reader's caller words it for the cadre. */
export class ZipFormatError extends Error {}
/** A bound of ZipLimits was passed: `limit` names which one. */
export class ZipLimitError extends Error {
  constructor(
    message: string,
    readonly limit: 'uncompressed' | 'ratio',
  ) {
    super(message);
  }
}

const RATIO_FLOOR = 1 << 20;
const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
/** Compressed bytes handed to zlib at a time: the event loop gets a turn between slices. */
const SLICE = 64 * 1024;

/** Random access to the bytes: an uploaded buffer or a file on disk (read in slices, never whole). */
interface Bytes {
  size: number;
  read(offset: number, length: number): Promise<Buffer>;
  close(): Promise<void>;
}

function bufferBytes(buf: Buffer): Bytes {
  return {
    size: buf.length,
    read: async (offset, length) => buf.subarray(offset, Math.min(buf.length, offset + length)),
    close: async () => {},
  };
}

async function fileBytes(path: string): Promise<Bytes> {
  const handle: FileHandle = await open(path, 'r');
  const { size } = await handle.stat();
  return {
    size,
    read: async (offset, length) => {
      const buf = Buffer.alloc(Math.max(0, Math.min(length, size - offset)));
      const { bytesRead } = await handle.read(buf, 0, buf.length, offset);
      return buf.subarray(0, bytesRead);
    },
    close: () => handle.close(),
  };
}

export class ZipArchive {
  private constructor(
    private readonly bytes: Bytes,
    readonly entries: Map<string, ZipEntry>,
  ) {}

  /** Reads the central directory and checks the declared sizes against the limits; inflates nothing. */
  static async open(src: string | Buffer, limits: ZipLimits): Promise<ZipArchive> {
    const bytes = typeof src === 'string' ? await fileBytes(src) : bufferBytes(src);
    try {
      const entries = await readDirectory(bytes);
      let total = 0;
      for (const entry of entries.values()) {
        total += entry.uncompressedSize;
        if (entry.uncompressedSize > RATIO_FLOOR && entry.uncompressedSize > limits.maxRatio * Math.max(1, entry.compressedSize))
          throw new ZipLimitError(
            `压缩比超过上限（${limits.maxRatio} 倍）：文件内“${entry.name}”压缩后 ${entry.compressedSize} 字节，解压后 ${entry.uncompressedSize} 字节`,
            'ratio',
          );
      }
      if (total > limits.maxUncompressedBytes)
        throw new ZipLimitError(`解压后大小超过上限（${mb(limits.maxUncompressedBytes)} MB）：共 ${mb(total)} MB`, 'uncompressed');
      return new ZipArchive(bytes, entries);
    } catch (err) {
      await bytes.close();
      throw err;
    }
  }

  close(): Promise<void> {
    return this.bytes.close();
  }

  /** The entry's name as stored, found case-insensitively (some writers change the case of part names). */
  find(name: string): ZipEntry | undefined {
    const wanted = name.replace(/^\/+/, '').toLowerCase();
    for (const [key, entry] of this.entries) if (key.toLowerCase() === wanted) return entry;
    return undefined;
  }

  /** The entry's bytes, inflated in slices; more than the central directory declared is damage, not data. */
  async *stream(entry: ZipEntry): AsyncGenerator<Buffer> {
    const header = await this.bytes.read(entry.localHeaderOffset, 30);
    if (header.length < 30 || header.readUInt32LE(0) !== LOCAL) throw new ZipFormatError(`“${entry.name}”的本地文件头损坏`);
    const start = entry.localHeaderOffset + 30 + header.readUInt16LE(26) + header.readUInt16LE(28);
    const end = start + entry.compressedSize;
    if (end > this.bytes.size) throw new ZipFormatError(`“${entry.name}”的数据不完整`);
    if (entry.method === 0) {
      for (let at = start; at < end; at += SLICE) yield await this.bytes.read(at, Math.min(SLICE, end - at));
      return;
    }
    if (entry.method !== 8) throw new ZipFormatError(`“${entry.name}”使用了不支持的压缩方式 ${entry.method}`);
    const inflate = createInflateRaw({ chunkSize: SLICE });
    let produced = 0;
    const feed = async () => {
      try {
        for (let at = start; at < end; at += SLICE) {
          const slice = await this.bytes.read(at, Math.min(SLICE, end - at));
          if (!inflate.write(slice))
            await new Promise((resolve) => {
              inflate.once('drain', resolve);
              inflate.once('close', resolve);
            });
          if (inflate.destroyed) return;
        }
        inflate.end();
      } catch (err) {
        inflate.destroy(err as Error);
      }
    };
    void feed();
    try {
      for await (const chunk of inflate) {
        produced += (chunk as Buffer).length;
        if (produced > entry.uncompressedSize)
          throw new ZipFormatError(`“${entry.name}”解压后的大小与文件目录所记不符（可能已损坏或被篡改）`);
        yield chunk as Buffer;
      }
    } finally {
      inflate.destroy();
    }
  }
}

const mb = (bytes: number) => Math.round(bytes / (1 << 20));

async function readDirectory(bytes: Bytes): Promise<Map<string, ZipEntry>> {
  // The end-of-central-directory record is in the last 22 + 65,535 (comment) bytes.
  const tailLength = Math.min(bytes.size, 22 + 0xffff);
  const tail = await bytes.read(bytes.size - tailLength, tailLength);
  let eocd = -1;
  for (let i = tail.length - 22; i >= 0; i--)
    if (tail.readUInt32LE(i) === EOCD) {
      eocd = i;
      break;
    }
  if (eocd < 0) throw new ZipFormatError('找不到 zip 目录');
  const count = tail.readUInt16LE(eocd + 10);
  const dirSize = tail.readUInt32LE(eocd + 12);
  const dirOffset = tail.readUInt32LE(eocd + 16);
  if (count === 0xffff || dirOffset === 0xffffffff) throw new ZipFormatError('不支持 ZIP64 格式');
  if (dirOffset + dirSize > bytes.size) throw new ZipFormatError('zip 目录超出文件范围');
  const dir = await bytes.read(dirOffset, dirSize);
  const entries = new Map<string, ZipEntry>();
  let at = 0;
  for (let i = 0; i < count; i++) {
    if (at + 46 > dir.length || dir.readUInt32LE(at) !== CENTRAL) throw new ZipFormatError('zip 目录损坏');
    const nameLength = dir.readUInt16LE(at + 28);
    const extraLength = dir.readUInt16LE(at + 30);
    const commentLength = dir.readUInt16LE(at + 32);
    const flags = dir.readUInt16LE(at + 8);
    const nameBytes = dir.subarray(at + 46, at + 46 + nameLength);
    // Bit 11: the name is UTF-8; otherwise CP437, which for the ASCII part names of a workbook is the same.
    const name = nameBytes.toString(flags & 0x800 ? 'utf8' : 'latin1');
    const entry: ZipEntry = {
      name,
      method: dir.readUInt16LE(at + 10),
      compressedSize: dir.readUInt32LE(at + 20),
      uncompressedSize: dir.readUInt32LE(at + 24),
      localHeaderOffset: dir.readUInt32LE(at + 42),
    };
    if (entry.compressedSize === 0xffffffff || entry.uncompressedSize === 0xffffffff || entry.localHeaderOffset === 0xffffffff)
      throw new ZipFormatError('不支持 ZIP64 格式');
    entries.set(name, entry);
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}
