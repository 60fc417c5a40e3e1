/**
 * The stream's unit feed: units that moved (or changed dispatch status) gather for one frame and
 * go out every 250 ms with the reads, each unit once with its latest state, serialized once for
 * every console. A console whose snapshot is still being read gets the frame after it.
 */
import type { StreamMessage, Unit } from '@openrtcc/domain';
import type { WebSocket } from 'ws';
import { unitView } from '../units/unit.view.ts';

/** Units one frame carries at most (the latest to change). */
export const MAX_FRAME_UNITS = 5000;

export interface UnitFrameClient {
  socket: WebSocket;
  held?: StreamMessage[];
}

export class UnitFrames {
  private pending = new Map<string, Unit>();

  add(units: readonly Unit[]): void {
    for (const u of units) {
      // re-inserted so the map keeps the order of the latest changes
      this.pending.delete(u.id);
      this.pending.set(u.id, u);
    }
    while (this.pending.size > MAX_FRAME_UNITS) this.pending.delete(this.pending.keys().next().value!);
  }

  /** Sends the units gathered since the last flush to every client. */
  flush(clients: Iterable<UnitFrameClient>): void {
    if (this.pending.size === 0) return;
    const msg: StreamMessage = { type: 'unit.moved', units: [...this.pending.values()].map(unitView) };
    this.pending = new Map();
    let json: string | undefined;
    for (const c of clients) {
      if (c.held) c.held.push(msg);
      else if (c.socket.readyState === c.socket.OPEN) c.socket.send((json ??= JSON.stringify(msg)));
    }
  }
}
