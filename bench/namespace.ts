/**
 * `npm run bench` (namespace part): the inputs real users bring. A generated namespace of 200
 * InferenceServices (a third each: external with a same-named HPA, external with a distinct-named
 * HPA, class hpa without one), as one `kubectl get isvc,hpa -o yaml` List:
 * - parse, then 1,000 events over five releases through runScenario: pod churn and HPA scaling
 *   aimed at single models with a namespace-wide resync every 100 events (what a day looks
 *   like), and separately 200 events with a resync every fifth (each resync reconciles all 200);
 * - `hpa-lab check` over the same models as a folder of 200 manifest files, every release from
 *   v0.13.0-rc1, with and without the search for safe changes;
 * - the namespace doubled (400 models) under the same 1,000 targeted events, time per event side by side;
 * - `hpa-lab redact --rename` of the dump.
 * Prints a table and writes bench/results/namespace.json. Not a test.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { main } from '../engine/cli/main.ts';
import { redactSources } from '../engine/redact.ts';
import { runScenario } from '../engine/run.ts';
import { parseScenario } from '../engine/scenario/parse.ts';
import { formatInputError } from '../engine/scenario/source.ts';
import { modelObjects } from '../test/support/generated-namespace.ts';

const MODELS = 200;
const EVENTS = 1000;
const VERSIONS = ['v0.12.0', 'v0.14.1', 'v0.15.0', 'v0.15.2', 'v0.16.0'];

const model = modelObjects;

function time<T>(fn: () => T): { ms: number; value: T } {
  const start = performance.now();
  const value = fn();
  return { ms: performance.now() - start, value };
}

async function timeAsync<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const start = performance.now();
  const value = await fn();
  return { ms: performance.now() - start, value };
}

const models = Array.from({ length: MODELS }, (_, i) => model(i));
const list = JSON.stringify({ apiVersion: 'v1', kind: 'List', items: models.flatMap((m) => (m.hpa ? [m.isvc, m.hpa] : [m.isvc])) });
const listText = () => list;
const cycle = ['pod-created', 'pod-deleted', 'hpa-scaled:3', 'pod-created'];
const events = (count: number, resyncEvery: number) => Array.from({ length: count }, (_, i) => {
  if ((i + 1) % resyncEvery === 0) return 'resync';
  return `${cycle[i % cycle.length]!}@ml/model-${(i * 7) % MODELS}`;
});
const scenarioDoc = (list: string[]) => `apiVersion: hpa-lab/v1\nkind: Scenario\nversions: [${VERSIONS.join(', ')}]\nevents:\n${list.map((e) => `  - "${e}"`).join('\n')}\n`;

const results: Record<string, number | string> = {};
for (const [label, list] of [['1,000 events, a resync every 100', events(EVENTS, 100)], ['200 events, a resync every 5', events(200, 5)]] as const) {
  const parsed = time(() => parseScenario([{ name: 'dump.json', text: list.length > 0 ? listText() : '' }, { name: 'scenario.yaml', text: scenarioDoc(list) }]));
  if (!parsed.value.ok) throw new Error(parsed.value.errors.slice(0, 3).map((e) => formatInputError(e)).join('; '));
  results[`parse: 200-model List + ${label} (ms)`] = Number(parsed.ms.toFixed(1));
  const scenario = parsed.value.scenario;
  const run = time(() => runScenario(scenario));
  results[`run: ${label} × 5 releases (ms)`] = Number(run.ms.toFixed(0));
  const reconciles = run.value.versions.reduce((sum, v) => sum + v.steps.reduce((n, s) => n + s.decisions.length, 0), 0);
  results[`run: ${label}: decisions per second`] = Math.round(reconciles / (run.ms / 1000));
}

// The namespace doubled under the same 1,000 events aimed at single models (no resync, so the work
// stays the same): what the events cost is the run minus a run of the objects alone, per event.
const targeted = Array.from({ length: EVENTS }, (_, i) => `${cycle[i % cycle.length]!}@ml/model-${(i * 7) % MODELS}`);
const perEvent: number[] = [];
for (const size of [MODELS, 2 * MODELS]) {
  const dump = JSON.stringify({ apiVersion: 'v1', kind: 'List', items: Array.from({ length: size }, (_, i) => model(i)).flatMap((m) => (m.hpa ? [m.isvc, m.hpa] : [m.isvc])) });
  const timedRun = (events: string[]) => {
    const parsed = parseScenario([{ name: 'dump.json', text: dump }, { name: 'scenario.yaml', text: scenarioDoc(events) }]);
    if (!parsed.ok) throw new Error(parsed.errors.slice(0, 3).map((e) => formatInputError(e)).join('; '));
    return Math.min(...[0, 1].map(() => time(() => runScenario(parsed.scenario)).ms));
  };
  if (size === MODELS) timedRun(targeted); // warm-up: the first size must not pay for the compiler
  const objectsOnly = timedRun([]);
  const withEvents = timedRun(targeted);
  const us = ((withEvents - objectsOnly) * 1000) / (EVENTS * VERSIONS.length);
  perEvent.push(us);
  results[`doubled: ${size} models, 1,000 targeted events × 5 releases (ms, objects alone ${objectsOnly.toFixed(0)})`] = Number(withEvents.toFixed(0));
  results[`doubled: ${size} models: µs per event and release`] = Number(us.toFixed(1));
}
results['doubled: 400 ÷ 200 models, time per event (flat is 1.0)'] = Number((perEvent[1]! / perEvent[0]!).toFixed(2));

const folder: Record<string, string> = Object.fromEntries(models.map((m, i) => [`deploy/model-${i}.yaml`, [m.isvc, m.hpa].filter(Boolean).map((o) => JSON.stringify(o)).join('\n---\n')]));
const io = (out: string[]) => ({
  readFile: (path: string) => folder[path] ?? (() => { throw Object.assign(new Error('ENOENT'), { code: 'ENOENT' }); })(),
  listDirectory: (path: string) => (path === 'deploy' ? Object.keys(folder).map((f) => ({ name: f.slice('deploy/'.length), directory: false })) : null),
  stdout: (text: string) => out.push(text),
  stderr: () => undefined,
});
for (const [label, extra] of [['check: 200 manifests, v0.13.0-rc1 … newest, no fixes (ms)', ['--no-fixes']], ['check: 200 manifests, v0.13.0-rc1 … newest, with fixes (ms)', []]] as const) {
  const out: string[] = [];
  const checked = await timeAsync(() => main(['check', 'deploy', ...extra], io(out)));
  results[label] = Number(checked.ms.toFixed(0));
  results[`${label.split(',')[0]} exit code`] = checked.value;
}
const redacted = time(() => redactSources([{ name: 'dump.json', text: list }], { rename: true }));
results['redact --rename: 200-model List, verified (ms)'] = Number(redacted.ms.toFixed(0));
results['redact: verified'] = redacted.value.ok ? 'yes' : JSON.stringify(redacted.value).slice(0, 120);
if (redacted.value.ok) results['redact: bytes in → out'] = `${list.length} → ${redacted.value.text.length}`;

const width = Math.max(...Object.keys(results).map((k) => k.length));
for (const [key, value] of Object.entries(results)) console.log(`${key.padEnd(width)}  ${value}`);
mkdirSync(new URL('./results/', import.meta.url), { recursive: true });
writeFileSync(new URL('./results/namespace.json', import.meta.url), `${JSON.stringify(results, null, 2)}\n`);
