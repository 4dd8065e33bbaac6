/**
 * Properties of the explorer over random InferenceServices, user HPAs and releases:
 * a reported harm replays to the same verdict, is minimal, and only hits an HPA KServe can reach
 * (by its name, its shared target or its pinned Deployment); "no harm" survives random walks
 * through the same event space; and every suggested safe change, applied, leaves nothing to harm.
 */
import fc from 'fast-check';
import { createActor } from 'xstate';
import { describe, expect, it } from 'vitest';
import type { Hpa, InferenceService, KubeObject } from '../../engine/k8s/types.ts';
import { applySafeChange, findSafeChanges, findShortestLoss, replay } from '../../engine/explore/index.ts';
import { compareTags } from '../../engine/kserve/tags.ts';
import { modelOptions, spaceOptions } from '../../engine/explore/search.ts';
import { candidateEvents } from '../../engine/explore/space.ts';
import { componentName, componentsOf } from '../../engine/kserve/component-meta.ts';
import { KNOWN_TAGS } from '../../engine/kserve/releases.ts';
import { controllerMachine } from '../../engine/machine/controller.ts';
import type { ControllerEvent } from '../../engine/machine/events.ts';
import { DEFAULT_SETTINGS, type Scenario } from '../../engine/scenario/scenario.ts';

const NAME = 'm';
const DEPTH = 4;
// m-v2-predictor is the predictor's name from v0.20.0-rc0 when spec.predictor.name is v2.
const HPA_NAMES = ['m-predictor', 'm-transformer', 'm-explainer', 'm-custom', 'unrelated', 'm-v2-predictor'];
const OWNER = [{ apiVersion: 'serving.kserve.io/v1beta1', kind: 'InferenceService', name: NAME, uid: 'uid-m', controller: true }];

const arbIsvc: fc.Arbitrary<InferenceService> = fc.record({
  cls: fc.constantFrom(undefined, 'hpa', 'external', 'none', 'keda'),
  mode: fc.constantFrom(undefined, 'RawDeployment', 'RawDeployment', 'Serverless', 'Standard'),
  transformer: fc.boolean(),
  explainer: fc.boolean(),
  max: fc.option(fc.integer({ min: 1, max: 5 }), { nil: undefined }),
  predictorName: fc.constantFrom(undefined, undefined, 'v2'),
}).map((r) => {
  const annotations: Record<string, string> = {};
  if (r.cls) annotations['serving.kserve.io/autoscalerClass'] = r.cls;
  if (r.mode) annotations['serving.kserve.io/deploymentMode'] = r.mode;
  return {
    apiVersion: 'serving.kserve.io/v1beta1', kind: 'InferenceService',
    metadata: { name: NAME, namespace: 'default', uid: 'uid-m', annotations, finalizers: ['inferenceservice.finalizers'] },
    spec: { predictor: { minReplicas: 1, ...(r.max ? { maxReplicas: r.max } : {}), ...(r.predictorName ? { name: r.predictorName } : {}) }, ...(r.transformer ? { transformer: {} } : {}), ...(r.explainer ? { explainer: {} } : {}) },
  } satisfies InferenceService;
});

const arbHpa = (name: string): fc.Arbitrary<Hpa> => fc.record({
  protect: fc.boolean(),
  owned: fc.constantFrom(false, false, false, true),
  min: fc.integer({ min: 1, max: 3 }),
  target: fc.constantFrom('m-predictor', 'm-transformer', 'm-v2-predictor'),
}).map((r) => ({
  apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler',
  metadata: { name, namespace: 'default', uid: `uid-${name}`, ...(r.protect ? { finalizers: ['kserve.io/protect'] } : {}), ...(r.owned ? { ownerReferences: OWNER } : {}) },
  spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: r.target }, minReplicas: r.min, maxReplicas: 6 },
}));

interface Case {
  scenario: Scenario;
  tag: string;
}

