// Live-view cameras (video module): the registry of agency and community cameras, who sees an
// owner's contact (and the audit record it leaves), and the stream gateway playing a real HLS
// stream that ffmpeg encoded for the test. Names, phones and emails are synthetic.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startTestApp, type TestApp } from '../test-app.ts';
import { enrolUser, signInAs } from './users.fixture.ts';
import { ffmpegMissing, startTestCamera, type TestCamera } from '../../video/test-camera.fixture.ts';

const CI = process.env.CI === 'true';
const noFfmpeg = await ffmpegMissing();

const agency = (over: Record<string, unknown> = {}) => ({
  name: 'Main St & 5th, PTZ',
  location: [-97.7431, 30.2672],
  ownerKind: 'agency',
  heading: 45,
  fieldOfView: 90,
  stream: { kind: 'hls', url: 'https://nvr.agency.example/main-5th/index.m3u8' },
  ...over,
});
const community = (over: Record<string, unknown> = {}) => ({
  name: 'Corner Market, front door',
  location: [-97.742, 30.268],
  ownerKind: 'community_registered',
  contact: { name: 'Synthetic Owner', phone: '+1 555 0100', email: 'owner@example.invalid' },
  consent: { terms: 'registry-terms-v1', agreedAt: '2026-05-02T10:00:00Z', footageRequests: true, liveSharing: false },
  ...over,
});

