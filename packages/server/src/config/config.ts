/**
 * Typed settings, read once at boot from `RTCC_*` environment variables and validated with a
 * clear message for each bad one. Every setting is documented in docs/configuration.md;
 * `SETTINGS` below is the single list both the loader and the docs test read.
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { parseModules, type ModuleName } from './modules.ts';
import { AUDIT_REVIEW_SETTINGS, parseAuditReviewSettings, type AuditReviewSettings } from '../governance/audit-review.settings.ts';
import type { JustificationPolicy } from '@openrtcc/domain';
import { loadJustificationPolicy, loadTransparencySettings, type TransparencySettings } from './policy-settings.ts';
import { OIDC_SETTINGS, parseOidcConfig, type OidcConfig } from '../auth/oidc.config.ts';

export interface Config {
  /** What the supervisor review queue flags (RTCC_CASE_NUMBER_PATTERN, RTCC_AUDIT_*). */
  auditReview: AuditReviewSettings;
  port: number;
  host: string;
  dataDir: string;
  databaseUrl?: string;
  adminToken?: string;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  sqliteSync: 'full' | 'normal';
  /** Threads that decode large read batches (RTCC_DECODE_THREADS); 0: all on the main thread. */
  decodeThreads: number;
  matchOneEdit: boolean;
  maxBodyBytes: number;
  maxImportBytes: number;
  /** The folder hotlist feeds may watch (RTCC_HOTLIST_DIR); unset: URL feeds only. */
  hotlistDir?: string;
  /** RTCC_MAX_IMAGE_BYTES: the largest read image kept (decoded). */
  maxImageBytes: number;
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
  /** Webhooks may post to loopback and link-local addresses (RTCC_WEBHOOK_ALLOW_LOCAL). */
  webhookAllowLocal: boolean;
  /** Outbound webhook attempt timeout, attempts per delivery, first retry delay (RTCC_WEBHOOK_*). */
  webhookTimeoutMs: number;
  webhookMaxAttempts: number;
  webhookRetryBaseMs: number;
  /** The local hour (0–23) of the daily retention run (RTCC_RETENTION_HOUR); undefined: no daily run. */
  retentionHour?: number;
  /** The agency's offense list and prohibited purposes (RTCC_OFFENSE_TYPES_FILE, RTCC_PROHIBITED_PURPOSES*). */
  justification: JustificationPolicy;
  /** The public transparency page (RTCC_TRANSPARENCY_*). */
  transparency: TransparencySettings;
  /** This agency's name as partners see it (RTCC_AGENCY_NAME); required with the sharing module. */
  agencyName?: string;
  /** This agency's ORI (RTCC_AGENCY_ORI). */
  agencyOri?: string;
  /** How long a search waits for each partner agency (RTCC_SHARING_TIMEOUT_MS). */
  sharingTimeoutMs: number;
  /** Single sign-on through the agency's OpenID Connect provider (RTCC_OIDC_*); unset: none. */
  oidc?: OidcConfig;
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
  { env: 'RTCC_DECODE_THREADS', default: '(1 with two or more cores, else 0)', description: 'Threads that decode large batches of plate reads (bodies of 32 KiB or more on `POST /api/v1/reads` and the OpenALPR route) beside the main thread, which matches, stores and answers (0–16). 0 decodes every body on the main thread.' },
  { env: 'RTCC_MATCH_ONE_EDIT', default: 'false', description: 'Also match hotlist plates one edit away (a missing, extra or different character). Off by default: it multiplies false hits on large lists.' },
  { env: 'RTCC_MAX_BODY_BYTES', default: '16777216', description: 'Largest ingest or API request body, in bytes.' },
  { env: 'RTCC_HOTLIST_DIR', default: '(unset: URL feeds only)', description: 'The folder under which hotlist feeds may watch for hot files (the state\'s drop folder, an SFTP landing directory). A feed\'s folder must be inside it, so a feed cannot read other files of the server. See docs/api.md, "Hotlist feeds".' },
  { env: 'RTCC_MAX_IMPORT_BYTES', default: '268435456', description: 'Largest hotlist file, or calls-for-service file (CAD import, read as a stream), accepted by an import, in bytes.' },
  { env: 'RTCC_MAX_IMAGE_BYTES', default: '8388608', description: 'Largest read image (plate crop, vehicle or overview picture) kept, in bytes once decoded. A larger image, or one that is not a JPEG or PNG, is left off its read (the read is kept) and noted in the source\'s health. Images are stored under `<RTCC_DATA_DIR>/images/` (PostgreSQL: the `read_images` table), never in the read rows.' },
  { env: 'RTCC_TRAINING', default: 'false', description: 'Training mode, for the simulated city (`npm run demo`): every HTTP response carries `X-RTCC-Mode: TRAINING - SIMULATED DATA`, /healthz reports `mode: training` and the console shows a banner. The data folder is marked as training data at first start; a training server refuses an unmarked folder holding data, a normal server refuses a marked one, and training refuses RTCC_DATABASE_URL, so simulated and real data never mix.' },
  { env: 'RTCC_MODULES', default: 'lpr,hotlists', description: 'The modules this agency has switched on, comma-separated: `lpr` (plate reads: ingest, cameras, quarantine, sources, search, the live map), `hotlists` (hotlists, imports, matching, hits; needs `lpr`), `cad` (dispatch incidents from NENA EIDO, gunshot alerts and their outcomes) and `avl` (unit locations from officers\' phones, a Traccar server and EIDO). `sharing` (plate reads shared with other OpenRTCC agencies under agreements; needs `lpr` and RTCC_AGENCY_NAME; see docs/sharing.md). `video` (live-view cameras played through the server, and the community camera registry; see docs/console.md). `cad`, `avl` and `video` are off by default: they take in where officers are and what dispatch knows, so an agency switches them on when it connects its CAD and phones. A module that is off has no routes (they answer 404) and does no work; `GET /api/v1/modules` lists what is on.' },
  { env: 'RTCC_MAP_TILES', default: '(unset: built-in boundaries)', description: 'The agency\'s own basemap for the console, instead of the built-in offline boundaries: a PMTiles file on this machine (`/srv/maps/county.pmtiles`, served to signed-in consoles), a PMTiles URL (`https://maps.agency.local/county.pmtiles`), a raster tile URL with `{z}`, `{x}` and `{y}` (`https://tiles.agency.local/{z}/{x}/{y}.png`), or a MapLibre style URL ending in `.json`. Raster PMTiles draw as they are; vector PMTiles get a plain dark rendering without labels.' },
  { env: 'RTCC_MAP_STREETS', default: '(unset)', description: 'A GeoJSON file of LineString streets (optional `name`, and `class: arterial` for main roads) that the console draws over the basemap. `npm run demo` writes the simulated city\'s streets and sets it.' },
  { env: 'RTCC_LOGON_BANNER', default: '(unset: no banner)', description: 'The system use notification the console shows before anyone signs in (CJIS Security Policy: who may use the system, that use is monitored and audited, and that misuse is subject to penalties), served without a token at `GET /api/v1/logon-banner`. Plain text up to 4,000 characters; `\\n` starts a new line.' },
  { env: 'RTCC_MQTT_URL', default: '(unset: no Frigate feed)', description: 'The MQTT broker a Frigate NVR publishes to (`mqtt://host:1883`, `mqtts://…`, `ws://…`; user and password in the URL when the broker asks for them). When set (and `lpr` is on), the server subscribes to Frigate\'s `events` and `tracked_object_update` topics and ingests its plate reads; see docs/integrations.md.' },
  { env: 'RTCC_WEBHOOK_ALLOW_LOCAL', default: 'false', description: 'Let outbound webhooks post to this machine (127.0.0.0/8, ::1, `localhost`) and to link-local addresses (169.254.0.0/16, where clouds serve instance credentials). Off by default, so an admin account cannot turn the server into a probe of itself; private networks (10/8, 172.16/12, 192.168/16), where a CAD usually lives, are always allowed. Turn it on for a CAD bridge running on the same machine.' },
  { env: 'RTCC_WEBHOOK_TIMEOUT_MS', default: '10000', description: 'How long one webhook attempt waits for the receiver\'s answer before it counts as failed and is retried (100–120000).' },
  { env: 'RTCC_WEBHOOK_MAX_ATTEMPTS', default: '8', description: 'Attempts per webhook delivery before it is marked failed (1–50). Timeouts, refused connections, 5xx, 408 and 429 are retried; other 4xx answers and redirects fail the delivery at once.' },
  { env: 'RTCC_WEBHOOK_RETRY_BASE_MS', default: '5000', description: 'The wait before the first retry of a webhook delivery (10–3600000); each further retry waits twice as long, up to 30 minutes, with random jitter in the upper half of the wait.' },
  { env: 'RTCC_FRIGATE_TOPIC_PREFIX', default: 'frigate', description: 'Frigate\'s `mqtt.topic_prefix`: the server takes `<prefix>/events` and `<prefix>/tracked_object_update`. The broker session is named after it (`openrtcc-frigate-<prefix>`), so keep it stable.' },
  ...OIDC_SETTINGS,
  { env: 'RTCC_AGENCY_NAME', default: '(unset)', description: 'This agency\'s name as partner agencies see it: on every read it shares and every search it sends to a partner. Required when the `sharing` module is on.' },
  { env: 'RTCC_AGENCY_ORI', default: '(unset)', description: 'This agency\'s ORI (9 characters: 2 letters, then 7 letters or digits), sent with its name to partner agencies.' },
  { env: 'RTCC_SHARING_TIMEOUT_MS', default: '5000', description: 'How long a search that includes partner agencies waits for each partner (100–60000 ms); a partner that does not answer in time is reported as unreachable and the local results still come back.' },
  { env: 'RTCC_OFFENSE_TYPES_FILE', default: '(unset: the built-in list)', description: 'The agency\'s own list of offenses a plate search may be justified by, replacing the built-in one (docs/security.md). A `.csv` file with the header `code,label,category` and an optional `note_required` column (`true` makes the note mandatory, as for "other felony"), or a `.json` array of `{ "code", "label", "category", "noteRequired" }`. Codes are 2–40 lower-case letters, digits or `_`; the category groups searches on the transparency page. The console offers this list.' },
  { env: 'RTCC_PROHIBITED_PURPOSES', default: '(unset: all built-in purposes)', description: 'Which built-in prohibited purposes are enforced: `immigration_enforcement`, `reproductive_health_care`, `first_amendment_activity`, comma-separated, or `none`. A search whose justification (offense, note or any purpose text) reveals one is refused with `prohibited_purpose` and the refusal is audited.' },
  { env: 'RTCC_PROHIBITED_PURPOSES_FILE', default: '(unset)', description: 'More prohibited purposes of the agency\'s own: a JSON array of `{ "code", "label", "phrases": ["…"] }`; phrases are matched as whole words, case and punctuation ignored. Added to the built-in ones kept by RTCC_PROHIBITED_PURPOSES.' },
  { env: 'RTCC_TRANSPARENCY_CAMERA_MAP', default: 'off', description: 'Whether the public transparency page (`/transparency`) shows where cameras are: `off` (count only), `approximate` (each location rounded to about 1 km, as a simple drawing and a list) or `exact`.' },
  { env: 'RTCC_TRANSPARENCY_POLICY_FILE', default: '(unset)', description: 'A text or Markdown file with the agency\'s ALPR use policy, shown (as plain text) on the public transparency page. Re-read within a minute of an edit.' },
  ...AUDIT_REVIEW_SETTINGS,
  { env: 'RTCC_RETENTION_HOUR', default: '3', description: 'The hour (0–23, the server\'s local time zone) at which the retention job deletes what has expired under the retention policy (docs/security.md). `off` stops the daily run (admins can still run it from the console); with several nodes on one PostgreSQL database, leave it on for one node only.' },
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

  const justification = loadJustificationPolicy(env, problems);
  const transparency = loadTransparencySettings(env, problems);
  const modules = parseModules(env.RTCC_MODULES);
  problems.push(...modules.problems);
  const mapTiles = parseMapTiles(env.RTCC_MAP_TILES, problems);
  const mapStreets = env.RTCC_MAP_STREETS ? resolve(env.RTCC_MAP_STREETS) : undefined;
  if (mapStreets && !existsSync(mapStreets)) problems.push(`RTCC_MAP_STREETS=${JSON.stringify(env.RTCC_MAP_STREETS)}: no such file`);

  const agencyName = env.RTCC_AGENCY_NAME?.trim() || undefined;
  if (agencyName !== undefined && agencyName.length > 200) problems.push('RTCC_AGENCY_NAME must be at most 200 characters');
  if (agencyName === undefined && modules.modules.includes('sharing')) problems.push('RTCC_AGENCY_NAME is required when the sharing module is on: partners see it on every shared read and search');
  const agencyOri = env.RTCC_AGENCY_ORI?.trim().toUpperCase() || undefined;
  if (agencyOri !== undefined && !/^[A-Z]{2}[A-Z0-9]{7}$/.test(agencyOri)) problems.push(`RTCC_AGENCY_ORI=${JSON.stringify(env.RTCC_AGENCY_ORI)} must be an ORI: 2 letters, then 7 letters or digits (e.g. TX2270100)`);

  const config: Config = {
    retentionHour: parseRetentionHour(env.RTCC_RETENTION_HOUR, problems),
    auditReview: parseAuditReviewSettings(env, problems, int),
    port: int('RTCC_PORT', 8080, 0, 65535),
    host: env.RTCC_HOST || '0.0.0.0',
    dataDir: resolve(env.RTCC_DATA_DIR || './data'),
    databaseUrl,
    adminToken,
    logLevel,
    sqliteSync,
    matchOneEdit: bool('RTCC_MATCH_ONE_EDIT', false),
    decodeThreads: env.RTCC_DECODE_THREADS === undefined ? (availableParallelism() >= 2 ? 1 : 0) : int('RTCC_DECODE_THREADS', 0, 0, 16),
    maxBodyBytes: int('RTCC_MAX_BODY_BYTES', 16 * 1024 * 1024, 1024, 1024 * 1024 * 1024),
    maxImportBytes: int('RTCC_MAX_IMPORT_BYTES', 256 * 1024 * 1024, 1024, 4 * 1024 * 1024 * 1024),
    hotlistDir: env.RTCC_HOTLIST_DIR?.trim() ? resolve(env.RTCC_HOTLIST_DIR.trim()) : undefined,
    maxImageBytes: int('RTCC_MAX_IMAGE_BYTES', 8 * 1024 * 1024, 1024, 64 * 1024 * 1024),
    publicUrl,
    training: bool('RTCC_TRAINING', false),
    modules: modules.modules,
    mapTiles,
    mapStreets,
    logonBanner,
    mqttUrl,
    frigateTopicPrefix,
    webhookAllowLocal: bool('RTCC_WEBHOOK_ALLOW_LOCAL', false),
    webhookTimeoutMs: int('RTCC_WEBHOOK_TIMEOUT_MS', 10_000, 100, 120_000),
    webhookMaxAttempts: int('RTCC_WEBHOOK_MAX_ATTEMPTS', 8, 1, 50),
    webhookRetryBaseMs: int('RTCC_WEBHOOK_RETRY_BASE_MS', 5_000, 10, 3_600_000),
    justification,
    transparency,
    agencyName,
    agencyOri,
    sharingTimeoutMs: int('RTCC_SHARING_TIMEOUT_MS', 5000, 100, 60_000),
  };
  const oidc = parseOidcConfig(env, publicUrl, problems);
  if (oidc) config.oidc = oidc;
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

/** RTCC_RETENTION_HOUR: a local hour 0–23 (default 3), or `off`. */
function parseRetentionHour(raw: string | undefined, problems: string[]): number | undefined {
  const v = raw?.trim().toLowerCase();
  if (v === undefined || v === '') return 3;
  if (v === 'off') return undefined;
  const n = Number(v);
  if (/^\d{1,2}$/.test(v) && n >= 0 && n <= 23) return n;
  problems.push(`RTCC_RETENTION_HOUR=${JSON.stringify(raw)} must be an hour from 0 to 23, or off`);
  return undefined;
}
