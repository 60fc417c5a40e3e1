/**
 * Replaying quarantine once a decoder is fixed: one item from its card, or the pending items of a
 * source family and/or a receive window, a bounded batch at a time. Results show on the items.
 */
import { useState } from 'react';
import { api } from '../../api/client.ts';
import type { BulkReplayView, QuarantineReplayView, QuarantineView } from '../../api/wire.ts';
import { reportError } from '../../app/errors.ts';
import { fmtDateTime } from '../../ui/format.ts';

/** What a replay produced, in a line: reads, incidents, positions, alerts stored or already there. */
export function replaySummary(r: QuarantineReplayView): string {
  if (r.outcome === 'failed') return `still fails: ${r.reason ?? 'unknown reason'}`;
  const res = r.result ?? {};
  const n = (k: string) => (typeof res[k] === 'number' ? (res[k] as number) : undefined);
  const parts: string[] = [];
  if (n('accepted') !== undefined) parts.push(`${n('accepted')} stored`);
  if (n('duplicates')) parts.push(`${n('duplicates')} already stored`);
  if (Array.isArray(res.incidents)) parts.push(`${res.incidents.length} incident(s)`);
  if (Array.isArray(res.dropped) && res.dropped.length > 0) parts.push(`${res.dropped.length} dropped`);
  if (typeof res.ignored === 'string') parts.push(`ignored: ${res.ignored}`);
  return `decoded now${parts.length ? `: ${parts.join(', ')}` : ''}`;
}

export function ReplayStatus({ q }: { q: QuarantineView }) {
  if (!q.replay) return null;
  return (
    <div className={q.status === 'replayed' ? 'replay-result agree' : 'replay-result disagree'} data-testid="replay-result">
      {q.status === 'replayed' ? '✓ Replayed' : '✗ Replay failed'} · {replaySummary(q.replay)}
      <span className="muted small">
        {' '}
        ({fmtDateTime(q.replay.at)} by {q.replay.by}
        {q.replay.attempts > 1 ? `, ${q.replay.attempts} attempts` : ''})
      </span>
    </div>
  );
}

/** The Replay button of one item; hands the updated item back. */
export function ReplayButton({ q, onDone }: { q: QuarantineView; onDone: (q: QuarantineView) => void }) {
  const [busy, setBusy] = useState(false);
  const run = async () => {
    setBusy(true);
    try {
      onDone(await api<QuarantineView>('POST', `/api/v1/quarantine/${encodeURIComponent(q.id)}/replay`));
    } catch (e) {
      reportError('Could not replay the payload', e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <button type="button" className="small" disabled={busy} onClick={run} data-testid="replay-one">
      {busy ? 'Replaying…' : q.status === 'replayed' ? 'Replay again' : 'Replay'}
    </button>
  );
}

const toIso = (local: string): string | undefined => (local ? new Date(local).toISOString() : undefined);

/** The bulk form: family, receive window, batch size. */
export function BulkReplayForm({ families, onDone }: { families: string[]; onDone: (r: BulkReplayView) => void }) {
  const [sourceSystem, setSourceSystem] = useState('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [limit, setLimit] = useState(100);
  const [busy, setBusy] = useState(false);
  const [last, setLast] = useState<BulkReplayView | null>(null);
  const run = async (e: React.FormEvent) => {
    e.preventDefault();
    setBusy(true);
    try {
      const body = { sourceSystem: sourceSystem || undefined, from: toIso(from), to: toIso(to), limit };
      const r = await api<BulkReplayView>('POST', '/api/v1/quarantine/replay', { body });
      setLast(r);
      onDone(r);
    } catch (err) {
      reportError('Could not replay the quarantine', err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="bulk-replay card" onSubmit={run} data-testid="bulk-replay">
      <strong>Replay pending payloads</strong>
      <label>
        Source family{' '}
        <select value={sourceSystem} onChange={(e) => setSourceSystem(e.target.value)}>
          <option value="">any</option>
          {families.map((f) => (
            <option key={f} value={f}>
              {f}
            </option>
          ))}
        </select>
      </label>
      <label>
        Received from <input type="datetime-local" value={from} onChange={(e) => setFrom(e.target.value)} />
      </label>
      <label>
        until <input type="datetime-local" value={to} onChange={(e) => setTo(e.target.value)} />
      </label>
      <label>
        At most <input type="number" min={1} max={500} value={limit} onChange={(e) => setLimit(Math.max(1, Math.min(500, Number(e.target.value) || 1)))} />
      </label>
      <button type="submit" disabled={busy}>
        {busy ? 'Replaying…' : 'Replay'}
      </button>
      {last && (
        <p className="small" data-testid="bulk-replay-result">
          {last.attempted === 0
            ? 'Nothing pending matched.'
            : `${last.replayed} of ${last.attempted} decoded now and stored; ${last.failed} still failing.${last.more ? ' More may match: replay again for the next batch.' : ''}`}
        </p>
      )}
    </form>
  );
}
