// The camera registry, and reads located from it.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { rtccRead, startTestApp, type TestApp } from '../test-app.ts';

describe('camera routes', () => {
  let t: TestApp;
  before(async () => {
    t = await startTestApp();
  });
  after(() => t.close());

  const create = (payload: Record<string, unknown>) => t.call({ method: 'POST', url: '/api/v1/cameras', payload });

  it('registers, lists, gets and patches a camera', async () => {
    const res = await create({ name: 'Main St & 5th, northbound', location: [-97.7431, 30.2672], heading: 15, timeZone: 'America/Chicago', sourceKeys: ['rtcc:main-5th-nb'] });
    assert.equal(res.statusCode, 201, res.body);
    const cam = res.json();
    assert.equal(cam.timeZone, 'America/Chicago');
    assert.ok(Date.parse(cam.createdAt) > 0);
    const list = (await t.call({ method: 'GET', url: '/api/v1/cameras' })).json();
    assert.ok(list.items.some((c: { id: string }) => c.id === cam.id));
    const got = await t.call({ method: 'GET', url: `/api/v1/cameras/${cam.id}` });
    assert.equal(got.statusCode, 200);
    assert.deepEqual(got.json().location, [-97.7431, 30.2672]);
    const patched = await t.call({ method: 'PATCH', url: `/api/v1/cameras/${cam.id}`, payload: { heading: 195, name: 'Main St & 5th, southbound' } });
    assert.equal(patched.statusCode, 200, patched.body);
    assert.equal(patched.json().heading, 195);
    assert.equal(patched.json().name, 'Main St & 5th, southbound');
    assert.deepEqual(patched.json().location, [-97.7431, 30.2672], 'a patch must keep what it does not name');
    assert.equal((await t.call({ method: 'GET', url: `/api/v1/cameras/${cam.id}` })).json().heading, 195);
  });

  it('refuses bad positions, headings and time zones with the field named', async () => {
    for (const [payload, field] of [
      [{ name: 'x', location: [30.2672, -97.7431] }, 'location'],
      [{ name: 'x', heading: 400 }, 'heading'],
      [{ name: 'x', timeZone: 'Mars/Olympus' }, 'timeZone'],
      [{ name: '' }, 'name'],
      [{ location: [0, 0] }, 'name'],
    ] as const) {
      const res = await create(payload);
      assert.equal(res.statusCode, 400, JSON.stringify(payload));
      assert.equal(res.json().error.code, 'validation_failed');
      assert.match(res.json().error.message, new RegExp(field));
    }
  });

  it('refuses a source key that another camera holds', async () => {
    await create({ name: 'A', sourceKeys: ['rtcc:shared-key'] });
    const res = await create({ name: 'B', sourceKeys: ['rtcc:shared-key'] });
    assert.equal(res.statusCode, 409);
    assert.equal(res.json().error.code, 'conflict');
  });

  it('answers 404 for a camera that does not exist, on get and patch', async () => {
    const id = '00000000-0000-4000-8000-000000000000';
    assert.equal((await t.call({ method: 'GET', url: `/api/v1/cameras/${id}` })).statusCode, 404);
    assert.equal((await t.call({ method: 'PATCH', url: `/api/v1/cameras/${id}`, payload: { heading: 10 } })).statusCode, 404);
  });

  it('locates a read that names a camera from the registry', async () => {
    const cam = (await create({ name: 'Oak Ave', location: [-97.75, 30.28] })).json();
    const posted = (await t.call({ method: 'POST', url: '/api/v1/reads', payload: rtccRead({ plate: 'CAM1001', location: undefined, cameraId: cam.id }) })).json();
    assert.equal(posted.accepted, 1);
    const read = (await t.call({ method: 'GET', url: `/api/v1/reads/${posted.readIds[0]}` })).json();
    assert.equal(read.cameraId, cam.id);
    assert.deepEqual(read.location, [-97.75, 30.28]);
    assert.equal(read.locationSource, 'registry');
  });

  it('keeps a read\'s own position over the camera\'s', async () => {
    const cam = (await create({ name: 'Mobile unit 12', location: [-97.7, 30.2] })).json();
    const posted = (await t.call({ method: 'POST', url: '/api/v1/reads', payload: rtccRead({ plate: 'CAM1002', cameraId: cam.id, location: [-97.71, 30.21] }) })).json();
    const read = (await t.call({ method: 'GET', url: `/api/v1/reads/${posted.readIds[0]}` })).json();
    assert.deepEqual(read.location, [-97.71, 30.21]);
    assert.equal(read.locationSource, 'device');
  });

  it('registers an OpenALPR camera on first sight, so an admin can place it and later reads are located', async () => {
    const alpr = (plate: string, uuid: string) =>
      JSON.stringify({ version: 2, data_type: 'alpr_results', epoch_time: Date.UTC(2026, 0, 2), uuid, camera_id: 55, agent_uid: 'agent-cam-test', results: [{ plate, confidence: 90, region: 'us-tx' }] });
    const first = (await t.call({ method: 'POST', url: '/api/v1/ingest/openalpr', headers: { 'content-type': 'application/json' }, payload: alpr('CAM2001', 'u-1') })).json();
    const firstRead = (await t.call({ method: 'GET', url: `/api/v1/reads/${first.readIds[0]}` })).json();
    assert.ok(firstRead.cameraId);
    assert.equal(firstRead.location, undefined);
    const cam = (await t.call({ method: 'GET', url: `/api/v1/cameras/${firstRead.cameraId}` })).json();
    assert.deepEqual(cam.sourceKeys, ['openalpr:agent-cam-test:55']);
    await t.call({ method: 'PATCH', url: `/api/v1/cameras/${cam.id}`, payload: { location: [-97.6, 30.3] } });
    const second = (await t.call({ method: 'POST', url: '/api/v1/ingest/openalpr', headers: { 'content-type': 'application/json' }, payload: alpr('CAM2002', 'u-2') })).json();
    const secondRead = (await t.call({ method: 'GET', url: `/api/v1/reads/${second.readIds[0]}` })).json();
    assert.equal(secondRead.cameraId, cam.id);
    assert.deepEqual(secondRead.location, [-97.6, 30.3]);
  });
});
