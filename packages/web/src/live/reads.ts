/**
 * The recent reads of the live map: a bounded buffer fed by the stream's `read.ingested` frames.
 * At 100× the demo sends thousands of reads a second, so listeners hear about new reads at most
 * once per animation frame, and the buffer keeps only the newest MAX_READS.
 */
import type { ReadView } from '../api/wire.ts';

export const MAX_READS = 2000;

let buffer: ReadView[] = [];
let total = 0;
let frame = 0;
const listeners = new Set<() => void>();

function notify(): void {
  if (frame) return;
  const run = () => {
    frame = 0;
    for (const l of listeners) l();
  };
  // a hidden tab gets no animation frames; a timer keeps its buffer small and its counts right
  frame = document.hidden ? window.setTimeout(run, 500) : requestAnimationFrame(run);
}

export function pushReads(reads: ReadView[]): void {
  total += reads.length;
  buffer = buffer.length + reads.length > MAX_READS ? [...buffer, ...reads].slice(-MAX_READS) : buffer.concat(reads);
  notify();
}

/** The newest reads, oldest first. The array is replaced on change, never mutated. */
export function recentReads(): ReadView[] {
  return buffer;
}

/** Reads received since the console opened. */
export function readsReceived(): number {
  return total;
}

export function subscribeReads(l: () => void): () => void {
  listeners.add(l);
  return () => listeners.delete(l);
}

export function clearReads(): void {
  buffer = [];
  total = 0;
  notify();
}
