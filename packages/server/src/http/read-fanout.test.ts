import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { PlateRead } from '@openrtcc/domain';
import type { WebSocket } from 'ws';
import { MAX_FRAME_READS, MAX_READS_PER_FRAME, ReadFanout, parseReadSubscription, type FanoutClient } from './read-fanout.ts';

function read(i: number, location?: [number, number]): PlateRead {
  return {
    id: String(i),
    plate: `FAN${String(i).padStart(4, '0')}`,
    plateRaw: `FAN${i}`,
    confidence: 0.9,
    observedAt: Date.UTC(2026, 0, 1) + i,
    receivedAt: Date.UTC(2026, 0, 1) + i + 500,
    sourceSystem: 'test',
    sourceEventId: `e${i}`,
    ...(location ? { location } : {}),
  };
}

/** A socket that keeps what is sent to it. */
function socket(bufferedAmount = 0): WebSocket & { sent: string[] } {
  const sent: string[] = [];
  return { OPEN: 1, readyState: 1, bufferedAmount, sent, send: (m: string) => sent.push(m) } as unknown as WebSocket & { sent: string[] };
}

const platesOf = (json: string): string[] => (JSON.parse(json) as { type: string; reads: { plate: string }[] }).reads.map((r) => r.plate);

describe('ReadFanout', () => {
  it('sends all reads to consoles without a viewport and the reads inside it to the others, in order', () => {
    const f = new ReadFanout();
    const all = { socket: socket(), reads: {} } satisfies FanoutClient;
    const box = { socket: socket(), reads: { bbox: [0, 0, 1, 1] as [number, number, number, number] } } satisfies FanoutClient;
    const none = { socket: socket(), reads: null } satisfies FanoutClient;
    const waiting = { socket: socket(), reads: {}, held: [] } satisfies FanoutClient;
    f.add([read(1, [0.5, 0.5]), read(2, [2, 2]), read(3), read(4, [1, 1])], [all, box, none, waiting]);
    f.flush([all, box, none, waiting]);
    assert.deepEqual(platesOf(all.socket.sent[0]), ['FAN0001', 'FAN0002', 'FAN0003', 'FAN0004']);
    assert.deepEqual(platesOf(box.socket.sent[0]), ['FAN0001', 'FAN0004']);
    assert.equal(JSON.parse(box.socket.sent[0]).type, 'read.ingested');
    assert.deepEqual([none.socket.sent.length, waiting.socket.sent.length], [0, 0]);
    assert.deepEqual(f.stats, { frames: 2, delivered: 6, skipped: 0, dropped: 0 });
    f.flush([all, box]); // nothing new: nothing sent
    assert.deepEqual([all.socket.sent.length, box.socket.sent.length], [1, 1]);
  });

  it('skips a backed-up console and gives each console at most the newest reads of a frame', () => {
    const f = new ReadFanout();
    const slow = { socket: socket(64 * 1024 * 1024), reads: {} } satisfies FanoutClient;
    const fast = { socket: socket(), reads: {} } satisfies FanoutClient;
    f.add(Array.from({ length: MAX_READS_PER_FRAME + 10 }, (_, i) => read(i, [0, 0])), [slow, fast]);
    f.flush([slow, fast]);
    assert.equal(slow.socket.sent.length, 0);
    const plates = platesOf(fast.socket.sent[0]);
    assert.equal(plates.length, MAX_READS_PER_FRAME);
    assert.equal(plates[0], 'FAN0010');
    assert.equal(f.stats.skipped, 1);
  });

  it('caps the shared frame, dropping the oldest reads', () => {
    const f = new ReadFanout();
    const box = { socket: socket(), reads: { bbox: [0, 0, 1, 1] as [number, number, number, number] } } satisfies FanoutClient;
    f.add(Array.from({ length: MAX_FRAME_READS + 5 }, (_, i) => read(i, [0.5, 0.5])), [box]);
    assert.equal(f.stats.dropped, 5);
    f.flush([box]);
    const plates = platesOf(box.socket.sent[0]);
    assert.deepEqual([plates.length, plates[plates.length - 1]], [MAX_READS_PER_FRAME, `FAN${MAX_FRAME_READS + 4}`]);
  });

  it('keeps no more of a frame than its consoles can receive', () => {
    const f = new ReadFanout();
    const none = { socket: socket(), reads: null } satisfies FanoutClient;
    const all = { socket: socket(), reads: {} } satisfies FanoutClient;
    const box = { socket: socket(), reads: { bbox: [0, 0, 1, 1] as [number, number, number, number] } } satisfies FanoutClient;
    const batch = (from: number, n: number): PlateRead[] => Array.from({ length: n }, (_, i) => read(from + i, [0.5, 0.5]));

    // nobody takes reads: nothing is kept, nothing goes out
    f.add(batch(0, 50), [none]);
    f.flush([none, all]);
    assert.equal(all.socket.sent.length, 0);

    // consoles without a viewport get the newest MAX_READS_PER_FRAME: only those are kept, none counted as dropped
    f.add(batch(1000, MAX_READS_PER_FRAME), [none, all]);
    f.add(batch(5000, 30), [none, all]);
    f.flush([none, all, box]);
    const plates = platesOf(all.socket.sent[0]);
    assert.deepEqual([plates.length, plates[0], plates[plates.length - 1]], [MAX_READS_PER_FRAME, 'FAN1030', 'FAN5029']);
    assert.deepEqual(platesOf(box.socket.sent[0]), plates, 'a viewport console that arrived mid-frame gets what was kept');
    assert.equal(f.stats.dropped, 0);

    // with a viewport console, the frame keeps more than one console's share: the box still finds its reads among many outside it
    const outside = Array.from({ length: MAX_READS_PER_FRAME * 2 }, (_, i) => read(9000 + i, [5, 5]));
    f.add([...batch(8000, 3), ...outside], [all, box]);
    f.flush([all, box]);
    assert.deepEqual(platesOf(box.socket.sent[1]), ['FAN8000', 'FAN8001', 'FAN8002']);
  });
});

describe('parseReadSubscription', () => {
  it('takes subscribe with or without a box, and unsubscribe', () => {
    assert.deepEqual(parseReadSubscription('{"type":"reads.subscribe"}'), { ok: true, reads: {} });
    assert.deepEqual(parseReadSubscription('{"type":"reads.subscribe","bbox":[-97.8,30.2,-97.7,30.3]}'), { ok: true, reads: { bbox: [-97.8, 30.2, -97.7, 30.3] } });
    assert.deepEqual(parseReadSubscription('{"type":"reads.unsubscribe"}'), { ok: true, reads: null });
  });

  it('refuses anything else with a message', () => {
    for (const bad of ['', 'null', '[]', '{}', '{"type":"x"}', '{"type":"reads.subscribe","bbox":[1,2,3]}', '{"type":"reads.subscribe","bbox":[0,0,"1",1]}', '{"type":"reads.subscribe","bbox":[0,0,200,1]}', '{"type":"reads.subscribe","bbox":[0,1,1,0]}']) {
      const r = parseReadSubscription(bad);
      assert.equal(r.ok, false, bad);
      if (!r.ok) assert.ok(r.message.length > 10);
    }
  });
});