const arbCase: fc.Arbitrary<Case> = fc.record({
  isvc: arbIsvc,
  hpas: fc.uniqueArray(fc.constantFrom(...HPA_NAMES), { minLength: 1, maxLength: 2 }).chain((names) => fc.tuple(...names.map(arbHpa))),
  hpaFirst: fc.constantFrom(false, false, true),
  tag: fc.constantFrom(...KNOWN_TAGS),
  defaulting: fc.boolean(),
  clusterMode: fc.constantFrom('RawDeployment' as const, 'Serverless' as const),
}).map((r) => {
  const objects: KubeObject[] = r.hpaFirst ? [...r.hpas, r.isvc] : [r.isvc, ...r.hpas];
  return {
    tag: r.tag,
    scenario: {
      objects: objects.map((object, i) => ({ object, position: { file: 'random.yaml', line: i + 1, column: 1 } })),
      events: [],
      settings: { ...DEFAULT_SETTINGS, versions: [r.tag], apiServerDefaulting: r.defaulting, defaultDeploymentMode: r.clusterMode },
    },
  };
});

/** A walk through the explorer's own event space: at each state, the candidate picked by index. */
function randomWalk(scenario: Scenario, tag: string, picks: readonly number[]): ControllerEvent[] {
  const actor = createActor(controllerMachine, { input: { tag, options: modelOptions(scenario) } });
  actor.start();
  for (const { object } of scenario.objects) actor.send({ type: 'object.apply', object });
  const space = spaceOptions(scenario, {});
  const events: ControllerEvent[] = [];
  for (const pick of picks) {
    const candidates = candidateEvents(actor.getSnapshot().context, space);
    if (candidates.length === 0) break;
    const event = candidates[pick % candidates.length]!;
    events.push(event);
    actor.send(event);
  }
  actor.stop();
  return events;
}

/** The names KServe gives this InferenceService's components in any release (v0.20 reads spec.predictor.name). */
const componentNames = (scenario: Scenario): string[] => {
  const isvc = scenario.objects.map((o) => o.object).find((o): o is InferenceService => o.kind === 'InferenceService')!;
  const names = componentsOf(isvc).map((c) => componentName(isvc.metadata.name, c));
  return isvc.spec.predictor?.name ? [...names, componentName(isvc.metadata.name, 'predictor', isvc.spec.predictor.name)] : names;
};

