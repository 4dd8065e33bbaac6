/**
 * Properties over random InferenceServices, HPAs and event sequences, for every modelled release:
 * what KServe may never do, whatever the user does.
 */
import fc from 'fast-check';
import { createActor } from 'xstate';
import { describe, expect, it } from 'vitest';
import type { Hpa, InferenceService, OwnerReference } from '../../engine/k8s/types.ts';
import { KNOWN_TAGS } from '../../engine/kserve/releases.ts';
import { compareTags } from '../../engine/kserve/tags.ts';
import { controllerMachine } from '../../engine/machine/controller.ts';
import type { ControllerEvent } from '../../engine/machine/events.ts';
import { runScenario } from '../../engine/run.ts';
import { DEFAULT_SETTINGS, type Scenario } from '../../engine/scenario/scenario.ts';

/** Releases are chosen by tag (issue 9): the tests never ask the engine which behaviour a release has. */
const from = (tag: string, first: string): boolean => compareTags(tag, first) >= 0;

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
  predictorName: fc.constantFrom(undefined, undefined, 'v2'),
}).map((r) => {
  const annotations: Record<string, string> = {};
  if (r.cls) annotations['serving.kserve.io/autoscalerClass'] = r.cls;
  if (r.mode) annotations['serving.kserve.io/deploymentMode'] = r.mode;
  if (r.stop) annotations['serving.kserve.io/stop'] = 'true';
  const predictor = {
    ...(r.minReplicas !== undefined ? { minReplicas: r.minReplicas } : {}),
    ...(r.maxReplicas !== undefined ? { maxReplicas: r.maxReplicas } : {}),
    ...(r.componentClass ? { annotations: { 'serving.kserve.io/autoscalerClass': r.componentClass } } : {}),
    ...(r.predictorName ? { name: r.predictorName } : {}),
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
  name: fc.constantFrom(...COMPONENT_NAMES, 'm-v2-predictor', 'm-custom', 'unrelated'),
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

const hpaRef = (name: string) => ({ namespace: null, name });

const arbEvent = (hpas: Hpa[]): fc.Arbitrary<ControllerEvent> => fc.oneof(
  fc.constant<ControllerEvent>({ type: 'pod.created', isvc: null }),
  fc.constant<ControllerEvent>({ type: 'pod.deleted', isvc: { namespace: 'default', name: NAME } }),
  fc.integer({ min: 0, max: 6 }).map((replicas): ControllerEvent => ({ type: 'hpa.scaled', replicas, isvc: null })),
  fc.constant<ControllerEvent>({ type: 'resync' }),
  fc.constant<ControllerEvent>({ type: 'controller.restarted' }),
  fc.constant<ControllerEvent>({ type: 'gitops.sync' }),
  fc.constantFrom<ControllerEvent>({ type: 'controller.upgraded', tag: null }, { type: 'controller.upgraded', tag: 'v0.15.2' }, { type: 'controller.upgraded', tag: 'v0.20.0' }),
  fc.tuple(fc.constantFrom('serving.kserve.io/autoscalerClass', 'serving.kserve.io/stop', 'serving.kserve.io/deploymentMode'), fc.option(fc.constantFrom(...CLASSES, 'true', 'RawDeployment', 'Standard'), { nil: null }))
    .map(([key, value]): ControllerEvent => ({ type: 'isvc.annotate', key, value, isvc: null })),
  fc.constantFrom(...COMPONENT_NAMES, 'm-custom').map((name): ControllerEvent => ({ type: 'hpa.delete', hpa: hpaRef(name) })),
  fc.constantFrom(...COMPONENT_NAMES, 'm-custom').map((name): ControllerEvent => ({ type: 'hpa.removeFinalizer', hpa: { namespace: 'default', name }, finalizer: 'kserve.io/protect' })),
  fc.constant<ControllerEvent>({ type: 'isvc.delete', isvc: null }),
  ...(hpas.length ? [fc.constantFrom(...hpas).map((object): ControllerEvent => ({ type: 'object.apply', object }))] : []),
);

const arbWorld = fc.record({
  isvc: arbIsvc,
  hpas: fc.uniqueArray(arbHpa, { selector: (h) => h.metadata.name, maxLength: 3 }),
  tag: fc.constantFrom(...KNOWN_TAGS),
  /** Some runs start on an older release and move at controller-upgraded (issue 10). */
  start: fc.option(fc.constantFrom('v0.12.0', 'v0.14.1', 'v0.15.2', 'v0.16.0'), { nil: null, freq: 3 }),
  defaulting: fc.boolean(),
  defaultMode: fc.constantFrom('RawDeployment' as const, 'Serverless' as const),
}).chain((w) => fc.record({ world: fc.constant(w), events: fc.array(arbEvent(w.hpas), { maxLength: 14 }) }));

interface World { isvc: InferenceService; hpas: Hpa[]; tag: string; start: string | null; defaulting: boolean; defaultMode: 'RawDeployment' | 'Serverless' }

function scenarioOf(w: World, events: ControllerEvent[], hpasFirst: boolean): Scenario {
  const objects = [{ object: w.isvc as Hpa | InferenceService }, ...w.hpas.map((object) => ({ object }))].map((o) => ({ ...o, position: { file: 'p', line: 1, column: 1 } }));
  if (hpasFirst) objects.reverse();
  return {
    objects,
    events: events.map((event) => ({ event, position: null })),
    settings: { ...DEFAULT_SETTINGS, versions: [w.tag], startRelease: w.start, apiServerDefaulting: w.defaulting, defaultDeploymentMode: w.defaultMode },
  };
}

const RUNS = { numRuns: 300 };

describe('invariants over random scenarios and every release', () => {
  it('the machine never throws and is idle after every event', () => {
    fc.assert(fc.property(arbWorld, fc.boolean(), ({ world, events }, hpasFirst) => {
      const scenario = scenarioOf(world, events, hpasFirst);
      const actor = createActor(controllerMachine, { input: { tag: world.start ?? world.tag, target: world.tag, options: { apiServerDefaulting: world.defaulting, defaultDeploymentMode: world.defaultMode }, manifests: scenario.objects.map((o) => o.object) } });
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

  // component-meta.ts / research-10-12.md B1: `<isvc>-<component>`, and from v0.20.0-rc0
  // `<isvc>-<name>-predictor` when spec.predictor.name is set. Each step says which release ran it.
  it('KServe only ever writes HPAs named after a component the InferenceService has, as the running release names it', () => {
    fc.assert(fc.property(arbWorld, fc.boolean(), ({ world, events }, hpasFirst) => {
      const run = runScenario(scenarioOf(world, events, hpasFirst));
      const predictorName = world.isvc.spec.predictor?.name;
      for (const step of run.versions[0]!.steps) {
        const predictor = predictorName && from(step.release, 'v0.20.0-rc0') ? `m-${predictorName}-predictor` : 'm-predictor';
        const allowed = new Set([predictor, ...(world.isvc.spec.transformer ? ['m-transformer'] : []), ...(world.isvc.spec.explainer ? ['m-explainer'] : [])]);
        for (const d of step.decisions) if (d.call) expect(allowed.has(d.hpa), `${step.release}: ${d.call.verb} ${d.hpa}`).toBe(true);
      }
    }), RUNS);
  });

  // behaviour.md §4.4/§4.5: from v0.15.1 shouldDeleteHPA needs an InferenceService ownerReference on the existing HPA.
  it('from v0.15.1 KServe never deletes an HPA that had no InferenceService ownerReference', () => {
    fc.assert(fc.property(arbWorld, fc.boolean(), ({ world, events }, hpasFirst) => {
      const run = runScenario(scenarioOf(world, events, hpasFirst));
      const steps = run.versions[0]!.steps;
      steps.forEach((step, i) => {
        if (!from(step.release, 'v0.15.1')) return;
        const before = i === 0 ? [] : steps[i - 1]!.hpas;
        step.decisions.forEach((d, j) => {
          if (d.result !== 'Delete') return;
          // A step may run several passes (KServe's own writes requeue it): an earlier Create or
          // Update of this HPA in the same step gave it KServe's ownerReference.
          if (step.decisions.slice(0, j).some((e) => e.hpa === d.hpa && (e.call?.verb === 'Update' || e.call?.verb === 'Create'))) return;
          // Else it was present before the step, or (re)created in it from its manifest by a GitOps sync.
          const was = before.find((h) => h.name === d.hpa);
          const owned = was ? was.ownedByInferenceService : (world.hpas.find((h) => h.metadata.name === d.hpa)?.metadata.ownerReferences ?? []).some((r) => r.kind === 'InferenceService');
          expect(owned, `${step.release}: ${d.hpa}`).toBe(true);
        });
      });
    }), RUNS);
  });

  // behaviour.md §4.2: no delete path before #3650 (v0.13.0-rc1).
  it('before v0.13.0-rc1 KServe never deletes an HPA', () => {
    fc.assert(fc.property(arbWorld, fc.boolean(), ({ world, events }, hpasFirst) => {
      const run = runScenario(scenarioOf(world, events, hpasFirst));
      for (const step of run.versions[0]!.steps) {
        if (!from(step.release, 'v0.13.0-rc1')) expect(step.decisions.some((d) => d.result === 'Delete'), step.release).toBe(false);
      }
    }), { numRuns: 150 });
  });

  it('a step runs on the start release until the first controller-upgraded, then on the upgraded one', () => {
    fc.assert(fc.property(arbWorld, ({ world, events }) => {
      const run = runScenario(scenarioOf(world, events, false));
      let running = world.start ?? world.tag;
      for (const step of run.versions[0]!.steps) {
        const upgrade = /^controller-upgraded(?::(.+))?$/.exec(step.event);
        if (upgrade) running = upgrade[1] ?? world.tag;
        expect(step.release).toBe(running);
      }
    }), { numRuns: 150 });
  });

  it('an HPA whose name matches no component is never touched by KServe in any release', () => {
    fc.assert(fc.property(arbWorld, fc.boolean(), ({ world, events }, hpasFirst) => {
      const run = runScenario(scenarioOf(world, events, hpasFirst));
      for (const verdict of run.versions[0]!.verdicts) {
        if (verdict.hpa === 'm-custom' || verdict.hpa === 'unrelated') {
          expect(verdict.history.filter((h) => h.kind === 'overwritten' || h.kind === 'deleted' || h.kind === 'terminating' || h.kind === 'collected')).toEqual([]);
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

/*
 * Issue 10: events that concern one InferenceService (pod-created@x, pod-deleted@x,
 * hpa-scaled:n@x, isvc-annotate…@x, isvc-delete@x) never change another InferenceService's HPAs
 * or Deployments. KServe reconciles only the InferenceService the watch queued, and each
 * reconcile looks HPAs up in its own namespace by its own component names (behaviour.md §4.1, §5).
 */
describe('events aimed at one InferenceService leave the others alone', () => {
  const NAMESPACES = ['ml', 'dev'];
  const NAMES = ['a', 'b'];
  const uid = (namespace: string, name: string) => `uid-${namespace}-${name}`;

  const arbIsvcAt = (namespace: string, name: string): fc.Arbitrary<InferenceService> => fc.record({
    cls: fc.constantFrom(undefined, 'hpa', 'external', 'none'),
    mode: fc.constantFrom('RawDeployment', 'RawDeployment', 'Standard', undefined),
    min: fc.option(fc.integer({ min: 1, max: 3 }), { nil: undefined }),
    transformer: fc.boolean(),
    predictorName: fc.constantFrom(undefined, undefined, 'v2'),
    finalized: fc.boolean(),
  }).map((r) => ({
    apiVersion: 'serving.kserve.io/v1beta1',
    kind: 'InferenceService',
    metadata: {
      name, namespace, uid: uid(namespace, name),
      annotations: { ...(r.cls ? { 'serving.kserve.io/autoscalerClass': r.cls } : {}), ...(r.mode ? { 'serving.kserve.io/deploymentMode': r.mode } : {}) },
      ...(r.finalized ? { finalizers: ['inferenceservice.finalizers'] } : {}),
    },
    spec: { predictor: { ...(r.min ? { minReplicas: r.min } : {}), ...(r.predictorName ? { name: r.predictorName } : {}) }, ...(r.transformer ? { transformer: {} } : {}) },
  }));

  /** 2–3 InferenceServices in 1–2 namespaces (the same name may be in both). */
  const arbIsvcs = fc.uniqueArray(fc.tuple(fc.constantFrom(...NAMESPACES), fc.constantFrom(...NAMES)), { minLength: 2, maxLength: 3, selector: ([ns, n]) => `${ns}/${n}` })
    .chain((keys) => fc.tuple(...keys.map(([ns, n]) => arbIsvcAt(ns, n))));

  /** HPAs named like a component (any of the InferenceServices', in any namespace) or not, scaling one of their Deployments. */
  const arbHpas = (isvcs: InferenceService[]): fc.Arbitrary<Hpa[]> => {
    const owners = isvcs.map((i) => i.metadata);
    const names = [...NAMES.flatMap((n) => [`${n}-predictor`, `${n}-transformer`, `${n}-v2-predictor`, `${n}-hpa`]), 'shared'];
    // Owner references are namespace-local in Kubernetes: an HPA is only ever owned by an InferenceService of its namespace.
    const arbOne = fc.constantFrom(...new Set(owners.map((o) => o.namespace))).chain((namespace) => fc.record({
      namespace: fc.constant(namespace),
      name: fc.constantFrom(...names),
      target: fc.constantFrom(...NAMES.flatMap((n) => [`${n}-predictor`, `${n}-v2-predictor`])),
      owner: fc.option(fc.constantFrom(...owners.filter((o) => o.namespace === namespace)), { nil: undefined, freq: 3 }),
      min: fc.integer({ min: 1, max: 3 }),
      protect: fc.boolean(),
    }));
    return fc.uniqueArray(arbOne, { maxLength: 5, selector: (h) => `${h.namespace}/${h.name}` }).map((list) => list.map((h): Hpa => ({
      apiVersion: 'autoscaling/v2',
      kind: 'HorizontalPodAutoscaler',
      metadata: {
        name: h.name, namespace: h.namespace, uid: `uid-hpa-${h.namespace}-${h.name}`,
        ...(h.protect ? { finalizers: ['kserve.io/protect'] } : {}),
        ...(h.owner ? { ownerReferences: [{ apiVersion: 'serving.kserve.io/v1beta1', kind: 'InferenceService', name: h.owner.name, uid: h.owner.uid, controller: true }] } : {}),
      },
      spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: h.target }, minReplicas: h.min, maxReplicas: 6 },
    })));
  };

  type Step = { kind: 'targeted'; event: ControllerEvent; target: string } | { kind: 'cluster'; event: ControllerEvent };

  const arbSteps = (isvcs: InferenceService[]): fc.Arbitrary<Step[]> => {
    const keys = isvcs.map((i) => `${i.metadata.namespace}/${i.metadata.name}`);
    const targeted = fc.tuple(fc.constantFrom(...keys), fc.boolean()).chain(([key, qualified]) => {
      const [namespace, name] = key.split('/') as [string, string];
      // A bare name where it is unique, so both spellings of a target are exercised.
      const unique = keys.filter((k) => k.endsWith(`/${name}`)).length === 1;
      const isvc = { namespace: qualified || !unique ? namespace : null, name };
      return fc.oneof(
        fc.constant<ControllerEvent>({ type: 'pod.created', isvc }),
        fc.constant<ControllerEvent>({ type: 'pod.deleted', isvc }),
        fc.integer({ min: 0, max: 5 }).map((replicas): ControllerEvent => ({ type: 'hpa.scaled', replicas, isvc })),
        fc.tuple(fc.constantFrom('serving.kserve.io/autoscalerClass', 'serving.kserve.io/stop', 'team'), fc.option(fc.constantFrom('hpa', 'external', 'none', 'keda', 'true'), { nil: null }))
          .map(([key, value]): ControllerEvent => ({ type: 'isvc.annotate', key, value, isvc })),
        fc.constant<ControllerEvent>({ type: 'isvc.delete', isvc }),
      ).map((event): Step => ({ kind: 'targeted', event, target: key }));
    });
    // Cluster-wide events in between make the states richer; the property is checked on targeted steps only.
    const cluster = fc.constantFrom<ControllerEvent>({ type: 'resync' }, { type: 'gitops.sync' }, { type: 'controller.upgraded', tag: null }).map((event): Step => ({ kind: 'cluster', event }));
    return fc.array(fc.oneof({ arbitrary: targeted, weight: 5 }, { arbitrary: cluster, weight: 1 }), { minLength: 1, maxLength: 12 });
  };

  const arbCase = arbIsvcs.chain((isvcs) => fc.record({
    isvcs: fc.constant(isvcs),
    hpas: arbHpas(isvcs),
    steps: arbSteps(isvcs),
    tag: fc.constantFrom(...KNOWN_TAGS),
    start: fc.option(fc.constantFrom('v0.12.0', 'v0.14.1', 'v0.15.2'), { nil: null, freq: 3 }),
    defaulting: fc.boolean(),
  }));

  /** Is this HPA the targeted InferenceService's: in its namespace, named or scaling one of its (possible) components, or owned by it? */
  function belongsTo(hpa: Hpa, isvc: InferenceService): boolean {
    if (hpa.metadata.namespace !== isvc.metadata.namespace) return false;
    if ((hpa.metadata.ownerReferences ?? []).some((r) => r.uid === isvc.metadata.uid)) return true;
    const n = isvc.metadata.name;
    const components = [`${n}-predictor`, `${n}-transformer`, `${n}-explainer`, `${n}-v2-predictor`];
    return components.includes(hpa.metadata.name) || components.includes(hpa.spec.scaleTargetRef.name);
  }

  it('never changes another InferenceService\'s HPAs or Deployments (several releases, upgrades included)', () => {
    fc.assert(fc.property(arbCase, ({ isvcs, hpas, steps, tag, start, defaulting }) => {
      const manifests = [...isvcs, ...hpas];
      const actor = createActor(controllerMachine, { input: { tag: start ?? tag, target: tag, options: { apiServerDefaulting: defaulting, defaultDeploymentMode: 'RawDeployment' }, manifests } });
      actor.start();
      for (const object of manifests) actor.send({ type: 'object.apply', object });
      for (const step of steps) {
        const before = actor.getSnapshot().context.cluster;
        actor.send(step.event);
        const { cluster: after, step: record } = actor.getSnapshot().context;
        if (step.kind !== 'targeted') continue;
        const target = isvcs.find((i) => `${i.metadata.namespace}/${i.metadata.name}` === step.target)!;
        const where = `${record.release} ${record.event}`;
        // Only the target is reconciled, and every decision is about it.
        expect(record.reconciledIsvcs.every((k) => k === step.target), where).toBe(true);
        expect(record.decisions.every((d) => d.isvc === step.target), where).toBe(true);
        // Everyone else's Deployments: same set, same replicas.
        const others = (list: typeof before.deployments) => JSON.stringify(list.filter((d) => `${d.namespace}/${d.isvc}` !== step.target));
        expect(others(after.deployments), where).toBe(others(before.deployments));
        // Every HPA that is not the target's: unchanged, present or absent as before.
        const foreign = (list: readonly Hpa[]) => JSON.stringify(list.filter((h) => !belongsTo(h, target)).map((h) => [h.metadata.namespace, h.metadata.name, h.metadata, h.spec]));
        expect(foreign(after.hpas), where).toBe(foreign(before.hpas));
        // And the other InferenceServices themselves.
        const otherIsvcs = (list: readonly InferenceService[]) => JSON.stringify(list.filter((i) => i.metadata.uid !== target.metadata.uid));
        expect(otherIsvcs(after.isvcs), where).toBe(otherIsvcs(before.isvcs));
      }
      actor.stop();
    }), { numRuns: 200 });
  });
});
