// Table-driven tests of the state hot-file importers over the project's synthetic fixtures.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { getImporter } from './index.ts';
import { FILE_CODE_REASONS, TCIC_CODE_REASONS, fileCodeFromListText } from './ncic-codes.ts';
import * as F from './state-layouts.fixtures.ts';

/** [line, plate, state, reason, fileCode] of each accepted entry. */
type Row = [number, string, string | undefined, string, string | undefined];

interface Case {
  format: string;
  text: string;
  entries: Row[];
  rejections: [number, string][];
  skipped: number;
}

const CASES: Case[] = [
  {
    format: 'mi-state',
    text: F.MI_STATE,
    entries: [
      [2, 'TST3001', 'MI', 'missing person: MISSING PERSON NCIC', 'M'],
      [3, 'TST0300', 'OH', 'stolen vehicle: Stolen Vehicle MI', 'V'],
      [4, 'TST3003', 'MI', 'stolen vehicle: Stolen Vehicle MI', 'V'],
      [9, 'TST3008', 'MI', 'stolen plate', 'P'],
    ],
    rejections: [
      [5, 'too short: 27 characters, a record needs at least 39'],
      [6, "invalid entry date '20241405' (expected YYYYMMDD)"],
      [7, "unknown file code 'Q'"],
      [8, 'empty plate'],
    ],
    skipped: 1,
  },
  {
    format: 'wa-ncic',
    text: F.WA_NCIC,
    entries: [
      [2, 'TST4001', 'WA', 'stolen vehicle', 'V'],
      [3, 'TST4002', 'OR', 'stolen plate', 'P'],
      [7, 'TST4006', 'WA', 'missing person', 'M'],
    ],
    rejections: [
      [4, "unknown file code 'Z'"],
      [5, 'too short: 19 characters, a record needs at least 39'],
      [6, "invalid entry date '2024-1-5' (expected YYYYMMDD)"],
    ],
    skipped: 1,
  },
  {
    format: 'wa-stolen',
    text: F.WA_STOLEN,
    entries: [
      [2, 'TST4101', 'WA', 'stolen vehicle: case 24-00001; VERIFY WITH TEST PD, BOTH PLATES ON VEHICLE, YES TO SEARCH', 'V'],
      [3, 'TST4102', 'OR', 'stolen vehicle: case 24-00002', 'V'],
    ],
    rejections: [
      [4, 'expected at least 12 columns, found 5'],
      [5, "invalid date stolen '13/01/2024' (expected MM/DD/YYYY)"],
      [6, 'empty plate'],
    ],
    skipped: 1,
  },
  {
    format: 'tx-tcic',
    text: F.TX_TCIC,
    entries: [
      [2, 'TST5001', 'TX', 'wanted person', 'W'],
      [3, 'TST5002', 'OK', 'violent person', 'E'],
      [5, 'TST5003', 'TX', 'child safety check', 'Y'],
      [6, 'TST5004', 'TX', 'protection order', 'O'],
      [11, 'TST5009', 'TX', 'threat against peace officer', 'T'],
    ],
    rejections: [
      [7, 'expected 8 columns, found 7'],
      [8, "unknown file code 'Q'"],
      [9, 'empty plate'],
      [10, "record id 'T' has no parse code"],
    ],
    skipped: 2,
  },
  {
    format: 'mn-ncic',
    text: F.MN_NCIC,
    entries: [
      [2, 'TST6001', 'NY', 'stolen vehicle', 'V'],
      [3, 'TST6002', 'MN', 'wanted person', 'W'],
      [7, 'TST6006', 'OK', 'stolen plate', 'P'],
    ],
    rejections: [
      [4, 'expected 12 columns, found 11'],
      [5, "invalid entry date '20221399' (expected YYYYMMDD)"],
      [6, "unknown file code 'Z'"],
    ],
    skipped: 1,
  },
  {
    format: 'fl-fcic',
    text: F.FL_FCIC,
    entries: [
      [2, 'TST7001', 'FL', 'stolen plate: STOLEN LICENSE PLATE', 'P'],
      [3, 'TST7002', 'GA', 'stolen vehicle', 'V'],
      [4, 'TST7003', 'OH', 'wanted person', 'W'],
      [6, 'TST7005', 'FL', 'TOWED VEHICLE', undefined],
    ],
    rejections: [
      [5, 'expected at least 13 columns, found 4'],
      [7, 'missing list type (no file code and no list name)'],
      [8, 'empty plate'],
    ],
    skipped: 1,
  },
  {
    format: 'il-leads',
    text: F.IL_LEADS,
    entries: [
      [2, 'TST8001', 'IL', 'stolen vehicle', 'V'],
      [3, 'TST8002', 'WI', 'missing person: DOE, JANE TEST F W 19900101', 'M'],
      [7, 'TST8006', 'OH', 'wanted person: SMITH, JOHN TEST M W 19800101', 'W'],
    ],
    rejections: [
      [4, "unknown parse code 'REVOKED'"],
      [5, "invalid date of theft '139924' (expected MMDDYY)"],
      [6, 'too short: 5 characters, a record needs at least 13'],
      [8, 'empty plate'],
    ],
    skipped: 1,
  },
  {
    format: 'ny-state',
    text: F.NY_STATE,
    entries: [
      [2, 'TST9001', 'NY', 'stolen vehicle', 'V'],
      [3, 'TST9002', 'NJ', 'stolen plate', 'P'],
      [4, 'TST9003', 'OH', 'wanted person', 'W'],
      [7, 'TST9006', 'PA', 'sex offender', 'X'],
    ],
    rejections: [
      [5, "unknown file code 'Z'"],
      [6, 'too short: 12 characters, a record needs at least 16'],
    ],
    skipped: 1,
  },
  {
    format: 'ca-clew',
    text: F.CA_CLEW,
    entries: [
      [2, 'TST0001', 'CA', 'stolen vehicle: CA county 12', 'V'],
      [4, 'TST0003', 'CA', 'stolen vehicle: CA county 01', 'V'],
      [7, 'TST0006', 'CA', 'stolen vehicle: CA county 37', 'V'],
    ],
    rejections: [
      [3, "invalid entry date '20240230' (expected YYYYMMDD)"],
      [5, 'empty plate'],
      [6, "invalid entry date '202406' (expected YYYYMMDD)"],
    ],
    skipped: 2,
  },
  {
    format: 'co-ccic',
    text: F.CO_CCIC,
    entries: [
      [2, 'TST1101', 'CO', 'Attempt To Locate', undefined],
      [3, 'TST1102', 'CO', 'stolen plate', 'P'],
      [4, 'TST1103', 'CO', 'wanted person: Felony Warrant WHITE TOYOTA PICKUP', 'W'],
      [5, 'TST1104', 'CO', 'sex offender: Sexual Offender', 'X'],
      [8, 'TST1107', 'CO', 'stolen vehicle: Stolen/Car Jacking/Ca', 'V'],
    ],
    rejections: [
      [6, 'too short: 7 characters, a record needs at least 13'],
      [7, 'missing list type'],
    ],
    skipped: 1,
  },
];

