/**
 * Verifying one hit: what fired and why, side by side with the evidence. Until a person records
 * a disposition the hit is marked UNVERIFIED and never shown as actionable.
 */
import { api } from '../../api/client.ts';
import { can, session } from '../../api/session.ts';
import type { HitView, HotlistView, ReadView } from '../../api/wire.ts';
import { useStore } from '../../app/store.ts';
import { useResource } from '../../app/use-resource.ts';
import { cameras } from '../../live/cameras.ts';
import { hits } from '../../live/hits.ts';
import { DISPOSITION_LABELS, fmtAgo, fmtDateTime, fmtDuration, fmtPct, MATCH_LABELS, matchSymbol } from '../../ui/format.ts';
import { ReadFacts, ReadImages, VehicleLine } from '../../ui/ReadDetails.tsx';
import { DispositionForm } from './DispositionForm.tsx';

/** The plate with the characters that differ from `other` marked. */
function Compared({ text, other }: { text: string; other: string }) {
  return (
    <span className="plate large">
      {[...text].map((ch, i) => (
        <span key={i} className={text.length === other.length && other[i] !== ch ? 'diff' : undefined}>
          {ch}
        </span>
      ))}
    </span>
  );
}

function Agreement({ value, what }: { value: boolean | null; what: string }) {
  if (value === true) return <span className="agree">✓ {what} agree</span>;
  if (value === false) return <span className="disagree">✗ {what} differ</span>;
  return <span className="unknown">? {what}: one side unknown</span>;
}

/** The camera's vehicle against the record's, field by field; silent when the record lists none. */
function VehicleAgreementLine({ hit }: { hit: HitView }) {
  const a = hit.vehicleAgreement;
  if (!a) return null;
  if (a.matches === null) return <span className="unknown" data-testid="vehicle-agreement">? Vehicle: nothing to compare (the camera reported no make, colour or year the record states)</span>;
  const parts = a.fields.map((f) => `${f.field} ${f.read} / ${f.record}`).join(', ');
  return a.matches ? (
    <span className="agree" data-testid="vehicle-agreement">✓ Vehicle agrees ({parts})</span>
  ) : (
    <span className="disagree" data-testid="vehicle-agreement">
      ✗ Vehicle differs: {a.fields.filter((f) => !f.agrees).map((f) => `${f.field} ${f.read} (camera) vs ${f.record} (record)`).join(', ')}
    </span>
  );
}

function Status({ hit }: { hit: HitView }) {
  if (hit.status === 'pending') {
    return (
      <div className="status-banner unverified" data-testid="hit-status">
        UNVERIFIED — do not act on this hit until a person has verified it
      </div>
    );
  }
  const v = hit.verification;
  return (
    <div className={`status-banner ${hit.actionable ? 'actionable' : 'closed'}`} data-testid="hit-status">
      {hit.actionable ? 'CONFIRMED — actionable' : `${DISPOSITION_LABELS[hit.status].toUpperCase()} — not actionable`}
      {v && (
        <span className="status-by">
          {' '}
          by {v.verifiedBy}, {fmtDateTime(v.verifiedAt)}
          {v.note ? ` · “${v.note}”` : ''}
        </span>
      )}
    </div>
  );
}

