import type { CameraView } from '../../api/wire.ts';
import type { SearchRow } from '../sharing/partner-results.tsx';
import { fmtDateTime, fmtPct } from '../../ui/format.ts';
import { Plate } from '../../ui/ReadDetails.tsx';

export function ResultsTable({ reads, cameras, selectedId, onSelect }: { reads: SearchRow[]; cameras: ReadonlyMap<string, CameraView>; selectedId: string | null; onSelect: (id: string) => void }) {
  // reads carry their agency only when partners were included
  const agencies = reads.some((r) => r.agency);
  if (reads.length === 0) return <p className="muted pad" data-testid="no-results">No reads match.</p>;
  return (
    <div className="table-wrap">
      <table className="data-table" data-testid="results-table">
        <thead>
          <tr>
            <th>Seen</th>
            {agencies && <th>Agency</th>}
            <th>Plate</th>
            <th>State</th>
            <th>Conf.</th>
            <th>Camera</th>
            <th className="hide-phone">Vehicle</th>
          </tr>
        </thead>
        <tbody>
          {reads.map((r) => (
            <tr key={r.id} className={r.id === selectedId ? 'selected' : undefined} onClick={() => onSelect(r.id)} tabIndex={0} onKeyDown={(e) => e.key === 'Enter' && onSelect(r.id)}>
              <td>{fmtDateTime(r.observedAt)}</td>
              {agencies && <td className="agency-cell">{r.agency}</td>}
              <td>
                <Plate text={r.plate} />
              </td>
              <td>{r.state ?? '—'}</td>
              <td>{fmtPct(r.confidence)}</td>
              <td>{r.cameraName ?? (r.cameraId ? (cameras.get(r.cameraId)?.name ?? r.cameraId) : <span className="muted">mobile</span>)}</td>
              <td className="hide-phone" data-testid="result-vehicle">{r.vehicle ? [r.vehicle.color, r.vehicle.make, r.vehicle.model, r.vehicle.bodyType && `(${r.vehicle.bodyType})`].filter(Boolean).join(' ') || '—' : '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
