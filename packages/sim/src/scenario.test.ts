// Scenario files: every file in packages/sim/scenarios validates, and a broken one is refused with
// every problem named by its place in the file.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { ScenarioError, expectedForRun, listScenarios, loadScenario, parseOffset, renderBriefing, validateScenario, type Scenario } from './scenario.ts';

const T0 = Date.UTC(2026, 11, 1, 19, 30, 20); // 13:30:20 in the city

describe('the scenario files', () => {
  const all = listScenarios();

  it('include the three training scenarios of issue 3', () => {
    const ids = all.map((s) => s.id);
    assert.ok(ids.includes('verify-hit-reject-misread'), ids.join(', '));
    assert.ok(ids.includes('partial-plate-time-window'), ids.join(', '));
    assert.ok(ids.includes('shooting-nearby-reads'), ids.join(', '));
  });

  for (const { id } of all) {
    it(`${id} validates, names itself after its file and resolves its expected outcome to plates`, () => {
      const { scenario, city } = loadScenario(id);
      assert.equal(scenario.id, id);
      const expected = expectedForRun(scenario, T0);
      assert.equal(expected.length, scenario.expected.length);
      for (const x of expected) {
        assert.ok(['hit_disposition', 'search_finds', 'area_search_finds', 'hotlist_entry'].includes(x.kind as string));
        for (const field of ['readPlate', 'entryPlate', 'vehiclePlate', 'plate'] as const) {
          if (x[field] !== undefined) assert.match(x[field] as string, /^[A-Z0-9]{2,10}$/, `${x.id}.${field}`);
        }
        for (const v of (x.vehicles ?? []) as { plate: string; readPlates: string[] }[]) {
          for (const p of [v.plate, ...v.readPlates]) assert.match(p, /^[A-Z0-9]{2,10}$/, `${x.id}.vehicles`);
        }
      }
      const briefing = renderBriefing(scenario, city, T0);
      assert.doesNotMatch(briefing, /\{\{|\}\}/, 'every placeholder is filled in');
    });
  }

  it('resolves a hit item to the read plate and a search item to every text read of the vehicle', () => {
    const hits = expectedForRun(loadScenario('verify-hit-reject-misread').scenario, T0);
    assert.deepEqual(hits.find((x) => x.id === 'verify-0mr6120'), {
      id: 'verify-0mr6120',
      kind: 'hit_disposition',
      description: 'Verify the hit on 0MR6120',
      debrief: hits.find((x) => x.id === 'verify-0mr6120')!.debrief,
      readPlate: '0MR6120',
      entryPlate: 'OMR6120',
      disposition: 'misread',
    });
    const [find] = expectedForRun(loadScenario('partial-plate-time-window').scenario, T0);
    assert.equal(find.vehiclePlate, 'KRW4812');
    assert.deepEqual(find.readPlates, ['KRW4812', 'KRW4B12']);
    assert.equal(find.maxWindowMinutes, 120);
  });

  it('resolves an area search item to the incident\'s point, the time of the first shots and the vehicle\'s plates', () => {
    const { scenario, city } = loadScenario('shooting-nearby-reads');
    const [area, bolo] = expectedForRun(scenario, T0);
    assert.deepEqual(
      { ...area, description: undefined, debrief: undefined },
      {
        id: 'area-search-scene',
        kind: 'area_search_finds',
        description: undefined,
        debrief: undefined,
        point: [-97.190399, 31.539404],
        // the sensor heard the shots a minute before the call
        at: new Date(T0 - 40 * 60_000).toISOString(),
        vehicles: [{ plate: 'LWK5093', readPlates: ['LWK5093'] }],
        maxRadiusMeters: 500,
        maxWindowMinutes: 60,
        justification: { offenseType: 'shooting', caseNumber: '2026-021907' },
      },
    );
    assert.deepEqual(bolo, { id: 'bolo-suspect', kind: 'hotlist_entry', description: bolo.description, debrief: bolo.debrief, plate: 'LWK5093' });
    assert.match(renderBriefing(scenario, city, T0), /^Shots fired at 1539 Cottonwood Pkwy, on Cottonwood Pkwy/);
  });
});