export function HitDetail({ hitId, known, nextId }: { hitId: string; known?: HitView; nextId?: string }) {
  const { verified } = useStore(hits);
  const { byId } = useStore(cameras);
  const fetched = useResource(known ? null : `hit-${hitId}`, (signal) => api<HitView>('GET', `/api/v1/hits/${encodeURIComponent(hitId)}`, { signal }), 'Could not load the hit');
  // a disposition recorded here or elsewhere arrives on the stream: show the latest
  const hit = verified.find((h) => h.id === hitId) ?? known ?? fetched.data;
  // officers and dispatchers verify hits without opening reads: they get the images only
  const mayOpenReads = can(useStore(session).info, 'reads:read');
  const read = useResource(hit && mayOpenReads ? `read-${hit.readId}` : null, (signal) => api<ReadView>('GET', `/api/v1/reads/${encodeURIComponent(hit!.readId)}`, { signal }), 'Could not load the read');
  const list = useResource(hit ? `list-${hit.hotlistId}` : null, (signal) => api<HotlistView>('GET', `/api/v1/hotlists/${encodeURIComponent(hit!.hotlistId)}`, { signal }), 'Could not load the hotlist');
  if (!hit) return <p className="muted pad">{fetched.loading ? 'Loading…' : 'Hit not found.'}</p>;
  const camera = hit.cameraId ? byId.get(hit.cameraId) : undefined;
  const r = read.data;
  return (
    <article className={hit.status === 'pending' ? 'hit-detail with-form' : 'hit-detail'} data-testid="hit-detail" data-hit-id={hit.id}>
      <div className="hit-evidence">
      <Status hit={hit} />
      <div className="compare">
        <div className="compare-side">
          <div className="compare-label">Camera read{hit.matchedCandidate ? ' (an alternative reading)' : ''}</div>
          <Compared text={hit.readPlate} other={hit.entryPlate} />
          <div className="conf">{fmtPct(hit.confidence)} confidence</div>
        </div>
        <div className={`match-kind ${hit.matchKind === 'exact' ? 'exact' : 'approx'}`} data-testid="match-kind">
          <span className="match-symbol">{matchSymbol(hit.matchKind)}</span>
          <span>{MATCH_LABELS[hit.matchKind]}</span>
        </div>
        <div className="compare-side">
          <div className="compare-label">Hotlist record</div>
          <Compared text={hit.entryPlate} other={hit.readPlate} />
          <div>{hit.entryState ?? 'no state'}</div>
        </div>
      </div>
      <div className="checks">
        <Agreement value={hit.stateMatches} what={`States (read ${r?.state ?? '—'}, record ${hit.entryState ?? '—'})`} />
        <VehicleAgreementLine hit={hit} />
        {hit.matchedCandidate && <span className="disagree">! Matched an alternative reading, not the camera's top read{r ? ` (${r.plate})` : ''}</span>}
      </div>
      {/* the crop and the context image come from the image route, which a person who may verify
          hits but not open reads (officer, dispatcher) may still use: verifying needs the crop */}
      {r ? <ReadImages read={r} /> : read.loading ? <p className="muted">Loading the read…</p> : <ReadImages readId={hit.readId} plate={hit.readPlate} />}
      <div className="hit-columns">
        <section>
          <h3>Hotlist record</h3>
          <dl className="facts">
            <dt>List</dt>
            <dd>
              {hit.hotlistName} · priority {hit.priority}
              {list.data ? ` · ${list.data.kind.toUpperCase()}` : ''}
            </dd>
            <dt>Reason</dt>
            <dd className="reason">{hit.entryReason}</dd>
            <dt>Record age</dt>
            <dd>{fmtDuration(hit.recordAgeMs)} when read</dd>
            <dt>Source</dt>
            <dd>
              {list.data ? (
                <>
                  version {list.data.version}
                  {list.data.lastImportAt ? `, last import ${fmtAgo(list.data.lastImportAt)}` : ', entries typed in (no import)'}
                </>
              ) : (
                '—'
              )}
            </dd>
            <dt>Vehicle on record</dt>
            <dd data-testid="entry-vehicle">{hit.entryVehicle ? <VehicleLine v={hit.entryVehicle} /> : <span className="muted">the record lists none</span>}</dd>
          </dl>
        </section>
        <section>
          <h3>The read</h3>
          {r ? <ReadFacts read={r} camera={camera} /> : <p className="muted">—</p>}
        </section>
      </div>
      </div>
      {hit.status === 'pending' && <DispositionForm hit={hit} nextId={nextId} />}
    </article>
  );
}
