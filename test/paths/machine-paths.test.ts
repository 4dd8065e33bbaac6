/**
 * Tests generated from the machine's own graph: shortest paths to every reachable cluster state
 * (xstate's graph utilities over the explorer's event space), for seeds that between them must
 * take every transition the controller machine defines. Each path is replayed with inspection;
 * a transition no path takes is a failure (dead or untested logic).
 */
import { getShortestPaths } from '@xstate/graph';
import { createActor, type AnyStateNode } from 'xstate';
import { describe, expect, it } from 'vitest';
import type { Hpa, InferenceService } from '../../engine/k8s/types.ts';
import { candidateEvents, stateKey, type SpaceOptions } from '../../engine/explore/space.ts';
import { controllerMachine, type ControllerSnapshot } from '../../engine/machine/controller.ts';
import type { ControllerEvent } from '../../engine/machine/events.ts';

const isvc = (annotations: Record<string, string>, spec: InferenceService['spec'] = { predictor: { minReplicas: 1, maxReplicas: 3 } }): InferenceService => ({
  apiVersion: 'serving.kserve.io/v1beta1', kind: 'InferenceService',
  metadata: { name: 'demo', namespace: 'default', uid: 'uid-isvc', annotations },
  spec,
});

const userHpa = (name: string, finalizers: string[] = []): Hpa => ({
  apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler',
  metadata: { name, namespace: 'default', uid: `uid-${name}`, ...(finalizers.length ? { finalizers } : {}) },
  spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'demo-predictor' }, minReplicas: 2, maxReplicas: 5 },
});

interface Seed {
  name: string;
  tag: string;
  isvc: InferenceService;
  hpas: Hpa[];
  mode?: 'RawDeployment' | 'Serverless';
  classes?: string[];
  defaulting?: boolean;
  /** The release the controller runs until controller-upgraded moves it to `tag`. */
  start?: string;
  /** Whether KEDA is installed (the model's default is absent). */
  keda?: 'installed' | 'absent';
  /** Events beyond the explorer's space (which never changes the model's spec), offered at every state. */
  extra?: ControllerEvent[];
}

