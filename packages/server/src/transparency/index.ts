/**
 * The public transparency page: its own service and response types, built from aggregates
 * (DESIGN.md: the public routes never see an internal record).
 */
export { TransparencyService, CACHE_MS, PERIOD_DAYS } from './transparency.service.ts';
export { renderTransparencyHtml } from './transparency.html.ts';
export { transparencyReportSchema } from './transparency.schema.ts';
export type { TransparencyReport, TransparencySources, RetentionView, SharingView, DailyRoot } from './transparency.types.ts';
