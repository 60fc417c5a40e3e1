// Rows of calls-for-service files into incident updates, collapsing one incident's rows, and
// merging a file's incident into the stored one (same file again: nothing changes).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CFS_PRESETS, validateMapping, type CfsMapping } from './cfs-mapping.ts';
import { cfsRowToUpdate, type CfsRow } from './cfs-row.ts';
import { combineRows, mergeImported } from './cfs-collapse.ts';

const DALLAS = CFS_PRESETS[0];
const STL = CFS_PRESETS[1];

function ok(row: CfsRow, m: CfsMapping) {
  const r = cfsRowToUpdate(row, m);
  assert.ok(r.ok, JSON.stringify(r));
  return r;
}

const dallasRow = (over: CfsRow = {}): CfsRow => ({
  beat: '728',
  block: '2500',
  date_time: '2018-01-09T09:16:00.000',
  division: 'South Central',
  incident_number: '18-0052951',
  location: 'Marfa Ave',
  nature_of_call: '40 - Other',
  priority: '3',
  reporting_area: '4273',
  status: 'At Scene',
  unit_number: 'D723',
  ...over,
});

describe('cfsRowToUpdate', () => {
  it('reads a Dallas row: code and text of the nature, priority, the hundred block as block-level, the unit', () => {
    const { update, warnings } = ok(dallasRow(), DALLAS);
    assert.deepEqual(warnings, []);
    assert.equal(update.sourceSystem, 'cfs:dallas-pd');
    assert.equal(update.sourceIncidentId, '18-0052951');
    assert.equal(update.openedAt, Date.UTC(2018, 0, 9, 15, 16));
    assert.equal(update.typeCode, '40');
    assert.equal(update.typeText, 'Other');
    assert.equal(update.priority, 3);
    assert.equal(update.status, 'open');
    assert.deepEqual(update.statusText, ['At Scene']);
    assert.equal(update.beat, '728');
    assert.deepEqual(update.location, { address: '2500 block Marfa Ave', blockLevel: true });
    assert.deepEqual(update.units, [{ unitId: 'D723', at: Date.UTC(2018, 0, 9, 15, 16) }]);
  });

  it('splits natures with odd spacing, and keeps a nature without a code as text', () => {
    const table: [string, string | undefined, string][] = [
      ['26/01- Missing Person-Critical', '26/01', 'Missing Person-Critical'],
      ['7X - Major Accident', '7X', 'Major Accident'],
      ['21R - Res Panic  Alarm', '21R', 'Res Panic Alarm'],
      ['Hit-and-run', undefined, 'Hit-and-run'],
    ];
    for (const [nature, code, text] of table) {
      const { update } = ok(dallasRow({ nature_of_call: nature }), DALLAS);
      assert.equal(update.typeCode, code, nature);
      assert.equal(update.typeText, text, nature);
    }
  });

  it('keeps an intersection verbatim and not block-level; treats System.Xml.XmlElement as empty', () => {
    const beatFromArea = { ...DALLAS, columns: { ...DALLAS.columns, beat: 'reporting_area' } };
    const { update } = ok(dallasRow({ block: '', location: 'N Peak St / Live Oak St', reporting_area: 'System.Xml.XmlElement' }), beatFromArea);
    assert.deepEqual(update.location, { address: 'N Peak St / Live Oak St' });
    assert.equal(update.beat, undefined);
  });

  it('keeps a St. Louis masked address verbatim with the flag, and rounds 21-decimal coordinates', () => {
    const { update } = ok({ id: 'P2007280856', eventtime: '2020-07-28 08:56:00', raweventtime: '', location: '11XX BATES ST', description: 'Disturbance-Fight', lat: '38.564011500000000000000', lng: '-90.234589100000000000000' }, STL);
    assert.deepEqual(update.location, { address: '11XX BATES ST', blockLevel: true, point: [-90.2345891, 38.5640115] });
    assert.equal(update.typeText, 'Disturbance-Fight');
    assert.equal(update.typeCode, undefined);
    assert.equal(ok({ id: 'x', eventtime: '2020-07-28 08:56:00', location: 'X GOVERNMENT DR' }, STL).update.location?.blockLevel, true);
    assert.equal(ok({ id: 'x', eventtime: '2020-07-28 08:56:00', location: '1200 MARKET ST' }, STL).update.location?.blockLevel, undefined);
    const always = { ...STL, blockLevel: 'always' as const };
    assert.equal(ok({ id: 'x', eventtime: '2020-07-28 08:56:00', location: '1200 MARKET ST' }, always).update.location?.blockLevel, true);
  });

  it('warns about coordinates it cannot use and keeps the row without a point', () => {
    const bad = ok({ id: 'x', eventtime: '2020-07-28 08:56:00', location: '39XX PARK AVE', lat: 'not-a-number', lng: '-90.24' }, STL);
    assert.deepEqual(bad.update.location, { address: '39XX PARK AVE', blockLevel: true });
    assert.match(bad.warnings[0], /not a latitude and longitude/);
    const zero = ok({ id: 'x', eventtime: '2020-07-28 08:56:00', location: 'A', lat: '0.000', lng: '0' }, STL);
    assert.match(zero.warnings[0], /0, 0/);
  });

  it('reads both coordinates from one column: a NERIS "lat, lon" pair or a WKT point', () => {
    const oneColumn = { ...STL, columns: { ...STL.columns, latitude: 'dispatch_point', longitude: 'dispatch_point' } };
    const row = (point: string) => ({ id: 'FD24027000:1714762619', eventtime: '2024-05-03T18:56:56+00:00', location: 'X', dispatch_point: point });
    assert.deepEqual(ok(row('42.548054, -77.840575'), oneColumn).update.location?.point, [-77.840575, 42.548054]);
    assert.deepEqual(ok(row('(42.548054,-77.840575)'), oneColumn).update.location?.point, [-77.840575, 42.548054]);
    assert.deepEqual(ok(row('POINT (-77.840575 42.548054)'), oneColumn).update.location?.point, [-77.840575, 42.548054]);
    assert.equal(ok(row('2024-05-03T18:56:56+00:00'), oneColumn).update.openedAt, Date.UTC(2024, 4, 3, 18, 56, 56), 'an offset in the time is kept');
    const bad = ok(row('somewhere'), oneColumn);
    assert.equal(bad.update.location?.point, undefined);
    assert.equal(bad.warnings.length, 1);
  });

  it('rejects a row without an incident number or with a time it cannot read, saying which', () => {
    const noId = cfsRowToUpdate({ id: '', eventtime: '2020-07-28 08:56:00' }, STL);
    assert.deepEqual(noId, { ok: false, reason: 'no incident number in column id' });
    const noTime = cfsRowToUpdate({ id: 'P1', eventtime: '' }, STL);
    assert.deepEqual(noTime, { ok: false, reason: 'no received time in column eventtime' });
    const badTime = cfsRowToUpdate({ id: 'P1', eventtime: '28/07/2020 10:15' }, STL);
    assert.equal(badTime.ok, false);
    assert.match((badTime as { reason: string }).reason, /^eventtime: "28\/07\/2020 10:15" is not a date and time/);
  });
});

