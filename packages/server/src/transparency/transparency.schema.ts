/**
 * The OpenAPI schema of `GET /api/v1/public/transparency`. Fastify serializes the response with
 * it, which drops any property not named here: a second guard, after the report's own types,
 * against an internal field reaching the public.
 */
const str = { type: 'string' } as const;
const int = { type: 'integer' } as const;
const obj = (properties: Record<string, unknown>, required = Object.keys(properties)) => ({ type: 'object', additionalProperties: false, required, properties });
const arr = (items: unknown) => ({ type: 'array', items });
const countBy = obj({ key: str, label: str, count: int });

/** A section that may be unavailable: `{ available: false, reason }` or the section's fields. */
const section = (properties: Record<string, unknown>) => ({
  type: 'object',
  required: ['available'],
  properties: { available: { type: 'boolean' }, reason: { ...str, description: 'Why the section is not available (only when available is false).' }, ...properties },
});

export const transparencyReportSchema = obj({
  generatedAt: { ...str, format: 'date-time' },
  mode: { type: 'string', enum: ['live', 'training'] },
  agency: { type: ['string', 'null'] },
  periodDays: int,
  periodStart: { ...str, format: 'date-time' },
  collected: arr(obj({ module: str, what: str })),
  notCollected: arr(str),
  cameras: obj({
    total: int,
    fixed: int,
    mobile: int,
    map: {
      type: 'object',
      required: ['precision'],
      properties: { precision: { type: 'string', enum: ['off', 'approximate', 'exact'] }, points: arr(obj({ lon: { type: 'number' }, lat: { type: 'number' }, cameras: int })) },
    },
  }),
  justificationPolicy: obj({ offenseCategories: arr(str), prohibitedPurposes: arr(obj({ code: str, label: str })) }),
  searches: section({
    total: int,
    justified: int,
    refused: int,
    byCategory: arr(countBy),
    refusedByReason: arr(countBy),
    truncated: { type: 'boolean' },
    partnerQueries: { type: ['object', 'null'], properties: { total: int, answered: int, refused: int } },
  }),
  hits: section({ total: int, pending: int, verified: int, byDisposition: arr(countBy), misreadRate: { type: ['number', 'null'] }, truncated: { type: 'boolean' } }),
  retention: section({ items: arr(obj({ dataType: str, label: str, days: { type: ['integer', 'null'] } })) }),
  deletions: section({ items: arr(obj({ dataType: str, label: str, deleted: int })) }),
  sharing: section({ items: arr(obj({ agency: str, scope: arr(str), expiresAt: { type: ['string', 'null'] } })) }),
  auditRoots: section({ items: arr(obj({ day: str, records: int, firstSeq: int, lastSeq: int, root: str, publishedAt: { type: ['string', 'null'] } })) }),
  policy: section({ text: str }),
});
