/**
 * engine/machine-runner.ts steps the controller machine without xstate's interpreter. It must be
 * the actor, exactly: after every event, the same context (cluster, step record, work) and the
 * same state, on the presets and on generated namespaces, in every release.
 */
import fc from 'fast-check';
import { createActor, createMachine, type StateValue } from 'xstate';
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../engine/scenario/parse.ts';
import { KNOWN_TAGS } from '../../engine/kserve/releases.ts';
import { compile, runnerFallback, sendEvent, startRun, stateName } from '../../engine/machine-runner.ts';
import { controllerMachine, type ControllerInput } from '../../engine/machine/controller.ts';
import type { ControllerEvent } from '../../engine/machine/events.ts';
import { scenarioSteps, type Scenario } from '../../engine/scenario/scenario.ts';
import { modelObjects } from '../support/generated-namespace.ts';
import { loadPreset, presetIds } from '../support/presets.ts';

const dotted = (value: StateValue): string => (typeof value === 'string' ? value : Object.entries(value).map(([key, child]) => `${key}.${dotted(child!)}`).join(','));

/** Runs the events through the actor and the runner side by side, comparing after each one. */
function sameAsActor(input: ControllerInput, events: readonly ControllerEvent[]): void {
  const actor = createActor(controllerMachine, { input });
  actor.start();
  let state = startRun(input);
  expect(state.context).toStrictEqual(actor.getSnapshot().context);
  for (const event of events) {
    actor.send(event);
    state = sendEvent(state, event);
    const snapshot = actor.getSnapshot();
    expect(stateName(state)).toBe(dotted(snapshot.value));
    expect(state.context).toStrictEqual(snapshot.context);
  }
}

function inputOf(scenario: Scenario, tag: string): ControllerInput {
  const options = { apiServerDefaulting: scenario.settings.apiServerDefaulting, defaultDeploymentMode: scenario.settings.defaultDeploymentMode, keda: scenario.settings.keda };
  return { tag: scenario.settings.startRelease ?? tag, target: tag, options, manifests: scenario.objects.map((o) => o.object) };
}

describe('the machine runner', () => {
  it('covers the controller machine (no fallback to xstate)', () => {
    expect(compile(controllerMachine)).not.toBeNull();
  });

  it('says why it cannot compile a machine, instead of falling back silently', () => {
    const reasons: string[] = [];
    const withExit = createMachine({ id: 'm', initial: 'a', states: { a: { exit: () => undefined, on: { go: 'b' } }, b: {} } });
    expect(compile(withExit, (reason) => reasons.push(reason))).toBeNull();
    expect(reasons).toHaveLength(1);
    expect(reasons[0]).toContain('m.a');
  });

  it('is the actor on every preset, in every release it compares', () => {
    for (const id of presetIds()) {
      const scenario = loadPreset(id);
      for (const tag of scenario.settings.versions) sameAsActor(inputOf(scenario, tag), scenarioSteps(scenario).map((s) => s.event));
    }
    expect(runnerFallback()).toEqual({ reason: null, runs: 0 });
  });

  const CLASSES = ['external', 'hpa', 'none', 'keda'];
  const arbEvent = (models: number): fc.Arbitrary<string> => {
    const model = fc.integer({ min: 0, max: models - 1 }).map((i) => `ml/model-${i}`);
    return fc.oneof(
      model.map((m) => `pod-created@${m}`),
      model.map((m) => `pod-deleted@${m}`),
      fc.tuple(fc.integer({ min: 1, max: 4 }), model).map(([n, m]) => `hpa-scaled:${n}@${m}`),
      fc.constantFrom('resync', 'controller-restarted', 'controller-upgraded', 'gitops-sync'),
      fc.tuple(fc.constantFrom(...CLASSES), model).map(([c, m]) => `isvc-annotate:serving.kserve.io/autoscalerClass=${c}@${m}`),
      model.map((m) => `isvc-delete@${m}`),
      model.map((m) => `hpa-delete:${m}-predictor`),
      model.map((m) => `hpa-delete:${m}-scaler`),
      model.map((m) => `hpa-remove-finalizer:${m}-predictor/kserve.io/protect`),
    );
  };
  const arbNamespace = fc.integer({ min: 1, max: 6 }).chain((models) => fc.record({
    models: fc.constant(models),
    events: fc.array(arbEvent(models), { maxLength: 12 }),
    tag: fc.constantFrom(...KNOWN_TAGS),
    start: fc.option(fc.constantFrom('v0.12.0', 'v0.14.1', 'v0.15.2'), { nil: null, freq: 3 }),
    defaulting: fc.boolean(),
    mode: fc.constantFrom('RawDeployment', 'Serverless'),
    finalizer: fc.boolean(),
  }));

  it('is the actor on generated namespaces, in every release', () => {
    fc.assert(fc.property(arbNamespace, (w) => {
      const items = Array.from({ length: w.models }, (_, i) => {
        const { isvc, hpa } = modelObjects(i);
        const protectedHpa = hpa && w.finalizer ? { ...hpa, metadata: { ...(hpa.metadata as object), finalizers: ['kserve.io/protect'] } } : hpa;
        return protectedHpa ? [isvc, protectedHpa] : [isvc];
      }).flat();
      const settings = `apiVersion: hpa-lab/v1\nkind: Scenario\nversions: [${w.tag}]\n${w.start ? `startRelease: ${w.start}\n` : ''}apiServerDefaulting: ${w.defaulting}\ndefaultDeploymentMode: ${w.mode}\nevents:\n${w.events.map((e) => `  - "${e}"`).join('\n')}\n`;
      const parsed = parseScenario([{ name: 'ns.json', text: JSON.stringify({ apiVersion: 'v1', kind: 'List', items }) }, { name: 's.yaml', text: settings }]);
      if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors[0]));
      sameAsActor(inputOf(parsed.scenario, w.tag), scenarioSteps(parsed.scenario).map((s) => s.event));
    }), { numRuns: 120 });
  });
});
