/**
 * Calls-for-service files (dispatchers, supervisors, admins): choose a column mapping (a preset
 * or a saved one), upload the CAD's CSV export with a progress bar, and read the import report.
 * The mapping form below saves a new layout or changes a saved one.
 */
import { useRef, useState, type FormEvent } from 'react';
import type { CfsImportReportView, CfsMappingView } from '@openrtcc/domain';
import { api, upload } from '../../api/client.ts';
import { reportError } from '../../app/errors.ts';
import { useResource } from '../../app/use-resource.ts';
import { CfsReportView } from './CfsReportView.tsx';
import { MappingForm } from './MappingForm.tsx';
import './cad-import.css';
import { UploadProgress } from '../../ui/UploadProgress.tsx';

export function CadImportScreen() {
  const mappings = useResource('mappings', (signal) => api<{ items: CfsMappingView[] }>('GET', '/api/v1/cad/mappings', { signal }), 'Could not load the column mappings');
  const [chosen, setChosen] = useState<string>('');
  const [file, setFile] = useState<File | null>(null);
  const [progress, setProgress] = useState<{ sent: number; total: number } | null>(null);
  const [report, setReport] = useState<CfsImportReportView | null>(null);
  const [editing, setEditing] = useState(false);
  const abortRef = useRef<(() => void) | null>(null);
  const items = mappings.data?.items ?? [];
  const mapping = items.find((m) => m.id === chosen) ?? items[0];

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!file || !mapping) return;
    setReport(null);
    setProgress({ sent: 0, total: file.size });
    const job = upload<CfsImportReportView>('/api/v1/cad/imports', { mapping: mapping.id }, file, (sent, total) => setProgress({ sent, total }));
    abortRef.current = job.abort;
    try {
      setReport(await job.done);
    } catch (err) {
      reportError('The import failed', err);
    } finally {
      abortRef.current = null;
      setProgress((p) => (p && p.sent >= p.total ? p : null));
    }
  };
  const remove = async (m: CfsMappingView) => {
    if (!window.confirm(`Delete the mapping "${m.name}"? Incidents it imported stay.`)) return;
    try {
      await api('DELETE', `/api/v1/cad/mappings/${encodeURIComponent(m.id)}`);
      setChosen('');
      mappings.reload();
    } catch (err) {
      reportError('Could not delete the mapping', err);
    }
  };
  const uploading = abortRef.current !== null;
  return (
    <div className="cad-import-screen">
      <form className="card" onSubmit={submit} aria-label="Import a calls-for-service file">
        <h2>Import calls for service</h2>
        <p className="muted small">A CSV export of the CAD or the open-data portal. Rows of one incident number become one incident with its units; importing the same file again changes nothing.</p>
        <div className="form-row">
          <label htmlFor="cfs-mapping">Column mapping</label>
          <select id="cfs-mapping" value={mapping?.id ?? ''} onChange={(e) => setChosen(e.target.value)}>
            {items.map((m) => (
              <option key={m.id} value={m.id}>
                {m.builtIn ? `${m.name} (built in)` : m.name}
              </option>
            ))}
          </select>
        </div>
        {mapping && (
          <p className="small muted" data-testid="cfs-mapping-summary">
            Times in {mapping.timeZone} ({mapping.timeFormat}); incident numbers as {mapping.sourceSystem}; columns{' '}
            {Object.entries(mapping.columns)
              .map(([f, c]) => `${c} → ${f}`)
              .join(', ')}
            .{' '}
            <button type="button" className="ghost small" onClick={() => setEditing((x) => !x)}>
              {editing ? 'Hide mapping' : mapping.builtIn ? 'Copy mapping' : 'Edit mapping'}
            </button>
            {!mapping.builtIn && (
              <button type="button" className="ghost small" onClick={() => void remove(mapping)}>
                Delete mapping
              </button>
            )}
          </p>
        )}
        <div className="form-row">
          <label htmlFor="cfs-file">File</label>
          <input id="cfs-file" type="file" accept=".csv,text/csv,text/plain" onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
        </div>
        <UploadProgress id="cfs" ready={!!file && !!mapping} uploading={uploading} progress={progress} done={!!report} onCancel={() => abortRef.current?.()} />
        {report && <CfsReportView report={report} />}
      </form>
      {editing && mapping && (
        <MappingForm
          from={mapping}
          onSaved={(m) => {
            setChosen(m.id);
            setEditing(false);
            mappings.reload();
          }}
        />
      )}
    </div>
  );
}
