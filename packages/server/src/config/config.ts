/**
 * Typed settings, read once at boot from `RTCC_*` environment variables and validated with a
 * clear message for each bad one. Every setting is documented in docs/configuration.md;
 * `SETTINGS` below is the single list both the loader and the docs test read.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseModules, type ModuleName } from './modules.ts';

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl?: string;
  adminToken?: string;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  sqliteSync: 'full' | 'normal';
  matchOneEdit: boolean;
  maxBodyBytes: number;
  maxImportBytes: number;
  publicUrl?: string;
  training: boolean;
  /** The enabled modules, in catalogue order (see modules.ts). */
  modules: ModuleName[];
  /** The agency's own basemap for the console (RTCC_MAP_TILES). */
  mapTiles?: MapTiles;
  /** A GeoJSON file of streets the console draws over the basemap (RTCC_MAP_STREETS). */
  mapStreets?: string;
  /** The agency's log-on banner, shown before sign-in (RTCC_LOGON_BANNER). */
  logonBanner?: string;
  /** The MQTT broker Frigate publishes to (RTCC_MQTT_URL); unset: no Frigate feed. */
  mqttUrl?: string;
  /** Frigate's MQTT topic prefix (RTCC_FRIGATE_TOPIC_PREFIX). */
  frigateTopicPrefix: string;
}

/** Where the console's basemap tiles come from: a local PMTiles file the server serves, or a URL. */
export type MapTiles = { kind: 'pmtiles-file'; path: string } | { kind: 'pmtiles' | 'raster' | 'style'; url: string };

export interface SettingDoc {
  env: string;
  default: string;
  description: string;
}

export const SETTINGS: SettingDoc[] = [
  { env: 'RTCC_PORT', default: '8080', description: 'TCP port of the HTTP and WebSocket server (1–65535; 0 picks a free port).' },
  { env: 'RTCC_HOST', default: '0.0.0.0', description: 'Address to listen on. Cameras on the network must reach it; use 127.0.0.1 to stay local.' },
  { env: 'RTCC_DATA_DIR', default: './data', description: 'Folder of the embedded SQLite database (created if missing). Ignored for storage when RTCC_DATABASE_URL is set.' },
  { env: 'RTCC_DATABASE_URL', default: '(unset)', description: 'PostgreSQL connection URL (postgres://user@host:5432/db). When set, PostgreSQL replaces the embedded SQLite store.' },
  { env: 'RTCC_ADMIN_TOKEN', default: '(generated)', description: 'Bootstrap admin bearer token, at least 24 characters. When unset, one is generated at first start, printed once, and kept (hashed) in the data folder.' },
  { env: 'RTCC_LOG_LEVEL', default: 'info', description: 'fatal, error, warn, info, debug, trace or silent.' },
  { env: 'RTCC_SQLITE_SYNC', default: 'full', description: '`full`: every group commit is fsynced (survives power loss). `normal`: survives a process crash but not power loss; faster on slow disks.' },
  { env: 'RTCC_MATCH_ONE_EDIT', default: 'false', description: 'Also match hotlist plates one edit away (a missing, extra or different character). Off by default: it multiplies false hits on large lists.' },
  { env: 'RTCC_MAX_BODY_BYTES', default: '16777216', description: 'Largest ingest or API request body, in bytes.' },
  { env: 'RTCC_MAX_IMPORT_BYTES', default: '268435456', description: 'Largest hotlist file accepted by an import, in bytes.' },
  { env: 'RTCC_TRAINING', default: 'false', description: 'Training mode, for the simulated city (`npm run demo`): every HTTP response carries `X-RTCC-Mode: TRAINING - SIMULATED DATA`, /healthz reports `mode: training` and the console shows a banner. The data folder is marked as training data at first start; a training server refuses an unmarked folder holding data, a normal server refuses a marked one, and training refuses RTCC_DATABASE_URL, so simulated and real data never mix.' },
  { env: 'RTCC_MODULES', default: 'lpr,hotlists', description: 'The modules this agency has switched on, comma-separated: `lpr` (plate reads: ingest, cameras, quarantine, sources, search, the live map), `hotlists` (hotlists, imports, matching, hits; needs `lpr`), `cad` (dispatch incidents from NENA EIDO, gunshot alerts and their outcomes) and `avl` (unit locations from officers\' phones, a Traccar server and EIDO). `video` and `sharing` are planned and not available yet. `cad` and `avl` are off by default: they take in where officers are and what dispatch knows, so an agency switches them on when it connects its CAD and phones. A module that is off has no routes (they answer 404) and does no work; `GET /api/v1/modules` lists what is on.' },
  { env: 'RTCC_MAP_TILES', default: '(unset: built-in boundaries)', description: 'The agency\'s own basemap for the console, instead of the built-in offline boundaries: a PMTiles file on this machine (`/srv/maps/county.pmtiles`, served to signed-in consoles), a PMTiles URL (`https://maps.agency.local/county.pmtiles`), a raster tile URL with `{z}`, `{x}` and `{y}` (`https://tiles.agency.local/{z}/{x}/{y}.png`), or a MapLibre style URL ending in `.json`. Raster PMTiles draw as they are; vector PMTiles get a plain dark rendering without labels.' },
  { env: 'RTCC_MAP_STREETS', default: '(unset)', description: 'A GeoJSON file of LineString streets (optional `name`, and `class: arterial` for main roads) that the console draws over the basemap. `npm run demo` writes the simulated city\'s streets and sets it.' },
  { env: 'RTCC_LOGON_BANNER', default: '(unset: no banner)', description: 'The system use notification the console shows before anyone signs in (CJIS Security Policy: who may use the system, that use is monitored and audited, and that misuse is subject to penalties), served without a token at `GET /api/v1/logon-banner`. Plain text up to 4,000 characters; `\\n` starts a new line.' },
  { env: 'RTCC_MQTT_URL', default: '(unset: no Frigate feed)', description: 'The MQTT broker a Frigate NVR publishes to (`mqtt://host:1883`, `mqtts://…`, `ws://…`; user and password in the URL when the broker asks for them). When set (and `lpr` is on), the server subscribes to Frigate\'s `events` and `tracked_object_update` topics and ingests its plate reads; see docs/integrations.md.' },
  { env: 'RTCC_FRIGATE_TOPIC_PREFIX', default: 'frigate', description: 'Frigate\'s `mqtt.topic_prefix`: the server takes `<prefix>/events` and `<prefix>/tracked_object_update`. The broker session is named after it (`openrtcc-frigate-<prefix>`), so keep it stable.' },
  { env: 'RTCC_PUBLIC_URL', default: '(unset)', description: 'The URL people and cameras use to reach this server, shown in logs and docs.' },
];