describe('video camera routes', () => {
  let t: TestApp;
  let dispatcher: string;
  let analyst: string;
  before(async () => {
    t = await startTestApp({ modules: ['lpr', 'hotlists', 'video'] });
    dispatcher = await signInAs(t, await enrolUser(t, 'video.dispatcher', 'dispatcher'));
    analyst = await signInAs(t, await enrolUser(t, 'video.analyst', 'analyst'));
  });
  after(() => t.close());

  const create = (payload: Record<string, unknown>, token?: string) => t.call({ method: 'POST', url: '/api/v1/video-cameras', payload, token });
  const audits = async (action: string) => (await t.call({ method: 'GET', url: `/api/v1/audit?action=${action}&limit=500` })).json().items as { actor: string; details: { cameraId: string } }[];

  it('registers an agency camera with its stream and a community camera with contact and consent', async () => {
    const a = await create(agency());
    assert.equal(a.statusCode, 201, a.body);
    assert.equal(a.json().active, true);
    assert.equal(a.json().stream.kind, 'hls');
    assert.equal(a.json().stream.path, `/api/v1/video-cameras/${a.json().id}/live/index.m3u8`);
    assert.equal(a.json().stream.url, 'https://nvr.agency.example/main-5th/index.m3u8', 'the registry editor sees the URL');
    const c = await create(community());
    assert.equal(c.statusCode, 201, c.body);
    assert.equal(c.json().consent.agreedAt, '2026-05-02T10:00:00.000Z');
    assert.equal(c.json().stream, undefined);
    assert.equal((await audits('video.camera_created')).filter((r) => [a.json().id, c.json().id].includes(r.details.cameraId)).length, 2);
  });

  it('refuses what a camera cannot be, naming the field', async () => {
    for (const [payload, field] of [
      [agency({ stream: undefined }), 'stream is required'],
      [agency({ stream: { kind: 'hls', url: 'https://nvr.example/live/cam1' } }), 'stream.url'],
      [agency({ stream: { kind: 'still', url: 'file:///etc/passwd' } }), 'stream.url must be http'],
      [agency({ stream: { kind: 'still', url: 'https://user:pw@cam.example/snap.jpg' } }), 'stream.url must not carry'],
      [agency({ contact: { name: 'X', phone: '1' } }), 'contact belongs to community'],
      [agency({ location: [30.2672, -97.7431] }), 'location'],
      [agency({ heading: 360 }), 'heading'],
      [community({ contact: undefined }), 'contact is required'],
      [community({ contact: { name: 'No way to reach' } }), 'needs a phone or an email'],
      [community({ consent: undefined }), 'consent is required'],
      [community({ stream: { kind: 'hls', url: 'https://owner.example/cam.m3u8' } }), 'consent.liveSharing'],
      [community({ consent: { terms: 'v1', agreedAt: 'yesterday', footageRequests: true, liveSharing: false } }), 'consent.agreedAt'],
      [agency({ ownerKind: 'neighbour' }), 'ownerKind'],
    ] as const) {
      const res = await create(payload as Record<string, unknown>);
      assert.equal(res.statusCode, 400, `${field}: ${res.body}`);
      assert.equal(res.json().error.code, 'validation_failed');
      assert.ok(res.json().error.message.includes(field), `${field}: ${res.json().error.message}`);
    }
  });

  it('lists active cameras in a box or nearest first, never with a contact', async () => {
    const near = (await create(agency({ name: 'Box near', location: [-80.001, 25.001] }))).json();
    const far = (await create(community({ name: 'Box far', location: [-80.009, 25.009] }))).json();
    await create(agency({ name: 'Outside', location: [-80.02, 25.001] }));
    const list = await t.call({ method: 'GET', url: '/api/v1/video-cameras?bbox=-80.01,25,-80,25.01' });
    assert.equal(list.statusCode, 200, list.body);
    assert.deepEqual(list.json().items.map((c: { name: string }) => c.name), ['Box far', 'Box near']);
    const listed = list.json().items.find((c: { id: string }) => c.id === far.id);
    assert.equal(listed.contact, undefined);
    assert.equal(listed.contactHidden, true);
    const nearest = (await t.call({ method: 'GET', url: '/api/v1/video-cameras?near=-80,25&limit=2' })).json().items;
    assert.deepEqual(nearest.map((c: { id: string }) => c.id), [near.id, far.id]);
    assert.ok(nearest[0].distanceM < nearest[1].distanceM && nearest[0].distanceM > 100 && nearest[0].distanceM < 200, JSON.stringify(nearest[0]));
    const community_ = (await t.call({ method: 'GET', url: '/api/v1/video-cameras?bbox=-80.01,25,-80,25.01&ownerKind=community_registered' })).json().items;
    assert.deepEqual(community_.map((c: { id: string }) => c.id), [far.id]);
    for (const bad of ['bbox=1,2,3', 'bbox=10,0,5,1', 'near=abc,1', 'near=200,0', 'ownerKind=private']) {
      const res = await t.call({ method: 'GET', url: `/api/v1/video-cameras?${bad}` });
      assert.equal(res.statusCode, 400, bad);
      assert.equal(res.json().error.code, 'validation_failed');
    }
  });

  it('shows an owner’s contact only when asked, only with video:contacts, and audits each time it does', async () => {
    const c = (await create(community({ name: 'Contact check' }))).json();
    const asDispatcher = await t.call({ method: 'GET', url: `/api/v1/video-cameras/${c.id}`, token: dispatcher });
    assert.equal(asDispatcher.statusCode, 200);
    assert.equal(asDispatcher.json().contact, undefined);
    assert.equal(asDispatcher.json().contactHidden, true);
    assert.equal(asDispatcher.json().consent.footageRequests, true, 'anyone on the console sees that the owner takes footage requests');
    const refused = await t.call({ method: 'GET', url: `/api/v1/video-cameras/${c.id}?includeContact=true`, token: dispatcher });
    assert.equal(refused.statusCode, 403);
    assert.equal(refused.json().error.code, 'forbidden');
    const clicked = await t.call({ method: 'GET', url: `/api/v1/video-cameras/${c.id}`, token: analyst });
    assert.equal(clicked.json().contact, undefined, 'opening the camera does not show (or log) the contact');
    assert.equal((await audits('video.contact_read')).filter((r) => r.details.cameraId === c.id).length, 0);

    const asAnalyst = await t.call({ method: 'GET', url: `/api/v1/video-cameras/${c.id}?includeContact=true`, token: analyst });
    assert.deepEqual(asAnalyst.json().contact, { name: 'Synthetic Owner', phone: '+1 555 0100', email: 'owner@example.invalid' });
    assert.equal(asAnalyst.json().contactHidden, undefined);
    const reads = (await audits('video.contact_read')).filter((r) => r.details.cameraId === c.id);
    assert.equal(reads.length, 1);
    assert.equal(reads[0].actor, 'video.analyst');
    assert.equal(JSON.stringify(reads).includes('555 0100'), false, 'the audit trail names the camera, not the phone number');
  });

  it('lets only video:write change the registry', async () => {
    assert.equal((await create(agency(), dispatcher)).statusCode, 403);
    const c = (await create(agency({ name: 'Perm check' }))).json();
    assert.equal((await t.call({ method: 'PATCH', url: `/api/v1/video-cameras/${c.id}`, payload: { name: 'x' }, token: analyst })).statusCode, 403);
    assert.equal((await t.call({ method: 'POST', url: `/api/v1/video-cameras/${c.id}/deactivate`, token: dispatcher })).statusCode, 403);
    const asDispatcher = (await t.call({ method: 'GET', url: `/api/v1/video-cameras/${c.id}`, token: dispatcher })).json();
    assert.equal(asDispatcher.stream.url, undefined, 'only registry editors see the camera’s own address');
    assert.ok(asDispatcher.stream.path);
  });

  it('updates, deactivates and reactivates a camera; an owner who stops sharing takes the stream away', async () => {
    const c = (await create(community({ name: 'Sharing owner', location: [-81.0005, 26.0005], consent: { terms: 'v1', agreedAt: '2026-05-02T10:00:00Z', footageRequests: true, liveSharing: true }, stream: { kind: 'still', url: 'https://owner.example.invalid/snap.jpg', refreshSeconds: 10 } }))).json();
    assert.equal(c.stream.kind, 'still');
    const patched = await t.call({ method: 'PATCH', url: `/api/v1/video-cameras/${c.id}`, payload: { name: 'Sharing owner (rear)', heading: 180, notes: 'rear lot' } });
    assert.equal(patched.statusCode, 200, patched.body);
    assert.equal(patched.json().heading, 180);
    assert.deepEqual(patched.json().location, [-81.0005, 26.0005]);
    const revoked = await t.call({ method: 'PATCH', url: `/api/v1/video-cameras/${c.id}`, payload: { consent: { terms: 'v1', agreedAt: '2026-06-01T09:00:00Z', footageRequests: true, liveSharing: false } } });
    assert.equal(revoked.statusCode, 200, revoked.body);
    assert.equal(revoked.json().stream, undefined);
    assert.equal((await t.call({ method: 'PATCH', url: `/api/v1/video-cameras/${c.id}`, payload: { heading: null } })).json().heading, undefined);

    const off = await t.call({ method: 'POST', url: `/api/v1/video-cameras/${c.id}/deactivate` });
    assert.equal(off.json().active, false);
    assert.ok(Date.parse(off.json().deactivatedAt) > 0);
    const box = 'bbox=-81.001,26,-81,26.001';
    assert.deepEqual((await t.call({ method: 'GET', url: `/api/v1/video-cameras?${box}` })).json().items, []);
    assert.equal((await t.call({ method: 'GET', url: `/api/v1/video-cameras?${box}&includeInactive=true` })).json().items.length, 1);
    const on = await t.call({ method: 'PATCH', url: `/api/v1/video-cameras/${c.id}`, payload: { active: true } });
    assert.equal(on.json().active, true);
    assert.equal(on.json().deactivatedAt, undefined);
    const fields = (await audits('video.camera_updated')).filter((r) => r.details.cameraId === c.id);
    assert.equal(fields.length, 5);
    const missing = '00000000-0000-4000-8000-000000000000';
    assert.equal((await t.call({ method: 'GET', url: `/api/v1/video-cameras/${missing}` })).statusCode, 404);
    assert.equal((await t.call({ method: 'PATCH', url: `/api/v1/video-cameras/${missing}`, payload: { name: 'x' } })).statusCode, 404);
    assert.equal((await t.call({ method: 'POST', url: `/api/v1/video-cameras/${missing}/deactivate` })).statusCode, 404);
  });

  describe('stream gateway', { skip: noFfmpeg && !CI ? `${noFfmpeg} (set CI=true to make this a failure)` : false }, () => {
    let cam: TestCamera;
    let hlsId: string;
    before(async () => {
      assert.equal(noFfmpeg, undefined, 'CI=true requires ffmpeg');
      cam = await startTestCamera();
      hlsId = (await create(agency({ name: 'Gateway HLS', stream: { kind: 'hls', url: cam.playlistUrl } }))).json().id;
    });
    after(() => cam?.close());

    it('plays the camera’s playlist with relative URIs, and its segments byte for byte', async () => {
      const pl = await t.call({ method: 'GET', url: `/api/v1/video-cameras/${hlsId}/live/index.m3u8`, token: dispatcher });
      assert.equal(pl.statusCode, 200, pl.body);
      assert.equal(pl.headers['content-type'], 'application/vnd.apple.mpegurl');
      assert.match(pl.body, /^#EXTM3U/);
      const segments = pl.body.split('\n').filter((l) => l && !l.startsWith('#'));
      assert.ok(segments.length >= 3, pl.body);
      assert.ok(segments.every((s) => !s.includes('://')), 'every URI goes through the gateway');
      const seg = await t.call({ method: 'GET', url: `/api/v1/video-cameras/${hlsId}/live/${segments[0]}`, token: dispatcher });
      assert.equal(seg.statusCode, 200);
      assert.equal(seg.headers['content-type'], 'video/mp2t');
      const direct = Buffer.from(await (await fetch(`${cam.base}${segments[0]}`)).arrayBuffer());
      assert.ok(seg.rawPayload.equals(direct));
      assert.equal(seg.rawPayload[0], 0x47, 'an MPEG-TS sync byte');
    });

    it('accepts the token in the query for players that cannot send a header, and keeps it on every URI', async () => {
      const pl = await t.call({ method: 'GET', url: `/api/v1/video-cameras/${hlsId}/live/index.m3u8?access_token=${encodeURIComponent(dispatcher)}`, token: null });
      assert.equal(pl.statusCode, 200, pl.body);
      const segments = pl.body.split('\n').filter((l) => l && !l.startsWith('#'));
      assert.ok(segments.every((s) => s.endsWith(`?access_token=${encodeURIComponent(dispatcher)}`)));
      assert.equal((await t.call({ method: 'GET', url: `/api/v1/video-cameras/${hlsId}/live/index.m3u8`, token: null })).statusCode, 401);
    });

    it('serves a still image, and nothing outside the stream’s folder', async () => {
      const still = (await create(agency({ name: 'Gateway still', stream: { kind: 'still', url: cam.stillUrl, refreshSeconds: 2 } }))).json();
      assert.equal(still.stream.path, `/api/v1/video-cameras/${still.id}/live/still.jpg`);
      const img = await t.call({ method: 'GET', url: still.stream.path });
      assert.equal(img.statusCode, 200);
      assert.equal(img.headers['content-type'], 'image/jpeg');
      assert.ok(img.rawPayload.equals(Buffer.from(await (await fetch(cam.stillUrl)).arrayBuffer())));
      assert.deepEqual([...img.rawPayload.subarray(0, 2)], [0xff, 0xd8], 'a JPEG');
      const before = cam.requests.length;
      for (const path of [`${still.id}/live/index.m3u8`, `${hlsId}/live/..%2F..%2Fetc%2Fpasswd`, `${hlsId}/live/sub/../../x`]) {
        const res = await t.call({ method: 'GET', url: `/api/v1/video-cameras/${path}` });
        assert.equal(res.statusCode, 404, `${path}: ${res.body}`);
        assert.equal(res.json().error.code, 'not_found_or_forbidden');
      }
      assert.equal(cam.requests.length, before, 'the camera was never asked');
    });

    it('answers 503 with a clear message when the camera is unreachable or fails', async () => {
      const gone = (await create(agency({ name: 'Unplugged', stream: { kind: 'hls', url: 'http://127.0.0.1:9/cam/index.m3u8' } }))).json();
      const res = await t.call({ method: 'GET', url: gone.stream.path });
      assert.equal(res.statusCode, 503);
      assert.equal(res.json().error.code, 'unavailable');
      assert.match(res.json().error.message, /camera did not answer/);
      const missing = await t.call({ method: 'GET', url: `/api/v1/video-cameras/${hlsId}/live/segment999.ts` });
      assert.equal(missing.statusCode, 503);
      assert.match(missing.json().error.message, /HTTP 404/);
      const mjpeg = (await create(agency({ name: 'Not a snapshot', stream: { kind: 'still', url: cam.endlessUrl } }))).json();
      const endless = await t.call({ method: 'GET', url: mjpeg.stream.path });
      assert.equal(endless.statusCode, 503);
      assert.match(endless.json().error.message, /larger than 16 MB/);
    });

    it('plays nothing from a community camera whose owner did not share a stream, nor from an inactive camera', async () => {
      const c = (await create(community({ name: 'Registered only' }))).json();
      const res = await t.call({ method: 'GET', url: `/api/v1/video-cameras/${c.id}/live/index.m3u8` });
      assert.equal(res.statusCode, 404);
      assert.match(res.json().error.message, /request footage/);
      const off = (await create(agency({ name: 'Off', stream: { kind: 'hls', url: cam.playlistUrl } }))).json();
      await t.call({ method: 'POST', url: `/api/v1/video-cameras/${off.id}/deactivate` });
      assert.equal((await t.call({ method: 'GET', url: off.stream.path })).statusCode, 404);
    });
  });
});

describe('video module off (the default)', () => {
  let t: TestApp;
  before(async () => {
    t = await startTestApp();
  });
  after(() => t.close());

  it('has no video camera routes', async () => {
    assert.equal((await t.call({ method: 'GET', url: '/api/v1/video-cameras' })).statusCode, 404);
    assert.equal((await t.call({ method: 'POST', url: '/api/v1/video-cameras', payload: agency() })).statusCode, 404);
  });
});
