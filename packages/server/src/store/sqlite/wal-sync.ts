/**
 * Durable commits that do not stop the event loop. node:sqlite runs on the main thread, so with
 * `synchronous = FULL` each commit's fsync halts all request handling for milliseconds. The
 * read store's connection commits with `synchronous = NORMAL` instead (the commit's WAL frames
 * reach the operating system, not yet the disk) and then syncs the WAL file on libuv's thread
 * pool before any read of that commit is acknowledged. A reader of the acknowledgement gets
 * what FULL gives (the commit's frames are on disk: it survives a power cut), while the main
 * thread goes on with the next requests. SQLite itself still syncs the WAL before every
 * checkpoint and the database file after it, as it does under NORMAL.
 */
import { open, stat, type FileHandle } from 'node:fs/promises';

export class WalSync {
  private readonly path: string;
  private handle?: FileHandle;
  private inode?: number;
  private running?: Promise<void>;
  private queued?: Promise<void>;

  /** @param walPath the database file's `-wal` companion (exists once a commit was written) */
  constructor(walPath: string) {
    this.path = walPath;
  }

  /**
   * Resolves once everything committed before the call is on disk. Callers arriving while a
   * sync runs share the one sync that starts after it, so a burst of commits costs two syncs,
   * not one each.
   */
  sync(): Promise<void> {
    if (!this.running) {
      this.running = this.run().finally(() => {
        this.running = undefined;
      });
      return this.running;
    }
    // the sync in flight may have started before the caller's commit: wait for the next one
    this.queued ??= this.running.then(
      () => this.next(),
      () => this.next(),
    );
    return this.queued;
  }

  private next(): Promise<void> {
    this.queued = undefined;
    return this.sync();
  }

  private async run(): Promise<void> {
    // SQLite keeps the WAL file while a connection is open; if it was ever replaced, follow it
    const { ino } = await stat(this.path);
    if (!this.handle || ino !== this.inode) {
      await this.handle?.close();
      this.handle = await open(this.path, 'r');
      this.inode = ino;
    }
    await this.handle.datasync();
  }

  /** Waits for the syncs under way, then lets go of the file. */
  async close(): Promise<void> {
    await Promise.allSettled([this.running, this.queued]);
    await this.handle?.close();
    this.handle = undefined;
  }
}
