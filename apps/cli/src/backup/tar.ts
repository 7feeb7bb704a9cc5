import { createHash } from 'node:crypto';
import { closeSync, fstatSync, fsyncSync, openSync, readSync, writeSync } from 'node:fs';

/**
 * A small POSIX ustar archive writer and reader, for the backup file: regular files only, names of
 * up to 100 bytes, sizes below 8 GiB (11 octal digits). Both stream: data goes through in chunks,
 * never a whole file in memory. Archives it writes are read by `tar` (GNU, bsdtar) as well.
 */

export const TAR_BLOCK = 512;
/** The largest size the 12-byte octal field holds: 8 GiB - 1. */
export const TAR_MAX_FILE_BYTES = 8 * 1024 ** 3 - 1;
const CHUNK_BYTES = 1024 * 1024;
const END_OF_ARCHIVE = Buffer.alloc(2 * TAR_BLOCK);

/** The archive is not one this reader can read, or is damaged; the message says where. */
export class TarFormatError extends Error {
  override readonly name = 'TarFormatError';
}

export interface TarEntryOptions {
  /** Modification time; now when absent. */
  readonly mtime?: Date;
  /** Permission bits; 0o600 when absent (a backup holds keys and token hashes). */
  readonly mode?: number;
}

/** What an entry added to an archive held. */
export interface TarWritten {
  readonly bytes: number;
  readonly sha256: string;
}

/**
 * Writes a ustar archive to a new file, entry by entry; `finish` writes the end-of-archive blocks
 * and fsyncs. The file is created exclusively: an existing file is never overwritten.
 *
 * @example
 * const tar = TarWriter.create('backup.tar.partial');
 * tar.addBuffer('manifest.json', Buffer.from('{}'));
 * tar.addFile('events.sqlite', '/tmp/copy/events.sqlite');
 * tar.finish();
 */
export class TarWriter {
  private closed = false;

  private constructor(
    private readonly fd: number,
    readonly path: string,
  ) {}

  /** @throws the `open` error, with code EEXIST when the file exists. */
  static create(path: string): TarWriter {
    return new TarWriter(openSync(path, 'wx', 0o600), path);
  }

  addBuffer(name: string, data: Buffer, options: TarEntryOptions = {}): TarWritten {
    this.write(tarHeader(name, data.length, options));
    this.write(data);
    this.write(padding(data.length));
    return { bytes: data.length, sha256: createHash('sha256').update(data).digest('hex') };
  }

  /**
   * Streams a file into the archive. Its size is taken when the entry starts; a file that grows or
   * shrinks meanwhile is refused (the archive would not hold what its header says).
   */
  addFile(name: string, sourcePath: string, options: TarEntryOptions = {}): TarWritten {
    const source = openSync(sourcePath, 'r');
    try {
      const size = fstatSync(source).size;
      this.write(tarHeader(name, size, options));
      const hash = createHash('sha256');
      const chunk = Buffer.allocUnsafe(Math.min(CHUNK_BYTES, Math.max(size, 1)));
      let copied = 0;
      while (copied < size) {
        const read = readSync(source, chunk, 0, Math.min(chunk.length, size - copied), copied);
        if (read === 0) throw new Error(`${sourcePath} shrank while it was archived`);
        const data = chunk.subarray(0, read);
        hash.update(data);
        this.write(data);
        copied += read;
      }
      if (readSync(source, Buffer.alloc(1), 0, 1, size) !== 0) {
        throw new Error(`${sourcePath} grew while it was archived`);
      }
      this.write(padding(size));
      return { bytes: size, sha256: hash.digest('hex') };
    } finally {
      closeSync(source);
    }
  }

  /** Ends the archive (two zero blocks), flushes it to the disk and closes the file. */
  finish(): void {
    this.write(END_OF_ARCHIVE);
    fsyncSync(this.fd);
    this.close();
  }

