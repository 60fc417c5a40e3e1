import assert from 'node:assert/strict';
import { mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { WalSync } from './wal-sync.ts';

describe('WalSync', () => {
  const dir = mkdtempSync(join(tmpdir(), 'rtcc-walsync-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('resolves every caller of a burst, sharing the syncs', async () => {
    const path = join(dir, 'a.db-wal');
    writeFileSync(path, 'frames');
    const wal = new WalSync(path);
    const first = wal.sync();
    const burst = Array.from({ length: 50 }, () => wal.sync());
    // everyone arriving while the first sync runs shares the one that starts after it
    assert.equal(new Set(burst).size, 1);
    assert.notEqual(burst[0], first);
    await Promise.all([first, ...burst]);
    await wal.sync();
    await wal.close();
  });

  it('follows a file that was replaced, and fails when there is none', async () => {
    const path = join(dir, 'b.db-wal');
    writeFileSync(path, 'one');
    const wal = new WalSync(path);
    await wal.sync();
    writeFileSync(join(dir, 'b.next'), 'two');
    renameSync(join(dir, 'b.next'), path);
    await wal.sync();
    rmSync(path);
    await assert.rejects(wal.sync(), { code: 'ENOENT' });
    await wal.close();
  });
});
