import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../context.ts';
import { AppError } from '../../errors.ts';
import { cameraView, type CameraInput } from '../../cameras/camera.service.ts';

const cameraBody = {
  type: 'object',
  additionalProperties: false,
  properties: {
    name: { type: 'string', minLength: 1, maxLength: 200 },
    location: { type: 'array', items: { type: 'number' }, minItems: 2, maxItems: 2, description: '[lon, lat] WGS84' },
    heading: { type: 'number', description: 'degrees clockwise from north the camera faces' },
    timeZone: { type: 'string', description: 'IANA zone for sources that send local time' },
    sourceKeys: { type: 'array', items: { type: 'string' }, description: 'how sources name this camera: `<sourceSystem>:<their camera key>`' },
  },
};

export function cameraRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.post<{ Body: CameraInput }>(
    '/api/v1/cameras',
    { config: { access: 'cameras:write' }, schema: { tags: ['cameras'], summary: 'Register a camera', body: { ...cameraBody, required: ['name'] } } },
    async (req, reply) => reply.status(201).send(cameraView(await ctx.cameras.create(req.body))),
  );
  app.get('/api/v1/cameras', { config: { access: 'cameras:read' }, schema: { tags: ['cameras'], summary: 'The camera registry' } }, async () => ({
    items: ctx.cameras.list().map(cameraView),
  }));
  app.get<{ Params: { id: string } }>('/api/v1/cameras/:id', { config: { access: 'cameras:read' }, schema: { tags: ['cameras'] } }, async (req) => {
    const c = ctx.cameras.get(req.params.id);
    if (!c) throw new AppError('not_found_or_forbidden', `camera ${req.params.id} not found`);
    return cameraView(c);
  });
  app.patch<{ Params: { id: string }; Body: Partial<CameraInput> }>(
    '/api/v1/cameras/:id',
    { config: { access: 'cameras:write' }, schema: { tags: ['cameras'], summary: 'Move, rename or remap a camera', body: cameraBody } },
    async (req) => cameraView(await ctx.cameras.update(req.params.id, req.body)),
  );
}