  /** Closes the file without ending the archive (the caller removes it). */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    closeSync(this.fd);
  }

  private write(data: Buffer): void {
    for (let written = 0; written < data.length;) {
      written += writeSync(this.fd, data, written, data.length - written);
    }
  }
}

/** One entry of an archive being read. */
export interface TarEntry {
  readonly name: string;
  readonly size: number;
  readonly mode: number;
  readonly mtime: Date;
  /** 'file' for a regular file; any other type is reported by its ustar type flag. */
  readonly type: 'file' | `type ${string}`;
  /** Where the entry's data starts in the archive. */
  readonly offset: number;
  /**
   * The entry's data, read from the archive chunk by chunk as it is iterated; only while the
   * entry is the current one (the reader moves on, and closes the file, after it).
   */
  chunks(): Generator<Buffer>;
}

/**
 * The entries of a ustar archive, in order. Each header's checksum is checked before the entry is
 * given out; the data an entry's `chunks` do not read is skipped. Stops at the end-of-archive block.
 *
 * @throws TarFormatError naming the byte offset of a damaged header, a truncated archive, or a
 * file that is not a ustar archive.
 * @example
 * for (const entry of readTar('backup.tar')) {
 *   for (const chunk of entry.chunks()) hash.update(chunk);
 * }
 */
export function* readTar(path: string): Generator<TarEntry> {
  const fd = openSync(path, 'r');
  let current = 0;
  try {
    const length = fstatSync(fd).size;
    const header = Buffer.alloc(TAR_BLOCK);
    for (let at = 0; ;) {
      if (at + TAR_BLOCK > length) {
        throw new TarFormatError(
          `${path} is truncated: it ends at byte ${length} without the end of archive`,
        );
      }
      readFully(fd, header, at);
      if (header.every((byte) => byte === 0)) return;
      const entry = parseHeader(header, at, path);
      const offset = at + TAR_BLOCK;
      if (offset + entry.size > length) {
        throw new TarFormatError(
          `${path} is truncated: ${entry.name} needs ${entry.size} bytes from byte ${offset}, the file has ${length - offset}`,
        );
      }
      const index = (current += 1);
      const chunks = () => {
        if (index !== current) throw new Error(`${entry.name}: read its data before the next entry`);
        return dataChunks(fd, offset, entry.size);
      };
      yield { ...entry, offset, chunks };
      at = offset + entry.size + padding(entry.size).length;
    }
  } finally {
    current = -1;
    closeSync(fd);
  }
}

function* dataChunks(fd: number, offset: number, size: number): Generator<Buffer> {
  for (let done = 0; done < size;) {
    const chunk = Buffer.allocUnsafe(Math.min(CHUNK_BYTES, size - done));
    readFully(fd, chunk, offset + done);
    done += chunk.length;
    yield chunk;
  }
}

function readFully(fd: number, into: Buffer, position: number): void {
  for (let read = 0; read < into.length;) {
    const got = readSync(fd, into, read, into.length - read, position + read);
    if (got === 0) throw new TarFormatError(`the archive ends early, at byte ${position + read}`);
    read += got;
  }
}

// The ustar header: [offset, length] of each field used here.
const FIELD = {
  name: [0, 100],
  mode: [100, 8],
  uid: [108, 8],
  gid: [116, 8],
  size: [124, 12],
  mtime: [136, 12],
  checksum: [148, 8],
  type: [156, 1],
  magic: [257, 6],
  version: [263, 2],
  prefix: [345, 155],
} as const satisfies Record<string, readonly [number, number]>;

