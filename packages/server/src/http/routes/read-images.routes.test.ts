// Read images end to end: an OpenALPR group with base64 crops in, the bytes back from
// GET /api/v1/reads/{id}/images/{kind}, nothing inline in the read, no second blob on a retry,
// hostile images left off their read, access and audit.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import type { Config } from '../../config/config.ts';
import { createTestDatabase, reportUnavailable } from '../../store/postgres/test-database.fixture.ts';
import { rtccRead, startTestApp, type TestApp } from '../test-app.ts';
import { enrolUser, signInAs } from './users.fixture.ts';

const GROUP = readFileSync(new URL('../../ingest/openalpr/fixtures/alpr-group.images.json', import.meta.url), 'utf8');
const group = JSON.parse(GROUP) as { best_plate: { plate_crop_jpeg: string }; vehicle_crop_jpeg: string };
const PLATE_JPEG = Buffer.from(group.best_plate.plate_crop_jpeg, 'base64');
const VEHICLE_JPEG = Buffer.from(group.vehicle_crop_jpeg, 'base64');
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64, 7)]);
const MAX_IMAGE_BYTES = 16 * 1024;

function imagesSuite(name: string, config: () => Partial<Config>): void {
  describe(`read images (${name})`, () => {
    let t: TestApp;
    let readId: string;
    before(async () => {
      t = await startTestApp({ maxImageBytes: MAX_IMAGE_BYTES, ...config() });
      const res = await t.call({ method: 'POST', url: '/api/v1/ingest/openalpr', headers: { 'content-type': 'application/json' }, payload: GROUP });
      assert.equal(res.statusCode, 200, res.body);
      assert.equal(res.json().accepted, 1);
      readId = res.json().readIds[0];
    });
    after(async () => t?.close());

    it('serves the plate crop and the vehicle image back byte for byte, private, with an ETag', async () => {
      for (const [kind, want] of [['plate', PLATE_JPEG], ['vehicle', VEHICLE_JPEG]] as const) {
        const res = await t.call({ method: 'GET', url: `/api/v1/reads/${readId}/images/${kind}` });
        assert.equal(res.statusCode, 200, res.body);
        assert.equal(res.headers['content-type'], 'image/jpeg');
        assert.match(String(res.headers['cache-control']), /^private/);
        assert.equal(res.headers['x-content-type-options'], 'nosniff');
        assert.ok(res.rawPayload.equals(want), `${kind} image is byte-identical`);
        const etag = String(res.headers.etag);
        assert.match(etag, /^"[0-9a-f]{64}"$/);
        const again = await t.call({ method: 'GET', url: `/api/v1/reads/${readId}/images/${kind}`, headers: { 'if-none-match': etag } });
        assert.equal(again.statusCode, 304);
        assert.equal(again.rawPayload.length, 0);
      }
    });

    it('keeps only references on the read: no base64 in the stored read or in the API', async () => {
      const read = (await t.call({ method: 'GET', url: `/api/v1/reads/${readId}` })).json();
      assert.deepEqual(
        read.images.map((i: Record<string, unknown>) => ({ kind: i.kind, contentType: i.contentType, bytes: i.bytes, hasRef: typeof i.ref === 'string', inline: 'jpegBase64' in i })),
        [
          { kind: 'plate', contentType: 'image/jpeg', bytes: PLATE_JPEG.length, hasRef: true, inline: false },
          { kind: 'vehicle', contentType: 'image/jpeg', bytes: VEHICLE_JPEG.length, hasRef: true, inline: false },
        ],
      );
      const stored = JSON.stringify(await t.ctx.store.reads.get(readId));
      assert.ok(!stored.includes(group.best_plate.plate_crop_jpeg.slice(0, 40)), 'no plate bytes in the read row');
      assert.ok(!stored.includes(group.vehicle_crop_jpeg.slice(0, 40)), 'no vehicle bytes in the read row');
    });

    it('stores no second blob when the sender retries the same event', async () => {
      const before = await t.ctx.images.count();
      const res = await t.call({ method: 'POST', url: '/api/v1/ingest/openalpr', headers: { 'content-type': 'application/json' }, payload: GROUP });
      assert.equal(res.statusCode, 200, res.body);
      assert.equal(res.json().duplicates, 1);
      assert.deepEqual(res.json().readIds, [readId]);
      assert.equal(await t.ctx.images.count(), before);
    });

    it('leaves hostile or oversized images off the read, keeps the read, and notes it in source health', async () => {
      const created = await t.call({ method: 'POST', url: '/api/v1/sources', payload: { name: 'hostile box', kind: 'rtcc' } });
      const key = created.json().key as string;
      const images = [
        { kind: 'plate', jpegBase64: Buffer.from('<html><script>alert(1)</script></html>').toString('base64') },
        { kind: 'vehicle', jpegBase64: Buffer.concat([Buffer.from([0xff, 0xd8, 0xff]), Buffer.alloc(MAX_IMAGE_BYTES)]).toString('base64') },
        { kind: 'overview', jpegBase64: PNG.toString('base64') },
      ];
      const before = await t.ctx.images.count();
      const res = await t.call({ method: 'POST', url: '/api/v1/reads', token: key, payload: rtccRead({ plate: 'HOST1LE', images }) });
      assert.equal(res.statusCode, 200, res.body);
      const body = res.json();
      assert.equal(body.accepted, 1);
      assert.deepEqual(
        body.imagesDropped.map((d: { kind: string; reason: string }) => [d.kind, /neither JPEG nor PNG/.test(d.reason) || /over the \d+-byte limit/.test(d.reason)]),
        [['plate', true], ['vehicle', true]],
      );
      assert.equal(await t.ctx.images.count(), before + 1, 'only the PNG was stored');
      const read = (await t.call({ method: 'GET', url: `/api/v1/reads/${body.readIds[0]}` })).json();
      assert.deepEqual(read.images.map((i: { kind: string; contentType: string }) => [i.kind, i.contentType]), [['overview', 'image/png']]);
      const png = await t.call({ method: 'GET', url: `/api/v1/reads/${body.readIds[0]}/images/overview` });
      assert.equal(png.headers['content-type'], 'image/png');
      assert.ok(png.rawPayload.equals(PNG));
      const plate = await t.call({ method: 'GET', url: `/api/v1/reads/${body.readIds[0]}/images/plate` });
      assert.equal(plate.statusCode, 404);
      assert.equal(plate.json().error.code, 'not_found_or_forbidden');
      const sources = (await t.call({ method: 'GET', url: '/api/v1/sources' })).json().items as { id: string; health: { errors: number; lastError?: string } | null }[];
      const health = sources.find((s) => s.id === created.json().source.id)?.health;
      assert.ok(health && health.errors >= 2, JSON.stringify(health));
      assert.match(String(health.lastError), /image dropped \(read HOST1LE\)/);
    });

    it('answers 404 for an unknown read and 400 for an unknown kind', async () => {
      const missing = await t.call({ method: 'GET', url: '/api/v1/reads/999999999999/images/plate' });
      assert.equal(missing.statusCode, 404);
      const kind = await t.call({ method: 'GET', url: `/api/v1/reads/${readId}/images/selfie` });
      assert.equal(kind.statusCode, 400);
      assert.equal(kind.json().error.code, 'validation_failed');
    });

    it('lets an officer verifying a hit see the crop, refuses a source key, and audits every look', async () => {
      const looks = async () =>
        ((await t.call({ method: 'GET', url: '/api/v1/audit', query: { action: 'reads.image', limit: '200' } })).json().items as { actor: string; outcome: string; details: { readId: string; kind: string } }[]).filter(
          (a) => a.details.readId === readId,
        );
      const before = await looks();
      const officer = await signInAs(t, await enrolUser(t, `img-officer-${name}`, 'officer'));
      const seen = await t.call({ method: 'GET', url: `/api/v1/reads/${readId}/images/plate`, token: officer });
      assert.equal(seen.statusCode, 200);
      assert.ok(seen.rawPayload.equals(PLATE_JPEG));
      const key = (await t.call({ method: 'POST', url: '/api/v1/sources', payload: { name: 'camera', kind: 'openalpr' } })).json().key as string;
      const refused = await t.call({ method: 'GET', url: `/api/v1/reads/${readId}/images/plate`, token: key });
      assert.equal(refused.statusCode, 403);
      assert.equal(refused.json().error.code, 'forbidden');
      const after = await looks();
      assert.equal(after.length, before.length + 2);
      const [denied, success] = after.slice(0, 2);
      assert.equal(denied.outcome, 'denied');
      assert.equal(success.outcome, 'success');
      assert.deepEqual(success.details, { readId, kind: 'plate' });
      assert.notEqual(success.actor, denied.actor);
    });
  });
}

imagesSuite('sqlite', () => ({}));

// PostgreSQL: the images every node serves, in the shared database
const target = await createTestDatabase('read_images');
if (target.ok) {
  const { db } = target;
  after(() => db.drop());
  imagesSuite('postgres', () => ({ databaseUrl: db.url }));
} else {
  reportUnavailable('read images (postgres)', target.reason);
}
