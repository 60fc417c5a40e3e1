/**
 * The transparency report as one self-contained HTML page: no script, no external file, light
 * and printable, headings and tables a screen reader can walk. Every value is escaped; the
 * agency's policy text is shown as text, never as markup.
 */
import type { CameraSection, CountBy, Section, TransparencyReport } from './transparency.types.ts';

const ESC: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export const esc = (v: unknown): string => String(v).replace(/[&<>"']/g, (c) => ESC[c]);
const num = (n: number) => n.toLocaleString('en-US');
const pct = (r: number) => `${(r * 100).toFixed(1)}%`;
const date = (iso: string) => iso.slice(0, 10);

const STYLE = `
:root { color-scheme: light; }
body { font: 16px/1.55 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1b1f24; background: #fff; margin: 0; }
main { max-width: 60rem; margin: 0 auto; padding: 1.5rem 1.25rem 3rem; }
header { border-bottom: 3px solid #1d4e89; margin-bottom: 1.5rem; }
h1 { font-size: 1.9rem; margin: 0 0 .25rem; }
h2 { font-size: 1.35rem; margin: 2rem 0 .5rem; color: #1d4e89; }
h3 { font-size: 1.1rem; margin: 1.25rem 0 .4rem; }
p, li { max-width: 48rem; }
.lede { color: #3d4550; }
.big { font-size: 2rem; font-weight: 700; margin: 0; }
.facts { display: flex; flex-wrap: wrap; gap: 1rem 2.5rem; margin: .5rem 0 1rem; }
.facts div { min-width: 9rem; }
.facts span { display: block; color: #3d4550; font-size: .95rem; }
table { border-collapse: collapse; margin: .5rem 0 1rem; min-width: 20rem; }
caption { text-align: left; font-weight: 600; padding-bottom: .25rem; }
th, td { border: 1px solid #c5ccd6; padding: .35rem .6rem; text-align: left; vertical-align: top; }
th { background: #eef2f7; }
td.n { text-align: right; font-variant-numeric: tabular-nums; }
code, .hash { font-family: ui-monospace, Menlo, Consolas, monospace; font-size: .85rem; word-break: break-all; }
.training { background: #fff3cd; border: 2px solid #b58b00; padding: .5rem .75rem; font-weight: 700; }
.na { background: #f6f7f9; border-left: 4px solid #8a94a3; padding: .5rem .75rem; color: #3d4550; }
.policy { border: 1px solid #c5ccd6; padding: .75rem 1rem; white-space: pre-wrap; background: #fbfcfd; }
.camera-map { display: flex; flex-wrap: wrap; gap: 0 1.5rem; align-items: flex-start; }
.camera-map table { min-width: 0; margin-top: 0; }
svg { border: 1px solid #c5ccd6; background: #f6f8fb; max-width: 100%; height: auto; }
nav ul { columns: 2; padding-left: 1.2rem; }
footer { margin-top: 3rem; color: #3d4550; font-size: .9rem; border-top: 1px solid #c5ccd6; padding-top: .75rem; }
@media print { nav { display: none; } h2 { break-after: avoid; } table, svg { break-inside: avoid; } a { color: inherit; } }
`;

function notAvailable(s: { reason: string }): string {
  return `<p class="na">Not available: ${esc(s.reason)}</p>`;
}

function countTable(caption: string, rows: CountBy[], head: string, empty: string): string {
  if (rows.length === 0) return `<p>${esc(empty)}</p>`;
  const body = rows.map((r) => `<tr><th scope="row">${esc(r.label)}</th><td class="n">${num(r.count)}</td></tr>`).join('');
  return `<table><caption>${esc(caption)}</caption><thead><tr><th scope="col">${esc(head)}</th><th scope="col">Count</th></tr></thead><tbody>${body}</tbody></table>`;
}

function withSection<T>(s: Section<T>, render: (v: T) => string): string {
  return s.available ? render(s as T) : notAvailable(s);
}

/** A plain drawing of the camera positions: dots sized by how many cameras share a cell. */
function cameraSvg(points: { lon: number; lat: number; cameras: number }[], precision: string): string {
  const W = 560;
  const H = 360;
  const pad = 24;
  const lons = points.map((p) => p.lon);
  const lats = points.map((p) => p.lat);
  const [minLon, maxLon, minLat, maxLat] = [Math.min(...lons), Math.max(...lons), Math.min(...lats), Math.max(...lats)];
  const midLat = (minLat + maxLat) / 2;
  // equirectangular with the longitude squeezed by cos(latitude), so distances look right
  const kx = Math.cos((midLat * Math.PI) / 180);
  const spanX = Math.max((maxLon - minLon) * kx, 0.01);
  const spanY = Math.max(maxLat - minLat, 0.01);
  const scale = Math.min((W - 2 * pad) / spanX, (H - 2 * pad) / spanY);
  const cx = (W - spanX * scale) / 2;
  const cy = (H - spanY * scale) / 2;
  const dots = points
    .map((p) => {
      const x = cx + (p.lon - minLon) * kx * scale;
      const y = H - (cy + (p.lat - minLat) * scale);
      const r = 4 + Math.min(10, Math.sqrt(p.cameras) * 3);
      return `<circle cx="${x.toFixed(1)}" cy="${y.toFixed(1)}" r="${r.toFixed(1)}" fill="#1d4e89" fill-opacity="0.75" stroke="#fff" stroke-width="1.5"><title>${num(p.cameras)} camera${p.cameras === 1 ? '' : 's'}</title></circle>`;
    })
    .join('');
  const km = (spanY * 111).toFixed(1);
  const label = `Drawing of ${points.length} camera location${points.length === 1 ? '' : 's'} (${precision}), north up, about ${km} km from south to north`;
  return `<svg viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" role="img" aria-label="${esc(label)}" xmlns="http://www.w3.org/2000/svg"><title>${esc(label)}</title>${dots}<text x="${W - 8}" y="18" text-anchor="end" font-size="13" fill="#3d4550">N ↑</text></svg>`;
}

function cameras(c: CameraSection): string {
  const facts = `<div class="facts"><div><p class="big">${num(c.total)}</p><span>cameras in all</span></div><div><p class="big">${num(c.fixed)}</p><span>at fixed places</span></div><div><p class="big">${num(c.mobile)}</p><span>on vehicles (mobile)</span></div></div>`;
  if (c.map.precision === 'off') return `${facts}<p>The agency does not publish where its cameras are.</p>`;
  const how = c.map.precision === 'approximate' ? 'Positions are rounded to about 1 km; cameras in the same square are counted together.' : 'Positions are exact.';
  if (c.map.points.length === 0) return `${facts}<p>${how} No camera has a fixed position.</p>`;
  const rows = c.map.points.map((p) => `<tr><td class="n">${p.lat.toFixed(4)}</td><td class="n">${p.lon.toFixed(4)}</td><td class="n">${num(p.cameras)}</td></tr>`).join('');
  return `${facts}<p>${how}</p><div class="camera-map">${cameraSvg(c.map.points, c.map.precision)}<table><caption>Camera locations</caption><thead><tr><th scope="col">Latitude</th><th scope="col">Longitude</th><th scope="col">Cameras</th></tr></thead><tbody>${rows}</tbody></table></div>`;
}

function policyText(text: string): string {
  return `<div class="policy">${esc(text.trim())}</div>`;
}

const SECTIONS: [string, string][] = [
  ['collected', 'What is collected'],
  ['cameras', 'Cameras'],
  ['retention', 'How long data is kept'],
  ['searches', 'Searches'],
  ['hits', 'Hits and what they turned out to be'],
  ['sharing', 'Agencies with access'],
  ['deletions', 'Deletions'],
  ['audit', 'Audit trail'],
  ['policy', 'Policy'],
];

/** The whole page. */
export function renderTransparencyHtml(r: TransparencyReport): string {
  const title = r.agency ? `${r.agency}: plate reader transparency` : 'Plate reader transparency';
  const period = `the last ${r.periodDays} days (since ${date(r.periodStart)})`;
  const h2 = (id: string) => `<h2 id="${id}">${esc(SECTIONS.find(([k]) => k === id)![1])}</h2>`;
  const parts: string[] = [];
  if (r.mode === 'training') parts.push('<p class="training" role="note">TRAINING SERVER: every figure on this page comes from simulated data.</p>');
  parts.push(`<header><h1>${esc(title)}</h1><p class="lede">How this agency uses automated license plate readers, computed from the live system. Updated ${esc(r.generatedAt.replace('T', ' ').slice(0, 16))} UTC; the figures refresh every minute. Machine-readable: <a href="/api/v1/public/transparency">/api/v1/public/transparency</a>.</p></header>`);
  parts.push(`<nav aria-label="Sections"><ul>${SECTIONS.map(([id, t]) => `<li><a href="#${id}">${esc(t)}</a></li>`).join('')}</ul></nav>`);

  parts.push(h2('collected'), '<ul>', ...r.collected.map((c) => `<li>${esc(c.what)}</li>`), '</ul>', '<h3>What is not collected</h3><ul>', ...r.notCollected.map((n) => `<li>${esc(n)}</li>`), '</ul>');
  parts.push(h2('cameras'), cameras(r.cameras));
  parts.push(
    h2('retention'),
    withSection(r.retention, (v) =>
      v.items.length === 0
        ? '<p>No retention periods are configured.</p>'
        : `<table><caption>Retention periods</caption><thead><tr><th scope="col">Data</th><th scope="col">Kept for</th></tr></thead><tbody>${v.items.map((i) => `<tr><th scope="row">${esc(i.label)}</th><td>${i.days === null ? 'until deleted by a person (no automatic limit)' : `${num(i.days)} day${i.days === 1 ? '' : 's'}`}</td></tr>`).join('')}</tbody></table>`,
    ),
  );

  parts.push(h2('searches'));
  parts.push(
    withSection(r.searches, (s) => {
      const j = r.justificationPolicy;
      return [
        `<p>Every search of plate data must give an offense and a case or incident number, and is recorded in the audit trail. In ${esc(period)}:</p>`,
        `<div class="facts"><div><p class="big">${num(s.total)}</p><span>searches asked for</span></div><div><p class="big">${num(s.justified)}</p><span>carried out</span></div><div><p class="big">${num(s.refused)}</p><span>refused</span></div></div>`,
        s.truncated ? '<p class="na">There were more searches than this page counts at once; the figures are a lower bound.</p>' : '',
        countTable('Searches carried out, by the category of the offense', s.byCategory, 'Offense category', 'No search was carried out.'),
        countTable('Searches refused, by reason', s.refusedByReason, 'Reason', 'No search was refused.'),
        '<p>Each page of results a person asks for counts as one search.</p>',
        s.partnerQueries
          ? `<h3>Searches by partner agencies</h3><p>Partner agencies asked to search this agency's plate data ${num(s.partnerQueries.total)} time${s.partnerQueries.total === 1 ? '' : 's'} in ${esc(period)}: ${num(s.partnerQueries.answered)} answered under their agreement, ${num(s.partnerQueries.refused)} refused.</p>`
          : '',
        `<h3>Purposes for which searches are refused</h3>${j.prohibitedPurposes.length === 0 ? '<p>The agency has configured no prohibited purposes.</p>' : `<ul>${j.prohibitedPurposes.map((p) => `<li>${esc(p.label)}</li>`).join('')}</ul>`}`,
        `<h3>Offense categories a search may be justified by</h3><p>${j.offenseCategories.map(esc).join(' · ')}</p>`,
      ].join('');
    }),
  );

  parts.push(h2('hits'));
  parts.push(
    withSection(r.hits, (h) =>
      [
        `<p>A hit is raised when a read matches a plate on a hotlist. Nobody acts on it until a person checks the plate, the state and the vehicle against the record. In ${esc(period)}:</p>`,
        `<div class="facts"><div><p class="big">${num(h.total)}</p><span>hits raised</span></div><div><p class="big">${num(h.verified)}</p><span>checked by a person</span></div><div><p class="big">${num(h.pending)}</p><span>not yet checked</span></div><div><p class="big">${h.misreadRate === null ? '—' : pct(h.misreadRate)}</p><span>misread rate of checked hits</span></div></div>`,
        h.truncated ? '<p class="na">There were more hits than this page counts at once; the figures are a lower bound.</p>' : '',
        countTable('Checked hits, by what the person found', h.byDisposition, 'Outcome', 'No hit was checked.'),
      ].join(''),
    ),
  );

  parts.push(
    h2('sharing'),
    withSection(r.sharing, (v) =>
      v.items.length === 0
        ? '<p>No other agency has access to this agency\'s plate data.</p>'
        : `<table><caption>Agencies with access, under current agreements</caption><thead><tr><th scope="col">Agency</th><th scope="col">What they may access</th><th scope="col">Agreement ends</th></tr></thead><tbody>${v.items.map((a) => `<tr><th scope="row">${esc(a.agency)}</th><td>${esc(a.scope.join(', ').replace(/_/g, ' '))}</td><td>${a.expiresAt ? esc(date(a.expiresAt)) : 'no end date'}</td></tr>`).join('')}</tbody></table>`,
    ),
  );
  parts.push(
    h2('deletions'),
    withSection(r.deletions, (v) =>
      v.items.length === 0
        ? `<p>Nothing was deleted in ${esc(period)}.</p>`
        : `<table><caption>Records deleted in ${esc(period)}</caption><thead><tr><th scope="col">Data</th><th scope="col">Deleted</th></tr></thead><tbody>${v.items.map((d) => `<tr><th scope="row">${esc(d.label)}</th><td class="n">${num(d.deleted)}</td></tr>`).join('')}</tbody></table>`,
    ),
  );
  parts.push(
    h2('audit'),
    '<p>Every search, sign-in and change is written to an audit trail in which each record carries a hash of the one before, so a record cannot be changed or removed without breaking the chain. The root below is the hash that closes each day: anyone who kept a copy can check later that the day\'s records were not altered.</p>',
    withSection(r.auditRoots, (v) =>
      v.items.length === 0
        ? '<p>No day has been closed yet.</p>'
        : `<table><caption>Daily audit roots</caption><thead><tr><th scope="col">Day (UTC)</th><th scope="col">Records</th><th scope="col">Sequence</th><th scope="col">Root (SHA-256)</th></tr></thead><tbody>${v.items.map((d) => `<tr><th scope="row">${esc(d.day)}</th><td class="n">${num(d.records)}</td><td class="n">${num(d.firstSeq)}–${num(d.lastSeq)}</td><td class="hash">${esc(d.root)}</td></tr>`).join('')}</tbody></table>`,
    ),
  );
  parts.push(h2('policy'), withSection(r.policy, (v) => policyText(v.text)));
  parts.push(`<footer>Published by ${esc(r.agency ?? 'this agency')} with OpenRTCC. No data on this page identifies a vehicle or a person.</footer>`);

  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8" />
<meta name="viewport" content="width=device-width, initial-scale=1" />
<title>${esc(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
${parts.join('\n')}
</main>
</body>
</html>
`;
}