function tarHeader(name: string, size: number, options: TarEntryOptions): Buffer {
  const nameBytes = Buffer.from(name, 'utf8');
  if (nameBytes.length === 0 || nameBytes.length > FIELD.name[1] || name.includes('\0')) {
    throw new RangeError(`A tar entry name must have 1 to ${FIELD.name[1]} bytes, got "${name}"`);
  }
  if (!Number.isSafeInteger(size) || size < 0 || size > TAR_MAX_FILE_BYTES) {
    throw new RangeError(`${name} has ${size} bytes: a ustar entry holds at most ${TAR_MAX_FILE_BYTES}`);
  }
  const header = Buffer.alloc(TAR_BLOCK);
  nameBytes.copy(header, FIELD.name[0]);
  octal(header, FIELD.mode, options.mode ?? 0o600);
  octal(header, FIELD.uid, 0);
  octal(header, FIELD.gid, 0);
  octal(header, FIELD.size, size);
  octal(header, FIELD.mtime, Math.floor((options.mtime ?? new Date()).getTime() / 1000));
  header.write('0', FIELD.type[0], 'latin1');
  header.write('ustar\u000000', FIELD.magic[0], 'latin1');
  // The checksum is 6 octal digits, a NUL and a space, over the header with the field as spaces.
  header.write(`${checksumOf(header).toString(8).padStart(6, '0')}\u0000 `, FIELD.checksum[0], 'latin1');
  return header;
}

/** An octal field: zero-padded digits and a NUL terminator. */
function octal(header: Buffer, [offset, length]: readonly [number, number], value: number): void {
  header.write(`${value.toString(8).padStart(length - 1, '0')}\u0000`, offset, 'latin1');
}

/** The sum of the header's bytes, the checksum field counted as eight spaces. */
function checksumOf(header: Buffer): number {
  let sum = 8 * 0x20;
  for (let i = 0; i < TAR_BLOCK; i += 1) {
    const inField = i >= FIELD.checksum[0] && i < FIELD.checksum[0] + FIELD.checksum[1];
    if (!inField) sum += header[i] ?? 0;
  }
  return sum;
}

function parseHeader(header: Buffer, at: number, path: string): Omit<TarEntry, 'offset' | 'chunks'> {
  const damaged = (why: string) => new TarFormatError(`${path}: the tar header at byte ${at} ${why}`);
  const stored = parseOctal(field(header, FIELD.checksum));
  const computed = checksumOf(header);
  if (stored !== computed) {
    throw damaged(
      `is damaged: its checksum says ${stored ?? 'nothing readable'}, its bytes sum to ${computed}`,
    );
  }
  // POSIX writes "ustar\0" "00"; GNU tar "ustar " " \0". Both lay out the fields used here alike.
  if (header.toString('latin1', FIELD.magic[0], FIELD.magic[0] + 5) !== 'ustar') {
    throw damaged('is not a ustar header');
  }
  const size = parseOctal(field(header, FIELD.size));
  if (size === undefined) throw damaged('has a size that is not an octal number (or is over 8 GiB)');
  const name = field(header, FIELD.name);
  const prefix = field(header, FIELD.prefix);
  const flag = header.toString('latin1', FIELD.type[0], FIELD.type[0] + 1);
  return {
    name: prefix === '' ? name : `${prefix}/${name}`,
    size,
    mode: parseOctal(field(header, FIELD.mode)) ?? 0,
    mtime: new Date((parseOctal(field(header, FIELD.mtime)) ?? 0) * 1000),
    type: flag === '0' || flag === '\u0000' ? 'file' : `type ${flag}`,
  };
}

/** A field's text up to its first NUL. */
function field(header: Buffer, [offset, length]: readonly [number, number]): string {
  const bytes = header.subarray(offset, offset + length);
  const end = bytes.indexOf(0);
  return bytes.subarray(0, end === -1 ? length : end).toString('utf8');
}

function parseOctal(text: string): number | undefined {
  const digits = text.trim();
  return /^[0-7]{1,11}$/.test(digits) ? parseInt(digits, 8) : undefined;
}

function padding(size: number): Buffer {
  return Buffer.alloc((TAR_BLOCK - (size % TAR_BLOCK)) % TAR_BLOCK);
}
