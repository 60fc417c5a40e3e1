/**
 * Investigative search: the form with its justification, results newest first a page at a time
 * with the exact total, the same results on the map, and CSV export. Every page asked for is
 * a justified, audited search on the server.
 */
import { useCallback, useMemo, useRef, useState } from 'react';
import { api, ApiError } from '../../api/client.ts';
import type { Page, ReadView, SearchArea } from '../../api/wire.ts';
import { reportError } from '../../app/errors.ts';
import { useQueryParams } from '../../app/router.ts';
import { useStore } from '../../app/store.ts';
import { cameras as camerasStore } from '../../live/cameras.ts';
import { MapView } from '../../map/MapView.tsx';
import { AreaDraw, type DrawMode } from '../../map/layers/AreaDraw.tsx';
import { CamerasLayer } from '../../map/layers/CamerasLayer.tsx';
import { FitBounds } from '../../map/layers/FitBounds.tsx';
import { ResultsLayer } from '../../map/layers/ResultsLayer.tsx';
import { download, fmtDateTime, fmtPct, toCsv } from '../../ui/format.ts';
import { ReadFacts, ReadImages } from '../../ui/ReadDetails.tsx';
import { SearchFormView } from './SearchFormView.tsx';
import { checkForm, formFromParams, type Refusal, type SearchBody, type SearchForm } from './search-query.ts';
import { ResultsTable } from './ResultsTable.tsx';
import { PartnerOutcomes, partnerRowsSafe, usePartnersAvailable, type SearchPage, type SearchRow } from '../sharing/partner-results.tsx';
import '../sharing/sharing.css';
import { useJustificationPolicy } from './JustificationParts.tsx';

const PAGE_SIZES = [50, 100, 500];
const EXPORT_MAX = 10_000;

interface Results {
  body: SearchBody;
  page: SearchPage;
  /** Cursors of the pages before this one (for Previous). */
  cursors: (string | undefined)[];
  at: string;
}