/** The parsed entries and rejections of one fixture, by format. */
function parse(format: string): ReturnType<ReturnType<typeof getImporter>['parse']> {
  const c = CASES.find((x) => x.format === format);
  assert.ok(c, format);
  return getImporter(format).parse(c.text);
}

describe('state hot-file importers (synthetic fixtures)', () => {
  for (const c of CASES) {
    describe(c.format, () => {
      it('accepts the good lines, rejects each bad one with its reason, skips header and trailer', () => {
        const r = getImporter(c.format).parse(c.text);
        assert.deepEqual(
          r.entries.map((e): Row => [e.line, e.plate, e.state, e.reason, e.fileCode]),
          c.entries,
        );
        assert.deepEqual(
          r.rejections.map((x) => [x.line, x.reason]),
          c.rejections,
        );
        assert.equal(r.skipped, c.skipped);
        // Nothing is lost: every line is an entry, a rejection or skipped.
        assert.equal(r.entries.length + r.rejections.length + r.skipped, c.text.split('\n').length);
      });

      it('reads Windows line endings the same as Unix ones', () => {
        const unix = getImporter(c.format).parse(c.text + '\n');
        const windows = getImporter(c.format).parse(c.text.split('\n').join('\r\n') + '\r\n');
        assert.deepEqual(windows, unix);
      });

      it('never invents a category: a file code is always one of the shared table', () => {
        const table = c.format === 'tx-tcic' ? TCIC_CODE_REASONS : FILE_CODE_REASONS;
        for (const e of getImporter(c.format).parse(c.text).entries) {
          if (e.fileCode === undefined) continue;
          assert.ok(e.reason.startsWith(table[e.fileCode]), `${c.format} line ${e.line}: ${e.reason}`);
        }
      });
    });
  }
});