export class ConfigError extends Error {
  readonly problems: string[];

  constructor(problems: string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigError';
    this.problems = problems;
  }
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** Reads and validates the settings; throws ConfigError listing every problem at once. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const problems: string[] = [];
  const known = new Set(SETTINGS.map((s) => s.env));
  for (const key of Object.keys(env)) {
    if (key.startsWith('RTCC_') && !known.has(key) && !key.startsWith('RTCC_TEST_') && key !== 'RTCC_NODE_CACHE') {
      problems.push(`${key} is not a setting of OpenRTCC (see docs/configuration.md); check the spelling`);
    }
  }
  const int = (name: string, dflt: number, min: number, max: number): number => {
    const raw = env[name];
    if (raw === undefined || raw === '') return dflt;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < min || n > max) {
      problems.push(`${name}=${JSON.stringify(raw)} must be a whole number from ${min} to ${max}`);
      return dflt;
    }
    return n;
  };
  const bool = (name: string, dflt: boolean): boolean => {
    const raw = env[name]?.trim().toLowerCase();
    if (raw === undefined || raw === '') return dflt;
    if (['1', 'true', 'yes', 'on'].includes(raw)) return true;
    if (['0', 'false', 'no', 'off'].includes(raw)) return false;
    problems.push(`${name}=${JSON.stringify(env[name])} must be true or false`);
    return dflt;
  };

  const logLevel = (env.RTCC_LOG_LEVEL ?? 'info') as Config['logLevel'];
  if (!LOG_LEVELS.includes(logLevel)) problems.push(`RTCC_LOG_LEVEL=${JSON.stringify(logLevel)} must be one of ${LOG_LEVELS.join(', ')}`);
  const sqliteSync = (env.RTCC_SQLITE_SYNC ?? 'full') as Config['sqliteSync'];
  if (sqliteSync !== 'full' && sqliteSync !== 'normal') problems.push(`RTCC_SQLITE_SYNC=${JSON.stringify(sqliteSync)} must be full or normal`);

  const databaseUrl = env.RTCC_DATABASE_URL || undefined;
  if (databaseUrl) {
    let ok = false;
    try {
      const u = new URL(databaseUrl);
      ok = u.protocol === 'postgres:' || u.protocol === 'postgresql:';
    } catch {
      ok = false;
    }
    if (!ok) problems.push('RTCC_DATABASE_URL must be a postgres:// or postgresql:// URL');
  }
  const adminToken = env.RTCC_ADMIN_TOKEN || undefined;
  if (adminToken !== undefined && adminToken.length < 24) problems.push('RTCC_ADMIN_TOKEN must be at least 24 characters (use a long random value)');
  const publicUrl = env.RTCC_PUBLIC_URL || undefined;
  if (publicUrl) {
    try {
      new URL(publicUrl);
    } catch {
      problems.push(`RTCC_PUBLIC_URL=${JSON.stringify(publicUrl)} is not a URL`);
    }
  }

  const logonBanner = env.RTCC_LOGON_BANNER?.replace(/\\n/g, '\n').trim() || undefined;
  if (logonBanner !== undefined && logonBanner.length > 4000) problems.push(`RTCC_LOGON_BANNER is ${logonBanner.length} characters; at most 4000`);

  const mqttUrl = env.RTCC_MQTT_URL?.trim() || undefined;
  if (mqttUrl) {
    let ok = false;
    try {
      ok = ['mqtt:', 'mqtts:', 'tcp:', 'ssl:', 'tls:', 'ws:', 'wss:'].includes(new URL(mqttUrl).protocol);
    } catch {
      ok = false;
    }
    if (!ok) problems.push('RTCC_MQTT_URL must be an mqtt://, mqtts://, ws:// or wss:// URL');
  }
  const frigateTopicPrefix = env.RTCC_FRIGATE_TOPIC_PREFIX?.trim() || 'frigate';
  if (/[#+\u0000]/.test(frigateTopicPrefix) || frigateTopicPrefix.startsWith('/') || frigateTopicPrefix.endsWith('/')) {
    problems.push(`RTCC_FRIGATE_TOPIC_PREFIX=${JSON.stringify(frigateTopicPrefix)} must be a plain topic (no #, + or leading/trailing /)`);
  }

  const modules = parseModules(env.RTCC_MODULES);
  problems.push(...modules.problems);
  const mapTiles = parseMapTiles(env.RTCC_MAP_TILES, problems);
  const mapStreets = env.RTCC_MAP_STREETS ? resolve(env.RTCC_MAP_STREETS) : undefined;
  if (mapStreets && !existsSync(mapStreets)) problems.push(`RTCC_MAP_STREETS=${JSON.stringify(env.RTCC_MAP_STREETS)}: no such file`);

  const config: Config = {
    port: int('RTCC_PORT', 8080, 0, 65535),
    host: env.RTCC_HOST || '0.0.0.0',
    dataDir: resolve(env.RTCC_DATA_DIR || './data'),
    databaseUrl,
    adminToken,
    logLevel,
    sqliteSync,
    matchOneEdit: bool('RTCC_MATCH_ONE_EDIT', false),
    maxBodyBytes: int('RTCC_MAX_BODY_BYTES', 16 * 1024 * 1024, 1024, 1024 * 1024 * 1024),
    maxImportBytes: int('RTCC_MAX_IMPORT_BYTES', 256 * 1024 * 1024, 1024, 4 * 1024 * 1024 * 1024),
    publicUrl,
    training: bool('RTCC_TRAINING', false),
    modules: modules.modules,
    mapTiles,
    mapStreets,
    logonBanner,
    mqttUrl,
    frigateTopicPrefix,
  };
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}

