import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { ConfigError, loadConfig } from './config.ts';
import { CONFIG_DOC, renderConfigDoc } from './config-docs.ts';

test('with no RTCC_* variables the embedded defaults apply', () => {
  const c = loadConfig({});
  assert.equal(c.port, 8080);
  assert.equal(c.databaseUrl, undefined);
  assert.match(c.dataDir, /\/data$/);
  assert.equal(c.sqliteSync, 'full');
  assert.equal(c.matchOneEdit, false);
});

test('every bad setting is reported at once, each with its own message', () => {
  const env = {
    RTCC_PORT: '80a',
    RTCC_ADMIN_TOKEN: 'short',
    RTCC_DATABASE_URL: 'mysql://x',
    RTCC_MATCH_ONE_EDIT: 'maybe',
    RTCC_PROT: '1',
  };
  assert.throws(
    () => loadConfig(env),
    (e: unknown) => {
      assert.ok(e instanceof ConfigError);
      assert.equal(e.problems.length, 5);
      assert.match(e.message, /RTCC_PORT="80a" must be a whole number/);
      assert.match(e.message, /RTCC_ADMIN_TOKEN must be at least 24 characters/);
      assert.match(e.message, /RTCC_DATABASE_URL must be a postgres/);
      assert.match(e.message, /RTCC_MATCH_ONE_EDIT="maybe" must be true or false/);
      assert.match(e.message, /RTCC_PROT is not a setting/);
      return true;
    },
  );
});

test('valid values are taken', () => {
  const c = loadConfig({ RTCC_PORT: '9000', RTCC_DATABASE_URL: 'postgres://u@h:5432/d', RTCC_ADMIN_TOKEN: 'x'.repeat(24), RTCC_MATCH_ONE_EDIT: 'on' });
  assert.equal(c.port, 9000);
  assert.equal(c.databaseUrl, 'postgres://u@h:5432/d');
  assert.equal(c.matchOneEdit, true);
});

test('RTCC_MODULES: lpr and hotlists by default; a chosen set in catalogue order', () => {
  assert.deepEqual(loadConfig({}).modules, ['lpr', 'hotlists']);
  assert.deepEqual(loadConfig({ RTCC_MODULES: '' }).modules, ['lpr', 'hotlists']);
  assert.deepEqual(loadConfig({ RTCC_MODULES: 'lpr' }).modules, ['lpr']);
  assert.deepEqual(loadConfig({ RTCC_MODULES: ' Hotlists , lpr,' }).modules, ['lpr', 'hotlists']);
});

test('RTCC_MODULES: an unknown and an incomplete choice each get their own message', () => {
  const problems = (raw: string): string[] => {
    try {
      loadConfig({ RTCC_MODULES: raw });
    } catch (e) {
      assert.ok(e instanceof ConfigError);
      return e.problems;
    }
    assert.fail(`RTCC_MODULES=${raw} was accepted`);
  };
  const [unknown] = problems('lpr,hotlist');
  assert.match(unknown, /"hotlist" is not a module of OpenRTCC; known modules: lpr, hotlists, cad, avl, video, sharing/);
  const [alone] = problems('hotlists');
  assert.match(alone, /hotlists needs lpr/);
  assert.equal(problems('hotlists,video,radar').length, 2, 'video is available (off by default): only hotlists and radar are problems');
});

test('docs/configuration.md lists every setting as config.ts defines it (npm run docs:config)', () => {
  const doc = readFileSync(CONFIG_DOC, 'utf8');
  assert.equal(renderConfigDoc(doc), doc, 'docs/configuration.md is out of date: run npm run docs:config');
});
