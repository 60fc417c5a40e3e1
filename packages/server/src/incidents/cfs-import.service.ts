/**
 * Imports a calls-for-service file (CSV) through a saved column mapping:
 *
 * 1. stream the body through csv-parse (never held whole; byte and row limits stop it early);
 * 2. check the header has every mapped column (else nothing is imported);
 * 3. turn each row into an incident update (cfs-row.ts); a bad row is rejected with its line
 *    and reason and never stops the good ones;
 * 4. collapse the rows of one incident number (one row per unit, out of order) into one update;
 * 5. merge each into the incident store (cfs-collapse.ts): the same file again changes nothing;
 * 6. audit the import (a refused file too) and answer the report.
 */
import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { parse, type Info } from 'csv-parse';
import type { CfsImportReportView, CfsLineNote } from '@openrtcc/domain';
import { AppError } from '../errors.ts';
import type { AuditService } from '../governance/audit.service.ts';
import type { IncidentUpdate } from '../ingest/eido/index.ts';
import type { CfsMapping } from './cfs-mapping.ts';
import type { CfsActor, CfsMappingService } from './cfs-mapping.service.ts';
import { combineRows } from './cfs-collapse.ts';
import { cfsRowToUpdate, type CfsRow } from './cfs-row.ts';
import type { IncidentService } from './incident.service.ts';

/** Rejected rows and warnings listed in a report (all are counted). */
export const MAX_LISTED = 500;
/** Rows one import takes by default; a longer file is refused before anything is stored. */
export const DEFAULT_MAX_ROWS = 500_000;

/** The report as the service returns it: the API's view (`@openrtcc/domain`) with an epoch-ms time. */
export type CfsImportReport = Omit<CfsImportReportView, 'importedAt'> & { importedAt: number };

export interface CfsImportDeps {
  mappings: CfsMappingService;
  incidents: IncidentService;
  audit: AuditService;
  maxBytes: number;
  maxRows?: number;
}

interface Collected {
  rowsRead: number;
  /** Every incident number the file names, on good rows and rejected ones. */
  seen: Set<string>;
  /** Rejected rows whose incident number is unknown (no number, not CSV). */
  unidentified: number;
  groups: Map<string, IncidentUpdate>;
  rejections: CfsLineNote[];
  rejected: number;
  warnings: CfsLineNote[];
}

export class CfsImportService {
  private readonly d: CfsImportDeps;

  constructor(deps: CfsImportDeps) {
    this.d = deps;
  }

  /**
   * @param body the file as it arrives (the request stream)
   * @example await cfs.import('preset:dallas-pd-active-calls', req.body, { name: 'dispatch-7' })
   */
  async import(mappingId: string, body: Readable | AsyncIterable<Buffer | string>, by: CfsActor): Promise<CfsImportReport> {
    const mapping = await this.d.mappings.get(mappingId);
    const importedAt = Date.now();
    let c: Collected;
    try {
      c = await this.collect(mapping, body);
    } catch (e) {
      const reason = e instanceof Error ? e.message : String(e);
      await this.d.audit.record({ actor: by.name, from: by.from, action: 'incidents.import', outcome: 'failed', details: { mappingId: mapping.id, reason } });
      throw e;
    }
    const report: CfsImportReport = {
      id: randomUUID(),
      mappingId: mapping.id,
      mappingName: mapping.name,
      sourceSystem: mapping.sourceSystem,
      importedAt,
      importedBy: by.name,
      rowsRead: c.rowsRead,
      incidents: c.groups.size,
      created: 0,
      updated: 0,
      unchanged: 0,
      closed: 0,
      rejected: c.rejected,
      rejections: c.rejections,
      warnings: c.warnings,
    };
    for (const update of c.groups.values()) {
      const r = await this.d.incidents.mergeImported(update, importedAt);
      if (r.created) report.created++;
      else if (r.changed) report.updated++;
      else report.unchanged++;
    }
    if (mapping.closeMissing) await this.closeMissing(mapping, c, report);
    const { rejections: _r, warnings: _w, ...counts } = report;
    await this.d.audit.record({ actor: by.name, from: by.from, action: 'incidents.import', outcome: 'success', details: counts });
    return report;
  }

