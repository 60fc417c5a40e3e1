// A scenario's incidents and gunshot alerts: placed on the city's streets with the simulated CAD's
// addresses, sent as the same EIDO and alert payloads the city's own dispatch sends, new to the
// server on every run.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { distanceMeters } from '@openrtcc/domain';
import { buildCity } from './city.ts';
import { loadScenario, parseOffset } from './scenario.ts';
import { addressOf, offsetPoint, placeAt, scenarioDispatch, sceneOf } from './scenario-dispatch.ts';
import { nodeAt } from './streets.ts';

const T0 = Date.UTC(2026, 11, 1, 19, 30, 20);
const RUN = '3f2a9c1e-7b44-4d0e-9a51-0c6e2b7d8f10';
const MIN = 60_000;

describe('placeAt', () => {
  const city = buildCity(42);

  it('puts a point on its nearest street, with 100 numbers a block and the odd numbers on the east side', () => {
    const n = nodeAt(city.streets, 25, 14);
    const east = placeAt(city, offsetPoint(n.location, [8, 60]));
    assert.equal(east.street, 'Cottonwood Pkwy');
    assert.equal(east.houseNumber, 1539);
    assert.equal(east.f, 0.4);
    const west = placeAt(city, offsetPoint(n.location, [-8, 60]));
    assert.equal(west.houseNumber, 1538);
    const along = placeAt(city, offsetPoint(n.location, [70, 5]));
    assert.equal(along.street, '15th St', 'closer to the boulevard-parallel street than to the avenue');
    assert.equal(along.houseNumber, 2645);
  });
});

describe('scenarioDispatch', () => {
  const { scenario, city } = loadScenario('shooting-nearby-reads');
  const sends = scenarioDispatch(scenario.dispatch!, city, T0, RUN, parseOffset);

  it('sends the sensor alert when detected and once reviewed, then the CAD\'s EIDO, in time order', () => {
    assert.deepEqual(
      sends.map((s) => [s.kind, s.event, (s.at - T0) / 1000]),
      [
        ['gunshot', 'sensor-alert', -2400],
        ['gunshot', 'sensor-alert', -2320],
        ['eido', 'shots-call', -2340],
      ].sort((a, b) => (a[2] as number) - (b[2] as number)),
    );
  });

  it('builds the EIDO with the call type, priority, note, address and point of the scenario', () => {
    const eido = sends.find((s) => s.kind === 'eido')!.body as Record<string, any>;
    assert.equal(eido.incidentComponent.incidentTypeCommonRegistryText, 'Law-ShotsFired');
    assert.equal(eido.incidentComponent.incidentTypeInternalCode, 'SHOTS');
    assert.equal(eido.incidentComponent.incidentCommonPriorityNumber, 1);
    assert.deepEqual(eido.incidentComponent.incidentStatusInternalText, ['Pending']);
    assert.match(eido.notesComponent[0].notesActionComments, /saw a dark SUV speed away/);
    const pidf = eido.locationComponent[0].locationByValue as string;
    assert.match(pidf, /<gml:pos>31\.539404 -97\.190399<\/gml:pos>/);
    assert.match(pidf, /<ca:HNO>1539<\/ca:HNO><ca:RD>Cottonwood<\/ca:RD><ca:STS>Pkwy<\/ca:STS>/);
    assert.equal(eido.lastUpdateTimeStamp, new Date(T0 - 39 * MIN).toISOString());
    assert.equal(addressOf(scenario.dispatch!, city, 'shots-call'), '1539 Cottonwood Pkwy');
  });

  it('places the alert near the incident, at its address, reviewed the second time', () => {
    const [first, second] = sends.filter((s) => s.kind === 'gunshot').map((s) => s.body as Record<string, any>);
    const scene = sceneOf(scenario.dispatch!, 'shots-call', T0, parseOffset);
    assert.deepEqual(scene, { point: [-97.190399, 31.539404], at: T0 - 40 * MIN });
    const d = distanceMeters(first.location, scene.point);
    assert.ok(d > 15 && d < 18, `${d} m from the scene`);
    assert.equal(first.address, '1539 Cottonwood Pkwy');
    assert.equal(first.rounds, 6);
    assert.equal(first.humanReviewed, false);
    assert.equal(second.humanReviewed, true);
    assert.equal(second.id, first.id);
    assert.equal(first.detectedAt, new Date(T0 - 40 * MIN).toISOString());
  });

  it('gives each run its own incident and alert ids, and the same ones when a run is replayed', () => {
    const other = scenarioDispatch(scenario.dispatch!, city, T0, '9b0c4e2a-1111-4222-8333-444455556666', parseOffset);
    const ids = (list: typeof sends) => list.map((s) => String(s.body.$id ?? s.body.id));
    assert.deepEqual(ids(scenarioDispatch(scenario.dispatch!, city, T0, RUN, parseOffset)), ids(sends));
    for (const id of ids(other)) assert.ok(!ids(sends).includes(id), id);
  });
});
