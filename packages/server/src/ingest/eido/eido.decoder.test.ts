// The EIDO decoder over fixtures the project wrote (fixtures/README.md): valid incidents, the
// 2020 draft's spellings, wrong types, malformed and hostile bodies.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { DecodeError } from '../decoder.types.ts';
import { eidoDecoder, MAX_EIDOS } from './eido.decoder.ts';

const RECEIVED = Date.UTC(2026, 5, 1);
const fixture = (name: string): Buffer => readFileSync(new URL(`./fixtures/${name}`, import.meta.url));
const decode = (body: Buffer | string) => eidoDecoder.decode({ body: Buffer.isBuffer(body) ? body : Buffer.from(body), receivedAt: RECEIVED });
const iso = (s: string) => Date.parse(s);

describe('EIDO decoder: valid incidents', () => {
  it('reads a full incident: type, priority, status, beat, times, both locations, notes and units', () => {
    const { incidents, units, ignored } = decode(fixture('incident-open.eido.json'));
    assert.equal(ignored, undefined);
    assert.equal(incidents.length, 1);
    const inc = incidents[0];
    assert.equal(inc.sourceSystem, 'eido');
    assert.equal(inc.sourceIncidentId, 'urn:emergency:uid:incidentid:f00d0001:cad.example-county.gov');
    assert.equal(inc.updatedAt, iso('2026-03-14T21:05:30.000-05:00'));
    assert.equal(inc.openedAt, iso('2026-03-14T21:00:05.000-05:00'));
    assert.equal(inc.type, 'Law-Burglary');
    assert.equal(inc.typeCode, '459R');
    assert.equal(inc.typeText, 'Residential burglary in progress');
    assert.equal(inc.callType, 'emergency');
    assert.equal(inc.priority, 2);
    assert.equal(inc.priorityText, 'P2');
    assert.equal(inc.status, 'open');
    assert.deepEqual(inc.statusText, ['Active', 'Dispatched']);
    assert.equal(inc.beat, 'Beat 14');
    assert.deepEqual(inc.location, {
      point: [-77.04105, 38.89012],
      radiusMeters: 25,
      civic: { country: 'US', A1: 'VA', A3: 'Example City', HNO: '1200', RD: 'Maple', STS: 'Avenue', PC: '22000', NAM: 'Smith & Sons Hardware' },
      address: '1200 Maple Avenue, Example City, VA 22000, US',
      locationType: 'Incident',
    });
    assert.deepEqual(inc.notes, [
      {
        id: 'note-1',
        text: 'Caller hears glass breaking at the rear door.\nTwo subjects, one in a red hoodie & jeans.',
        at: iso('2026-03-14T21:02:00.000-05:00'),
        author: 'calltaker-17@psap.example-county.gov',
      },
    ]);
    assert.deepEqual(inc.units, [
      { unitId: '2B31', name: '2B31', type: 'Law Enforcement', status: 'Enroute', secondaryStatus: ['Emergency Response'], at: iso('2026-03-14T21:05:00.000-05:00') },
      { unitId: '2B44', name: '2B44', type: 'Law Enforcement', status: 'Dispatched', at: iso('2026-03-14T21:03:20.000-05:00') },
    ]);
    assert.equal(units.length, 2);
    assert.deepEqual(units[0].position, { location: [-77.045, 38.885], at: iso('2026-03-14T21:04:58.000-05:00'), sourceSystem: 'eido', receivedAt: RECEIVED });
    assert.equal(units[1].position, undefined, 'a unit without a location has no position');
    assert.ok(units.every((u) => u.activeOnIncidentId === inc.sourceIncidentId));
  });

  it('reads the later EIDO of the same incident as a closing update with its disposition', () => {
    const [inc] = decode(fixture('incident-closed.eido.json')).incidents;
    assert.equal(inc.sourceIncidentId, 'urn:emergency:uid:incidentid:f00d0001:cad.example-county.gov');
    assert.equal(inc.status, 'closed');
    assert.equal(inc.openedAt, undefined, 'no call: the opening time is not restated');
    assert.equal(inc.location, undefined);
    assert.deepEqual(inc.dispositions, [
      { code: 'Report Taken', primary: true, category: 'Law', description: 'Suspects gone on arrival; report 26-004411', at: iso('2026-03-14T22:09:00.000-05:00') },
    ]);
    assert.deepEqual(inc.notes.map((n) => n.id), ['note-1', 'note-2']);
    assert.deepEqual(inc.units.map((u) => [u.unitId, u.status]), [['2B31', 'Available']]);
  });

  it('reads the 2020 draft spellings: PascalCase, id, arrays and objects swapped, numbers as strings', () => {
    const { incidents, units } = decode(fixture('draft-2020.eido.json'));
    const [inc] = incidents;
    assert.equal(inc.sourceIncidentId, 'urn:emergency:uid:incidentid:draft0042:cad.example-town.gov');
    assert.equal(inc.updatedAt, iso('2026-05-02T08:15:00Z'));
    assert.equal(inc.type, 'Traffic-Collision');
    assert.equal(inc.priority, 3);
    assert.equal(inc.status, 'open');
    assert.deepEqual(inc.statusText, ['Pending']);
    assert.equal(inc.beat, 'North');
    assert.deepEqual(inc.location, { point: [-93.2702, 44.9601], locationType: 'Incident' });
    assert.deepEqual(inc.notes, [{ id: 'draft-note-1', text: 'Two vehicles, no injuries reported', at: iso('2026-05-02T08:14:30Z') }]);
    assert.deepEqual(units.map((u) => [u.unitId, u.status, u.type]), [['T7', 'Dispatched', 'Law Enforcement']]);
  });

  it('keeps what it can use from values of the wrong type and never throws on them', () => {
    const { incidents, units } = decode(fixture('wrong-types.eido.json'));
    const [inc] = incidents;
    assert.equal(inc.sourceIncidentId, 'urn:emergency:uid:incidentid:badtypes01:cad.example-county.gov');
    assert.equal(inc.updatedAt, RECEIVED, 'no usable time: the receive time');
    assert.equal(inc.type, undefined);
    assert.equal(inc.priority, undefined);
    assert.equal(inc.beat, undefined);
    assert.equal(inc.location, undefined);
    assert.deepEqual(inc.dispositions, []);
    assert.deepEqual(inc.notes.map((n) => n.text), ['42']);
    assert.deepEqual(units.map((u) => u.unitId), ['5']);
  });

  it('takes an array of EIDOs and a wrapped EIDO', () => {
    const a = JSON.parse(fixture('incident-open.eido.json').toString());
    const b = JSON.parse(fixture('draft-2020.eido.json').toString());
    assert.equal(decode(JSON.stringify([a, b])).incidents.length, 2);
    assert.equal(decode(JSON.stringify({ eido: a })).incidents[0].type, 'Law-Burglary');
  });

  it('reads a body with a BOM and a lying content type', () => {
    const body = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), fixture('incident-open.eido.json')]);
    const r = eidoDecoder.decode({ body, contentType: 'application/x-www-form-urlencoded', receivedAt: RECEIVED });
    assert.equal(r.incidents.length, 1);
  });

  it('reads vehicles (plate, state, NCIC codes, VIN) and people (role and description), never names or phones', () => {
    const [inc] = decode(fixture('incident-vehicle-person.eido.json')).incidents;
    assert.deepEqual(inc.vehicles, [
      {
        id: 'veh-1',
        relationship: ['Suspect'],
        plate: 'KVN4471',
        plateRaw: 'kvn-4471',
        state: 'TX',
        make: 'HOND',
        model: 'CIV',
        color: 'SIL',
        style: '4D',
        year: 2016,
        vin: '2HGFC2F59GH512345',
        at: Date.parse('2026-05-30T21:12:40-06:00'),
      },
      { id: 'veh-2', relationship: ['Involved'], make: 'FORD', color: 'WHI', description: 'white pickup, ladder rack, partial plate 7T', at: Date.parse('2026-05-30T21:13:10-06:00') },
    ]);
    assert.deepEqual(inc.persons, [
      {
        id: 'per-1',
        roles: ['Suspect'],
        description: 'sex M; age 20s; height about 5\'10"; clothing black hoodie, grey sweatpants; left on foot toward the Civic',
        at: Date.parse('2026-05-30T21:12:50-06:00'),
      },
      { id: 'per-2', roles: ['Caller', 'Victim'], at: Date.parse('2026-05-30T21:12:30-06:00') },
    ]);
    const all = JSON.stringify(inc);
    for (const secret of ['Jordan', 'Testperson', '1994-02-03', 'Caller Name Not Kept', '555 0100']) assert.ok(!all.includes(secret), `${secret} must not be kept`);
  });

  it('bounds the search for vehicle values in a hostile, deeply nested component', () => {
    let deep: Record<string, unknown> = { licensePlate: 'DEEP001' };
    for (let i = 0; i < 200; i++) deep = { nested: deep };
    const wide = Object.fromEntries(Array.from({ length: 5000 }, (_, i) => [`k${i}`, { x: i }]));
    const body = JSON.stringify({ $id: 'hostile-1', incidentComponent: { $id: 'i' }, vehicleComponent: [{ $id: 'v-deep', ncVehicleComponent: deep }, { $id: 'v-wide', ncVehicleComponent: { ...wide, plate: 'WIDE001' } }] });
    const [inc] = decode(body).incidents;
    assert.equal(inc.vehicles, undefined, 'values beyond the depth and visit limits are not searched for');
  });

  it('acknowledges an EIDO with nothing to store as ignored', () => {
    const r = decode(fixture('agency-only.eido.json'));
    assert.deepEqual(r.incidents, []);
    assert.match(r.ignored ?? '', /no incident, call, note or emergency resource/);
    assert.match(decode('[]').ignored ?? '', /empty array/);
  });
});

