/**
 * `npm run scenario`: plays a training scenario against a running training server and shows the
 * trainee's score as it changes.
 *
 *   npm run scenario -- --list
 *   npm run scenario -- --check                       (validate every scenario file; no server needed)
 *   npm run scenario -- verify-hit-reject-misread --trainee "Analyst J. Rivera"
 *   npm run scenario -- partial-plate-time-window --url http://127.0.0.1:8080 --token <admin token> --speed 10
 *
 * The server is one started by `npm run demo` (its admin token is read from
 * ./data-training/demo-admin-token when --token is not given) or any server with RTCC_TRAINING=true.
 * Options may also come from SIM_URL, SIM_TOKEN, SIM_TRAINEE and SIM_SPEED.
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { ApiClient } from './api-client.ts';
import { ScenarioError, listScenarios, loadScenario } from './scenario.ts';
import { runScenario, scoreLines, watchScore } from './scenario-runner.ts';

const USAGE = 'usage: npm run scenario -- <scenario id or file.json> [--trainee NAME] [--url URL] [--token TOKEN] [--speed N] [--no-wait] | --list | --check [ids…]';

function tokenOf(given: string | undefined): string {
  if (given) return given;
  const file = resolve('./data-training/demo-admin-token');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  throw new Error('give the training server\'s admin token with --token (or SIM_TOKEN); npm run demo keeps it in ./data-training/demo-admin-token');
}

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    options: {
      list: { type: 'boolean' },
      check: { type: 'boolean' },
      url: { type: 'string' },
      token: { type: 'string' },
      trainee: { type: 'string' },
      speed: { type: 'string' },
      'no-wait': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
    allowPositionals: true,
  });
  const env = process.env;
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  if (values.list) {
    for (const s of listScenarios()) console.log(`${s.id.padEnd(32)} ${s.title}`);
    return 0;
  }
  if (values.check) {
    const ids = positionals.length > 0 ? positionals : listScenarios().map((s) => s.id);
    let bad = 0;
    for (const id of ids) {
      try {
        const { scenario } = loadScenario(id);
        console.log(`ok    ${scenario.id}: ${scenario.events.length} reads, ${scenario.dispatch?.length ?? 0} incidents and alerts, ${scenario.expected.length} expected outcomes`);
      } catch (e) {
        bad++;
        console.error(`error ${e instanceof Error ? e.message : String(e)}`);
      }
    }
    return bad === 0 ? 0 : 1;
  }
  if (positionals.length !== 1) {
    console.error(USAGE);
    return 2;
  }
  const loaded = loadScenario(positionals[0]);
  const baseUrl = values.url ?? env.SIM_URL ?? `http://127.0.0.1:${env.RTCC_PORT ?? 8080}`;
  const token = tokenOf(values.token ?? env.SIM_TOKEN);
  const speedRaw = values.speed ?? env.SIM_SPEED;
  const speed = speedRaw === undefined ? 1 : Number(speedRaw);
  if (!(speed > 0 && speed <= 1000)) throw new Error(`speed=${JSON.stringify(speedRaw)} must be a number above 0 and at most 1000`);
  const trainee = values.trainee ?? env.SIM_TRAINEE;

  const stop = new AbortController();
  process.once('SIGINT', () => stop.abort());
  process.once('SIGTERM', () => stop.abort());
  const runUrl = (id: string) => `${baseUrl.replace(/\/+$/, '')}/api/v1/training/runs/${id}`;

  console.log('TRAINING - SIMULATED DATA');
  console.log(`Scenario: ${loaded.scenario.title} (${loaded.scenario.id}), against ${baseUrl}${trainee ? `, trainee ${trainee}` : ''}`);
  const run = await runScenario(loaded, {
    baseUrl,
    token,
    trainee,
    speed,
    signal: stop.signal,
    onLine: (l) => console.log(`  ${l}`),
    onStarted: (r) => {
      console.log(`Run ${r.runId} started.`);
      console.log('');
      console.log('BRIEFING');
      for (const line of r.briefing.split('\n')) console.log(`  ${line}`);
      console.log('');
    },
  });
  console.log('');
  console.log(stop.signal.aborted ? 'Stopped before every read was sent.' : 'Every read has been sent. Work the scenario through the API (T: the admin token):');
  console.log(`  score:  curl -s -H "authorization: Bearer $T" ${runUrl(run.runId)}`);
  console.log(`  finish: curl -s -X POST -H "authorization: Bearer $T" ${runUrl(run.runId)}/finish`);
  if (values['no-wait'] || stop.signal.aborted) return 0;
  console.log('Waiting for the run to be finished; the score shows here when it changes (Ctrl-C leaves the run open).');
  const last = await watchScore(new ApiClient(baseUrl, token), run.runId, {
    signal: stop.signal,
    onScore: (v) => {
      for (const line of scoreLines(v)) console.log(line);
    },
  });
  if (last.status !== 'finished') console.log(`The run stays open: ${runUrl(run.runId)}`);
  return 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (e) => {
    console.error(`scenario: ${e instanceof Error ? e.message : String(e)}`);
    if (!(e instanceof ScenarioError) && e instanceof Error && e.cause instanceof Error && !e.message.includes(e.cause.message)) console.error(`  cause: ${e.cause.message}`);
    process.exitCode = 1;
  },
);