describe('explorer properties', () => {
  it('a reported loss replays to the same verdict, at the same step, and is a shortest one', () => {
    fc.assert(fc.property(arbCase, ({ scenario, tag }) => {
      const result = findShortestLoss(scenario, tag, { depth: DEPTH });
      if (!result.found) return;
      const run = replay(scenario, tag, result.events);
      for (const loss of result.losses) {
        const verdict = run.verdicts.find((v) => v.hpa === loss.hpa);
        expect(verdict?.firstLossStep).toBe(loss.step);
        expect(verdict?.history).toContainEqual({ step: loss.step, kind: loss.kind });
      }
      // A harm while the objects are applied has no events; otherwise it comes with the last event.
      if (result.events.length === 0) expect(result.loss.step).toBeLessThanOrEqual(scenario.objects.length);
      else expect(result.loss.step).toBe(scenario.objects.length + result.events.length);
      if (result.events.length > 0) expect(findShortestLoss(scenario, tag, { depth: result.events.length - 1 }).found).toBe(false);
    }), { numRuns: 150 });
  });

  // KServe looks HPAs up by the component's exact name (behaviour.md §4.1), so its own writes only
  // ever harm an HPA with such a name. The other two harms need no name: a conflict needs a second
  // HPA on the same Deployment, a fought scale needs the HPA to scale a Deployment KServe pins.
  it('harms by KServe\'s writes only hit HPAs named like a component; conflicts and fights need a shared or pinned target', () => {
    fc.assert(fc.property(arbCase, fc.boolean(), ({ scenario, tag }, userRemovals) => {
      const result = findShortestLoss(scenario, tag, { depth: DEPTH, userRemovals });
      if (!result.found) return;
      const run = replay(scenario, tag, result.events);
      const step = run.steps[result.loss.step - 1]!;
      for (const loss of result.losses) {
        if (loss.kind === 'conflict') {
          const hpa = step.hpas.find((h) => h.name === loss.hpa)!;
          expect(step.hpas.filter((h) => h.scaleTarget === hpa.scaleTarget).length).toBeGreaterThan(1);
        } else if (loss.kind === 'fought') {
          const hpa = step.hpas.find((h) => h.name === loss.hpa)!;
          expect(step.deploymentWrites.some((w) => w.kind === 'pinned' && w.undid === loss.hpa && `Deployment/${w.name}` === hpa.scaleTarget)).toBe(true);
          expect(componentNames(scenario).map((n) => `Deployment/${n}`)).toContain(hpa.scaleTarget);
        } else {
          expect(componentNames(scenario)).toContain(loss.hpa);
        }
      }
    }), { numRuns: 150 });
  });

  it('the default space is what the cluster does by itself: no class switches, no removals, GitOps syncs included', () => {
    fc.assert(fc.property(arbCase, fc.array(fc.nat(), { maxLength: 3 }), ({ scenario, tag }, picks) => {
      const events = randomWalk(scenario, tag, picks);
      const actor = createActor(controllerMachine, { input: { tag, options: modelOptions(scenario) } });
      actor.start();
      for (const { object } of scenario.objects) actor.send({ type: 'object.apply', object });
      for (const event of events) actor.send(event);
      const context = actor.getSnapshot().context;
      actor.stop();
      const types = candidateEvents(context, spaceOptions(scenario, {})).map((e) => e.type);
      expect(types).toContain('gitops.sync');
      for (const excluded of ['isvc.annotate', 'isvc.delete', 'hpa.delete', 'hpa.removeFinalizer', 'object.apply'] as const) expect(types).not.toContain(excluded);
      const edits = candidateEvents(context, spaceOptions(scenario, { includeEdits: true })).filter((e) => e.type === 'isvc.annotate');
      if (context.cluster.isvcs.length > 0) expect(edits.length).toBeGreaterThan(0);
    }), { numRuns: 60 });
  });

  it('"no loss within depth N" holds for random walks of up to N events through the same space', () => {
    fc.assert(fc.property(arbCase, fc.array(fc.nat(), { maxLength: DEPTH }), ({ scenario, tag }, picks) => {
      const result = findShortestLoss(scenario, tag, { depth: DEPTH });
      const events = randomWalk(scenario, tag, picks);
      const lost = replay(scenario, tag, events).verdicts.filter((v) => v.firstLossStep !== null);
      if (!result.found) expect(lost).toEqual([]);
      // And a walk never loses sooner than the shortest loss.
      else for (const v of lost) expect(v.firstLossStep).toBeGreaterThanOrEqual(result.loss.step);
    }), { numRuns: 150 });
  });

  it('every suggested change, applied, leaves no loss within the depth (search and random walks)', () => {
    fc.assert(fc.property(arbCase, fc.array(fc.array(fc.nat(), { maxLength: 3 }), { minLength: 3, maxLength: 3 }), ({ scenario, tag }, walks) => {
      const depth = 3;
      const safe = findSafeChanges(scenario, tag, { depth, maxChanges: 2 });
      for (const suggestion of safe) {
        expect(suggestion.changes.length).toBeGreaterThan(0);
        expect(suggestion.changes.length).toBeLessThanOrEqual(2);
        const applied = applySafeChange(scenario, tag, suggestion);
        expect(applied.tag).toBe(suggestion.tag);
        const result = findShortestLoss(applied.scenario, applied.tag, { depth });
        expect(result.found).toBe(false);
        expect(!result.found && result.refused).toBeUndefined();
        for (const picks of walks) {
          const events = randomWalk(applied.scenario, applied.tag, picks);
          expect(replay(applied.scenario, applied.tag, events).verdicts.filter((v) => v.firstLossStep !== null)).toEqual([]);
        }
      }
      // Cheapest first: a suggestion made only of manifest edits never comes after one that
      // needs a downgrade, and a pair is never offered when one of its halves is safe alone.
      const editsOnly = (s: typeof safe[number]) => s.changes.every((c) => c.kind === 'edit' && c.edit !== 'deployment-mode');
      const downgrade = (s: typeof safe[number]) => s.changes.some((c) => c.kind === 'release' && compareTags(c.to, tag) < 0);
      const lastEdits = safe.map(editsOnly).lastIndexOf(true);
      const firstDowngrade = safe.findIndex(downgrade);
      if (lastEdits >= 0 && firstDowngrade >= 0) expect(lastEdits).toBeLessThan(firstDowngrade);
      const singleIds = new Set(safe.filter((s) => s.changes.length === 1).map((s) => JSON.stringify(s.changes[0])));
      for (const pair of safe.filter((s) => s.changes.length === 2)) {
        expect(pair.changes.some((c) => singleIds.has(JSON.stringify(c)))).toBe(false);
      }
    }), { numRuns: 25 });
  });
});