/** RTCC_MAP_TILES: a local .pmtiles file, or an http(s) URL of a PMTiles archive, XYZ raster tiles or a style. */
function parseMapTiles(raw: string | undefined, problems: string[]): MapTiles | undefined {
  const v = raw?.trim();
  if (!v) return undefined;
  const bad = (why: string) => {
    problems.push(`RTCC_MAP_TILES=${JSON.stringify(v)} ${why}`);
    return undefined;
  };
  if (/^pmtiles:\/\//i.test(v)) return parseMapTiles(v.slice('pmtiles://'.length), problems);
  if (/^https?:\/\//i.test(v)) {
    let path: string;
    try {
      path = new URL(v.replace(/[{}]/g, '_')).pathname;
    } catch {
      return bad('is not a URL');
    }
    if (v.includes('{z}') && v.includes('{x}') && v.includes('{y}')) return { kind: 'raster', url: v };
    if (/\.pmtiles$/i.test(path)) return { kind: 'pmtiles', url: v };
    if (/\.json$/i.test(path)) return { kind: 'style', url: v };
    return bad('must be a tile URL with {z}, {x} and {y}, a .pmtiles URL or a style URL ending in .json');
  }
  if (!/\.pmtiles$/i.test(v)) return bad('must be a .pmtiles file or an http(s) URL');
  const path = resolve(v);
  if (!existsSync(path)) return bad('names a file that does not exist');
  return { kind: 'pmtiles-file', path };
}