  private async collect(mapping: CfsMapping, body: Readable | AsyncIterable<Buffer | string>): Promise<Collected> {
    const c: Collected = { rowsRead: 0, seen: new Set(), unidentified: 0, groups: new Map(), rejections: [], rejected: 0, warnings: [] };
    let headerSeen = false;
    const reject = (line: number, reason: string) => {
      c.rejected++;
      if (c.rejections.length < MAX_LISTED) c.rejections.push({ line, reason });
    };
    const parser = parse({
      bom: true,
      encoding: mapping.encoding === 'latin1' ? 'latin1' : 'utf8',
      info: true,
      columns: (header: string[]) => {
        headerSeen = true;
        return checkHeader(header, mapping);
      },
      relax_column_count: true,
      skip_empty_lines: true,
      skip_records_with_error: true,
      on_skip: (err) => {
        if (err) reject(lineOf(err), `not CSV: ${err.message.replace(/\s+/g, ' ').slice(0, 200)}`);
        c.unidentified++;
        return undefined;
      },
    });
    const maxRows = this.d.maxRows ?? DEFAULT_MAX_ROWS;
    const feeding = pipeline(limitBytes(body, this.d.maxBytes), parser);
    feeding.catch(() => undefined); // surfaced by the loop below, and awaited after it
    try {
      for await (const { record, info } of parser as AsyncIterable<{ record: CfsRow; info: Info }>) {
        if (++c.rowsRead > maxRows) throw new AppError('payload_too_large', `the file has more than ${maxRows} rows; split it`);
        const r = cfsRowToUpdate(record, mapping);
        const number = record[mapping.columns.incidentNumber]?.trim();
        if (number) c.seen.add(number);
        else c.unidentified++;
        if (!r.ok) {
          reject(info.lines, r.reason);
          continue;
        }
        for (const w of r.warnings) if (c.warnings.length < MAX_LISTED) c.warnings.push({ line: info.lines, reason: w });
        const had = c.groups.get(r.incidentNumber);
        c.groups.set(r.incidentNumber, had ? combineRows(had, r.update) : r.update);
      }
      await feeding;
      if (!headerSeen) throw new AppError('validation_failed', 'the file is empty; send the CSV file, header row first, as the request body');
    } catch (e) {
      parser.destroy();
      throw asImportError(e);
    }
    return c;
  }

  /**
   * An active-calls file lists every open call: an open incident of the source it does not name
   * has ended. Closes nothing when a rejected row's incident number is unknown, since that row
   * may be one of them.
   */
  private async closeMissing(mapping: CfsMapping, c: Collected, report: CfsImportReport): Promise<void> {
    if (c.unidentified > 0) {
      report.closeSkipped = `${c.unidentified} rejected row${c.unidentified > 1 ? 's have' : ' has'} no readable incident number, so no open incident was closed`;
      return;
    }
    let cursor: string | undefined;
    do {
      const page = await this.d.incidents.list({ status: 'open', limit: 500, cursor });
      for (const i of page.items) {
        if (i.sourceSystem !== mapping.sourceSystem || c.seen.has(i.sourceIncidentId)) continue;
        const closing: IncidentUpdate = { sourceSystem: i.sourceSystem, sourceIncidentId: i.sourceIncidentId, updatedAt: report.importedAt, status: 'closed', statusText: ['Not in the active calls'], notes: [], dispositions: [], units: [] };
        if ((await this.d.incidents.mergeImported(closing, report.importedAt)).changed) report.closed++;
      }
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
  }
}

/** The header as trimmed names; refuses a file missing a mapped column, naming it. */
function checkHeader(header: string[], mapping: CfsMapping): string[] {
  const names = header.map((h) => String(h).trim());
  const missing = Object.entries(mapping.columns).filter(([, col]) => col && !names.includes(col));
  if (missing.length > 0) {
    const list = missing.map(([field, col]) => `${col} (${field})`).join(', ');
    throw new AppError('validation_failed', `the file's first row lacks column${missing.length > 1 ? 's' : ''} ${list} of mapping "${mapping.name}"; it has ${names.slice(0, 30).join(', ')}`);
  }
  return names;
}

async function* limitBytes(body: AsyncIterable<Buffer | string>, max: number): AsyncGenerator<Buffer> {
  let seen = 0;
  for await (const chunk of body) {
    const b = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    seen += b.length;
    if (seen > max) throw new AppError('payload_too_large', `the file is larger than ${max} bytes (RTCC_MAX_IMPORT_BYTES)`);
    yield b;
  }
}

const lineOf = (err: unknown): number => Number((err as { lines?: number }).lines ?? 0);

/** Our own errors as they are; a parser failure outside a row (an empty body) as a clear 400. */
function asImportError(e: unknown): AppError {
  if (e instanceof AppError) return e;
  const cause = (e as { cause?: unknown }).cause;
  if (cause instanceof AppError) return cause;
  const message = e instanceof Error ? e.message : String(e);
  return new AppError('validation_failed', `the file cannot be read as CSV: ${message.slice(0, 200)}`, { cause: e });
}
