/**
 * The end of an upload form: the submit button, Cancel while the file is on its way, and the
 * progress bar with what is happening (uploading, the server importing, done). Hotlist imports
 * and calls-for-service imports both use it.
 */
export function UploadProgress(p: {
  /** `data-testid` prefix: `<id>-progress` and `<id>-progress-text`. */
  id: string;
  ready: boolean;
  uploading: boolean;
  progress: { sent: number; total: number } | null;
  done: boolean;
  onCancel: () => void;
}) {
  const pct = p.progress && p.progress.total > 0 ? Math.round((p.progress.sent / p.progress.total) * 100) : 0;
  return (
    <>
      <button type="submit" className="primary" disabled={!p.ready || p.uploading}>
        {p.uploading ? 'Importing…' : 'Import'}
      </button>
      {p.uploading && (
        <button type="button" className="ghost" onClick={p.onCancel}>
          Cancel
        </button>
      )}
      {p.progress && (
        <div className="progress-wrap">
          <progress max={100} value={pct} data-testid={`${p.id}-progress`} aria-label="Upload progress" />
          <span className="small" data-testid={`${p.id}-progress-text`}>
            {pct < 100 ? `Uploading ${pct}% (${(p.progress.sent / 1024).toFixed(0)} of ${(p.progress.total / 1024).toFixed(0)} KB)` : p.done ? 'Uploaded and imported' : 'Uploaded; the server is importing…'}
          </span>
        </div>
      )}
    </>
  );
}
