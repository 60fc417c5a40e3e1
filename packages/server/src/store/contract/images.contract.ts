/**
 * Contract: read images (put, get, content addressing, retention) and the read rows that only
 * ever keep references to them.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, it } from 'node:test';
import type { ImageContentType } from '@openrtcc/domain';
import { DAY, newRead, type GetStore } from './fixtures.ts';

const HOUR = 3_600_000;

// Image windows of their own, in this century: the file store keeps an image's observation time
// as its file's mtime, and common file systems cannot hold the far-future times of `era()`.
let nextWindow = Date.UTC(2031, 0, 1) + Math.floor(Math.random() * 1000) * DAY;

/** The start (a UTC midnight) of a fresh 30-day window for this suite's images. */
function era(): number {
  const start = nextWindow;
  nextWindow += 30 * DAY;
  return start;
}

/** Image-like bytes: the format's signature, then random data (unique per call). */
export function fakeImage(type: ImageContentType = 'image/jpeg', size = 2048): Buffer {
  const magic = type === 'image/png' ? Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]) : Buffer.from([0xff, 0xd8, 0xff, 0xe0]);
  return Buffer.concat([magic, randomBytes(size - magic.length)]);
}

export function imagesContract(store: GetStore): void {
  describe('images', () => {
    it('gives back the bytes and type it stored, under a ref naming the UTC day of observation', async () => {
      const t = era() + 23 * HOUR + 59 * 60_000;
      const jpeg = fakeImage('image/jpeg');
      const png = fakeImage('image/png', 300);
      const a = await store().images.put({ bytes: jpeg, contentType: 'image/jpeg', observedAt: t });
      const b = await store().images.put({ bytes: png, contentType: 'image/png', observedAt: t });
      assert.match(a, new RegExp(`^${new Date(t).toISOString().slice(0, 10)}/[0-9a-f]{64}\\.jpg$`));
      assert.match(b, /\.png$/);
      const got = await store().images.get(a);
      assert.ok(got);
      assert.ok(got.bytes.equals(jpeg), 'byte-identical');
      assert.equal(got.contentType, 'image/jpeg');
      assert.equal((await store().images.get(b))?.contentType, 'image/png');
    });

    it('stores the same bytes of the same day once: a retried event adds no blob', async () => {
      const t = era();
      const bytes = fakeImage();
      const before = await store().images.count();
      const first = await store().images.put({ bytes, contentType: 'image/jpeg', observedAt: t });
      const again = await store().images.put({ bytes: Buffer.from(bytes), contentType: 'image/jpeg', observedAt: t + 1000 });
      assert.equal(again, first);
      assert.equal(await store().images.count(), before + 1);
      const nextDay = await store().images.put({ bytes, contentType: 'image/jpeg', observedAt: t + DAY });
      assert.notEqual(nextDay, first, 'another day is another partition');
      assert.equal(await store().images.count(), before + 2);
    });

    it('answers undefined for unknown, malformed and path-like refs', async () => {
      for (const ref of ['', 'nope', '../../etc/passwd', `2100-01-01/${'0'.repeat(64)}.jpg`, `2100-13-45/${'a'.repeat(64)}.jpg`, `/tmp/${'a'.repeat(64)}.jpg`]) {
        assert.equal(await store().images.get(ref), undefined, ref);
      }
    });

    it('retention deletes images observed before the cutoff, to the millisecond, but those of kept reads', async () => {
      const t = era();
      // earlier tests' images lie in earlier eras: clear them so the counts below are this test's
      await store().images.deleteBefore(t, new Set());
      const put = (observedAt: number) => store().images.put({ bytes: fakeImage(), contentType: 'image/jpeg', observedAt });
      const oldDay = await put(t + 5 * HOUR);
      const kept = await put(t + 6 * HOUR);
      const morning = await put(t + DAY + 10 * HOUR);
      const afternoon = await put(t + DAY + 14 * HOUR);
      const later = await put(t + 3 * DAY);
      const read = newRead({ observedAt: t + 6 * HOUR, images: [{ kind: 'plate', ref: kept, contentType: 'image/jpeg', bytes: 2048 }] });
      const { stored } = await store().reads.append([read]);
      const before = await store().images.count();
      const deleted = await store().images.deleteBefore(t + DAY + 12 * HOUR, new Set([stored[0].id]));
      assert.equal(deleted, 2, 'the old day image and the morning one');
      assert.equal(await store().images.count(), before - 2);
      assert.equal(await store().images.get(oldDay), undefined);
      assert.equal(await store().images.get(morning), undefined);
      for (const ref of [kept, afternoon, later]) assert.ok(await store().images.get(ref), ref);
      // a later observation of the same bytes keeps them until it is past retention too
      const shared = fakeImage();
      const ref = await store().images.put({ bytes: shared, contentType: 'image/jpeg', observedAt: t + 4 * DAY + HOUR });
      await store().images.put({ bytes: shared, contentType: 'image/jpeg', observedAt: t + 4 * DAY + 20 * HOUR });
      assert.equal(await store().images.deleteBefore(t + 4 * DAY + 2 * HOUR, new Set([stored[0].id])), 2, 'the afternoon image and the later one');
      assert.ok(await store().images.get(ref), 'observed again after the cutoff');
      assert.ok(await store().images.get(kept), 'still kept with its read');
      assert.equal(await store().images.get(later), undefined);
    });

    it('never keeps inline base64 in a read row, only references and URLs', async () => {
      const t = era();
      const read = newRead({
        observedAt: t,
        images: [
          { kind: 'plate', jpegBase64: fakeImage().toString('base64') },
          { kind: 'vehicle', url: 'https://camera.invalid/v/1.jpg' },
          { kind: 'overview', ref: `${new Date(t).toISOString().slice(0, 10)}/${'b'.repeat(64)}.jpg`, contentType: 'image/jpeg', bytes: 10 },
        ],
      });
      const { stored } = await store().reads.append([read]);
      const want = [
        { kind: 'vehicle', url: 'https://camera.invalid/v/1.jpg' },
        { kind: 'overview', ref: `${new Date(t).toISOString().slice(0, 10)}/${'b'.repeat(64)}.jpg`, contentType: 'image/jpeg', bytes: 10 },
      ];
      assert.deepEqual(stored[0].images, want);
      const back = await store().reads.get(stored[0].id);
      assert.deepEqual(back?.images, want);
      assert.doesNotMatch(JSON.stringify(back), /jpegBase64/);
    });
  });
}
