// Read search by the vehicle cameras described (make, model, colour, body type): combined with
// a plate pattern, time, cameras and an area; case-insensitive; in the audit record. Synthetic plates.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { JUSTIFICATION, rtccRead, startTestApp, type TestApp } from '../test-app.ts';

const T0 = Date.UTC(2026, 2, 3, 18, 0, 0);
const at = (minutes: number) => new Date(T0 + minutes * 60_000).toISOString();
const HERE: [number, number] = [-97.7431, 30.2672];
const FAR: [number, number] = [-97.6, 30.4];

describe('POST /api/v1/reads/search with a vehicle description', () => {
  let t: TestApp;
  let camA: string;
  before(async () => {
    t = await startTestApp();
    camA = (await t.call({ method: 'POST', url: '/api/v1/cameras', payload: { name: 'A', location: HERE } })).json().id;
    const reads = [
      rtccRead({ plate: 'VHC1001', observedAt: at(0), cameraId: camA, location: undefined, vehicle: { make: 'chevrolet', model: 'silverado', color: 'silver-gray', bodyType: 'pickup-fullsize' } }),
      rtccRead({ plate: 'VHC1002', observedAt: at(5), cameraId: camA, location: undefined, vehicle: { make: 'Ford', model: 'F-150', color: 'Grey', bodyType: 'Pickup Truck' } }),
      rtccRead({ plate: 'VHC1003', observedAt: at(10), cameraId: camA, location: undefined, vehicle: { make: 'Toyota', model: 'Camry', color: 'gray', bodyType: 'sedan-standard' } }),
      rtccRead({ plate: 'VHC1004', observedAt: at(15), cameraId: camA, location: undefined }),
      rtccRead({ plate: 'VHC1005', observedAt: at(20), location: FAR, vehicle: { make: 'Ford', color: 'gray', bodyType: 'pickup' } }),
      rtccRead({ plate: 'VHC1006', observedAt: at(90), cameraId: camA, location: undefined, vehicle: { make: 'Chevy', color: 'Silver', bodyType: 'Pickup' } }),
    ];
    const res = await t.call({ method: 'POST', url: '/api/v1/reads', payload: reads });
    assert.equal(res.json().accepted, reads.length, res.body);
  });
  after(() => t.close());

  const search = async (body: Record<string, unknown>) => {
    const res = await t.call({ method: 'POST', url: '/api/v1/reads/search', payload: { justification: JUSTIFICATION, ...body } });
    assert.equal(res.statusCode, 200, `${JSON.stringify(body)}: ${res.body}`);
    return res.json() as { items: { plate: string; vehicle?: { make?: string } }[]; total: number; nextCursor: string | null };
  };

  it('finds gray pickups near the scene in a time window, whatever the camera called them, with the vehicle in each result', async () => {
    const p = await search({ plate: 'VHC*', from: at(0), to: at(60), area: { center: HERE, radiusMeters: 2_000 }, vehicle: { color: 'GRAY', bodyType: 'pickup' } });
    assert.deepEqual(p.items.map((r) => r.plate), ['VHC1002', 'VHC1001']);
    assert.equal(p.total, 2);
    assert.equal(p.items[0].vehicle?.make, 'Ford');
  });

  it('matches a make by its aliases, combined with cameras, and pages with the exact total', async () => {
    const first = await search({ cameraIds: [camA], vehicle: { make: 'CHEVROLET' }, limit: 1 });
    assert.deepEqual([first.items.map((r) => r.plate), first.total], [['VHC1006'], 2]);
    const second = await search({ cameraIds: [camA], vehicle: { make: 'CHEVROLET' }, limit: 1, cursor: first.nextCursor });
    assert.deepEqual([second.items.map((r) => r.plate), second.nextCursor], [['VHC1001'], null]);
  });

  it('leaves the plate search as it was when the vehicle fields are blank', async () => {
    const p = await search({ plate: 'VHC100?', vehicle: { make: ' ', color: '' } });
    assert.equal(p.total, 6);
  });

  it('puts the vehicle filter in the audit record of the search', async () => {
    await search({ plate: 'VHC*', vehicle: { make: 'ford', bodyType: 'pickup' } });
    const [rec] = (await t.call({ method: 'GET', url: '/api/v1/audit?action=reads.search&limit=1' })).json().items;
    assert.deepEqual(rec.query.vehicle, { make: 'ford', bodyType: 'pickup' });
    assert.equal(rec.resultCount, 2);
  });

  it('refuses a vehicle filter alone, an unknown field or an overlong value', async () => {
    for (const body of [{ vehicle: { make: 'Ford' } }, { plate: 'VHC*', vehicle: { plateColor: 'red' } }, { plate: 'VHC*', vehicle: { model: 'x'.repeat(41) } }]) {
      const res = await t.call({ method: 'POST', url: '/api/v1/reads/search', payload: { justification: JUSTIFICATION, ...body } });
      assert.equal(res.statusCode, 400, JSON.stringify(body));
      assert.equal(res.json().error.code, 'validation_failed');
    }
  });
});
