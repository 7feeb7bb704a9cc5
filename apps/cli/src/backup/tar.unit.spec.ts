import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { readTar, TAR_BLOCK, TarFormatError, TarWriter } from './tar.js';

const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');

describe('ustar writer and reader', () => {
  let dir: string;
  const archive = () => join(dir, 'archive.tar');
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'ledger-tar-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  /** Every entry read back: its header fields and its data. */
  const readAll = (path: string) =>
    Array.from(readTar(path), (entry) => ({
      name: entry.name,
      size: entry.size,
      mode: entry.mode,
      type: entry.type,
      data: Buffer.concat([...entry.chunks()]),
    }));

  it('given a buffer, a file of 1000 bytes, an empty file and a file of exactly two blocks, when written and read back, then each entry has its name, size and bytes, and the archive ends in two zero blocks', () => {
    const odd = randomBytes(1000);
    const even = randomBytes(2 * TAR_BLOCK);
    writeFileSync(join(dir, 'odd.bin'), odd);
    writeFileSync(join(dir, 'empty.bin'), '');
    writeFileSync(join(dir, 'even.bin'), even);
    const manifest = Buffer.from('{"format":"test"}\n');

    const tar = TarWriter.create(archive());
    const written = [
      tar.addBuffer('manifest.json', manifest),
      tar.addFile('odd.sqlite', join(dir, 'odd.bin')),
      tar.addFile('empty.sqlite', join(dir, 'empty.bin')),
      tar.addFile('even.sqlite', join(dir, 'even.bin')),
    ];
    tar.finish();

    expect(written).toEqual([
      { bytes: manifest.length, sha256: sha256(manifest) },
      { bytes: 1000, sha256: sha256(odd) },
      { bytes: 0, sha256: sha256(Buffer.alloc(0)) },
      { bytes: 1024, sha256: sha256(even) },
    ]);
    expect(readAll(archive())).toEqual([
      { name: 'manifest.json', size: manifest.length, mode: 0o600, type: 'file', data: manifest },
      { name: 'odd.sqlite', size: 1000, mode: 0o600, type: 'file', data: odd },
      { name: 'empty.sqlite', size: 0, mode: 0o600, type: 'file', data: Buffer.alloc(0) },
      { name: 'even.sqlite', size: 1024, mode: 0o600, type: 'file', data: even },
    ]);
    // Headers, data padded to whole blocks (1000 → 1024), then the end of archive.
    const bytes = readFileSync(archive());
    expect(bytes.length).toBe(4 * TAR_BLOCK + TAR_BLOCK + 1024 + 0 + 1024 + 2 * TAR_BLOCK);
    expect(bytes.subarray(-2 * TAR_BLOCK).every((byte) => byte === 0)).toBe(true);
  });

  it('given an archive with one byte of a header changed, when read, then it is refused naming the header and its checksum', () => {
    const tar = TarWriter.create(archive());
    tar.addBuffer('manifest.json', Buffer.from('{}'));
    tar.addBuffer('events.sqlite', Buffer.from('data'));
    tar.finish();
    const bytes = readFileSync(archive());
    const second = 2 * TAR_BLOCK; // the manifest's header and its one block of data come first
    bytes[second + 1] = 'X'.charCodeAt(0); // 'events' → 'eXents'
    writeFileSync(archive(), bytes);

    const entries = readTar(archive());
    expect(entries.next().value).toMatchObject({ name: 'manifest.json' });
    expect(() => entries.next()).toThrow(TarFormatError);
    expect(() => [...readTar(archive())]).toThrow(
      new RegExp(
        `archive\\.tar: the tar header at byte ${second} is damaged: its checksum says \\d+, its bytes sum to \\d+$`,
      ),
    );
  });

  it('given an archive cut short, or a file that is not an archive, when read, then it is refused as truncated or not ustar', () => {
    const tar = TarWriter.create(archive());
    tar.addBuffer('events.sqlite', randomBytes(3000));
    tar.finish();
    const bytes = readFileSync(archive());
    writeFileSync(join(dir, 'cut.tar'), bytes.subarray(0, 2000));
    writeFileSync(join(dir, 'text.tar'), Buffer.alloc(TAR_BLOCK * 3, 'not a tar archive '));

    expect(() => [...readTar(join(dir, 'cut.tar'))]).toThrow(
      /cut\.tar is truncated: events\.sqlite needs 3000 bytes from byte 512, the file has 1488/,
    );
    expect(() => [...readTar(join(dir, 'text.tar'))]).toThrow(/the tar header at byte 0 is damaged/);
  });

  it('given an existing file, when a writer is created on it, then it is refused and the file is untouched', () => {
    writeFileSync(archive(), 'keep me');

    expect(() => TarWriter.create(archive())).toThrow(expect.objectContaining({ code: 'EEXIST' }));
    expect(readFileSync(archive(), 'utf8')).toBe('keep me');
  });

  it('given a name over 100 bytes, when added, then it is refused before anything is written', () => {
    const tar = TarWriter.create(archive());

    expect(() => tar.addBuffer('x'.repeat(101), Buffer.from('data'))).toThrow(RangeError);
    tar.close();
    expect(statSync(archive()).size).toBe(0);
  });
});
