/**
 * The report of one calls-for-service import: rows read, incidents created, updated and
 * unchanged, and every rejected row (line and reason) and warning.
 */
import type { CfsImportReportView, CfsLineNote } from '@openrtcc/domain';
import { fmtDateTime } from '../../ui/format.ts';

function LineTable({ title, notes, total, testId, open }: { title: string; notes: CfsLineNote[]; total: number; testId: string; open: boolean }) {
  if (notes.length === 0) return null;
  return (
    <details open={open}>
      <summary>
        {title}
        {notes.length < total ? ` (first ${notes.length} of ${total.toLocaleString()})` : ` (${notes.length})`}
      </summary>
      <table className="data-table small" data-testid={testId}>
        <thead>
          <tr>
            <th>Line</th>
            <th>Reason</th>
          </tr>
        </thead>
        <tbody>
          {notes.map((n, i) => (
            <tr key={`${n.line}-${i}`}>
              <td>{n.line}</td>
              <td>{n.reason}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}

export function CfsReportView({ report }: { report: CfsImportReportView }) {
  return (
    <div className="import-report" data-testid="cfs-report">
      <p>
        <strong>{report.mappingName}</strong> · {fmtDateTime(report.importedAt)} by {report.importedBy}
      </p>
      <p className="counts">
        <span data-testid="cfs-rows">{report.rowsRead.toLocaleString()} rows read</span>
        <span data-testid="cfs-incidents">{report.incidents.toLocaleString()} incidents</span>
        <span className="ok" data-testid="cfs-created">{report.created.toLocaleString()} created</span>
        <span className="ok" data-testid="cfs-updated">{report.updated.toLocaleString()} updated</span>
        <span className="muted" data-testid="cfs-unchanged">{report.unchanged.toLocaleString()} unchanged</span>
        {report.closed > 0 && <span data-testid="cfs-closed">{report.closed.toLocaleString()} closed (no longer listed)</span>}
        <span className={report.rejected ? 'bad' : 'muted'} data-testid="cfs-rejected">{report.rejected.toLocaleString()} rows rejected</span>
      </p>
      {report.closeSkipped && <p className="small bad">{report.closeSkipped}</p>}
      <LineTable title="Rejected rows" notes={report.rejections} total={report.rejected} testId="cfs-rejections" open />
      <LineTable title="Warnings (rows kept)" notes={report.warnings} total={report.warnings.length} testId="cfs-warnings" open={false} />
    </div>
  );
}
