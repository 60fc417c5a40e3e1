/**
 * The platform's modules: an agency starts with plate reads and switches capabilities on phase by
 * phase with `RTCC_MODULES`. A module that is off has no routes (they answer 404) and no work in
 * the ingest pipeline; `GET /api/v1/modules` tells the console what to hide.
 */

export const MODULE_NAMES = ['lpr', 'hotlists', 'cad', 'avl', 'video', 'sharing'] as const;

export type ModuleName = (typeof MODULE_NAMES)[number];

export interface ModuleInfo {
  name: ModuleName;
  /** Built in this version; a planned module cannot be switched on yet. */
  available: boolean;
  /** Modules that must be on for this one to work. */
  requires: ModuleName[];
  description: string;
}

/** Every module the platform knows, in the order they are listed and enabled. */
export const MODULES: readonly ModuleInfo[] = [
  { name: 'lpr', available: true, requires: [], description: 'Plate reads: ingest, cameras, quarantine, sources, read search and the live map.' },
  { name: 'hotlists', available: true, requires: ['lpr'], description: 'Hotlists and imports, matching of every read, hits and their verification.' },
  { name: 'cad', available: true, requires: [], description: 'Dispatch incidents from the CAD (NENA EIDO) and gunshot alerts from acoustic sensors, with their outcomes.' },
  { name: 'avl', available: true, requires: [], description: 'Unit locations: officers\' phones (OsmAnd / Traccar Client), a Traccar server, and unit locations in EIDO.' },
  { name: 'video', available: true, requires: [], description: 'Live-view cameras: agency cameras played live on the map through the server, and the community camera registry (private cameras registered by their owners, for footage requests).' },
  { name: 'sharing', available: true, requires: ['lpr'], description: 'Sharing plate reads with other OpenRTCC agencies under explicit, expiring, revocable agreements; searches that include partners; every outside query audited on both sides.' },
];

export const DEFAULT_MODULES: readonly ModuleName[] = ['lpr', 'hotlists'];

/**
 * Parses `RTCC_MODULES` (comma-separated names) into the enabled modules, in catalogue order.
 * @returns the modules and one problem per unknown, unavailable or incomplete choice
 * @example parseModules('lpr') // { modules: ['lpr'], problems: [] }
 */
export function parseModules(raw: string | undefined): { modules: ModuleName[]; problems: string[] } {
  if (raw === undefined || raw.trim() === '') return { modules: [...DEFAULT_MODULES], problems: [] };
  const problems: string[] = [];
  const names = new Set(
    raw
      .split(',')
      .map((s) => s.trim().toLowerCase())
      .filter((s) => s.length > 0),
  );
  const available = MODULES.filter((m) => m.available).map((m) => m.name);
  for (const name of names) {
    const info = MODULES.find((m) => m.name === name);
    if (!info) problems.push(`RTCC_MODULES: ${JSON.stringify(name)} is not a module of OpenRTCC; known modules: ${MODULE_NAMES.join(', ')}`);
    else if (!info.available) problems.push(`RTCC_MODULES: ${name} is planned but not available in this version; available modules: ${available.join(', ')}`);
  }
  for (const info of MODULES) {
    if (!names.has(info.name)) continue;
    for (const dep of info.requires) {
      if (!names.has(dep)) problems.push(`RTCC_MODULES: ${info.name} needs ${dep}; add ${dep} (for example RTCC_MODULES=${[...info.requires, info.name].join(',')})`);
    }
  }
  return { modules: MODULES.filter((m) => m.available && names.has(m.name)).map((m) => m.name), problems };
}
