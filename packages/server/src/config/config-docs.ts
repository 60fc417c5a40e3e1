/**
 * The settings table of docs/configuration.md, generated from `SETTINGS` so the docs cannot
 * drift from the loader: `npm run docs:config` rewrites it, and config.test.ts fails when the
 * file is out of date.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { SETTINGS } from './config.ts';

export const CONFIG_DOC = fileURLToPath(new URL('../../../../docs/configuration.md', import.meta.url));
const BEGIN = '<!-- settings:begin (generated from packages/server/src/config/config.ts; npm run docs:config) -->';
const END = '<!-- settings:end -->';

export function settingsTable(): string {
  const esc = (s: string) => s.replace(/\|/g, '\\|');
  const rows = SETTINGS.map((s) => `| \`${s.env}\` | ${esc(s.default)} | ${esc(s.description)} |`);
  return [BEGIN, '| variable | default | meaning |', '| --- | --- | --- |', ...rows, END].join('\n');
}

/** The doc with its settings table replaced by the current one. */
export function renderConfigDoc(current: string): string {
  const start = current.indexOf(BEGIN);
  const end = current.indexOf(END);
  if (start < 0 || end < start) throw new Error(`${CONFIG_DOC} has lost its settings markers`);
  return current.slice(0, start) + settingsTable() + current.slice(end + END.length);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  writeFileSync(CONFIG_DOC, renderConfigDoc(readFileSync(CONFIG_DOC, 'utf8')));
  console.log(`wrote ${CONFIG_DOC}`);
}
