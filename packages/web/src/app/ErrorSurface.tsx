/** The one place errors are shown: a stack at the bottom right, each with the server's code and request id. */
import { useEffect } from 'react';
import { dismissError, errors, type ShownError } from './errors.ts';
import { useStore } from './store.ts';

function ErrorCard({ e }: { e: ShownError }) {
  useEffect(() => {
    // validation problems stay until read; network blips clear themselves
    if (e.code !== 'network') return;
    const t = setTimeout(() => dismissError(e.id), 15_000);
    return () => clearTimeout(t);
  }, [e]);
  return (
    <div className="error-card" role="alert">
      <div className="error-head">
        <strong>{e.title}</strong>
        <button type="button" className="icon-button" aria-label="Dismiss" onClick={() => dismissError(e.id)}>
          ×
        </button>
      </div>
      <p>{e.message}</p>
      {e.details && e.details.length > 0 && (
        <ul>
          {e.details.map((d, i) => (
            <li key={i}>
              <code>{d.field}</code> {d.message}
            </li>
          ))}
        </ul>
      )}
      {(e.code || e.requestId) && (
        <p className="muted small">
          {e.code}
          {e.requestId ? ` · request ${e.requestId}` : ''}
        </p>
      )}
    </div>
  );
}

export function ErrorSurface() {
  const list = useStore(errors);
  if (list.length === 0) return null;
  return (
    <div className="error-surface" aria-live="assertive">
      {list.map((e) => (
        <ErrorCard key={e.id} e={e} />
      ))}
    </div>
  );
}