export function SearchScreen() {
  const params = useQueryParams();
  const { items: cams, byId } = useStore(camerasStore);
  const [form, setForm] = useState<SearchForm>(() => formFromParams(params));
  const [pageSize, setPageSize] = useState(100);
  const [drawMode, setDrawMode] = useState<DrawMode>('none');
  const [results, setResults] = useState<Results | null>(null);
  const [busy, setBusy] = useState(false);
  const [exporting, setExporting] = useState<string | null>(null);
  const [selected, setSelected] = useState<string | null>(null);
  const resultsRef = useRef<HTMLDivElement>(null);
  const { policy } = useJustificationPolicy();
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const check = useMemo(() => checkForm(form, pageSize, policy?.offenseTypes), [form, pageSize, policy]);

  const run = useCallback(async (body: SearchBody, cursors: (string | undefined)[]) => {
    setBusy(true);
    try {
      const page = partnerRowsSafe(await api<SearchPage>('POST', '/api/v1/reads/search', { body }));
      setRefusal(null);
      setResults({ body, page, cursors, at: new Date().toISOString() });
      setSelected(null);
      resultsRef.current?.scrollIntoView?.({ block: 'nearest' });
    } catch (e) {
      // a refusal belongs beside the justification that caused it, where the person fixes it
      if (e instanceof ApiError && (e.code === 'prohibited_purpose' || e.code === 'justification_required')) setRefusal({ code: e.code, message: e.message });
      else reportError('Search failed', e);
    } finally {
      setBusy(false);
    }
  }, []);

  const onArea = useCallback((a: SearchArea | null) => setForm((f) => ({ ...f, area: a })), []);
  const camPoints = useMemo(() => cams.filter((c) => c.location).map((c) => c.location!), [cams]);

  const exportAll = async () => {
    if (!results) return;
    const rows: SearchRow[] = [];
    let cursor: string | undefined;
    // partners answered the first page only: their reads come from it, ours are asked for again
    const { includePartners: _asked, ...ownBody } = results.body;
    const theirs = results.page.items.filter((r) => r.agreementId);
    try {
      do {
        setExporting(`${rows.length} of ${Math.min(results.page.total, EXPORT_MAX)}…`);
        const page = await api<Page<ReadView>>('POST', '/api/v1/reads/search', { body: { ...ownBody, limit: 1000, cursor } });
        rows.push(...page.items);
        cursor = page.nextCursor ?? undefined;
      } while (cursor && rows.length < EXPORT_MAX);
      rows.push(...theirs);
      const head = ['read id', 'observed (UTC)', 'plate', 'state', 'confidence', 'camera', 'camera id', 'longitude', 'latitude', 'location source', 'vehicle', 'source', 'agency'];
      const lines = rows.map((r) => [
        r.id,
        r.observedAt,
        r.plate,
        r.state,
        r.confidence.toFixed(3),
        r.cameraName ?? (r.cameraId ? byId.get(r.cameraId)?.name : undefined),
        r.cameraId,
        r.location?.[0],
        r.location?.[1],
        r.locationSource,
        r.vehicle ? [r.vehicle.color, r.vehicle.make, r.vehicle.model, r.vehicle.bodyType].filter(Boolean).join(' ') : undefined,
        r.sourceSystem,
        r.agency,
      ]);
      const j = results.body.justification;
      // the case number names the file, so an exported list stays tied to why it was searched
      download(`reads-case-${j.caseNumber.replace(/[^A-Za-z0-9-]+/g, '_')}-${j.offenseType}.csv`, toCsv([head, ...lines]));
    } catch (e) {
      reportError('The export failed', e);
    } finally {
      setExporting(null);
    }
  };

  const partnersAvailable = usePartnersAvailable();
  const sel = results?.page.items.find((r) => r.id === selected);
  const pageNo = results ? results.cursors.length + 1 : 0;
  return (
    <div className="search-screen">
      <SearchFormView
        form={form}
        setForm={setForm}
        check={check}
        offenseTypes={policy?.offenseTypes}
        prohibitedPurposes={policy?.prohibitedPurposes}
        refusal={refusal}
        busy={busy}
        cameras={cams}
        drawMode={drawMode}
        setDrawMode={setDrawMode}
        onArea={onArea}
        onSubmit={() => check.body && run(check.body, [])}
        partnersAvailable={partnersAvailable}
      />
      <div className="search-results" ref={resultsRef}>
        <div className="search-map">
          <MapView label="Search map">
            <CamerasLayer cameras={cams} selectedId={undefined} />
            <AreaDraw mode={drawMode} onArea={onArea} />
            <ResultsLayer reads={results?.page.items ?? []} cameras={byId} selectedId={selected ?? undefined} onSelect={setSelected} />
            <FitBounds points={camPoints} />
          </MapView>
          {drawMode !== 'none' && <div className="map-hint">{drawMode === 'circle' ? 'Click the center, move out, click again to set the radius.' : 'Click each corner; click the first point to close the polygon.'}</div>}
        </div>
        {results ? (
          <section className="results" aria-label="Results">
            <div className="results-head">
              <strong data-testid="results-total">
                {results.page.total.toLocaleString()} read{results.page.total === 1 ? '' : 's'}
              </strong>
              {results.page.partners && <span data-testid="partner-total">+ {results.page.items.filter((r) => r.agreementId).length} from partner agencies</span>}
              <span className="muted small">
                page {pageNo} · newest first · searched {fmtDateTime(results.at)} for {results.body.justification.offenseType.replace(/_/g, ' ')}, case {results.body.justification.caseNumber}
              </span>
              <span className="spacer" />
              <label className="small">
                Page size{' '}
                <select value={pageSize} onChange={(e) => setPageSize(Number(e.target.value))}>
                  {PAGE_SIZES.map((n) => (
                    <option key={n}>{n}</option>
                  ))}
                </select>
              </label>
              <button type="button" disabled={busy || results.cursors.length === 0} onClick={() => run({ ...results.body, cursor: results.cursors[results.cursors.length - 1] }, results.cursors.slice(0, -1))}>
                ‹ Previous
              </button>
              <button type="button" disabled={busy || !results.page.nextCursor} onClick={() => run({ ...results.body, cursor: results.page.nextCursor! }, [...results.cursors, results.body.cursor])}>
                Next ›
              </button>
              <button type="button" disabled={!!exporting || (results.page.total === 0 && results.page.items.length === 0)} onClick={exportAll} data-testid="export-csv">
                {exporting ? `Exporting ${exporting}` : `Export CSV${results.page.total > EXPORT_MAX ? ` (first ${EXPORT_MAX.toLocaleString()})` : ''}`}
              </button>
            </div>
            {results.page.partners && <PartnerOutcomes partners={results.page.partners} />}
            <ResultsTable reads={results.page.items} cameras={byId} selectedId={selected} onSelect={setSelected} />
            {sel && (
              <div className="card result-detail">
                <ReadImages read={sel} />
                <ReadFacts read={sel} camera={sel.cameraId ? byId.get(sel.cameraId) : undefined} />
                <p className="muted small">Confidence {fmtPct(sel.confidence)}</p>
              </div>
            )}
          </section>
        ) : (
          <p className="muted pad">Results appear here, newest first, and on the map. Every search is recorded in the audit trail with its justification.</p>
        )}
      </div>
    </div>
  );
}
