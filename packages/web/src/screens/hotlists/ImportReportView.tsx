import type { ImportReport } from '../../api/wire.ts';
import { fmtDateTime } from '../../ui/format.ts';

export function ImportReportView({ report, compact }: { report: ImportReport; compact?: boolean }) {
  return (
    <div className={compact ? 'import-report compact' : 'import-report'} data-testid={compact ? 'import-history-item' : 'import-report'}>
      <p>
        <strong>Version {report.version}</strong> · {fmtDateTime(report.importedAt)} by {report.importedBy} · {report.format}, {report.mode}
      </p>
      <p className="counts">
        <span className="ok" data-testid="import-accepted">{report.accepted.toLocaleString()} accepted</span>
        <span className={report.rejected ? 'bad' : 'muted'} data-testid="import-rejected">{report.rejected.toLocaleString()} rejected</span>
        <span className="muted">{report.expiredSkipped.toLocaleString()} already expired</span>
      </p>
      {report.rejections.length > 0 && (
        <details open={!compact}>
          <summary>Rejected lines{report.rejections.length < report.rejected ? ` (first ${report.rejections.length})` : ''}</summary>
          <table className="data-table small" data-testid="rejections">
            <thead>
              <tr>
                <th>Line</th>
                <th>Reason</th>
                <th>Text</th>
              </tr>
            </thead>
            <tbody>
              {report.rejections.map((r) => (
                <tr key={r.line}>
                  <td>{r.line}</td>
                  <td>{r.reason}</td>
                  <td>
                    <code>{r.text}</code>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </details>
      )}
    </div>
  );
}