describe('state layout quirks', () => {
  it('fixes zero for the letter O in state, ORI and make codes, never in the plate', () => {
    const mi = parse('mi-state').entries.find((e) => e.line === 3);
    assert.deepEqual([mi?.plate, mi?.state, mi?.ori, mi?.vehicle?.make], ['TST0300', 'OH', 'OH0000002', 'Dodge']);
    const tcic = parse('tx-tcic').entries.find((e) => e.line === 3);
    assert.deepEqual([tcic?.state, tcic?.vehicle?.make], ['OK', 'Toyota']);
    const ny = parse('ny-state').entries.find((e) => e.line === 4);
    assert.deepEqual([ny?.state, ny?.vehicle?.make], ['OH', 'Ford']);
    const co = parse('co-ccic').entries.find((e) => e.line === 5);
    assert.deepEqual([co?.state, co?.vehicle?.make], ['CO', 'Toyota']);
    assert.equal(parse('ca-clew').entries.find((e) => e.line === 2)?.plate, 'TST0001');
  });

  it('keeps two-tone colors as both colors', () => {
    assert.equal(parse('mi-state').entries[0].vehicle?.color, 'black/white');
    assert.equal(parse('wa-ncic').entries[1].vehicle?.color, 'black/silver');
    assert.equal(parse('tx-tcic').entries[1].vehicle?.color, 'black/white');
    assert.equal(parse('mn-ncic').entries[1].vehicle?.color, 'red/black');
    assert.equal(parse('il-leads').entries[0].vehicle?.color, 'red/black');
    assert.deepEqual(
      [parse('ny-state').entries[1].vehicle?.make, parse('ny-state').entries[1].vehicle?.color],
      ['MELR', 'yellow/black'],
    );
    assert.equal(parse('co-ccic').entries[3].vehicle?.color, 'black/white');
  });

  it('reads the Michigan full record and keeps its record-type text', () => {
    assert.deepEqual(parse('mi-state').entries[0], {
      plate: 'TST3001',
      plateRaw: 'TST3001',
      state: 'MI',
      reason: 'missing person: MISSING PERSON NCIC',
      fileCode: 'M',
      recordId: 'M100000001',
      ori: 'MI0000001',
      enteredAt: Date.UTC(2024, 3, 3),
      vehicle: {
        make: 'Chevrolet',
        model: 'SUB',
        bodyType: 'sport utility',
        color: 'black/white',
        year: '2003',
        plateType: 'passenger',
        plateYear: '2025',
      },
      line: 2,
    });
  });

  it('keeps the Washington stolen-vehicle free-text tail, commas and all, and reads its vehicle', () => {
    const e = parse('wa-stolen').entries[0];
    assert.match(e.reason, /BOTH PLATES ON VEHICLE, YES TO SEARCH$/);
    assert.deepEqual([e.ori, e.enteredAt, e.recordId], ['WA0000001', Date.UTC(2024, 6, 31), undefined]);
    assert.deepEqual(e.vehicle, {
      make: 'Honda',
      model: 'ELE',
      bodyType: '4-door sedan',
      color: 'silver/black',
      year: '2003',
      plateType: 'passenger',
      plateYear: '2025',
    });
  });

  it('takes the Washington file code from the third character of the record id', () => {
    const e = parse('wa-ncic').entries[0];
    assert.deepEqual([e.fileCode, e.recordId, e.enteredAt], ['V', '21V0000001', Date.UTC(2024, 0, 1)]);
  });

  it('gives a Minnesota/Kansas bare file code no record id', () => {
    const [bare, full] = parse('mn-ncic').entries;
    assert.equal(bare.recordId, undefined);
    assert.equal(full.recordId, 'W100000002');
    assert.deepEqual(bare.vehicle, {
      make: 'Yamaha',
      model: 'CYL',
      bodyType: 'motorcycle',
      color: 'black',
      year: '2005',
      plateType: 'motorcycle',
      plateYear: '2021',
    });
  });

  it('reads Florida US dates and the NCIC number', () => {
    const [plate, , wanted] = parse('fl-fcic').entries;
    assert.deepEqual([plate.recordId, plate.enteredAt, plate.ori], ['P100000001', Date.UTC(2024, 0, 3), 'FL0000001']);
    assert.equal(wanted.enteredAt, Date.UTC(2024, 2, 4));
  });

  it('reads Illinois LEADS tags: two-digit year, date of theft, LEADS number', () => {
    const e = parse('il-leads').entries[0];
    assert.deepEqual([e.recordId, e.enteredAt], ['V00A0001', Date.UTC(2024, 0, 3)]);
    assert.deepEqual(e.vehicle, {
      make: 'Dodge',
      model: 'MAG',
      bodyType: '4-door sedan',
      color: 'red/black',
      year: '2005',
      plateType: 'passenger',
    });
  });

  it('reads the California date of loss and keeps a plate with a space', () => {
    const entries = parse('ca-clew').entries;
    assert.equal(entries[0].enteredAt, Date.UTC(2024, 4, 15));
    assert.equal(entries[1].enteredAt, undefined);
    assert.deepEqual([entries[2].plate, entries[2].plateRaw], ['TST0006', 'TST 0006']);
  });

  it('splits Colorado vehicle text into year, make, model and color', () => {
    assert.deepEqual(parse('co-ccic').entries[0].vehicle, { make: 'Ford', model: 'FOC', color: 'black', year: '2002' });
  });
});

describe('fileCodeFromListText', () => {
  const TABLE: [string, string | undefined][] = [
    ['STOLEN LICENSE PLATE', 'P'],
    ['Stolen Plate', 'P'],
    ['STOLEN VEHICLE', 'V'],
    ['Stolen/Car Jacking/Ca', 'V'],
    ['MISSING PERSON NCIC', 'M'],
    ['Felony Warrant', 'W'],
    ['WANTED PERSON', 'W'],
    ['Sexual Offender', 'X'],
    ['Used in Felony or By', 'F'],
    ['AMBER ALERT', 'A'],
    ['PROTECTION ORDER', 'H'],
    ['GANG MEMBER', 'T'],
    ['Attempt To Locate', undefined],
    ['Reported Lost', undefined],
  ];
  for (const [text, code] of TABLE) {
    it(`${text} → ${code ?? 'no category'}`, () => assert.equal(fileCodeFromListText(text), code));
  }
});
