/**
 * Contract: hotlists, their entries (add, replace by version, remove, page, active set) and
 * import history.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Hotlist, HotlistEntry } from '@openrtcc/domain';
import type { HotlistImportRecord } from '../store.types.ts';
import { DAY, uid, type GetStore } from './fixtures.ts';

const NOW = Date.UTC(2031, 4, 1);

function newList(): Omit<Hotlist, 'version' | 'entryCount' | 'lastImportAt'> {
  return {
    id: uid('list'),
    name: `Stolen vehicles ${uid('n')}`,
    kind: 'ncic',
    priority: 2,
    matchKinds: ['exact', 'ocr-equivalent'],
    description: 'synthetic test list',
    createdAt: NOW - 10 * DAY,
  };
}

function entry(hotlistId: string, plate: string, over: Partial<HotlistEntry> = {}): HotlistEntry {
  return {
    id: uid('entry'),
    hotlistId,
    plate,
    plateRaw: plate,
    reason: 'stolen vehicle',
    importVersion: 0,
    createdAt: NOW - DAY,
    createdBy: 'tester',
    ...over,
  };
}

export function hotlistsContract(store: GetStore): void {
  describe('hotlists', () => {
    it('creates a list at version 0 with no entries, and finds it', async () => {
      const input = newList();
      const created = await store().hotlists.create(input);
      assert.deepEqual(created, { ...input, version: 0, entryCount: 0 });
      assert.deepEqual(await store().hotlists.get(input.id), created);
      assert.deepEqual((await store().hotlists.list()).find((l) => l.id === input.id), created);
      assert.equal(await store().hotlists.get(uid('missing')), undefined);
    });

    it('rejects a second list with the same id', async () => {
      const input = newList();
      await store().hotlists.create(input);
      await assert.rejects(store().hotlists.create({ ...input, name: 'other' }));
    });

    it('adds entries with every field and counts them', async () => {
      const list = await store().hotlists.create(newList());
      const full = entry(list.id, 'HLT100', {
        plateRaw: 'HLT-100',
        state: 'KS',
        reason: 'wanted person',
        fileCode: 'W',
        recordId: 'W000000001',
        ori: 'KS0000000',
        enteredAt: NOW - 400 * DAY,
        expiresAt: NOW + 30 * DAY,
        vehicle: { color: 'red', make: 'Honda', plateType: 'PC', plateYear: '2029' },
      });
      const bare = entry(list.id, 'HLT101');
      await store().hotlists.addEntries(list.id, [full, bare]);
      assert.deepEqual(await store().hotlists.getEntry(full.id), full);
      assert.deepEqual(await store().hotlists.getEntry(bare.id), bare);
      assert.equal((await store().hotlists.get(list.id))?.entryCount, 2);
      await store().hotlists.addEntries(list.id, [entry(list.id, 'HLT102')]);
      assert.equal((await store().hotlists.get(list.id))?.entryCount, 3);
      assert.equal(await store().hotlists.getEntry(uid('missing')), undefined);
    });

    it('replaceEntries retires imported entries of older versions and records the version and time', async () => {
      const list = await store().hotlists.create(newList());
      const old = [entry(list.id, 'REP001', { importVersion: 1 }), entry(list.id, 'REP002', { importVersion: 1 })];
      await store().hotlists.addEntries(list.id, old);
      const fresh = [entry(list.id, 'REP003', { importVersion: 2 }), entry(list.id, 'REP004', { importVersion: 2 })];
      await store().hotlists.replaceEntries(list.id, 2, fresh, NOW);

      for (const e of old) assert.equal(await store().hotlists.getEntry(e.id), undefined, 'old entry retired');
      for (const e of fresh) assert.deepEqual(await store().hotlists.getEntry(e.id), e);
      const after = await store().hotlists.get(list.id);
      assert.equal(after?.version, 2);
      assert.equal(after?.lastImportAt, NOW);
      assert.equal(after?.entryCount, 2);

      const v3 = [entry(list.id, 'REP005', { importVersion: 3 })];
      await store().hotlists.replaceEntries(list.id, 3, v3, NOW + 1000);
      const page = await store().hotlists.listEntries(list.id, { limit: 10, offset: 0 });
      assert.deepEqual(page.items, v3);
      assert.equal((await store().hotlists.get(list.id))?.version, 3);
    });

    it('an import replaces older imported entries, in the active set too, and keeps what people typed in', async () => {
      const list = await store().hotlists.create(newList());
      const v1 = [entry(list.id, 'IMP001', { importVersion: 1 }), entry(list.id, 'IMP002', { importVersion: 1 })];
      await store().hotlists.replaceEntries(list.id, 1, v1, NOW);
      // a BOLO typed in by a person: version 0, never retired by an import
      const bolo = entry(list.id, 'IMP003', { expiresAt: NOW + DAY, importVersion: 0 });
      await store().hotlists.addEntries(list.id, [bolo]);
      const active = async () =>
        new Set((await Array.fromAsync(store().hotlists.activeEntries(NOW))).flat().filter((e) => e.hotlistId === list.id).map((e) => e.plate));
      assert.deepEqual(await active(), new Set(['IMP001', 'IMP002', 'IMP003']));

      // Version 2 keeps one plate of version 1 under a new entry id and drops the other.
      const v2 = [entry(list.id, 'IMP001', { importVersion: 2 }), entry(list.id, 'IMP004', { importVersion: 2 })];
      await store().hotlists.replaceEntries(list.id, 2, v2, NOW + 10);
      assert.deepEqual(await active(), new Set(['IMP001', 'IMP003', 'IMP004']));
      for (const e of v1) assert.equal(await store().hotlists.getEntry(e.id), undefined);
      assert.deepEqual(await store().hotlists.getEntry(bolo.id), bolo);
      const page = await store().hotlists.listEntries(list.id, { limit: 10, offset: 0 });
      assert.deepEqual(new Set(page.items.map((e) => e.id)), new Set([...v2, bolo].map((e) => e.id)));
      assert.equal(page.total, 3);
      assert.deepEqual((await store().hotlists.get(list.id))?.entryCount, 3);
    });

    it('replaceEntries stores the entries as the version it was given', async () => {
      const list = await store().hotlists.create(newList());
      const e = entry(list.id, 'IMV001', { importVersion: 0 });
      await store().hotlists.replaceEntries(list.id, 3, [e], NOW);
      assert.deepEqual(await store().hotlists.getEntry(e.id), { ...e, importVersion: 3 });
      await store().hotlists.replaceEntries(list.id, 4, [entry(list.id, 'IMV002', { importVersion: 4 })], NOW + 1);
      assert.equal(await store().hotlists.getEntry(e.id), undefined, 'an entry stored as version 3 is retired by version 4');
    });

    it('refuses to change a list that does not exist', async () => {
      const missing = uid('missing-list');
      const code = (e: unknown) => (e as { code?: string }).code === 'not_found_or_forbidden';
      await assert.rejects(store().hotlists.addEntries(missing, [entry(missing, 'NOL001')]), code);
      await assert.rejects(store().hotlists.replaceEntries(missing, 1, [entry(missing, 'NOL002')], NOW), code);
      await assert.rejects(store().hotlists.setVersion(missing, 1, NOW), code);
      assert.deepEqual((await Array.fromAsync(store().hotlists.activeEntries(NOW))).flat().filter((e) => e.hotlistId === missing), []);
    });

    it('setVersion bumps the version and import time without touching entries', async () => {
      const list = await store().hotlists.create(newList());
      const e = entry(list.id, 'VER001');
      await store().hotlists.addEntries(list.id, [e]);
      await store().hotlists.setVersion(list.id, 4, NOW + 5);
      const after = await store().hotlists.get(list.id);
      assert.equal(after?.version, 4);
      assert.equal(after?.lastImportAt, NOW + 5);
      assert.equal(after?.entryCount, 1);
      assert.deepEqual(await store().hotlists.getEntry(e.id), e);
    });

    it('removeEntry removes only from its own list and reports whether it did', async () => {
      const list = await store().hotlists.create(newList());
      const other = await store().hotlists.create(newList());
      const e = entry(list.id, 'REM001');
      await store().hotlists.addEntries(list.id, [e, entry(list.id, 'REM002')]);
      assert.equal(await store().hotlists.removeEntry(other.id, e.id), false);
      assert.equal(await store().hotlists.removeEntry(list.id, e.id), true);
      assert.equal(await store().hotlists.removeEntry(list.id, e.id), false);
      assert.equal(await store().hotlists.getEntry(e.id), undefined);
      assert.equal((await store().hotlists.get(list.id))?.entryCount, 1);
    });

    it('listEntries pages cover every entry once with the exact total', async () => {
      const list = await store().hotlists.create(newList());
      const entries = Array.from({ length: 11 }, (_, i) => entry(list.id, `PG${String(i).padStart(3, '0')}X`));
      await store().hotlists.addEntries(list.id, entries);
      const seen: string[] = [];
      let offset = 0;
      for (;;) {
        const page = await store().hotlists.listEntries(list.id, { limit: 4, offset });
        assert.equal(page.total, 11);
        seen.push(...page.items.map((e) => e.id));
        if (page.nextCursor === null) break;
        offset += page.items.length;
      }
      assert.equal(seen.length, 11);
      assert.deepEqual(new Set(seen), new Set(entries.map((e) => e.id)));
    });

    it('activeEntries leaves out expired entries, across lists', async () => {
      const a = await store().hotlists.create(newList());
      const b = await store().hotlists.create(newList());
      const open = entry(a.id, 'ACT001');
      const later = entry(b.id, 'ACT002', { state: 'TX', expiresAt: NOW + 60_000 });
      // what the matcher is built from: never the record's body
      const laterAsIndexed = { id: later.id, hotlistId: b.id, plate: 'ACT002', state: 'TX', expiresAt: NOW + 60_000 };
      const expired = entry(a.id, 'ACT003', { expiresAt: NOW - 1 });
      await store().hotlists.addEntries(a.id, [open, expired]);
      await store().hotlists.addEntries(b.id, [later]);
      const active = (await Array.fromAsync(store().hotlists.activeEntries(NOW))).flat().filter((e) => e.hotlistId === a.id || e.hotlistId === b.id);
      assert.deepEqual(new Set(active.map((e) => e.id)), new Set([open.id, later.id]));
      assert.deepEqual(active.find((e) => e.id === later.id), laterAsIndexed);
      assert.deepEqual(active.find((e) => e.id === open.id), { id: open.id, hotlistId: a.id, plate: 'ACT001' });
      const afterwards = (await Array.fromAsync(store().hotlists.activeEntries(NOW + 120_000))).flat().filter((e) => e.hotlistId === b.id);
      assert.deepEqual(afterwards, []);
      // An entry stops matching at its expiry instant (expiresAt <= now), as the hotlist index does.
      const atExpiry = (await Array.fromAsync(store().hotlists.activeEntries(NOW + 60_000))).flat().filter((e) => e.hotlistId === b.id);
      assert.deepEqual(atExpiry, []);
      const justBefore = (await Array.fromAsync(store().hotlists.activeEntries(NOW + 59_999))).flat().filter((e) => e.hotlistId === b.id);
      assert.deepEqual(justBefore, [laterAsIndexed]);
      // one list's alone
      assert.deepEqual((await Array.fromAsync(store().hotlists.activeEntries(NOW, a.id))).flat().map((e) => e.id), [open.id]);
      assert.deepEqual((await Array.fromAsync(store().hotlists.activeEntries(NOW, b.id))).flat(), [laterAsIndexed]);
      assert.deepEqual((await Array.fromAsync(store().hotlists.activeEntries(NOW, 'no-such-list'))).flat(), []);
      await store().hotlists.removeEntry(a.id, open.id);
      const removed = (await Array.fromAsync(store().hotlists.activeEntries(NOW))).flat().filter((e) => e.hotlistId === a.id);
      assert.deepEqual(removed, []);
    });

    it('activeEntries streams a list larger than one batch, every entry once', async () => {
      const list = await store().hotlists.create(newList());
      const many = Array.from({ length: 25_001 }, (_, i) => entry(list.id, `BAT${String(i).padStart(5, '0')}`, { state: i % 2 ? 'TX' : undefined }));
      await store().hotlists.addEntries(list.id, many);
      const batches = await Array.fromAsync(store().hotlists.activeEntries(NOW, list.id));
      assert.ok(batches.length > 1 && batches.every((b) => b.length > 0), `${batches.length} batches`);
      const got = batches.flat().sort((x, y) => x.plate.localeCompare(y.plate));
      assert.equal(got.length, many.length);
      assert.deepEqual(got[0], { id: many[0].id, hotlistId: list.id, plate: 'BAT00000' });
      assert.deepEqual(got[25_000], { id: many[25_000].id, hotlistId: list.id, plate: 'BAT25000' });
      assert.deepEqual(got[1], { id: many[1].id, hotlistId: list.id, plate: 'BAT00001', state: 'TX' });
      assert.equal(new Set(got.map((e) => e.id)).size, many.length);
    });

    it('records imports and lists them newest first', async () => {
      const list = await store().hotlists.create(newList());
      const base: HotlistImportRecord = {
        id: uid('import'),
        hotlistId: list.id,
        version: 1,
        format: 'ncic-fixed',
        mode: 'replace',
        importedAt: NOW,
        importedBy: 'tester',
        accepted: 1200,
        rejected: 2,
        expiredSkipped: 3,
        rejections: [
          { line: 7, reason: 'plate is empty', text: 'V    KS' },
          { line: 19, reason: 'unknown state "QQ"', text: 'V ABC123 QQ' },
        ],
      };
      const second: HotlistImportRecord = { ...base, id: uid('import'), version: 2, mode: 'append', importedAt: NOW + 1000, rejections: [] };
      await store().hotlists.recordImport(base);
      await store().hotlists.recordImport(second);
      assert.deepEqual(await store().hotlists.listImports(list.id), [second, base]);
      assert.deepEqual(await store().hotlists.listImports(uid('missing')), []);
    });
  });
}
