/**
 * A file of named typed arrays with a JSON header: how the read store saves its in-memory
 * search structures at a clean close, so the next start loads them instead of rebuilding them
 * from every stored read. Each array carries a CRC-32 checked when it is loaded; the file is
 * written under a temporary name, synced and renamed, so a crash leaves the old file or the new
 * one, never half of one.
 *
 * Layout: `RTCCSNAP` · u32 format version · u32 header length · header JSON ·
 * the arrays' bytes one after another, in the header's order.
 */
import { closeSync, fsyncSync, openSync, readSync, renameSync, rmSync, writeSync, fstatSync } from 'node:fs';
import { open, rename, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import { crc32 } from 'node:zlib';

export type Section = Uint8Array | Uint16Array | Uint32Array | Int32Array | Float32Array | Float64Array;

const MAGIC = 'RTCCSNAP';
/**
 * The layout of what is saved: raise it whenever a saved structure changes its arrays or their
 * meaning (the posting pool's block words, the grid cell size, the plate dictionary's symbols),
 * so a file from another version is refused and the index rebuilt rather than misread.
 */
const FORMAT = 1;
const TYPES = {
  u8: Uint8Array,
  u16: Uint16Array,
  u32: Uint32Array,
  i32: Int32Array,
  f32: Float32Array,
  f64: Float64Array,
} as const;
type TypeName = keyof typeof TYPES;

function typeOf(a: Section): TypeName {
  if (a instanceof Uint8Array) return 'u8';
  if (a instanceof Uint16Array) return 'u16';
  if (a instanceof Uint32Array) return 'u32';
  if (a instanceof Int32Array) return 'i32';
  if (a instanceof Float32Array) return 'f32';
  return 'f64';
}

interface SectionEntry {
  name: string;
  type: TypeName;
  length: number;
  offset: number;
  crc: number;
}

interface Header {
  values: Record<string, number | string>;
  sections: SectionEntry[];
}

/** A snapshot file that cannot be used: missing parts, a checksum that does not match, another format. */
export class SnapshotError extends Error {}

/** Collects arrays and values, then writes them as one file. */
export class SnapshotWriter {
  private readonly sections: { name: string; data: Section }[] = [];
  private readonly names = new Set<string>();
  private readonly values: Record<string, number | string> = {};
  private readonly copy: boolean;

  /**
   * @param opts.copy take a copy of each array as it is added, so the file can be written later
   *   (`writeInBackground`) while the originals change; otherwise they are written as they are
   *   when `write` runs
   */
  constructor(opts: { copy?: boolean } = {}) {
    this.copy = opts.copy ?? false;
  }

  /**
   * Adds an array. `own`: it was made for this snapshot and nothing else changes it, so a
   * copying writer takes it as it is.
   */
  array(name: string, data: Section, own = false): void {
    if (this.names.has(name)) throw new Error(`snapshot section ${name} added twice`);
    this.names.add(name);
    this.sections.push({ name, data: this.copy && !own ? data.slice() : data });
  }

  value(name: string, v: number | string): void {
    this.values[name] = v;
  }

  /** Writes the file at `path` (via `path.tmp`, synced when `durable`) and returns its size in bytes. */
  write(path: string, durable: boolean): number {
    const entries = this.sections.map(({ data }) => crc32(bytesOf(data)));
    const { prefix, header, size } = this.head(entries);
    const tmp = `${path}.tmp`;
    const fd = openSync(tmp, 'w', 0o600);
    try {
      writeAll(fd, prefix);
      writeAll(fd, header);
      for (const { data } of this.sections) writeAll(fd, bytesOf(data));
      if (durable) fsyncSync(fd);
    } catch (e) {
      closeSync(fd);
      rmSync(tmp, { force: true });
      throw e;
    }
    closeSync(fd);
    renameSync(tmp, path);
    if (durable) syncFolder(dirname(path));
    return size;
  }

  /**
   * `write` without holding the event loop: checksums one array at a time between other tasks,
   * then the writes and syncs on libuv's thread pool. Needs a writer made with `copy`.
   * `keep()` is asked once the file is in place; when it says no, the file is removed again.
   */
  async writeInBackground(path: string, durable: boolean, keep: () => boolean = () => true): Promise<number> {
    if (!this.copy) throw new Error('writeInBackground needs a writer that copies its arrays');
    const crcs: number[] = [];
    for (const { data } of this.sections) {
      crcs.push(crc32(bytesOf(data)));
      await new Promise((resolve) => setImmediate(resolve));
    }
    const { prefix, header, size } = this.head(crcs);
    const tmp = `${path}.tmp`;
    const fh = await open(tmp, 'w', 0o600);
    try {
      await fh.write(prefix);
      await fh.write(header);
      for (const { data } of this.sections) {
        const bytes = bytesOf(data);
        for (let done = 0; done < bytes.length; ) done += (await fh.write(bytes, done, bytes.length - done)).bytesWritten;
      }
      if (durable) await fh.sync();
    } catch (e) {
      await fh.close();
      await rm(tmp, { force: true });
      throw e;
    }
    await fh.close();
    await rename(tmp, path);
    if (!keep()) {
      await rm(path, { force: true });
      return 0;
    }
    if (durable) {
      const dir = await open(dirname(path), 'r');
      await dir.sync().finally(() => dir.close());
    }
    return size;
  }

  /** The file's first bytes and header for sections with these checksums, and the whole size. */
  private head(crcs: number[]): { prefix: Buffer; header: Buffer; size: number } {
    const entries: SectionEntry[] = [];
    let offset = 0;
    this.sections.forEach(({ name, data }, i) => {
      entries.push({ name, type: typeOf(data), length: data.length, offset, crc: crcs[i] });
      offset += data.byteLength;
    });
    const header = Buffer.from(JSON.stringify({ values: this.values, sections: entries } satisfies Header));
    const prefix = Buffer.alloc(16);
    prefix.write(MAGIC, 0, 'latin1');
    prefix.writeUInt32LE(FORMAT, 8);
    prefix.writeUInt32LE(header.length, 12);
    return { prefix, header, size: prefix.length + header.length + offset };
  }
}

/** Reads the arrays of a snapshot file one by one, each checked against its CRC-32. */
export class SnapshotReader {
  private readonly fd: number;
  private readonly base: number;
  private readonly header: Header;
  private readonly byName = new Map<string, SectionEntry>();

  private constructor(fd: number, base: number, header: Header) {
    this.fd = fd;
    this.base = base;
    this.header = header;
    for (const s of header.sections) this.byName.set(s.name, s);
  }

  /** Opens `path`; undefined when there is no such file, SnapshotError when it is not a snapshot. */
  static open(path: string): SnapshotReader | undefined {
    let fd: number;
    try {
      fd = openSync(path, 'r');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw e;
    }
    try {
      const size = fstatSync(fd).size;
      const prefix = Buffer.alloc(16);
      if (readSync(fd, prefix, 0, 16, 0) !== 16 || prefix.toString('latin1', 0, 8) !== MAGIC) throw new SnapshotError('not a snapshot file');
      if (prefix.readUInt32LE(8) !== FORMAT) throw new SnapshotError(`snapshot format ${prefix.readUInt32LE(8)}, expected ${FORMAT}`);
      const headerLength = prefix.readUInt32LE(12);
      if (16 + headerLength > size) throw new SnapshotError('snapshot header cut short');
      const raw = Buffer.alloc(headerLength);
      readSync(fd, raw, 0, headerLength, 16);
      let header: Header;
      try {
        header = JSON.parse(raw.toString('utf8')) as Header;
      } catch {
        throw new SnapshotError('snapshot header is not JSON');
      }
      const base = 16 + headerLength;
      const last = header.sections[header.sections.length - 1];
      const end = last ? base + last.offset + last.length * TYPES[last.type].BYTES_PER_ELEMENT : base;
      if (end !== size) throw new SnapshotError(`snapshot file is ${size} bytes, its header describes ${end}`);
      return new SnapshotReader(fd, base, header);
    } catch (e) {
      closeSync(fd);
      throw e;
    }
  }

  has(name: string): boolean {
    return this.byName.has(name);
  }

  number(name: string): number {
    const v = this.header.values[name];
    if (typeof v !== 'number') throw new SnapshotError(`snapshot value ${name} is missing`);
    return v;
  }

  string(name: string): string {
    const v = this.header.values[name];
    if (typeof v !== 'string') throw new SnapshotError(`snapshot value ${name} is missing`);
    return v;
  }

  /** The array `name`, read into memory of its own; `type` asserts its element type. */
  array<T extends TypeName>(name: string, type?: T): InstanceType<(typeof TYPES)[T]> {
    const s = this.byName.get(name);
    if (!s) throw new SnapshotError(`snapshot section ${name} is missing`);
    if (type && s.type !== type) throw new SnapshotError(`snapshot section ${name} holds ${s.type}, expected ${type}`);
    const a = new TYPES[s.type](s.length) as Section;
    const bytes = bytesOf(a);
    let done = 0;
    while (done < bytes.length) {
      const n = readSync(this.fd, bytes, done, bytes.length - done, this.base + s.offset + done);
      if (n === 0) throw new SnapshotError(`snapshot section ${name} cut short`);
      done += n;
    }
    if (crc32(bytes) !== s.crc) throw new SnapshotError(`snapshot section ${name} does not match its checksum`);
    return a as InstanceType<(typeof TYPES)[T]>;
  }

  close(): void {
    closeSync(this.fd);
  }
}

function bytesOf(a: Section): Uint8Array {
  return new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
}

function writeAll(fd: number, bytes: Uint8Array): void {
  let done = 0;
  while (done < bytes.length) done += writeSync(fd, bytes, done, bytes.length - done);
}

function syncFolder(path: string): void {
  const fd = openSync(path, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
