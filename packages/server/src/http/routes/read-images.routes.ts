/**
 * The images of a read (plate crop, vehicle, overview) as the console shows them beside a hit:
 * bytes from the image store, private to the signed-in person, audited like the read itself.
 */
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../context.ts';
import { READ_IMAGE_KINDS } from '../../images/read-image.service.ts';

export function readImageRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.get<{ Params: { id: string; kind: string } }>(
    '/api/v1/reads/:id/images/:kind',
    {
      // reads:read or hits:read (verifying a hit needs the crop): the service checks which
      config: { access: 'authenticated' },
      schema: {
        tags: ['reads'],
        summary: 'A stored image of a read (needs reads:read or hits:read; audited)',
        description:
          '`kind`: plate (the plate crop), vehicle or overview. Answers the bytes as `image/jpeg` or `image/png`, `Cache-Control: private`, with a strong `ETag` (`If-None-Match` gives 304). 404 when the source sent no such image, sent only a URL (see the read\'s `images`), or retention deleted it.',
        params: {
          type: 'object',
          required: ['id', 'kind'],
          // `kind` is checked by the service, after the access check: a refused caller learns nothing
          properties: { id: { type: 'string', maxLength: 40 }, kind: { type: 'string', maxLength: 40, description: READ_IMAGE_KINDS.join(', ') } },
        },
      },
    },
    async (req, reply) => {
      const { image, etag } = await ctx.readImages.fetch(req.params.id, req.params.kind, { principal: req.principal!, from: req.ip });
      reply.header('cache-control', 'private, max-age=3600').header('etag', etag).header('x-content-type-options', 'nosniff');
      if (req.headers['if-none-match'] === etag) return reply.status(304).send();
      return reply.type(image.contentType).send(image.bytes);
    },
  );
}
