/** The search form's state and the request it becomes. */
import { OFFENSE_TYPES, normalizeVehicleFilter, validateJustification, type JustificationProblem, type OffenseTypeDef, type ProhibitedPurpose, type VehicleFilter } from '@openrtcc/domain';
import type { Justification, SearchArea } from '../../api/wire.ts';

export interface SearchForm {
  plate: string;
  fuzzy: boolean;
  from: string;
  to: string;
  cameraIds: string[];
  area: SearchArea | null;
  offenseType: string;
  caseNumber: string;
  note: string;
  /** Ask the partner agencies that share with us too (sharing module). */
  includePartners?: boolean;
  /** Make, model, colour, body type as cameras describe the vehicle; blank fields are left out. */
  vehicle?: VehicleFilter;
}

export const emptyForm = (cameraIds: string[] = []): SearchForm => ({ plate: '', fuzzy: false, from: '', to: '', cameraIds, area: null, offenseType: '', caseNumber: '', note: '' });

/** `GET /api/v1/justification-policy`: the agency's offense list and what searches are refused for. */
export interface JustificationPolicyView {
  offenseTypes: OffenseTypeDef[];
  prohibitedPurposes: Pick<ProhibitedPurpose, 'code' | 'label'>[];
}

/** A search the server refused for its justification, shown in the form rather than as a toast. */
export interface Refusal {
  code: 'prohibited_purpose' | 'justification_required';
  message: string;
}

export interface SearchBody {
  plate?: string;
  fuzzy?: boolean;
  from?: string;
  to?: string;
  cameraIds?: string[];
  area?: SearchArea;
  justification: Justification;
  limit: number;
  cursor?: string;
  includePartners?: boolean;
  vehicle?: VehicleFilter;
}

/** `datetime-local` text (local time, no zone) → ISO 8601 with a zone, as the API wants. */
export function localToIso(v: string): string | undefined {
  if (!v) return undefined;
  const t = new Date(v);
  return Number.isNaN(t.getTime()) ? undefined : t.toISOString();
}

export function isoToLocal(t: number): string {
  const d = new Date(t - new Date(t).getTimezoneOffset() * 60_000);
  return d.toISOString().slice(0, 16);
}

export interface FormCheck {
  justification: JustificationProblem[];
  /** What else stops the search, if anything. */
  blocker: string | null;
  body: SearchBody | null;
}

/**
 * Everything the search button needs to know: it stays disabled until `body` is non-null.
 * `offenseTypes`: the agency's list from the server (the default one until it has loaded).
 */
export function checkForm(f: SearchForm, limit: number, offenseTypes: readonly OffenseTypeDef[] = OFFENSE_TYPES): FormCheck {
  const j = validateJustification({ offenseType: f.offenseType, caseNumber: f.caseNumber, note: f.note || undefined }, offenseTypes);
  const plate = f.plate.trim().toUpperCase();
  let blocker: string | null = null;
  if (!plate && f.cameraIds.length === 0 && !f.area) blocker = `Give a plate, pick cameras or draw an area: a time window${normalizeVehicleFilter(f.vehicle) ? ' and a vehicle description' : ''} alone would return too much.`;
  else if (plate && !/^[A-Z0-9?* -]+$/.test(plate)) blocker = 'A plate pattern holds letters, digits, ? (one character) and * (any run).';
  else if (f.fuzzy && /[?*]/.test(plate)) blocker = 'Fuzzy search takes a whole plate, without ? or *.';
  const from = localToIso(f.from);
  const to = localToIso(f.to);
  if (!blocker && from && to && from > to) blocker = 'The time window ends before it starts.';
  if (!j.ok || blocker) return { justification: j.ok ? [] : j.problems, blocker, body: null };
  const body: SearchBody = { justification: j.value, limit };
  if (plate) body.plate = plate.replace(/[ -]/g, '');
  if (plate && f.fuzzy) body.fuzzy = true;
  if (from) body.from = from;
  if (to) body.to = to;
  if (f.cameraIds.length) body.cameraIds = f.cameraIds;
  if (f.area) body.area = f.area;
  if (f.includePartners) body.includePartners = true;
  const vehicle = normalizeVehicleFilter(f.vehicle);
  if (vehicle) body.vehicle = vehicle;
  return { justification: [], blocker: null, body };
}

/**
 * The form as URL parameters, so another screen (an incident on the live map) can open the search
 * prefilled: `camera` (repeated), `lon`, `lat`, `radius` (meters), `from`, `to` (ISO 8601),
 * `offense`, `case`, `note`. The search screen still checks everything before it sends.
 */
export function formToParams(f: SearchForm): URLSearchParams {
  const p = new URLSearchParams();
  for (const c of f.cameraIds) p.append('camera', c);
  if (f.plate) p.set('plate', f.plate);
  if (f.area && 'center' in f.area) {
    p.set('lon', String(f.area.center[0]));
    p.set('lat', String(f.area.center[1]));
    p.set('radius', String(f.area.radiusMeters));
  }
  const from = localToIso(f.from);
  const to = localToIso(f.to);
  if (from) p.set('from', from);
  if (to) p.set('to', to);
  if (f.offenseType) p.set('offense', f.offenseType);
  if (f.caseNumber) p.set('case', f.caseNumber);
  if (f.note) p.set('note', f.note);
  return p;
}

export function formFromParams(p: URLSearchParams): SearchForm {
  const f = emptyForm(p.getAll('camera'));
  const lon = Number(p.get('lon'));
  const lat = Number(p.get('lat'));
  const radius = Number(p.get('radius'));
  if (p.has('lon') && p.has('lat') && Number.isFinite(lon) && Number.isFinite(lat) && radius > 0) f.area = { center: [lon, lat], radiusMeters: radius };
  const time = (k: string) => {
    const t = Date.parse(p.get(k) ?? '');
    return Number.isNaN(t) ? '' : isoToLocal(t);
  };
  f.from = time('from');
  f.to = time('to');
  f.offenseType = p.get('offense') ?? '';
  f.caseNumber = p.get('case') ?? '';
  f.note = p.get('note') ?? '';
  f.plate = (p.get('plate') ?? '').toUpperCase().slice(0, 20);
  return f;
}