const RAW = { 'serving.kserve.io/deploymentMode': 'RawDeployment' };
const SEEDS: Seed[] = [
  { name: 'buggy external + same-name user HPA with finalizer', tag: 'v0.14.1', isvc: isvc({ ...RAW, 'serving.kserve.io/autoscalerClass': 'external' }), hpas: [userHpa('demo-predictor', ['kserve.io/protect'])] },
  { name: 'fixed, class hpa, three components', tag: 'v0.15.2', isvc: isvc({ 'serving.kserve.io/autoscalerClass': 'hpa' }, { predictor: {}, transformer: {}, explainer: {} }), hpas: [userHpa('demo-transformer')], mode: 'RawDeployment' },
  { name: 'v0.16 legacy annotation (webhook refuses updates)', tag: 'v0.16.0', isvc: isvc({ ...RAW, 'serving.kserve.io/autoscalerClass': 'external' }), hpas: [userHpa('demo-predictor')], classes: ['hpa'] },
  { name: 'pre-bug external no-op', tag: 'v0.12.0', isvc: isvc({ ...RAW, 'serving.kserve.io/autoscalerClass': 'external' }), hpas: [userHpa('demo-predictor')], classes: ['hpa'] },
  { name: 'unknown class on the component', tag: 'v0.15.0', isvc: isvc({ ...RAW, 'serving.kserve.io/autoscalerClass': 'keda' }, { predictor: { annotations: { 'serving.kserve.io/autoscalerClass': 'bogus' } } }), hpas: [], classes: [] },
  // With KEDA and one trigger KServe's ScaledObject is admitted (kedaReconcile ok); without KEDA the Get fails (error).
  { name: 'keda dispatch, KEDA installed, a cpu trigger', tag: 'v0.16.0', isvc: isvc({ ...RAW, 'serving.kserve.io/autoscalerClass': 'keda' }, { predictor: { autoScaling: { metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 60 } } }] } } }), hpas: [], keda: 'installed', classes: ['hpa'] },
  { name: 'keda dispatch', tag: 'v0.15.2', isvc: isvc({ ...RAW, 'serving.kserve.io/autoscalerClass': 'keda' }), hpas: [userHpa('demo-predictor')], classes: ['hpa'] },
  { name: 'Serverless default', tag: 'v0.14.1', isvc: isvc({}), hpas: [userHpa('demo-predictor')], mode: 'Serverless', classes: ['external'] },
  { name: 'no API defaulting: equal HPAs are Existed', tag: 'v0.15.2', isvc: isvc({ ...RAW, 'serving.kserve.io/autoscalerClass': 'hpa' }), hpas: [userHpa('demo-predictor')], defaulting: false },
  { name: 'no API defaulting, delete-first order', tag: 'v0.16.0', isvc: isvc({ 'serving.kserve.io/autoscalerClass': 'hpa' }), hpas: [], mode: 'RawDeployment', defaulting: false, classes: ['external'] },
  { name: 'ModelMesh', tag: 'v0.15.2', isvc: isvc({ 'serving.kserve.io/deploymentMode': 'ModelMesh' }), hpas: [], classes: [] },
  // research-10-12.md A1: from v0.17.0-rc0 a component annotation that does not parse to Standard fails the workload.
  { name: 'v0.17 strict workload mode on the component', tag: 'v0.17.0', isvc: isvc({ 'serving.kserve.io/deploymentMode': 'Standard', 'serving.kserve.io/autoscalerClass': 'external' }, { predictor: { minReplicas: 1, annotations: { 'serving.kserve.io/deploymentMode': 'Knative' } } }), hpas: [userHpa('demo-predictor')], classes: [] },
  // research-10-12.md A2: v0.19.x parses an empty status to Standard, so the first finalizer patch of a lower-case `standard` is refused.
  { name: 'v0.19 refuses the first finalizer patch', tag: 'v0.19.0', isvc: isvc({ 'serving.kserve.io/deploymentMode': 'standard' }), hpas: [], mode: 'RawDeployment', classes: [] },
  // isvc-set is not in the explorer's space; a model change in v0.20 (with the rename rule) takes its transition.
  { name: 'v0.20 model change', tag: 'v0.20.0', isvc: isvc({ 'serving.kserve.io/autoscalerClass': 'hpa' }, { predictor: { minReplicas: 1, maxReplicas: 3, storageUri: 's3://bucket/v1' } }), hpas: [], mode: 'RawDeployment', classes: [], extra: [{ type: 'isvc.set', isvc: null, settings: [{ component: 'predictor', field: 'storageUri', value: 's3://bucket/v2' }] }] },
  { name: 'upgrade from v0.14.1 to v0.16.0', tag: 'v0.16.0', start: 'v0.14.1', isvc: isvc({ ...RAW, 'serving.kserve.io/autoscalerClass': 'external' }), hpas: [userHpa('demo-predictor')], classes: [] },
];

function transitionKey(source: AnyStateNode, t: { eventType: string; target?: readonly AnyStateNode[] | undefined }, index: number): string {
  return `${source.id} --${t.eventType}#${index}--> ${(t.target ?? []).map((n) => n.id).join(',')}`;
}

/** Every transition the machine defines, independently of any run. */
function allTransitions(): Set<string> {
  const keys = new Set<string>();
  const visit = (node: AnyStateNode) => {
    for (const [, list] of node.transitions) list.forEach((t, i) => keys.add(transitionKey(node, t, i)));
    (node.always ?? []).forEach((t, i) => keys.add(transitionKey(node, t, i)));
    Object.values(node.states).forEach(visit);
  };
  visit(controllerMachine.root);
  return keys;
}

