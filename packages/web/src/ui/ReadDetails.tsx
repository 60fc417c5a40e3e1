/**
 * One read as a person checks it: the plate crop and the context image side by side (when the
 * source sent them), the read text with its confidence and alternative readings, the vehicle,
 * where and when.
 */
import type { CameraView, ReadView } from '../api/wire.ts';
import { fmtDateTime, fmtPct } from './format.ts';

export function Plate({ text, state, large }: { text: string; state?: string; large?: boolean }) {
  return (
    <span className={large ? 'plate large' : 'plate'}>
      {text}
      {state && <span className="plate-state">{state}</span>}
    </span>
  );
}

function imageSrc(img: NonNullable<ReadView['images']>[number]): string | undefined {
  if (img.jpegBase64) return `data:image/jpeg;base64,${img.jpegBase64}`;
  // only web images: never let a read point the console at another scheme
  if (img.url && /^https?:\/\//i.test(img.url)) return img.url;
  return undefined;
}

export function ReadImages({ read }: { read: ReadView }) {
  const imgs = (read.images ?? []).map((i) => ({ kind: i.kind, src: imageSrc(i) })).filter((i) => i.src);
  const crop = imgs.find((i) => i.kind === 'plate');
  const context = imgs.find((i) => i.kind !== 'plate');
  if (!crop && !context) return <p className="muted no-images">No images: this source sent none with the read.</p>;
  return (
    <div className="read-images">
      <figure>
        {crop ? <img src={crop.src} alt={`Plate crop of ${read.plate}`} /> : <div className="img-missing">no plate crop</div>}
        <figcaption>Plate crop</figcaption>
      </figure>
      <figure>
        {context ? <img src={context.src} alt={`Vehicle of ${read.plate}`} /> : <div className="img-missing">no context image</div>}
        <figcaption>Context</figcaption>
      </figure>
    </div>
  );
}

export function VehicleLine({ v }: { v: ReadView['vehicle'] }) {
  if (!v) return <span className="muted">not reported</span>;
  const parts = [v.color, v.year, v.make, v.model, v.bodyType].filter(Boolean);
  return <span>{parts.length ? parts.join(' ') : 'not reported'}{v.heading !== undefined ? ` · heading ${Math.round(v.heading)}°` : ''}</span>;
}

export function ReadFacts({ read, camera }: { read: ReadView; camera?: CameraView }) {
  return (
    <dl className="facts">
      <dt>Read text</dt>
      <dd>
        <Plate text={read.plate} state={read.state} /> <span className="conf">{fmtPct(read.confidence)} confidence</span>
        {read.plateRaw !== read.plate && <span className="muted"> (sent as “{read.plateRaw}”)</span>}
      </dd>
      <dt>Alternatives</dt>
      <dd>
        {read.candidates?.length ? (
          <ul className="candidates">
            {read.candidates.map((c) => (
              <li key={c.plate}>
                <Plate text={c.plate} /> {fmtPct(c.confidence)}
              </li>
            ))}
          </ul>
        ) : (
          <span className="muted">none sent</span>
        )}
      </dd>
      <dt>State</dt>
      <dd>{read.state ?? <span className="muted">not recognized</span>}</dd>
      <dt>Vehicle</dt>
      <dd>
        <VehicleLine v={read.vehicle} />
      </dd>
      <dt>Seen</dt>
      <dd>{fmtDateTime(read.observedAt)}</dd>
      <dt>Camera</dt>
      <dd>{camera?.name ?? read.cameraId ?? <span className="muted">mobile / unregistered</span>}</dd>
      <dt>Position</dt>
      <dd>
        {read.location ? `${read.location[1].toFixed(5)}, ${read.location[0].toFixed(5)}` : '—'}
        {read.locationSource ? <span className="muted"> ({read.locationSource})</span> : null}
      </dd>
      <dt>Source</dt>
      <dd className="muted small">
        {read.sourceSystem} · read {read.id}
      </dd>
    </dl>
  );
}
