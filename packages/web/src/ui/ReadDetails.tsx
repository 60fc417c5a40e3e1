/**
 * One read as a person checks it: the plate crop and the context image side by side (when the
 * source sent them), the read text with its confidence and alternative readings, the vehicle,
 * where and when.
 */
import type { CameraView, ReadView } from '../api/wire.ts';
import { fmtDateTime, fmtPct } from './format.ts';
import { useReadImage, type ImageKind } from './read-image.ts';

export function Plate({ text, state, large }: { text: string; state?: string; large?: boolean }) {
  return (
    <span className={large ? 'plate large' : 'plate'}>
      {text}
      {state && <span className="plate-state">{state}</span>}
    </span>
  );
}

type ReadImageRef = NonNullable<ReadView['images']>[number];

/** A source's own image URL, only when it is a web URL: a read must never point the console at another scheme. */
function sourceUrl(img: ReadImageRef | undefined): string | undefined {
  return img?.url && /^https?:\/\//i.test(img.url) ? img.url : undefined;
}

/**
 * One side of the comparison: a stored image (fetched with the session), a source URL, or a
 * clear note that there is none. `stored` undefined means "not known yet": ask the server.
 */
function ImageFigure({ readId, kind, image, stored, caption, alt }: { readId: string; kind: ImageKind; image?: ReadImageRef; stored?: boolean; caption: string; alt: string }) {
  const url = sourceUrl(image);
  const fetched = useReadImage(readId, kind, url === undefined && stored !== false);
  let body;
  if (url) body = <img src={url} alt={alt} referrerPolicy="no-referrer" />;
  else if (fetched.state === 'ready') body = <img src={fetched.src} alt={alt} data-testid={`read-image-${kind}`} />;
  else if (fetched.state === 'loading') body = <div className="img-missing">loading…</div>;
  else if (fetched.state === 'error') body = <div className="img-missing bad">could not load the image ({fetched.message})</div>;
  else body = <div className="img-missing" data-testid={`no-image-${kind}`}>no {caption.toLowerCase()} sent by this source</div>;
  return (
    <figure>
      {body}
      <figcaption>{caption}</figcaption>
    </figure>
  );
}

/**
 * The plate crop and the context image (vehicle, else overview) side by side. With `read`, only
 * the images the read lists are fetched; without it (a person who may verify hits but not open
 * reads), the server is asked for each kind and answers 404 when there is none.
 */
export function ReadImages({ read, readId, plate }: { read?: ReadView; readId?: string; plate?: string }) {
  const id = read?.id ?? readId ?? '';
  const text = read?.plate ?? plate ?? '';
  const images = read ? (read.images ?? []) : undefined;
  const crop = images?.find((i) => i.kind === 'plate');
  const context = images?.find((i) => i.kind === 'vehicle') ?? images?.find((i) => i.kind === 'overview');
  const usable = (i: ReadImageRef | undefined) => i !== undefined && (i.ref !== undefined || sourceUrl(i) !== undefined);
  if (images && !usable(crop) && !usable(context)) {
    return <p className="muted no-images" data-testid="no-images">No image sent by this source with this read.</p>;
  }
  const contextKind: ImageKind = context?.kind === 'overview' ? 'overview' : 'vehicle';
  return (
    <div className="read-images" data-testid="read-images">
      <ImageFigure readId={id} kind="plate" image={crop} stored={images ? crop?.ref !== undefined : undefined} caption="Plate crop" alt={`Plate crop of ${text}`} />
      <ImageFigure readId={id} kind={contextKind} image={context} stored={images ? context?.ref !== undefined : undefined} caption="Context image" alt={`Vehicle of ${text}`} />
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
