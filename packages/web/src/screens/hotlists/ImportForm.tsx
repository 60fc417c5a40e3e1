/**
 * Imports a hot file as a new version of the list, with an upload progress bar (XHR upload
 * events) and the import report: accepted, rejected lines with reasons, already expired.
 */
import { useRef, useState, type FormEvent } from 'react';
import { upload } from '../../api/client.ts';
import type { HotlistView, ImportReport } from '../../api/wire.ts';
import { reportError } from '../../app/errors.ts';
import { localToIso } from '../search/search-query.ts';
import { ImportReportView } from './ImportReportView.tsx';
import { HOTLIST_FORMATS } from './formats.ts';
import { UploadProgress } from '../../ui/UploadProgress.tsx';

const FORMATS = HOTLIST_FORMATS;

export function ImportForm({ list, onImported }: { list: HotlistView; onImported: () => void }) {
  const [file, setFile] = useState<File | null>(null);
  const [format, setFormat] = useState<string>(list.kind === 'ncic' ? 'ncic-fixed' : 'plain');
  const [mode, setMode] = useState<'replace' | 'append'>('replace');
  const [expires, setExpires] = useState('');
  const [progress, setProgress] = useState<{ sent: number; total: number } | null>(null);
  const [report, setReport] = useState<ImportReport | null>(null);
  const abortRef = useRef<(() => void) | null>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!file) return;
    setReport(null);
    setProgress({ sent: 0, total: file.size });
    const job = upload<ImportReport>(`/api/v1/hotlists/${list.id}/import`, { format, mode, expiresAt: localToIso(expires) }, file, (sent, total) => setProgress({ sent, total }));
    abortRef.current = job.abort;
    try {
      setReport(await job.done);
      onImported();
    } catch (err) {
      reportError('The import failed', err);
    } finally {
      abortRef.current = null;
      setProgress((p) => (p && p.sent >= p.total ? p : null));
    }
  };
  const uploading = abortRef.current !== null;
  return (
    <form className="card" onSubmit={submit} aria-label="Import a hot file">
      <h3>Import a file</h3>
      <div className="form-row">
        <label htmlFor="import-file">File</label>
        <input id="import-file" type="file" accept=".txt,.csv,.dat,text/plain" onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
      </div>
      <div className="two-col">
        <div className="form-row">
          <label htmlFor="import-format">Format</label>
          <select id="import-format" value={format} onChange={(e) => setFormat(e.target.value)}>
            {FORMATS.map(([f, label]) => (
              <option key={f} value={f}>
                {label}
              </option>
            ))}
          </select>
        </div>
        <div className="form-row">
          <label htmlFor="import-mode">Mode</label>
          <select id="import-mode" value={mode} onChange={(e) => setMode(e.target.value as 'replace' | 'append')}>
            <option value="replace">Replace earlier imports</option>
            <option value="append">Append</option>
          </select>
        </div>
      </div>
      <div className="form-row">
        <label htmlFor="import-expires">File goes stale at (optional)</label>
        <input id="import-expires" type="datetime-local" value={expires} onChange={(e) => setExpires(e.target.value)} />
      </div>
      <UploadProgress id="import" ready={!!file} uploading={uploading} progress={progress} done={!!report} onCancel={() => abortRef.current?.()} />
      {report && <ImportReportView report={report} />}
    </form>
  );
}
