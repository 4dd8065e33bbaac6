/**
 * `npm run bench`: speed numbers for the engine (not a test; nothing here can fail the build).
 * Prints a table and writes bench/results/engine.json.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createActor } from 'xstate';
import { decide } from '../engine/kserve/decision.ts';
import { getRelease } from '../engine/kserve/releases.ts';
import { buildDesiredHpa, withControllerReference } from '../engine/kserve/desired-hpa.ts';
import { runnerFallback, sendEvent, startRun } from '../engine/machine-runner.ts';
import { controllerMachine } from '../engine/machine/controller.ts';
import type { ControllerEvent } from '../engine/machine/events.ts';
import { runScenario } from '../engine/run.ts';
import { parseScenario } from '../engine/scenario/parse.ts';
import type { DecisionInput } from '../engine/kserve/checks.ts';

function time<T>(fn: () => T): { ms: number; value: T } {
  const start = performance.now();
  const value = fn();
  return { ms: performance.now() - start, value };
}

function best(runs: number, fn: () => void): number {
  let min = Number.POSITIVE_INFINITY;
  for (let i = 0; i < runs; i += 1) min = Math.min(min, time(fn).ms);
  return min;
}

const results: Record<string, number | string> = {};
const preset = readFileSync(new URL('../content/scenarios/kserve-4312.yaml', import.meta.url), 'utf8');
const parsed = parseScenario([{ name: 'kserve-4312.yaml', text: preset }]);
if (!parsed.ok) throw new Error('preset does not parse');
const scenario = parsed.scenario;

// 1. Pure decisions: the decision graph on prepared inputs.
const isvc = scenario.objects[0]!.object;
if (isvc.kind !== 'InferenceService') throw new Error('expected the ISVC first');
const userHpa = scenario.objects[1]!.object;
const inputs: DecisionInput[] = ['v0.12.0', 'v0.14.1', 'v0.15.2', 'v0.16.0', 'v0.20.0'].flatMap((tag) => {
  const behaviour = getRelease(tag).behaviour;
  const desired = withControllerReference(buildDesiredHpa(behaviour, { name: 'my-isvc-predictor', namespace: 'default', annotations: isvc.metadata.annotations ?? {} }, isvc.spec.predictor ?? {}), isvc);
  return [null, userHpa, desired].map((existing) => ({
    behaviour, mode: { mode: 'RawDeployment' as const, from: 'annotation' as const, value: behaviour.modeSpelling.RawDeployment },
    deploymentMode: 'RawDeployment' as const, deploymentModeFrom: 'annotation' as const,
    annotations: isvc.metadata.annotations ?? {}, desired, existing: existing as DecisionInput['existing'],
  }));
});
const pureCount = 200_000;
const pureMs = best(3, () => {
  for (let i = 0; i < pureCount; i += 1) decide(inputs[i % inputs.length]!);
});
results['pure decisions per second'] = Math.round(pureCount / (pureMs / 1000));

// 2. Through the actor: events per second with one reconcile (one decision) each.
const actorEvents = 20_000;
const actorMs = best(3, () => {
  const actor = createActor(controllerMachine, { input: { tag: 'v0.14.1', options: { apiServerDefaulting: true, defaultDeploymentMode: 'Serverless' } } });
  actor.start();
  for (const { object } of scenario.objects) actor.send({ type: 'object.apply', object });
  const churn: ControllerEvent[] = [{ type: 'pod.created', isvc: null }, { type: 'pod.deleted', isvc: null }];
  for (let i = 0; i < actorEvents; i += 1) actor.send(churn[i % 2]!);
  actor.stop();
});
results['actor decisions per second'] = Math.round(actorEvents / (actorMs / 1000));

// 2b. The same through the machine runner (what runRelease and the explorer step), and the ratio to pure decisions.
const runnerMs = best(3, () => {
  let state = startRun({ tag: 'v0.14.1', options: { apiServerDefaulting: true, defaultDeploymentMode: 'Serverless' } });
  for (const { object } of scenario.objects) state = sendEvent(state, { type: 'object.apply', object });
  const churn: ControllerEvent[] = [{ type: 'pod.created', isvc: null }, { type: 'pod.deleted', isvc: null }];
  for (let i = 0; i < actorEvents; i += 1) state = sendEvent(state, churn[i % 2]!);
});
results['machine runner decisions per second'] = Math.round(actorEvents / (runnerMs / 1000));
results['pure ÷ machine runner (target within 5×)'] = Number(((actorEvents / runnerMs) > 0 ? (pureCount / pureMs) / (actorEvents / runnerMs) : 0).toFixed(1));
const fallback = runnerFallback();
results['machine runner fallbacks to xstate'] = fallback.runs === 0 ? 'none' : `${fallback.runs} (${fallback.reason})`;

// 3. A 1,000-event scenario over five releases, end to end through runScenario.
const events: ControllerEvent[] = Array.from({ length: 1000 }, (_, i): ControllerEvent => {
  const cycle: ControllerEvent[] = [
    { type: 'pod.created', isvc: null }, { type: 'pod.deleted', isvc: null }, { type: 'hpa.scaled', replicas: (i % 4) + 1, isvc: null }, { type: 'resync' },
    { type: 'object.apply', object: userHpa },
  ];
  return cycle[i % cycle.length]!;
});
const long = { ...scenario, events: events.map((event) => ({ event, position: null })) };
const versions = ['v0.12.0', 'v0.14.1', 'v0.15.0', 'v0.15.2', 'v0.16.0'];
runScenario(long, { versions }); // warm-up
results['1,000 events × 5 releases (ms)'] = Number(best(5, () => runScenario(long, { versions })).toFixed(1));
results['parse the kserve-4312 preset (ms)'] = Number(best(20, () => parseScenario([{ name: 'p.yaml', text: preset }])).toFixed(2));
results['re-evaluate the kserve-4312 preset, 4 releases (ms)'] = Number(best(20, () => {
  const p = parseScenario([{ name: 'p.yaml', text: preset }]);
  if (p.ok) runScenario(p.scenario);
}).toFixed(2));

const width = Math.max(...Object.keys(results).map((k) => k.length));
for (const [name, value] of Object.entries(results)) console.log(`${name.padEnd(width)}  ${value.toLocaleString('en-US')}`);
mkdirSync(new URL('./results/', import.meta.url), { recursive: true });
writeFileSync(new URL('./results/engine.json', import.meta.url), `${JSON.stringify({ date: new Date().toISOString(), node: process.version, results }, null, 2)}\n`);
