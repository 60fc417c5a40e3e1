import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { HotlistIndex, type IndexedEntry } from './hotlist-index.ts';

const NOW = Date.UTC(2025, 5, 1);

function entry(id: string, plate: string, extra: Partial<IndexedEntry> = {}): IndexedEntry {
  return { id, hotlistId: 'stolen', plate, ...extra };
}

function kinds(index: HotlistIndex, plate: string, candidates?: string[]): string[] {
  return index
    .match({ plate, candidates: candidates?.map((p) => ({ plate: p })) }, NOW)
    .map((m) => `${m.entry.id}:${m.matchKind}`);
}

describe('HotlistIndex', () => {
  it('finds an exact plate and returns the entry as added', () => {
    const index = new HotlistIndex();
    index.add(entry('e1', 'KXT4821', { state: 'TX', expiresAt: NOW + 1000 }));
    index.add(entry('e2', 'JRM552'));
    const [m, ...rest] = index.match({ plate: 'KXT4821' }, NOW);
    assert.deepEqual(rest, []);
    assert.deepEqual(m, {
      entry: { id: 'e1', hotlistId: 'stolen', plate: 'KXT4821', state: 'TX', expiresAt: NOW + 1000 },
      matchKind: 'exact',
      readPlate: 'KXT4821',
      matchedCandidate: false,
    });
  });

  it('matches OCR confusions O/0, B/8, S/5 and I/1 as ocr-equivalent', () => {
    const index = new HotlistIndex();
    index.add(entry('o', 'QO4712'));
    index.add(entry('b', 'B8B123'));
    index.add(entry('s', 'SS5T77'));
    index.add(entry('i', 'W1IL42'));
    assert.deepEqual(kinds(index, 'Q04712'), ['o:ocr-equivalent']);
    assert.deepEqual(kinds(index, '888123'), ['b:ocr-equivalent']);
    assert.deepEqual(kinds(index, '555T77'), ['s:ocr-equivalent']);
    assert.deepEqual(kinds(index, 'WI1142'), ['i:ocr-equivalent']);
  });

  it('does not match a different plate of the same length', () => {
    const index = new HotlistIndex();
    index.add(entry('e1', 'KXT4821'));
    assert.deepEqual(kinds(index, 'KXT4822'), []);
  });

  it('matches the read candidates and says so', () => {
    const index = new HotlistIndex();
    index.add(entry('e1', 'KXT4821'));
    const [m] = index.match({ plate: 'KXI4821', candidates: [{ plate: 'KXT4821' }] }, NOW);
    assert.equal(m.matchKind, 'exact');
    assert.equal(m.readPlate, 'KXT4821');
    assert.equal(m.matchedCandidate, true);
  });

  it('keeps one match per entry with its best kind, preferring the read plate on a tie', () => {
    const index = new HotlistIndex();
    index.add(entry('e1', 'KXT4821'));
    assert.deepEqual(kinds(index, 'KXT482I', ['KXT4821']), ['e1:exact']);
    const [m] = index.match({ plate: 'KXT4821', candidates: [{ plate: 'KXT4821' }, { plate: 'KXT482I' }] }, NOW);
    assert.equal(m.matchedCandidate, false);
  });

  it('never matches an expired entry', () => {
    const index = new HotlistIndex();
    index.add(entry('gone', 'KXT4821', { expiresAt: NOW }));
    index.add(entry('live', 'KXT4821', { expiresAt: NOW + 1 }));
    assert.deepEqual(kinds(index, 'KXT4821'), ['live:exact']);
  });

  it('has one-edit matching off by default', () => {
    const index = new HotlistIndex();
    index.add(entry('e1', 'KXT4821'));
    assert.deepEqual(kinds(index, 'KXT4E21'), []);
    assert.deepEqual(kinds(index, 'KXT482'), []);
  });

  it('matches one substitution, insertion or deletion when one-edit is enabled', () => {
    const index = new HotlistIndex({ oneEdit: true });
    index.add(entry('e1', 'KXT4821'));
    assert.deepEqual(kinds(index, 'KXT4E21'), ['e1:one-edit']);
    assert.deepEqual(kinds(index, 'KXT482'), ['e1:one-edit']);
    assert.deepEqual(kinds(index, 'KXT48211'), ['e1:one-edit']);
    assert.deepEqual(kinds(index, 'AKXT4821'), ['e1:one-edit']);
    assert.deepEqual(kinds(index, 'KXT4B2I'), ['e1:ocr-equivalent']);
    assert.deepEqual(kinds(index, 'KXT4812'), [], 'a transposition is two edits');
    assert.deepEqual(kinds(index, 'KYT4E21'), []);
  });

  it('one-edit matching ignores expired entries and follows removals', () => {
    const index = new HotlistIndex({ oneEdit: true });
    index.add(entry('old', 'PLM300', { expiresAt: NOW - 1 }));
    index.add(entry('new', 'PLM3000'));
    assert.deepEqual(kinds(index, 'PLM30'), []);
    assert.deepEqual(kinds(index, 'PLM300'), ['new:one-edit']);
    index.remove('new');
    assert.deepEqual(kinds(index, 'PLM300'), []);
    index.add(entry('new', 'PLMM30'));
    assert.deepEqual(kinds(index, 'PLM30'), ['new:one-edit']);
  });

  it('replaces an entry added again with the same id', () => {
    const index = new HotlistIndex();
    index.add(entry('e1', 'KXT4821'));
    index.add(entry('e1', 'JRM552', { state: 'OK' }));
    assert.equal(index.size, 1);
    assert.deepEqual(kinds(index, 'KXT4821'), []);
    assert.deepEqual(index.match({ plate: 'JRM552' }, NOW)[0].entry, { id: 'e1', hotlistId: 'stolen', plate: 'JRM552', state: 'OK' });
  });

  it('removes single entries and whole hotlists', () => {
    const index = new HotlistIndex();
    index.add(entry('a1', 'AAA111', { hotlistId: 'amber' }));
    index.add(entry('a2', 'AAA112', { hotlistId: 'amber' }));
    index.add(entry('s1', 'AAA111'));
    assert.equal(index.remove('s1'), true);
    assert.equal(index.remove('s1'), false);
    assert.deepEqual(kinds(index, 'AAA111'), ['a1:exact']);
    assert.equal(index.removeHotlist('amber'), 2);
    assert.equal(index.removeHotlist('amber'), 0);
    assert.equal(index.removeHotlist('never-loaded'), 0);
    assert.equal(index.size, 0);
    assert.deepEqual(kinds(index, 'AAA111'), []);
  });

  it('returns one match per list when two lists hold the same plate', () => {
    const index = new HotlistIndex();
    index.add(entry('n1', 'GHW7730', { hotlistId: 'ncic' }));
    index.add(entry('b1', 'GHW7730', { hotlistId: 'bolo' }));
    const lists = index.match({ plate: 'GHW7730' }, NOW).map((m) => m.entry.hotlistId).sort();
    assert.deepEqual(lists, ['bolo', 'ncic']);
  });

  it('normalizes a plate given with separators or lower case', () => {
    const index = new HotlistIndex();
    index.add(entry('e1', 'kxt-4821'));
    assert.deepEqual(kinds(index, 'KXT4821'), ['e1:exact']);
    assert.deepEqual(kinds(index, 'kxt 4821'), ['e1:exact']);
  });

  it('rejects entries that could never match', () => {
    const index = new HotlistIndex();
    assert.throws(() => index.add(entry('e1', '--')), /no usable plate/);
    assert.throws(() => index.add(entry('', 'KXT4821')), /needs an id/);
    assert.throws(() => index.add(entry('e1', 'KXT4821', { expiresAt: Number.NaN })), /expiresAt/);
    assert.equal(index.size, 0);
  });

  it('matches the same after room was reserved ahead, including beyond what was reserved', () => {
    const index = new HotlistIndex();
    index.add(entry('before', 'RSV0001'));
    index.reserve(1000);
    for (let i = 0; i < 3000; i++) index.add(entry(`e${i}`, `RSV${String(i).padStart(4, '0')}`, { state: 'TX' }));
    assert.equal(index.size, 3001);
    assert.deepEqual(kinds(index, 'RSV0001'), ['before:exact', 'e1:exact']);
    assert.deepEqual(kinds(index, 'RSV2999'), ['e2999:exact']);
    assert.deepEqual(kinds(index, 'RSVO999'), ['e999:ocr-equivalent']);
    assert.equal(index.remove('e1'), true);
    index.add(entry('e1', 'RSV0001'));
    assert.deepEqual(kinds(index, 'RSV0001').sort(), ['before:exact', 'e1:exact']);
  });

  it('clear empties the index', () => {
    const index = new HotlistIndex();
    index.add(entry('e1', 'KXT4821'));
    index.clear();
    assert.equal(index.size, 0);
    assert.deepEqual(kinds(index, 'KXT4821'), []);
  });

  it('keeps long and non-Latin-1 ids intact', () => {
    const index = new HotlistIndex();
    const long = 'x'.repeat(300);
    index.add(entry(long, 'LNG123'));
    index.add(entry('entrée-№7', 'UNI456'));
    assert.equal(index.match({ plate: 'LNG123' }, NOW)[0].entry.id, long);
    assert.equal(index.match({ plate: 'UNI456' }, NOW)[0].entry.id, 'entrée-№7');
    assert.equal(index.remove('entrée-№7'), true);
    assert.equal(index.remove(long), true);
    assert.equal(index.size, 0);
  });

  it('keeps finding the remaining entries after most of a large list is removed', () => {
    const index = new HotlistIndex();
    for (let i = 0; i < 20000; i++) index.add(entry(`e${i}`, `P${i}`, { hotlistId: i % 4 === 0 ? 'keep' : 'drop' }));
    assert.equal(index.removeHotlist('drop'), 15000);
    for (let i = 0; i < 20000; i += 997) {
      assert.deepEqual(kinds(index, `P${i}`), i % 4 === 0 ? [`e${i}:exact`] : []);
    }
    index.add(entry('late', 'LATE1'));
    assert.deepEqual(kinds(index, 'LATE1'), ['late:exact']);
    assert.equal(index.size, 5001);
  });

  it('stays consistent with a plain list through many adds, replaces and removals', () => {
    let seed = 11;
    const rand = (n: number): number => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) % n);
    const alphabet = 'AB8O0S5';
    const plate = (): string => Array.from({ length: 4 + rand(2) }, () => alphabet[rand(alphabet.length)]).join('');
    const index = new HotlistIndex({ oneEdit: true });
    const truth = new Map<string, IndexedEntry>();
    for (let step = 0; step < 6000; step++) {
      const id = `id${rand(400)}`;
      if (rand(3) === 0) {
        assert.equal(index.remove(id), truth.delete(id));
      } else {
        const e = entry(id, plate(), { hotlistId: `list${rand(3)}` });
        index.add(e);
        truth.set(id, e);
      }
      if (step % 50 === 0) {
        const read = plate();
        const got = index.match({ plate: read }, NOW).map((m) => m.entry.id).sort();
        const want = [...truth.values()].filter((e) => fuzzy(read, e.plate)).map((e) => e.id).sort();
        assert.deepEqual(got, want, `read ${read} at step ${step}`);
      }
    }
    assert.equal(index.size, truth.size);
    assert.equal(index.removeHotlist('list1'), [...truth.values()].filter((e) => e.hotlistId === 'list1').length);
  });
});

/** Reference: Levenshtein ≤ 1 on OCR keys for this test's alphabet, by brute force. */
function fuzzy(a: string, b: string): boolean {
  const key = (s: string): string => s.replace(/O/g, '0').replace(/B/g, '8').replace(/S/g, '5');
  const x = key(a);
  const y = key(b);
  if (x === y) return true;
  const dels = (s: string): string[] => Array.from(s, (_, i) => s.slice(0, i) + s.slice(i + 1));
  if (x.length === y.length) return dels(x).some((d, i) => d === dels(y)[i]);
  const [long, short] = x.length > y.length ? [x, y] : [y, x];
  return long.length === short.length + 1 && dels(long).includes(short);
}
