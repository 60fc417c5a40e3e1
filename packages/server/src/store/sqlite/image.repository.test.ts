// The file image store's on-disk behaviour: day folders, atomic writes, what survives a restart,
// and retention's clean-up of a crash's leftovers.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { fakeImage } from '../contract/images.contract.ts';
import { FileImageStore } from './image.repository.ts';

const DAY = 86_400_000;
const noReads = { getMany: async () => [] };

describe('FileImageStore on disk', () => {
  const root = mkdtempSync(join(tmpdir(), 'rtcc-image-files-'));
  after(() => rmSync(root, { recursive: true, force: true }));
  const open = () => new FileImageStore(root, { durable: true, reads: noReads });

  it('writes each image once under its UTC day, leaves no temporary file, and keeps it across a restart', async () => {
    const t = Date.UTC(2031, 4, 6, 23, 59, 59, 999);
    const bytes = fakeImage();
    const ref = await open().put({ bytes, contentType: 'image/jpeg', observedAt: t });
    assert.ok(ref.startsWith('2031-05-06/'));
    assert.deepEqual(readdirSync(join(root, '2031-05-06')), [ref.slice(11)], 'one file, no .tmp left behind');
    assert.equal(statSync(join(root, ref)).mtimeMs, t, 'mtime is the observation');
    const reopened = open();
    assert.ok((await reopened.get(ref))?.bytes.equals(bytes));
    // the same bytes seen again later that day: the same file, kept until the later observation
    await Promise.all([1, 2, 3].map(() => reopened.put({ bytes, contentType: 'image/jpeg', observedAt: t - 1000 })));
    assert.equal(readdirSync(join(root, '2031-05-06')).length, 1);
    assert.equal(statSync(join(root, ref)).mtimeMs, t, 'an earlier observation does not move it back');
  });

  it('makes a day folder again when retention removed it after the store had seen it', async () => {
    const store = new FileImageStore(join(root, 'second'), { durable: true, reads: noReads });
    const t = Date.UTC(2031, 6, 1, 12);
    const first = await store.put({ bytes: fakeImage(), contentType: 'image/jpeg', observedAt: t });
    assert.equal(await store.deleteBefore(t + DAY, new Set()), 1);
    assert.equal(existsSync(join(root, 'second', first.slice(0, 10))), false, 'the empty day folder is gone');
    const again = await store.put({ bytes: fakeImage('image/png'), contentType: 'image/png', observedAt: t });
    assert.ok(await store.get(again));
    // removed behind the store's back (a retention run of another process): made again on the next put
    rmSync(join(root, 'second', again.slice(0, 10)), { recursive: true });
    const third = await store.put({ bytes: fakeImage(), contentType: 'image/jpeg', observedAt: t });
    assert.ok(await store.get(third));
  });

  it('removes a crash-interrupted temporary file with its day, and ignores strangers in the folder', async () => {
    const third = join(root, 'third');
    const store = new FileImageStore(third, { durable: true, reads: noReads });
    const day = join(third, '2031-08-02');
    mkdirSync(day, { recursive: true });
    writeFileSync(join(day, `${'c'.repeat(64)}.jpg.0f0f.tmp`), 'half an image');
    writeFileSync(join(third, 'README.txt'), 'not a day');
    const before = await store.count();
    assert.equal(await store.deleteBefore(Date.UTC(2031, 7, 3), new Set()), 0, 'a temporary file is no image');
    assert.equal(existsSync(day), false);
    assert.ok(existsSync(join(third, 'README.txt')));
    assert.equal(await store.count(), before);
  });
});