describe('offsets and the briefing', () => {
  it('parses signed offsets in ms, s, m, h and d, and refuses anything else', () => {
    assert.equal(parseOffset('-90m'), -5_400_000);
    assert.equal(parseOffset('+20s'), 20_000);
    assert.equal(parseOffset('2h'), 7_200_000);
    assert.equal(parseOffset('0'), 0);
    assert.equal(parseOffset('0s'), 0);
    for (const bad of ['', '90', '-1.5h', 'soon', '+20 s', 20]) assert.equal(parseOffset(bad), undefined, String(bad));
  });

  it('fills in local and UTC times from the run\'s start, and camera names from the city', () => {
    const { scenario, city } = loadScenario('partial-plate-time-window');
    const text = renderBriefing({ ...scenario, briefing: ['at {{time -90m}} near {{camera 121}}'] }, city, T0);
    assert.equal(text, 'at 12:00 (2026-12-01T18:00Z) near Cottonwood Pkwy near 7th St, NB');
  });
});

describe('a broken scenario', () => {
  const good = (): Scenario => structuredClone(loadScenario('verify-hit-reject-misread').scenario);
  const problemsOf = (raw: unknown): string[] => {
    try {
      validateScenario(raw);
    } catch (e) {
      assert.ok(e instanceof ScenarioError, String(e));
      return e.problems;
    }
    assert.fail('the scenario was accepted');
  };

  it('is refused with each problem at its place', () => {
    const s = good() as unknown as Record<string, any>;
    s.id = 'Bad Id';
    s.city.seed = -1;
    s.extra = 1;
    s.events[0].camera = 999;
    s.events[1].at = 'soon';
    s.events[2].vehicle = 'bus';
    s.events[2].read.confidence = 93;
    s.expected[0].disposition = 'arrested';
    s.expected[1].event = 'nowhere';
    s.briefing.push('{{camera 7}} at {{time later}}');
    const problems = problemsOf(s);
    for (const want of [
      /^extra: unknown field/,
      /^id: must be lower-case/,
      /^city\.seed: must be a whole number/,
      /^events\[0\]\.camera: no camera 999 in the city of seed -1 \(cameras 101–132\)/,
      /^events\[1\]\.at: must be an offset/,
      /^events\[2\]\.vehicle: must name one of the vehicles: pickup, elantra, van/,
      /^events\[2\]\.read\.confidence: must be a number from 0 to 1/,
      /^expected\[0\]\.disposition: must be one of confirmed, misread/,
      /^expected\[1\]\.event: must name one of the events/,
      /^briefing\[8\]: \{\{camera 7\}\}: no camera 7/,
      /^briefing\[8\]: \{\{time later\}\}: the time needs an offset/,
    ]) {
      assert.ok(problems.some((p) => want.test(p)), `${want} not among:\n${problems.join('\n')}`);
    }
  });

  it('is refused when an expected hit could never be raised, or a vehicle to find is never read', () => {
    const s = good() as unknown as Record<string, any>;
    s.hotlists[0].entries = s.hotlists[0].entries.filter((e: { plate: string }) => e.plate !== 'OMR6120');
    const problems = problemsOf(s);
    assert.ok(problems.some((p) => /^expected\[1\]\.entryPlate: must be a plate on one of the scenario's hotlists/.test(p)), problems.join('\n'));
    delete s.expected[1].entryPlate;
    assert.ok(problemsOf(s).some((p) => /^expected\[1\]\.event: the read 0MR6120 matches no plate on the scenario's hotlists/.test(p)));

    const t = good() as unknown as Record<string, any>;
    t.vehicles.ghost = { ...t.vehicles.van, plate: 'GHO5712' };
    t.expected.push({ id: 'find-ghost', kind: 'search_finds', description: 'find it', vehicle: 'ghost' });
    assert.ok(problemsOf(t).some((p) => /^expected\[3\]\.vehicle: no event reads ghost/.test(p)));
  });

  it('is refused with each problem of its incidents, gunshot alerts and area search items at its place', () => {
    const s = structuredClone(loadScenario('shooting-nearby-reads').scenario) as unknown as Record<string, any>;
    s.dispatch[0].incident = 'nowhere';
    s.dispatch[0].offsetMeters = [400, 0];
    s.dispatch[0].rounds = 0;
    s.dispatch[0].reviewedAfter = 'later';
    s.dispatch[1].type = 'PARTY';
    s.dispatch[1].priority = 7;
    s.dispatch[1].location = [-80, 31.5];
    s.dispatch.push({ id: 'sensor-alert', at: 'soon', kind: 'drone' });
    s.vehicles.ghost = { ...s.vehicles.van, plate: 'GHO5712' };
    s.expected[0].vehicles = ['suspect', 'bus', 'ghost'];
    s.expected[0].incident = 'sensor-alert';
    delete s.expected[0].maxRadiusMeters;
    s.expected[0].maxWindowMinutes = 0;
    s.briefing.push('at {{address nowhere}}');
    const problems = problemsOf(s);
    for (const want of [
      /^dispatch\[0\]\.incident: must name an incident of the dispatch list: shots-call/,
      /^dispatch\[0\]\.offsetMeters: must be \[east, north\] in metres, at most 300 m from the incident/,
      /^dispatch\[0\]\.rounds: must be a whole number/,
      /^dispatch\[0\]\.reviewedAfter: must be a positive duration/,
      /^dispatch\[1\]\.type: must be a CAD call type: DIST, .*SHOTS/,
      /^dispatch\[1\]\.priority: must be 1 \(emergency\) to 4/,
      /^dispatch\[1\]\.location: is outside the city/,
      /^dispatch\[2\]\.id: sensor-alert is used twice/,
      /^dispatch\[2\]\.at: must be an offset/,
      /^dispatch\[2\]\.kind: must be incident or gunshot/,
      /^expected\[0\]\.incident: must name an incident of the dispatch list: shots-call/,
      /^expected\[0\]\.vehicles\[1\]: must name one of the vehicles/,
      /^expected\[0\]\.vehicles\[2\]: no event reads ghost/,
      /^expected\[0\]\.maxRadiusMeters: must be a whole number of metres from 10 to 50000/,
      /^expected\[0\]\.maxWindowMinutes: must be a whole number of minutes from 1 to 10080/,
      /^briefing\[9\]: \{\{address nowhere\}\}: no incident nowhere in the dispatch list/,
    ]) {
      assert.ok(problems.some((p) => want.test(p)), `${want} not among:\n${problems.join('\n')}`);
    }

    const t = structuredClone(loadScenario('shooting-nearby-reads').scenario) as unknown as Record<string, any>;
    delete t.dispatch;
    t.expected[0].vehicles = [];
    const more = problemsOf(t);
    assert.ok(more.some((p) => /^expected\[0\]\.incident: must name an incident of the dispatch list \(there is none\)/.test(p)), more.join('\n'));
    assert.ok(more.some((p) => /^expected\[0\]\.vehicles: must name at least one vehicle/.test(p)), more.join('\n'));
    assert.ok(problemsOf({ ...t, dispatch: { shots: 1 } }).some((p) => /^dispatch: must be a list/.test(p)));
  });

  it('is refused by loadScenario with the file name, and an unknown id lists the scenarios there are', () => {
    const dir = mkdtempSync(join(tmpdir(), 'rtcc-scenarios-'));
    after(() => rmSync(dir, { recursive: true, force: true }));
    writeFileSync(join(dir, 'broken.json'), '{ "id": "broken", ');
    writeFileSync(join(dir, 'renamed.json'), JSON.stringify({ ...good(), id: 'other-name' }));
    assert.throws(() => loadScenario('broken', dir), /broken\.json is not valid:\n {2}- not JSON/);
    assert.throws(() => loadScenario('renamed', dir), /id: other-name must match the file name/);
    assert.throws(() => loadScenario('nope', dir), /no scenario "nope":\n {2}- available: broken, renamed/);
  });
});
