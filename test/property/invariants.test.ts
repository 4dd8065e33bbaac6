/**
 * Properties over random InferenceServices, HPAs and event sequences, for every modelled release:
 * what KServe may never do, whatever the user does.
 */
import fc from 'fast-check';
import { createActor } from 'xstate';
import { describe, expect, it } from 'vitest';
import type { Hpa, InferenceService, OwnerReference } from '../../engine/k8s/types.ts';
import { RELEASES } from '../../engine/kserve/releases.ts';
import { controllerMachine } from '../../engine/machine/controller.ts';
import type { ControllerEvent } from '../../engine/machine/events.ts';
import { runScenario } from '../../engine/run.ts';
import type { Scenario } from '../../engine/scenario/scenario.ts';

const NAME = 'm';
const COMPONENT_NAMES = ['m-predictor', 'm-transformer', 'm-explainer'];
const CLASSES = ['hpa', 'external', 'none', 'keda', 'kpa', 'bogus'];

const arbClass = fc.option(fc.constantFrom(...CLASSES), { nil: undefined });
const arbIsvc: fc.Arbitrary<InferenceService> = fc.record({
  cls: arbClass,
  mode: fc.constantFrom(undefined, 'RawDeployment', 'Serverless', 'Standard', 'Knative'),
  componentClass: arbClass,
  transformer: fc.boolean(),
  explainer: fc.boolean(),
  minReplicas: fc.option(fc.integer({ min: -1, max: 4 }), { nil: undefined }),
  maxReplicas: fc.option(fc.integer({ min: 0, max: 6 }), { nil: undefined }),
  stop: fc.boolean(),
}).map((r) => {
  const annotations: Record<string, string> = {};
  if (r.cls) annotations['serving.kserve.io/autoscalerClass'] = r.cls;
  if (r.mode) annotations['serving.kserve.io/deploymentMode'] = r.mode;
  if (r.stop) annotations['serving.kserve.io/stop'] = 'true';
  const predictor = {
    ...(r.minReplicas !== undefined ? { minReplicas: r.minReplicas } : {}),
    ...(r.maxReplicas !== undefined ? { maxReplicas: r.maxReplicas } : {}),
    ...(r.componentClass ? { annotations: { 'serving.kserve.io/autoscalerClass': r.componentClass } } : {}),
  };
  return {
    apiVersion: 'serving.kserve.io/v1beta1', kind: 'InferenceService',
    metadata: { name: NAME, namespace: 'default', uid: 'uid-m', annotations },
    spec: { predictor, ...(r.transformer ? { transformer: {} } : {}), ...(r.explainer ? { explainer: {} } : {}) },
  } satisfies InferenceService;
});

const arbOwner: fc.Arbitrary<OwnerReference[] | undefined> = fc.constantFrom(
  undefined,
  [{ apiVersion: 'serving.kserve.io/v1beta1', kind: 'InferenceService', name: NAME, uid: 'uid-m', controller: true }],
  [{ apiVersion: 'serving.kserve.io/v1beta1', kind: 'InferenceService', name: 'other', uid: 'uid-other' }],
  [{ apiVersion: 'apps/v1', kind: 'Deployment', name: 'x', uid: 'uid-x' }],
);

const arbHpa: fc.Arbitrary<Hpa> = fc.record({
  name: fc.constantFrom(...COMPONENT_NAMES, 'm-custom', 'unrelated'),
  finalizers: fc.subarray(['kserve.io/protect', 'example.com/keep']),
  owner: arbOwner,
  min: fc.integer({ min: 1, max: 3 }),
  max: fc.integer({ min: 3, max: 8 }),
  withBehavior: fc.boolean(),
}).map((r) => ({
  apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler',
  metadata: {
    name: r.name, namespace: 'default', uid: `uid-${r.name}`,
    ...(r.finalizers.length ? { finalizers: r.finalizers } : {}),
    ...(r.owner ? { ownerReferences: r.owner } : {}),
  },
  spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'm-predictor' }, minReplicas: r.min, maxReplicas: r.max, ...(r.withBehavior ? { behavior: {} } : {}) },
}));

const arbEvent = (hpas: Hpa[]): fc.Arbitrary<ControllerEvent> => fc.oneof(
  fc.constant<ControllerEvent>({ type: 'pod.created' }),
  fc.constant<ControllerEvent>({ type: 'pod.deleted' }),
  fc.integer({ min: 0, max: 6 }).map((replicas): ControllerEvent => ({ type: 'hpa.scaled', replicas })),
  fc.constant<ControllerEvent>({ type: 'resync' }),
  fc.constant<ControllerEvent>({ type: 'controller.restarted' }),
  fc.tuple(fc.constantFrom('serving.kserve.io/autoscalerClass', 'serving.kserve.io/stop', 'serving.kserve.io/deploymentMode'), fc.option(fc.constantFrom(...CLASSES, 'true', 'RawDeployment'), { nil: null }))
    .map(([key, value]): ControllerEvent => ({ type: 'isvc.annotate', key, value })),
  fc.constantFrom(...COMPONENT_NAMES, 'm-custom').map((name): ControllerEvent => ({ type: 'hpa.delete', name })),
  fc.constantFrom(...COMPONENT_NAMES, 'm-custom').map((name): ControllerEvent => ({ type: 'hpa.removeFinalizer', name, finalizer: 'kserve.io/protect' })),
  fc.constant<ControllerEvent>({ type: 'isvc.delete' }),
  ...(hpas.length ? [fc.constantFrom(...hpas).map((object): ControllerEvent => ({ type: 'object.apply', object }))] : []),
);

