/**
 * Contract: live-view cameras (stored whole, including a community owner's contact and consent;
 * listed by area, owner kind and active state, by name; changed one at a time under a lock).
 * Each test places its cameras in a patch of the map no other test or run uses.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { LonLat, VideoCamera } from '@openrtcc/domain';
import { uid, type GetStore } from './fixtures.ts';

let patch = Math.floor(Math.random() * 10_000);

/** The south-west corner of a fresh 0.01° square somewhere no other test put a camera. */
function freshPatch(): LonLat {
  patch = (patch + 1) % 17_000;
  return [-170 + (patch % 340) + 0.5, -80 + Math.floor(patch / 340) * 3 + 0.5];
}

function camera(at: LonLat, over: Partial<VideoCamera> = {}): VideoCamera {
  const t = Date.UTC(2026, 5, 1, 12);
  return {
    id: uid('vc'),
    name: 'Main St & 5th',
    location: at,
    ownerKind: 'agency',
    heading: 90,
    fieldOfView: 70,
    stream: { kind: 'hls', url: 'https://video.agency.example/main-5th/index.m3u8' },
    active: true,
    createdAt: t,
    createdBy: 'admin',
    updatedAt: t,
    updatedBy: 'admin',
    ...over,
  };
}

const community = (at: LonLat, over: Partial<VideoCamera> = {}): VideoCamera =>
  camera(at, {
    ownerKind: 'community_registered',
    name: 'Corner store, front door',
    stream: undefined,
    heading: undefined,
    fieldOfView: undefined,
    contact: { name: 'Synthetic Owner', phone: '+1 555 0100', email: 'owner@example.invalid' },
    consent: { terms: 'registry-terms-v1', agreedAt: Date.UTC(2026, 4, 2), footageRequests: true, liveSharing: false },
    ...over,
  });

const box = (sw: LonLat, size = 0.01): [number, number, number, number] => [sw[0], sw[1], sw[0] + size, sw[1] + size];

export function videoCamerasContract(store: GetStore): void {
  describe('video cameras', () => {
    it('stores agency and community cameras whole and gets them back', async () => {
      const sw = freshPatch();
      const a = camera([sw[0] + 0.001, sw[1] + 0.001]);
      const c = community([sw[0] + 0.002, sw[1] + 0.002], { notes: 'owner prefers email' });
      await store().videoCameras.create(a);
      await store().videoCameras.create(c);
      assert.deepEqual(await store().videoCameras.get(a.id), JSON.parse(JSON.stringify(a)));
      assert.deepEqual(await store().videoCameras.get(c.id), JSON.parse(JSON.stringify(c)));
      assert.equal(await store().videoCameras.get(uid('missing')), undefined);
    });

    it('refuses a second camera with a taken id as a conflict', async () => {
      const a = camera(freshPatch());
      await store().videoCameras.create(a);
      await assert.rejects(store().videoCameras.create({ ...a, name: 'Other' }), { code: 'conflict' });
      assert.equal((await store().videoCameras.get(a.id))?.name, a.name);
    });

    it('lists the active cameras inside a box (edges included) by name, by owner kind, and inactive ones on request', async () => {
      const sw = freshPatch();
      const inside = [
        camera([sw[0] + 0.005, sw[1] + 0.005], { name: 'B camera' }),
        community([sw[0] + 0.01, sw[1] + 0.01], { name: 'A camera (corner)' }),
        camera([sw[0], sw[1] + 0.003], { name: 'C camera (west edge)' }),
      ];
      const off = camera([sw[0] + 0.004, sw[1] + 0.004], { name: 'D inactive', active: false, deactivatedAt: Date.UTC(2026, 5, 2), deactivatedBy: 'admin' });
      const outside = camera([sw[0] + 0.0101, sw[1] + 0.005], { name: 'E outside' });
      for (const c of [...inside, off, outside]) await store().videoCameras.create(c);
      const names = async (filter: Parameters<ReturnType<GetStore>['videoCameras']['list']>[0]) => (await store().videoCameras.list(filter)).map((c) => c.name);
      assert.deepEqual(await names({ bbox: box(sw) }), ['A camera (corner)', 'B camera', 'C camera (west edge)']);
      assert.deepEqual(await names({ bbox: box(sw), ownerKind: 'community_registered' }), ['A camera (corner)']);
      assert.deepEqual(await names({ bbox: box(sw), ownerKind: 'agency', includeInactive: true }), ['B camera', 'C camera (west edge)', 'D inactive']);
      const all = await store().videoCameras.list({});
      assert.ok(all.some((c) => c.id === outside.id) && !all.some((c) => c.id === off.id), 'no box: every active camera');
    });

    it('updates one camera, moving it in the area lists and keeping what the change leaves alone', async () => {
      const sw = freshPatch();
      const c = community([sw[0] + 0.001, sw[1] + 0.001]);
      await store().videoCameras.create(c);
      const moved = await store().videoCameras.update(c.id, (cur) => ({
        ...cur,
        location: [sw[0] + 0.5, sw[1] + 0.5],
        consent: { ...cur.consent!, liveSharing: true },
        stream: { kind: 'still', url: 'https://owner.example.invalid/snapshot.jpg', refreshSeconds: 10 },
        updatedBy: 'supervisor',
      }));
      assert.deepEqual(moved?.location, [sw[0] + 0.5, sw[1] + 0.5]);
      assert.deepEqual(moved?.contact, c.contact);
      assert.equal(moved?.consent?.liveSharing, true);
      assert.deepEqual(await store().videoCameras.get(c.id), moved);
      assert.deepEqual(await store().videoCameras.list({ bbox: box(sw) }), []);
      assert.deepEqual((await store().videoCameras.list({ bbox: box([sw[0] + 0.5, sw[1] + 0.5]) })).map((x) => x.id), [c.id]);

      const off = await store().videoCameras.update(c.id, (cur) => ({ ...cur, active: false, deactivatedAt: Date.UTC(2026, 6, 1), deactivatedBy: 'supervisor' }));
      assert.equal(off?.active, false);
      assert.deepEqual(await store().videoCameras.list({ bbox: box([sw[0] + 0.5, sw[1] + 0.5]) }), []);
      assert.equal(await store().videoCameras.update(uid('missing'), (cur) => cur), undefined);
    });

    it('serializes concurrent changes of one camera: none is lost', async () => {
      const c = camera(freshPatch(), { notes: '' });
      await store().videoCameras.create(c);
      await Promise.all(['a', 'b', 'c', 'd'].map((n) => store().videoCameras.update(c.id, (cur) => ({ ...cur, notes: `${cur.notes ?? ''}${n}` }))));
      assert.deepEqual([...((await store().videoCameras.get(c.id))?.notes ?? '')].sort(), ['a', 'b', 'c', 'd']);
    });
  });
}
