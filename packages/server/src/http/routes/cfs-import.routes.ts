/**
 * Calls-for-service files (cad module): saved column mappings, and the import that streams a CSV
 * file through one into the incident store.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Readable } from 'node:stream';
import type { AppContext } from '../../context.ts';
import { AppError } from '../../errors.ts';
import { CFS_ENCODINGS, CFS_FIELDS, type CfsMapping, type CfsMappingInput } from '../../incidents/cfs-mapping.ts';
import { CFS_TIME_FORMATS } from '../../incidents/cfs-time.ts';
import type { CfsImportReport } from '../../incidents/cfs-import.service.ts';

const ACCESS = { access: 'incidents:import' } as const;
const idParams = { type: 'object', required: ['id'], properties: { id: { type: 'string', minLength: 1, maxLength: 100 } } };

const mappingBody = {
  type: 'object',
  required: ['name', 'sourceSystem', 'columns', 'timeZone'],
  additionalProperties: false,
  properties: {
    name: { type: 'string', minLength: 1, maxLength: 200 },
    sourceSystem: { type: 'string', minLength: 1, maxLength: 64, description: 'Namespace of the incident numbers, e.g. `cfs:dallas-pd`' },
    columns: {
      type: 'object',
      required: ['incidentNumber', 'receivedAt'],
      additionalProperties: false,
      description: 'Incident field → column header in the file',
      properties: Object.fromEntries(CFS_FIELDS.map((f) => [f, { type: 'string', maxLength: 200 }])),
    },
    timeZone: { type: 'string', minLength: 1, maxLength: 64, description: 'IANA zone of times without an offset, e.g. America/Chicago' },
    timeFormat: { type: 'string', enum: [...CFS_TIME_FORMATS] },
    blockLevel: { type: 'string', enum: ['detect', 'always'] },
    encoding: { type: 'string', enum: [...CFS_ENCODINGS], description: 'utf-8 (default) or latin1 for Windows exports' },
    closeMissing: { type: 'boolean', description: 'The file is an active-calls snapshot: open incidents of this source missing from it are closed' },
  },
};

const iso = (t: number): string => new Date(t).toISOString();
const mappingView = (m: CfsMapping) => ({ ...m, createdAt: iso(m.createdAt), updatedAt: iso(m.updatedAt), builtIn: m.builtIn === true });
const reportView = (r: CfsImportReport) => ({ ...r, importedAt: iso(r.importedAt) });
const actor = (req: FastifyRequest) => ({ name: req.principal!.name, from: req.ip });

/** The mapping routes (JSON bodies). */
export function cfsMappingRoutes(app: FastifyInstance, ctx: AppContext): void {
  const mappings = ctx.cfsMappings!;
  app.get('/api/v1/cad/mappings', { config: ACCESS, schema: { tags: ['incidents'], summary: 'Column mappings for calls-for-service files: built-in presets first, then saved ones' } }, async () => ({
    items: (await mappings.list()).map(mappingView),
  }));

  app.get<{ Params: { id: string } }>('/api/v1/cad/mappings/:id', { config: ACCESS, schema: { tags: ['incidents'], summary: 'One column mapping', params: idParams } }, async (req) =>
    mappingView(await mappings.get(req.params.id)),
  );

  app.post<{ Body: CfsMappingInput }>(
    '/api/v1/cad/mappings',
    { config: ACCESS, schema: { tags: ['incidents'], summary: 'Save a column mapping', body: mappingBody } },
    async (req, reply) => reply.status(201).send(mappingView(await mappings.create(req.body, actor(req)))),
  );

  app.put<{ Params: { id: string }; Body: CfsMappingInput }>(
    '/api/v1/cad/mappings/:id',
    { config: ACCESS, schema: { tags: ['incidents'], summary: 'Replace a saved column mapping (presets cannot change: save a copy)', params: idParams, body: mappingBody } },
    async (req) => mappingView(await mappings.update(req.params.id, req.body, actor(req))),
  );

  app.delete<{ Params: { id: string } }>(
    '/api/v1/cad/mappings/:id',
    { config: ACCESS, schema: { tags: ['incidents'], summary: 'Delete a saved column mapping (incidents it imported stay)', params: idParams } },
    async (req, reply) => {
      await mappings.delete(req.params.id, actor(req));
      return reply.status(204).send();
    },
  );
}

/**
 * The import route, in a context of its own whose parser hands the body over as a stream, so a
 * large file is read row by row and never held whole. Any content type is taken (browsers send
 * CSV as text/csv, text/plain or application/vnd.ms-excel).
 */
export async function cfsImportRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  await app.register(async (child) => {
    child.removeAllContentTypeParsers();
    child.addContentTypeParser('*', (_req, payload, done) => done(null, payload));
    child.post<{ Querystring: { mapping: string } }>(
      '/api/v1/cad/imports',
      {
        config: ACCESS,
        schema: {
          tags: ['incidents'],
          summary: 'Import a calls-for-service file (CSV) through a column mapping',
          description:
            'The body is the CSV file itself, header row first. Rows are collapsed by incident number into incidents with their units and merged into the incident store: the same file again changes nothing; a later file updates its incidents. Bad rows are reported with their line and reason and never stop the good ones. Limits: RTCC_MAX_IMPORT_BYTES and 500,000 rows.',
          querystring: { type: 'object', required: ['mapping'], additionalProperties: false, properties: { mapping: { type: 'string', minLength: 1, maxLength: 100 } } },
        },
      },
      async (req) => {
        const body = req.body as Readable | undefined;
        if (!body || typeof (body as Readable).pipe !== 'function') throw new AppError('validation_failed', 'send the CSV file as the request body');
        return reportView(await ctx.cfsImport!.import(req.query.mapping, body, actor(req)));
      },
    );
  });
}