const arbWorld = fc.record({
  isvc: arbIsvc,
  hpas: fc.uniqueArray(arbHpa, { selector: (h) => h.metadata.name, maxLength: 3 }),
  tag: fc.constantFrom(...RELEASES.map((r) => r.tag)),
  defaulting: fc.boolean(),
  defaultMode: fc.constantFrom('RawDeployment' as const, 'Serverless' as const),
}).chain((w) => fc.record({ world: fc.constant(w), events: fc.array(arbEvent(w.hpas), { maxLength: 14 }) }));

interface World { isvc: InferenceService; hpas: Hpa[]; tag: string; defaulting: boolean; defaultMode: 'RawDeployment' | 'Serverless' }

function scenarioOf(w: World, events: ControllerEvent[], hpasFirst: boolean): Scenario {
  const objects = [{ object: w.isvc as Hpa | InferenceService }, ...w.hpas.map((object) => ({ object }))].map((o) => ({ ...o, position: { file: 'p', line: 1, column: 1 } }));
  if (hpasFirst) objects.reverse();
  return {
    objects,
    events: events.map((event) => ({ event, position: null })),
    settings: { name: null, title: null, description: null, i18n: {}, versions: [w.tag], apiServerDefaulting: w.defaulting, defaultDeploymentMode: w.defaultMode },
  };
}

const RUNS = { numRuns: 300 };

describe('invariants over random scenarios and every release', () => {
  it('the machine never throws and is idle after every event', () => {
    fc.assert(fc.property(arbWorld, fc.boolean(), ({ world, events }, hpasFirst) => {
      const scenario = scenarioOf(world, events, hpasFirst);
      const actor = createActor(controllerMachine, { input: { tag: world.tag, options: { apiServerDefaulting: world.defaulting, defaultDeploymentMode: world.defaultMode } } });
      const errors: unknown[] = [];
      actor.subscribe({ error: (e) => errors.push(e) });
      actor.start();
      for (const { object } of scenario.objects) actor.send({ type: 'object.apply', object });
      for (const { event } of scenario.events) {
        actor.send(event);
        expect(actor.getSnapshot().value).toBe('idle');
      }
      expect(errors).toEqual([]);
      // The context survives a JSON round trip: serialisable, as exploration needs.
      expect(JSON.parse(JSON.stringify(actor.getSnapshot().context))).toEqual(actor.getSnapshot().context);
    }), RUNS);
  });

  it('KServe only ever writes HPAs named after a component the InferenceService has', () => {
    fc.assert(fc.property(arbWorld, fc.boolean(), ({ world, events }, hpasFirst) => {
      const run = runScenario(scenarioOf(world, events, hpasFirst));
      const allowed = new Set(['m-predictor', ...(world.isvc.spec.transformer ? ['m-transformer'] : []), ...(world.isvc.spec.explainer ? ['m-explainer'] : [])]);
      for (const step of run.versions[0]!.steps) {
        for (const d of step.decisions) if (d.call) expect(allowed.has(d.hpa), `${d.call.verb} ${d.hpa}`).toBe(true);
      }
    }), RUNS);
  });

  it('owner-checked releases never delete an HPA that had no InferenceService ownerReference', () => {
    fc.assert(fc.property(arbWorld, fc.boolean(), ({ world, events }, hpasFirst) => {
      const release = RELEASES.find((r) => r.tag === world.tag)!;
      fc.pre(release.behaviour.shouldDelete !== 'desiredClassIsExternal');
      const run = runScenario(scenarioOf(world, events, hpasFirst));
      const steps = run.versions[0]!.steps;
      steps.forEach((step, i) => {
        const before = i === 0 ? [] : steps[i - 1]!.hpas;
        for (const d of step.decisions.filter((x) => x.result === 'Delete')) {
          expect(before.find((h) => h.name === d.hpa)?.ownedByInferenceService).toBe(true);
        }
      });
    }), RUNS);
  });

  it('before v0.13.0-rc1 KServe never deletes an HPA', () => {
    fc.assert(fc.property(arbWorld, fc.boolean(), ({ world, events }, hpasFirst) => {
      const release = RELEASES.find((r) => r.tag === world.tag)!;
      fc.pre(release.behaviour.shouldDelete === 'never');
      const run = runScenario(scenarioOf(world, events, hpasFirst));
      for (const step of run.versions[0]!.steps) expect(step.decisions.some((d) => d.result === 'Delete')).toBe(false);
    }), { numRuns: 100 });
  });

  it('an HPA whose name matches no component is never touched by KServe in any release', () => {
    fc.assert(fc.property(arbWorld, fc.boolean(), ({ world, events }, hpasFirst) => {
      const run = runScenario(scenarioOf(world, events, hpasFirst));
      for (const verdict of run.versions[0]!.verdicts) {
        if (verdict.hpa === 'm-custom' || verdict.hpa === 'unrelated') {
          expect(verdict.history.filter((h) => h.kind === 'overwritten' || h.kind === 'deleted' || h.kind === 'terminating')).toEqual([]);
        }
      }
    }), RUNS);
  });

  it('runs are deterministic', () => {
    fc.assert(fc.property(arbWorld, ({ world, events }) => {
      const scenario = scenarioOf(world, events, false);
      expect(JSON.stringify(runScenario(scenario))).toBe(JSON.stringify(runScenario(scenario)));
    }), { numRuns: 100 });
  });
});