describe('EIDO decoder: malformed and hostile bodies', () => {
  const refused: [string, string | Buffer, RegExp][] = [
    ['an empty body', '', /empty body/],
    ['not JSON', 'EIDO please', /invalid JSON at position 0/],
    ['truncated JSON', fixture('incident-open.eido.json').subarray(0, 300), /invalid JSON/],
    ['a JSON string', '"urn:emergency:uid:incidentid:x"', /expected an EIDO JSON object, got string/],
    ['null', 'null', /got null/],
    ['an array of numbers', '[1,2]', /\[0\]: expected an EIDO JSON object, got number/],
    ['no id anywhere', fixture('no-id.eido.json'), /has no \$id/],
    ['an array element without id', JSON.stringify([JSON.parse(fixture('incident-open.eido.json').toString()), { incidentComponent: {} }]), /\[1\]: the EIDO has no \$id/],
    ['too many EIDOs', JSON.stringify(Array.from({ length: MAX_EIDOS + 1 }, () => ({}))), /at most 100/],
    ['too many components', JSON.stringify({ $id: 'x', notesComponent: Array.from({ length: 1001 }, (_, i) => ({ $id: `n${i}`, notesActionComments: 'x' })) }), /notesComponent has 1001 entries/],
    ['nesting 200,000 deep', '['.repeat(200_000) + ']'.repeat(200_000), /./],
  ];
  for (const [what, body, message] of refused) {
    it(`refuses ${what} with a DecodeError`, () => {
      assert.throws(() => decode(body), (e: unknown) => e instanceof DecodeError && message.test(e.message));
    });
  }

  it('survives a hostile PIDF-LO: huge, unclosed tags, out-of-range coordinates', () => {
    const loc = (xml: string) => ({ $id: 'urn:x', incidentComponent: { incidentTypeCommonRegistryText: 'Test', locationReference: [{ $ref: 'l' }] }, locationComponent: [{ $id: 'l', locationTypeDescriptionRegistryText: 'Incident', locationByValue: xml }] });
    const cases = [
      '<civicAddress>'.repeat(4000),
      `<civicAddress>${'<A1>'.repeat(10_000)}`,
      `<gml:pos>${'9'.repeat(50_000)}</gml:pos>`,
      '<gml:pos>95.0 -77.0</gml:pos>',
      '<gml:pos>38.9 -200</gml:pos>',
      `<civicAddress><A1>${'x'.repeat(70_000)}</A1></civicAddress>`,
      '<civicAddress><A1>&#xFFFFFFF;&amp;&bogus;</A1></civicAddress>',
    ];
    for (const xml of cases) {
      const started = process.hrtime.bigint();
      const [inc] = decode(JSON.stringify(loc(xml))).incidents;
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      assert.ok(ms < 1000, `took ${ms} ms on ${xml.slice(0, 30)}`);
      assert.ok(inc.location === undefined || inc.location.point === undefined || Math.abs(inc.location.point[1]) <= 90);
    }
    const last = decode(JSON.stringify(loc(cases[6]))).incidents[0];
    assert.equal(last.location?.civic?.A1, '&#xFFFFFFF;&&bogus;');
  });

  it('cuts over-long text instead of storing it whole', () => {
    const [inc] = decode(JSON.stringify({ $id: 'urn:long', incidentComponent: { incidentTypeCommonRegistryText: 'T'.repeat(10_000) }, notesComponent: [{ $id: 'n', notesActionComments: 'y'.repeat(100_000) }] })).incidents;
    assert.equal(inc.type?.length, 200);
    assert.equal(inc.notes[0].text.length, 8000);
    assert.ok(inc.notes[0].text.endsWith('…'));
  });

  it('never reads a __proto__ key into the incident', () => {
    const [inc] = decode('{"$id":"urn:p","incidentComponent":{"__proto__":{"type":"polluted"},"incidentTypeCommonRegistryText":"Law-Test"}}').incidents;
    assert.equal(inc.type, 'Law-Test');
    assert.equal(({} as Record<string, unknown>).type, undefined);
  });
});
