import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { LonLat, VideoCameraConsent, VideoOwnerKind, VideoStream } from '@openrtcc/domain';
import { VIDEO_OWNER_KINDS, VIDEO_STREAM_KINDS } from '@openrtcc/domain';
import type { AppContext } from '../../context.ts';
import { AppError } from '../../errors.ts';
import { parseIsoWithZone } from '../../ingest/rtcc/iso-time.ts';
import { fetchFromCamera, type VideoActor, type VideoCameraInput, type VideoCameraPatch } from '../../video/index.ts';

type ConsentWire = Omit<VideoCameraConsent, 'agreedAt'> & { agreedAt: string };
type CameraWire = Omit<VideoCameraInput, 'consent'> & { consent?: ConsentWire };
type PatchWire = Omit<VideoCameraPatch, 'consent'> & { consent?: ConsentWire };

const lonLat = { type: 'array', items: { type: 'number' }, minItems: 2, maxItems: 2, description: '[lon, lat] WGS84' };
const stream = {
  type: 'object',
  required: ['kind', 'url'],
  additionalProperties: false,
  properties: {
    kind: { type: 'string', enum: [...VIDEO_STREAM_KINDS], description: 'hls: an HLS playlist (.m3u8); still: an image the console refreshes' },
    url: { type: 'string', minLength: 1, maxLength: 2000, description: 'http(s) URL the server reaches the camera at; consoles play through the server' },
    refreshSeconds: { type: 'integer', description: 'still images: seconds between refreshes (default 5)' },
  },
};
const cameraProperties = {
  name: { type: 'string', minLength: 1, maxLength: 200 },
  location: lonLat,
  heading: { type: 'number', description: 'degrees clockwise from north the camera faces' },
  fieldOfView: { type: 'number', description: 'horizontal field of view, degrees' },
  stream,
  contact: {
    type: 'object',
    required: ['name'],
    additionalProperties: false,
    description: 'community cameras: the owner to ask for footage (shown only with video:contacts, audited)',
    properties: { name: { type: 'string', maxLength: 200 }, phone: { type: 'string', maxLength: 50 }, email: { type: 'string', maxLength: 200 } },
  },
  consent: {
    type: 'object',
    required: ['terms', 'agreedAt', 'footageRequests', 'liveSharing'],
    additionalProperties: false,
    description: 'community cameras: what the owner agreed to when registering',
    properties: {
      terms: { type: 'string', maxLength: 2000, description: 'the registration terms accepted (a version or the text)' },
      agreedAt: { type: 'string', description: 'ISO 8601' },
      footageRequests: { type: 'boolean', description: 'the owner agreed to be contacted for footage' },
      liveSharing: { type: 'boolean', description: 'the owner shares a live stream (otherwise the camera has none)' },
    },
  },
  notes: { type: 'string', maxLength: 2000 },
};
// a type list, not anyOf: with anyOf the validator would coerce null to 0 (or 0 to null)
const nullable = (schema: { type: string }) => ({ ...schema, type: [schema.type, 'null'] });

function parseConsent(c: ConsentWire | undefined): VideoCameraConsent | undefined {
  if (!c) return undefined;
  const t = parseIsoWithZone(c.agreedAt);
  if ('problem' in t) throw new AppError('validation_failed', `consent.agreedAt ${t.problem}`, { details: [{ field: 'consent.agreedAt', message: t.problem }] });
  return { ...c, agreedAt: t.ms };
}

/** `"a,b,c,d"` as numbers, or a validation error naming the parameter. */
function numbers(raw: string, count: number, name: string, shape: string): number[] {
  const parts = raw.split(',').map((p) => Number(p.trim()));
  if (parts.length !== count || parts.some((n) => !Number.isFinite(n))) throw new AppError('validation_failed', `${name} must be ${shape}`, { details: [{ field: `querystring.${name}`, message: `must be ${shape}` }] });
  return parts;
}

function parseBbox(raw: string | undefined): [number, number, number, number] | undefined {
  if (raw === undefined) return undefined;
  const [w, s, e, n] = numbers(raw, 4, 'bbox', 'west,south,east,north in degrees');
  if (!(w >= -180 && e <= 180 && s >= -90 && n <= 90 && w <= e && s <= n)) throw new AppError('validation_failed', 'bbox must be west,south,east,north with west ≤ east and south ≤ north', { details: [{ field: 'querystring.bbox', message: 'is not a box' }] });
  return [w, s, e, n];
}

function parseNear(raw: string | undefined): LonLat | undefined {
  if (raw === undefined) return undefined;
  const [lon, lat] = numbers(raw, 2, 'near', 'lon,lat in degrees');
  if (!(lon >= -180 && lon <= 180 && lat >= -90 && lat <= 90)) throw new AppError('validation_failed', 'near must be lon,lat in WGS84 degrees', { details: [{ field: 'querystring.near', message: 'is not a position' }] });
  return [lon, lat];
}

function actorOf(req: FastifyRequest): VideoActor {
  const p = req.principal!;
  return { name: p.name, from: req.ip, viewer: { contacts: p.permissions.has('video:contacts'), streamUrls: p.permissions.has('video:write') } };
}

