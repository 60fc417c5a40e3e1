// RTCC_MAP_TILES and RTCC_MAP_STREETS: what the console's map is drawn from.
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { ConfigError, loadConfig } from './config.ts';

const problems = (env: Record<string, string>): string[] => {
  try {
    loadConfig(env);
    return [];
  } catch (e) {
    return (e as ConfigError).problems;
  }
};

test('RTCC_MAP_TILES takes a local PMTiles file, a PMTiles URL, a raster tile URL or a style URL', () => {
  const dir = mkdtempSync(join(tmpdir(), 'rtcc-tiles-'));
  const file = join(dir, 'county.pmtiles');
  writeFileSync(file, 'PMTiles');
  assert.deepEqual(loadConfig({ RTCC_MAP_TILES: file }).mapTiles, { kind: 'pmtiles-file', path: file });
  assert.deepEqual(loadConfig({ RTCC_MAP_TILES: 'https://maps.agency.local/county.pmtiles' }).mapTiles, { kind: 'pmtiles', url: 'https://maps.agency.local/county.pmtiles' });
  assert.deepEqual(loadConfig({ RTCC_MAP_TILES: 'pmtiles://https://maps.agency.local/c.pmtiles' }).mapTiles, { kind: 'pmtiles', url: 'https://maps.agency.local/c.pmtiles' });
  assert.deepEqual(loadConfig({ RTCC_MAP_TILES: 'https://tiles.agency.local/{z}/{x}/{y}.png' }).mapTiles, { kind: 'raster', url: 'https://tiles.agency.local/{z}/{x}/{y}.png' });
  assert.deepEqual(loadConfig({ RTCC_MAP_TILES: 'https://maps.agency.local/style.json' }).mapTiles, { kind: 'style', url: 'https://maps.agency.local/style.json' });
  assert.equal(loadConfig({}).mapTiles, undefined);
});

test('a tile source or streets file that cannot work is refused at start, saying why', () => {
  assert.match(problems({ RTCC_MAP_TILES: '/nowhere/county.pmtiles' }).join(), /does not exist/);
  assert.match(problems({ RTCC_MAP_TILES: 'county.mbtiles' }).join(), /must be a \.pmtiles file/);
  assert.match(problems({ RTCC_MAP_TILES: 'https://tiles.agency.local/tiles' }).join(), /\{z\}, \{x\} and \{y\}/);
  assert.match(problems({ RTCC_MAP_STREETS: '/nowhere/streets.geojson' }).join(), /RTCC_MAP_STREETS.*no such file/);
});