function keyOfTaken(t: { source: AnyStateNode; eventType: string; target?: readonly AnyStateNode[] | undefined }): string {
  const list: readonly unknown[] = t.eventType === '' ? t.source.always ?? [] : t.source.transitions.get(t.eventType) ?? [];
  return transitionKey(t.source, t, list.indexOf(t));
}

function explore(seed: Seed) {
  const options: SpaceOptions = { hpas: seed.hpas, classes: seed.classes ?? ['hpa', 'external', 'none'], userRemovals: true, gitops: true };
  const input = { tag: seed.start ?? seed.tag, target: seed.tag, options: { apiServerDefaulting: seed.defaulting ?? true, defaultDeploymentMode: seed.mode ?? 'Serverless', keda: seed.keda ?? 'absent' } as const };
  const start: ControllerEvent[] = [{ type: 'object.apply', object: seed.isvc }, ...seed.hpas.map((object) => ({ type: 'object.apply' as const, object }))];
  const actor = createActor(controllerMachine, { input });
  actor.start();
  start.forEach((e) => actor.send(e));
  const fromState = actor.getSnapshot();
  actor.stop();
  const paths = getShortestPaths(controllerMachine, {
    input,
    fromState,
    events: (snapshot: ControllerSnapshot) => [...candidateEvents(snapshot.context, options), ...(seed.extra ?? [])],
    serializeState: (snapshot: ControllerSnapshot) => stateKey(snapshot.context) as never,
    limit: 5000,
  });
  return { paths, input, start, options };
}

describe('paths generated from the controller machine', () => {
  const taken = new Set<string>();

  for (const seed of SEEDS) {
    it(`every shortest path replays to idle: ${seed.name}`, () => {
      const { paths, input, start, options } = explore(seed);
      expect(paths.length).toBeGreaterThan(1);
      const states = new Set<string>();
      const replay = (events: ControllerEvent[]) => {
        const actor = createActor(controllerMachine, {
          input,
          inspect: (event) => {
            if (event.type === '@xstate.microstep') {
              for (const t of (event as unknown as { _transitions: Parameters<typeof keyOfTaken>[0][] })._transitions) taken.add(keyOfTaken(t));
            }
          },
        });
        actor.start();
        for (const e of events) {
          actor.send(e);
          expect(actor.getSnapshot().value).toBe('idle');
        }
        const snapshot = actor.getSnapshot();
        actor.stop();
        return snapshot;
      };
      for (const path of paths) {
        const events = [...start, ...path.steps.map((s) => s.event as ControllerEvent)];
        const end = replay(events);
        states.add(stateKey(end.context));
        // Edge coverage: from every reachable state, every event that makes sense there.
        for (const next of candidateEvents(end.context, options)) replay([...events, next]);
      }
      // Each generated path ends in a distinct cluster state: the traversal deduplicated correctly.
      expect(states.size).toBe(paths.length);
    });
  }

  /*
   * Transitions no event can take, each with the reason. `isvcGone`: the world only queues an
   * InferenceService that exists (a delete without finalizers queues nothing, world.ts), and within
   * a step nothing removes a queued one before its turn (finalizing goes straight to nextIsvc), so
   * the guard is defensive. Listed, not skipped: the test below fails when one becomes reachable.
   */
  const UNREACHABLE = new Set(['controller.reconciling.begin --#0--> controller.reconciling.nextIsvc']);

  it('together the paths take every transition the machine defines', () => {
    const missing = [...allTransitions()].filter((key) => !taken.has(key) && !UNREACHABLE.has(key));
    expect(missing).toEqual([]);
    expect(taken.size).toBeGreaterThan(20);
  });

  it('the transitions listed as unreachable exist and are still not taken', () => {
    const all = allTransitions();
    for (const key of UNREACHABLE) {
      expect(all.has(key), key).toBe(true);
      expect(taken.has(key), key).toBe(false);
    }
  });
});
