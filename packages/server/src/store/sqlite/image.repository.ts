/**
 * The embedded image store: one file per image under `<RTCC_DATA_DIR>/images/<YYYY-MM-DD>/`, the
 * UTC day the read was observed, named by the hash of its bytes. Files are written to a temporary
 * name, synced, and renamed into place, so a crash leaves either the whole image or none; each
 * file's mtime is the latest observation that referenced it, so retention can cut inside a day.
 * Whole days past retention are dropped with their folder.
 */
import { mkdtempSync } from 'node:fs';
import { mkdir, open, readdir, readFile, rename, rm, rmdir, stat, unlink, utimes } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { randomUUID } from 'node:crypto';
import type { ImageStore, NewImage, ReadStore, StoredImage } from '../store.types.ts';
import { DAY_MS, imageRef, parseImageRef, refsOfReads } from '../image-ref.ts';

export interface FileImageStoreOptions {
  /** Sync each file and its folder before `put` resolves (RTCC_SQLITE_SYNC=full), as the reads are. */
  durable: boolean;
  /** Where retention finds the refs of the reads it keeps. */
  reads: Pick<ReadStore, 'getMany'>;
}

const DAY_DIR = /^\d{4}-\d{2}-\d{2}$/;
const TMP = /\.tmp$/;

const isMissing = (e: unknown): boolean => (e as NodeJS.ErrnoException).code === 'ENOENT';

async function fsyncDir(dir: string): Promise<void> {
  const fh = await open(dir, 'r');
  try {
    await fh.sync();
  } finally {
    await fh.close();
  }
}

export class FileImageStore implements ImageStore {
  private readonly root: string;
  private readonly o: FileImageStoreOptions;
  private readonly knownDirs = new Set<string>();

  constructor(root: string, opts: FileImageStoreOptions) {
    this.root = root;
    this.o = opts;
  }

  /** A store in a fresh temporary folder, for an in-memory database; `close` removes the folder. */
  static temporary(opts: FileImageStoreOptions): FileImageStore & { close(): Promise<void> } {
    const root = mkdtempSync(join(tmpdir(), 'rtcc-images-'));
    return Object.assign(new FileImageStore(root, opts), { close: () => rm(root, { recursive: true, force: true }) });
  }

  async put(image: NewImage): Promise<string> {
    const ref = imageRef(image.bytes, image.contentType, image.observedAt);
    const path = join(this.root, ref);
    if (await this.refresh(path, image.observedAt)) return ref;
    const dir = dirname(path);
    await this.ensureDir(dir);
    let tmp: string;
    try {
      tmp = await this.writeTemporary(path, image);
    } catch (e) {
      // retention removed the (old) day's folder since it was made: make it again, once
      if (!isMissing(e)) throw e;
      this.knownDirs.delete(dir);
      await this.ensureDir(dir);
      tmp = await this.writeTemporary(path, image);
    }
    // rename is atomic: a reader (or a crash) sees the whole image or no file at all
    await rename(tmp, path);
    if (this.o.durable) await fsyncDir(dir);
    return ref;
  }

  private async writeTemporary(path: string, image: NewImage): Promise<string> {
    const tmp = `${path}.${randomUUID()}.tmp`;
    const seconds = image.observedAt / 1000;
    const fh = await open(tmp, 'wx', 0o600);
    try {
      await fh.writeFile(image.bytes);
      await fh.utimes(seconds, seconds);
      if (this.o.durable) await fh.sync();
    } catch (e) {
      await fh.close();
      await unlink(tmp).catch(() => undefined);
      throw e;
    }
    await fh.close();
    return tmp;
  }

  async get(ref: string): Promise<StoredImage | undefined> {
    const parsed = parseImageRef(ref);
    if (!parsed) return undefined;
    try {
      return { bytes: await readFile(join(this.root, ref)), contentType: parsed.contentType };
    } catch (e) {
      if (isMissing(e)) return undefined;
      throw e;
    }
  }

  async deleteBefore(before: number, keepReadIds: Set<string>): Promise<number> {
    const keep = await refsOfReads((ids) => this.o.reads.getMany(ids), keepReadIds);
    let deleted = 0;
    for (const day of await this.days()) {
      const dayStart = Date.parse(`${day}T00:00:00Z`);
      if (dayStart >= before) continue;
      deleted += await this.deleteInDay(day, dayStart + DAY_MS <= before, before, keep);
    }
    return deleted;
  }

  async count(): Promise<number> {
    let n = 0;
    for (const day of await this.days()) n += (await this.files(day)).filter((f) => !TMP.test(f)).length;
    return n;
  }

  /** An image already stored: moves its mtime up to this observation (a later read keeps it longer). */
  private async refresh(path: string, observedAt: number): Promise<boolean> {
    try {
      const s = await stat(path);
      if (s.mtimeMs < observedAt) await utimes(path, s.atime, observedAt / 1000);
      return true;
    } catch (e) {
      if (isMissing(e)) return false;
      throw e;
    }
  }

  private async ensureDir(dir: string): Promise<void> {
    if (this.knownDirs.has(dir)) return;
    const created = await mkdir(dir, { recursive: true });
    // a new day folder must survive a crash too, or its synced files are lost with it
    if (created && this.o.durable) await fsyncDir(dirname(dir));
    this.knownDirs.add(dir);
  }

  private async days(): Promise<string[]> {
    try {
      return (await readdir(this.root)).filter((d) => DAY_DIR.test(d)).sort();
    } catch (e) {
      if (isMissing(e)) return [];
      throw e;
    }
  }

  private async files(day: string): Promise<string[]> {
    try {
      return await readdir(join(this.root, day));
    } catch (e) {
      if (isMissing(e)) return [];
      throw e;
    }
  }

  /** Deletes a day's images (all, or those last observed before `before`) but the kept ones. */
  private async deleteInDay(day: string, wholeDay: boolean, before: number, keep: Set<string>): Promise<number> {
    const dir = join(this.root, day);
    let deleted = 0;
    let left = 0;
    for (const name of await this.files(day)) {
      const path = join(dir, name);
      // a temporary file of a day past retention is a write a crash interrupted
      if (TMP.test(name)) {
        if (wholeDay) await unlink(path).catch(() => undefined);
        else left++;
        continue;
      }
      if (keep.has(`${day}/${name}`) || (!wholeDay && (await stat(path)).mtimeMs >= before)) {
        left++;
        continue;
      }
      await unlink(path).catch((e) => (isMissing(e) ? undefined : Promise.reject(e)));
      deleted++;
    }
    if (left === 0) {
      await rmdir(dir).catch(() => undefined);
      this.knownDirs.delete(dir);
    }
    return deleted;
  }
}