describe('collapsing and merging a file', () => {
  const rows = ['D723', 'B732', 'B715', 'D714'].map((unit) => ok(dallasRow({ unit_number: unit }), DALLAS).update);
  const one = rows.reduce(combineRows);
  const T = Date.UTC(2026, 5, 1);

  it('collapses one row per unit into one incident with every unit', () => {
    assert.deepEqual(one.units.map((u) => u.unitId), ['D723', 'B732', 'B715', 'D714']);
    assert.equal(one.typeCode, '40');
  });

  it('lets the later row win a disagreement and opens at the earliest row', () => {
    const early = ok(dallasRow({ date_time: '2018-01-09T09:10:00.000', priority: '2', unit_number: 'A1' }), DALLAS).update;
    const late = ok(dallasRow({ date_time: '2018-01-09T09:20:00.000', priority: '1', unit_number: 'A2' }), DALLAS).update;
    for (const u of [combineRows(early, late), combineRows(late, early)]) {
      assert.equal(u.priority, 1);
      assert.equal(u.openedAt, Date.UTC(2018, 0, 9, 15, 10));
    }
  });

  it('creates the incident as of the import; the same file again gives back the stored incident', () => {
    const created = mergeImported(undefined, one, { id: 'inc-1', importedAt: T });
    assert.equal(created.id, 'inc-1');
    assert.equal(created.updatedAt, T);
    assert.equal(created.openedAt, Date.UTC(2018, 0, 9, 15, 16));
    assert.equal(mergeImported(created, one, { id: 'other', importedAt: T + 60_000 }), created);
  });

  it('updates from a later file: a closed call closes at that import, a new unit joins', () => {
    const created = mergeImported(undefined, one, { id: 'inc-1', importedAt: T });
    const later = combineRows(ok(dallasRow({ status: 'Closed', unit_number: 'D723' }), DALLAS).update, ok(dallasRow({ status: 'Closed', unit_number: 'K9' }), DALLAS).update);
    const closed = mergeImported(created, later, { id: 'other', importedAt: T + 3_600_000 });
    assert.equal(closed.id, 'inc-1');
    assert.equal(closed.status, 'closed');
    assert.equal(closed.closedAt, T + 3_600_000);
    assert.equal(closed.units.length, 5);
    assert.equal(mergeImported(closed, later, { id: 'x', importedAt: T + 7_200_000 }), closed, 'the later file again changes nothing');
  });
});

describe('validateMapping', () => {
  it('accepts the presets as input and fills defaults', () => {
    const v = validateMapping({ name: ' Copy ', sourceSystem: 'cfs:x', columns: { incidentNumber: 'id', receivedAt: 't' }, timeZone: 'America/Chicago' });
    assert.equal(v.name, 'Copy');
    assert.equal(v.timeFormat, 'iso');
    assert.equal(v.blockLevel, 'detect');
    for (const p of CFS_PRESETS) assert.doesNotThrow(() => validateMapping(p));
  });

  it('lists every problem at once', () => {
    try {
      validateMapping({ name: '', sourceSystem: 'eido', columns: { incidentNumber: 'id', latitude: 'lat', address: 'a', block: 'b' } as never, timeZone: 'Mars/Olympus' });
      assert.fail('should throw');
    } catch (e) {
      const fields = ((e as { details: { field: string }[] }).details ?? []).map((d) => d.field);
      assert.deepEqual(fields.sort(), ['columns.address', 'columns.latitude', 'columns.receivedAt', 'name', 'sourceSystem', 'timeZone']);
    }
  });
});
