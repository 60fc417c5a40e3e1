/**
 * Child process for the crash-recovery tests: opens a store and appends batches of reads with
 * a few appends in flight, printing one JSON line per batch only after its `append()` promise
 * resolved (the acknowledgement a source would get). The parent SIGKILLs it mid-stream.
 *
 * Usage: node crash-writer.fixture.ts sqlite <dataDir> | postgres <url>
 */
import type { Store } from '../store.types.ts';
import { crashRead, CRASH_BATCH, type CrashAck } from './crash-recovery.ts';

const [kind, target] = process.argv.slice(2);
if ((kind !== 'sqlite' && kind !== 'postgres') || !target) {
  process.stderr.write('usage: crash-writer.fixture.ts sqlite <dataDir> | postgres <url>\n');
  process.exit(2);
}

const store: Store =
  kind === 'sqlite'
    ? await (await import('../sqlite/index.ts')).openSqliteStore({ dataDir: target })
    : await (await import('../postgres/index.ts')).openPostgresStore(target, { maxConnections: 4 });

const IN_FLIGHT = 3;
// A bound so a child whose parent never kills it still ends.
const LAST_BATCH = 5_000;
let next = 0;

function send(): void {
  if (next >= LAST_BATCH) return;
  const batch = next++;
  const reads = Array.from({ length: CRASH_BATCH }, (_, i) => crashRead(batch, i));
  store.reads.append(reads).then(
    (res) => {
      const ack: CrashAck = { batch, reads: res.stored.map((r) => [r.sourceEventId, r.id]) };
      process.stdout.write(`${JSON.stringify(ack)}\n`);
      send();
    },
    (e: unknown) => {
      process.stderr.write(`append of batch ${batch} failed: ${e instanceof Error ? e.stack : String(e)}\n`);
      process.exit(1);
    },
  );
}

for (let i = 0; i < IN_FLIGHT; i++) send();
