import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ConfigError, loadConfig } from '../../config/config.ts';
import { frigateClientId, frigateTopics } from './frigate.mqtt.ts';

test('Frigate settings: off by default, prefix frigate', () => {
  const c = loadConfig({});
  assert.equal(c.mqttUrl, undefined);
  assert.equal(c.frigateTopicPrefix, 'frigate');
  assert.deepEqual(frigateTopics(c.frigateTopicPrefix), ['frigate/events', 'frigate/tracked_object_update']);
  assert.equal(frigateClientId('frigate'), 'openrtcc-frigate-frigate');
});

test('Frigate settings: a broker URL and a prefix are taken, bad ones refused with a reason', () => {
  const c = loadConfig({ RTCC_MQTT_URL: 'mqtt://user:pw@broker.local:1883', RTCC_FRIGATE_TOPIC_PREFIX: 'site2/frigate' });
  assert.equal(c.mqttUrl, 'mqtt://user:pw@broker.local:1883');
  assert.equal(c.frigateTopicPrefix, 'site2/frigate');
  assert.throws(() => loadConfig({ RTCC_MQTT_URL: 'http://broker.local' }), (e: unknown) => e instanceof ConfigError && /RTCC_MQTT_URL must be/.test(e.message));
  assert.throws(() => loadConfig({ RTCC_FRIGATE_TOPIC_PREFIX: 'frigate/#' }), (e: unknown) => e instanceof ConfigError && /RTCC_FRIGATE_TOPIC_PREFIX/.test(e.message));
});