/** Live-view cameras, the community registry and the stream gateway: the video module. */
export function videoCameraRoutes(app: FastifyInstance, ctx: AppContext): void {
  const video = ctx.video!;
  app.get<{ Querystring: { bbox?: string; near?: string; ownerKind?: VideoOwnerKind; includeInactive?: boolean; limit?: number } }>(
    '/api/v1/video-cameras',
    {
      config: { access: 'video:read' },
      schema: {
        tags: ['video'],
        summary: 'Live-view cameras: active ones by name, inside a box, nearest first from a point (owners’ contacts never in a list)',
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            bbox: { type: 'string', description: 'west,south,east,north' },
            near: { type: 'string', description: 'lon,lat: nearest first, each with distanceM' },
            ownerKind: { type: 'string', enum: [...VIDEO_OWNER_KINDS] },
            includeInactive: { type: 'boolean' },
            limit: { type: 'integer', minimum: 1, maximum: 5000 },
          },
        },
      },
    },
    async (req) => {
      const q = req.query;
      const items = await video.list({ bbox: parseBbox(q.bbox), near: parseNear(q.near), ownerKind: q.ownerKind, includeInactive: q.includeInactive, limit: q.limit }, actorOf(req));
      return { items };
    },
  );
  app.get<{ Params: { id: string }; Querystring: { includeContact?: boolean } }>(
    '/api/v1/video-cameras/:id',
    {
      config: { access: 'video:read' },
      schema: {
        tags: ['video'],
        summary: 'One camera; with includeContact=true (video:contacts) its community owner’s contact, audited',
        querystring: { type: 'object', additionalProperties: false, properties: { includeContact: { type: 'boolean' } } },
      },
    },
    async (req) => video.get(req.params.id, actorOf(req), { includeContact: req.query.includeContact }),
  );
  app.post<{ Body: CameraWire }>(
    '/api/v1/video-cameras',
    {
      config: { access: 'video:write' },
      schema: { tags: ['video'], summary: 'Register a camera (agency: with its stream; community: with owner contact and consent)', body: { type: 'object', required: ['name', 'location', 'ownerKind'], additionalProperties: false, properties: { ...cameraProperties, ownerKind: { type: 'string', enum: [...VIDEO_OWNER_KINDS] } } } },
    },
    async (req, reply) => reply.status(201).send(await video.create({ ...req.body, consent: parseConsent(req.body.consent) }, actorOf(req))),
  );
  app.patch<{ Params: { id: string }; Body: PatchWire }>(
    '/api/v1/video-cameras/:id',
    {
      config: { access: 'video:write' },
      schema: {
        tags: ['video'],
        summary: 'Change a camera (null clears heading, fieldOfView, stream or notes; active: true puts it back on the map)',
        body: {
          type: 'object',
          additionalProperties: false,
          minProperties: 1,
          properties: { ...cameraProperties, heading: nullable(cameraProperties.heading), fieldOfView: nullable(cameraProperties.fieldOfView), stream: nullable(stream), notes: nullable(cameraProperties.notes), active: { type: 'boolean' } },
        },
      },
    },
    async (req) => {
      const { consent, ...rest } = req.body;
      const patch: VideoCameraPatch = consent === undefined ? rest : { ...rest, consent: parseConsent(consent) };
      return video.update(req.params.id, patch, actorOf(req));
    },
  );
  app.post<{ Params: { id: string } }>(
    '/api/v1/video-cameras/:id/deactivate',
    { config: { access: 'video:write' }, schema: { tags: ['video'], summary: 'Take a camera off the map (it stays in the registry with its consent record)' } },
    async (req) => video.deactivate(req.params.id, actorOf(req)),
  );
  app.get<{ Params: { id: string; file: string }; Querystring: { access_token?: string } }>(
    '/api/v1/video-cameras/:id/live/:file',
    {
      config: { access: 'video:read', queryCredential: 'access_token' },
      schema: {
        tags: ['video'],
        summary: 'The stream gateway: the camera’s HLS playlist, its segments, or its still image, fetched by the server',
        description: 'Play `stream.path` of a camera. `file` is one path segment: a file in a sub-folder of the stream is `720p%2Fseg1.ts`. Playlists come back with relative URIs (carrying `access_token` when it was given in the query). 503 `unavailable` when the camera does not answer.',
        querystring: { type: 'object', properties: { access_token: { type: 'string' } } },
      },
    },
    async (req, reply) => sendLive(req, reply, await video.liveStream(req.params.id)),
  );
}

async function sendLive(req: FastifyRequest<{ Params: { id: string; file: string }; Querystring: { access_token?: string } }>, reply: FastifyReply, s: VideoStream): Promise<FastifyReply> {
  const out = await fetchFromCamera(s, req.params.file, req.query.access_token);
  reply
    .header('content-type', out.contentType)
    .header('cache-control', 'no-store')
    .header('x-content-type-options', 'nosniff')
    .header('content-security-policy', "default-src 'none'; sandbox");
  if (out.contentLength !== undefined) reply.header('content-length', out.contentLength);
  return reply.send(out.body);
}
