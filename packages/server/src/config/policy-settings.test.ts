// Loading the justification policy and transparency settings: files read and checked at boot.
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { ConfigError, loadConfig } from './config.ts';

const dir = mkdtempSync(join(tmpdir(), 'rtcc-policy-'));
const file = (name: string, text: string) => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
};
const problems = (env: NodeJS.ProcessEnv): string => {
  try {
    loadConfig(env);
  } catch (e) {
    assert.ok(e instanceof ConfigError);
    return e.problems.join('\n');
  }
  assert.fail('expected a ConfigError');
};

describe('justification settings', () => {
  it('uses the built-in list and all built-in purposes by default', () => {
    const c = loadConfig({});
    assert.ok(c.justification.offenseTypes.some((o) => o.code === 'other_felony'));
    assert.equal(c.justification.prohibitedPurposes.length, 3);
    assert.deepEqual(c.transparency, { cameraMap: 'off', policyFile: undefined });
  });

  it('reads the agency offense list from CSV or JSON and the purposes it keeps', () => {
    const csv = file('offenses.csv', 'code,label,category\ncatalytic_theft,Catalytic converter theft,Property crime\n');
    const c = loadConfig({ RTCC_OFFENSE_TYPES_FILE: csv, RTCC_PROHIBITED_PURPOSES: 'reproductive_health_care' });
    assert.deepEqual(c.justification.offenseTypes, [{ code: 'catalytic_theft', label: 'Catalytic converter theft', category: 'Property crime' }]);
    assert.deepEqual(c.justification.prohibitedPurposes.map((p) => p.code), ['reproductive_health_care']);
    const json = file('offenses.json', JSON.stringify([{ code: 'robbery', label: 'Robbery', category: 'Violent crime' }]));
    assert.equal(loadConfig({ RTCC_OFFENSE_TYPES_FILE: json, RTCC_PROHIBITED_PURPOSES: 'none' }).justification.prohibitedPurposes.length, 0);
    const own = file('purposes.json', JSON.stringify([{ code: 'gun_show', label: 'Gun show', phrases: ['gun show'] }]));
    assert.deepEqual(loadConfig({ RTCC_PROHIBITED_PURPOSES_FILE: own }).justification.prohibitedPurposes.map((p) => p.code).at(-1), 'gun_show');
  });

  it('refuses to start on a bad or contradictory policy, saying what to fix', () => {
    assert.match(problems({ RTCC_OFFENSE_TYPES_FILE: join(dir, 'missing.csv') }), /RTCC_OFFENSE_TYPES_FILE=.*no such file/);
    assert.match(problems({ RTCC_OFFENSE_TYPES_FILE: file('o.txt', 'x') }), /must be a \.json or \.csv file/);
    assert.match(problems({ RTCC_OFFENSE_TYPES_FILE: file('bad.csv', 'code,label,category\nX,,\n') }), /line 2: code "X"|line 2: label/);
    assert.match(problems({ RTCC_OFFENSE_TYPES_FILE: file('imm.csv', 'code,label,category\nimmigration_check,Immigration check,Civil\n') }), /offense immigration_check .* reveals the prohibited purpose immigration_enforcement/);
    assert.match(problems({ RTCC_PROHIBITED_PURPOSES: 'abortion' }), /RTCC_PROHIBITED_PURPOSES: "abortion" is not a built-in purpose/);
    assert.match(problems({ RTCC_TRANSPARENCY_CAMERA_MAP: 'street' }), /must be off, approximate or exact/);
    assert.match(problems({ RTCC_TRANSPARENCY_POLICY_FILE: join(dir, 'nope.md') }), /RTCC_TRANSPARENCY_POLICY_FILE=.*no such file/);
  });
});
