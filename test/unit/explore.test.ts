/**
 * The explorer against expectations reasoned out from behaviour.md (§0, §4, §6), preset by preset
 * and release by release. The search starts after the preset's objects and ignores its events;
 * class switches (hpa, external, none, keda) are part of the space, the user's own removals are not.
 */
import { describe, expect, it } from 'vitest';
import type { Hpa, InferenceService } from '../../engine/k8s/types.ts';
import { applyEdits, applySafeChange, catalogue, findSafeChanges, findShortestLoss, replay, type ShortestLoss } from '../../engine/explore/index.ts';
import { checkLine } from '../../engine/explore/report.ts';
import { getRelease, KNOWN_TAGS } from '../../engine/kserve/releases.ts';
import { formatEvent } from '../../engine/machine/events.ts';
import type { Scenario } from '../../engine/scenario/scenario.ts';
import { loadPreset, presetIds } from '../support/presets.ts';

const TAGS = ['v0.12.0', 'v0.14.1', 'v0.15.0', 'v0.15.2', 'v0.16.0'] as const;
const TO_HPA = 'isvc-annotate:serving.kserve.io/autoscalerClass=hpa';

/** `<hpa> <kind> after: <events>` or `none`. */
function summary(result: ShortestLoss): string {
  if (!result.found) return 'none';
  return `${result.loss.hpa} ${result.loss.kind} after: ${result.events.map(formatEvent).join(', ')}`;
}

/*
 * Why each row holds (class switches are in the space):
 * - kserve-4312 (RawDeployment, external, user HPA named my-isvc-predictor):
 *   v0.12.0: external is a NoOpAutoscaler (§4.2), so pod churn does nothing; switching the class to
 *   hpa makes the HPA reconciler find the same-named HPA, unequal → Update: KServe overwrites it.
 *   v0.14.1 / v0.15.0: the first reconcile (one pod event) deletes it (§4.3 step 4, no owner check).
 *   v0.15.2: not owned by an ISVC → Update (§4.4, upstream "do not delete … not owned" expects
 *   update): spec, labels, annotations and ownerRef replaced, which verdict.ts calls overwritten.
 *   v0.16.0: the delete check runs first but needs an ISVC owner → Update again (§4.5).
 * - finalizer-workaround: as 4312, but in the buggy releases Delete only marks the protected HPA
 *   Terminating (§6) — still a loss ("stuck Terminating"); the fixed releases' Update drops the
 *   finalizer and overwrites it.
 * - isvc-deletion: the same-named HPA as 4312 (mode from the cluster default, RawDeployment); the
 *   differently named my-isvc-custom-hpa is never looked up and is never the lost one.
 * - several-components: predictor and transformer HPAs collide; both are lost at the same step,
 *   the predictor is reported first (it is applied first and reconciled first).
 * - different-name-hpa: KServe only Gets `<isvc>-predictor` (§4.1); even under class hpa it
 *   creates its own HPA beside the user's. No loss in any release.
 * - serverless: the HPA reconciler never runs in Serverless (§2), whatever the class.
 * - stop-annotation, switch-hpa-to-*: no user HPA at all (only KServe's own), nothing to lose.
 */
const EXPECTED: Record<string, Record<(typeof TAGS)[number], string>> = {
  'kserve-4312': {
    'v0.12.0': `my-isvc-predictor overwritten after: ${TO_HPA}`,
    'v0.14.1': 'my-isvc-predictor deleted after: pod-created',
    'v0.15.0': 'my-isvc-predictor deleted after: pod-created',
    'v0.15.2': 'my-isvc-predictor overwritten after: pod-created',
    'v0.16.0': 'my-isvc-predictor overwritten after: pod-created',
  },
  'finalizer-workaround': {
    'v0.12.0': `my-isvc-predictor overwritten after: ${TO_HPA}`,
    'v0.14.1': 'my-isvc-predictor terminating after: pod-created',
    'v0.15.0': 'my-isvc-predictor terminating after: pod-created',
    'v0.15.2': 'my-isvc-predictor overwritten after: pod-created',
    'v0.16.0': 'my-isvc-predictor overwritten after: pod-created',
  },
  'isvc-deletion': {
    'v0.12.0': `my-isvc-predictor overwritten after: ${TO_HPA}`,
    'v0.14.1': 'my-isvc-predictor deleted after: pod-created',
    'v0.15.0': 'my-isvc-predictor deleted after: pod-created',
    'v0.15.2': 'my-isvc-predictor overwritten after: pod-created',
    'v0.16.0': 'my-isvc-predictor overwritten after: pod-created',
  },
  'several-components': {
    'v0.12.0': `income-model-predictor overwritten after: ${TO_HPA}`,
    'v0.14.1': 'income-model-predictor deleted after: pod-created',
    'v0.15.0': 'income-model-predictor deleted after: pod-created',
    'v0.15.2': 'income-model-predictor overwritten after: pod-created',
    'v0.16.0': 'income-model-predictor overwritten after: pod-created',
  },
  'different-name-hpa': { 'v0.12.0': 'none', 'v0.14.1': 'none', 'v0.15.0': 'none', 'v0.15.2': 'none', 'v0.16.0': 'none' },
  serverless: { 'v0.12.0': 'none', 'v0.14.1': 'none', 'v0.15.0': 'none', 'v0.15.2': 'none', 'v0.16.0': 'none' },
  // A differently named user HPA: KServe only ever looks up fraud-detector-predictor.
  'legacy-mode-annotation': { 'v0.12.0': 'none', 'v0.14.1': 'none', 'v0.15.0': 'none', 'v0.15.2': 'none', 'v0.16.0': 'none' },
  'stop-annotation': { 'v0.12.0': 'none', 'v0.14.1': 'none', 'v0.15.0': 'none', 'v0.15.2': 'none', 'v0.16.0': 'none' },
  'switch-hpa-to-external': { 'v0.12.0': 'none', 'v0.14.1': 'none', 'v0.15.0': 'none', 'v0.15.2': 'none', 'v0.16.0': 'none' },
  'switch-hpa-to-keda': { 'v0.12.0': 'none', 'v0.14.1': 'none', 'v0.15.0': 'none', 'v0.15.2': 'none', 'v0.16.0': 'none' },
  'switch-hpa-to-none': { 'v0.12.0': 'none', 'v0.14.1': 'none', 'v0.15.0': 'none', 'v0.15.2': 'none', 'v0.16.0': 'none' },
};

describe('shortest loss per gallery preset', () => {
  it('has an expectation for every preset', () => {
    expect(Object.keys(EXPECTED).sort()).toEqual(presetIds());
  });

  for (const id of presetIds()) {
    const scenario = loadPreset(id);
    for (const tag of TAGS) {
      it(`${id} @ ${tag}: ${EXPECTED[id]?.[tag]}`, () => {
        const result = findShortestLoss(scenario, tag, { depth: 6 });
        expect(summary(result)).toBe(EXPECTED[id]![tag]);
        if (result.found) {
          // The loss is at the first event after the objects, and the verdicts say so too.
          expect(result.loss.step).toBe(scenario.objects.length + result.events.length);
          const verdict = replay(scenario, tag, result.events).verdicts.find((v) => v.hpa === result.loss.hpa);
          expect(verdict?.firstLossStep).toBe(result.loss.step);
        } else {
          expect(result.depth).toBe(6);
        }
      });
    }
  }

  it('several-components loses both colliding HPAs at once', () => {
    const result = findShortestLoss(loadPreset('several-components'), 'v0.14.1');
    expect(result.found && result.losses).toEqual([
      { hpa: 'income-model-predictor', kind: 'deleted', step: 4 },
      { hpa: 'income-model-transformer', kind: 'deleted', step: 4 },
    ]);
  });

  it('kserve-4312 in every modelled release follows its behaviour family', () => {
    const scenario = loadPreset('kserve-4312');
    const byFamily = {
      'noop-external': `my-isvc-predictor overwritten after: ${TO_HPA}`,
      'delete-on-annotation': 'my-isvc-predictor deleted after: pod-created',
      'owner-checked': 'my-isvc-predictor overwritten after: pod-created',
      'delete-check-first': 'my-isvc-predictor overwritten after: pod-created',
    } as const;
    for (const tag of KNOWN_TAGS) {
      expect({ tag, loss: summary(findShortestLoss(scenario, tag)) }).toEqual({ tag, loss: byFamily[getRelease(tag).behaviour.id] });
    }
  });

  it('is deterministic', () => {
    const scenario = loadPreset('isvc-deletion');
    expect(findShortestLoss(scenario, 'v0.15.2')).toEqual(findShortestLoss(scenario, 'v0.15.2'));
    expect(findSafeChanges(scenario, 'v0.15.2')).toEqual(findSafeChanges(scenario, 'v0.15.2'));
  });

  it('ignores the scenario events: stop-annotation has none of its own HPAs to lose', () => {
    const result = findShortestLoss(loadPreset('stop-annotation'), 'v0.16.0');
    expect(result).toEqual({ found: false, tag: 'v0.16.0', depth: 6, statesVisited: 1 });
  });
});

describe('search options and edge cases', () => {
  it('without class switches, pre-bug external never touches the same-named HPA', () => {
    const scenario = loadPreset('kserve-4312');
    const result = findShortestLoss(scenario, 'v0.12.0', { classes: [] });
    expect(result.found).toBe(false);
    expect(result.statesVisited).toBeGreaterThan(1);
  });

  it('the user removing their own HPA is not a loss, even when the search may do it', () => {
    const result = findShortestLoss(loadPreset('different-name-hpa'), 'v0.15.2', { userRemovals: true });
    expect(result.found).toBe(false);
    // The space is larger with removals: deleted, re-applied, ISVC deleted …
    expect(result.statesVisited).toBeGreaterThan(findShortestLoss(loadPreset('different-name-hpa'), 'v0.15.2').statesVisited);
  });

  it('depth 0 looks at the objects only', () => {
    const result = findShortestLoss(loadPreset('kserve-4312'), 'v0.14.1', { depth: 0 });
    expect(result).toMatchObject({ found: false, depth: 0, statesVisited: 1 });
  });

  /** The 4312 objects in the other order, class hpa: the ISVC's first reconcile finds the user's HPA. */
  function hpaFirst(): Scenario {
    const base = loadPreset('kserve-4312');
    const isvc = base.objects[0]!.object as InferenceService;
    expect((base.objects[1]!.object as Hpa).metadata.name).toBe('my-isvc-predictor');
    const hpaClass = { ...isvc, metadata: { ...isvc.metadata, annotations: { ...isvc.metadata.annotations, 'serving.kserve.io/autoscalerClass': 'hpa' } } };
    return { ...base, objects: [base.objects[1]!, { ...base.objects[0]!, object: hpaClass }] };
  }

  it('agrees with the verdicts when applying the InferenceService overwrites an HPA applied before it', () => {
    // KServe Updates (adopts) the HPA while the ISVC is applied (step 2): that is KServe's doing,
    // not the user's, so the verdict and the explorer both count it as the first loss.
    const scenario = hpaFirst();
    const run = replay(scenario, 'v0.14.1', []);
    expect(run.steps[1]!.decisions.map((d) => d.call?.verb)).toEqual(['Update']);
    const verdict = run.verdicts.find((v) => v.hpa === 'my-isvc-predictor')!;
    expect(verdict.fate).toBe('overwritten');
    expect(verdict.firstLossStep).toBe(2);
  });

  it('finds a loss while the objects are applied', () => {
    const result = findShortestLoss(hpaFirst(), 'v0.14.1');
    expect(result).toMatchObject({ found: true, events: [], loss: { hpa: 'my-isvc-predictor', kind: 'overwritten', step: 2 } });
    expect(checkLine(result)).toBe('v0.14.1: LOSS my-isvc-predictor overwritten after: applying the objects');
  });

  it('reports a refused InferenceService instead of a loss (class none before v0.15.1)', () => {
    const base = loadPreset('kserve-4312');
    const none = catalogue(base, 'v0.14.1').find((e) => e.id === 'class:none')!;
    const result = findShortestLoss(applyEdits(base, [none]), 'v0.14.1');
    expect(result.found).toBe(false);
    expect(!result.found && result.refused).toMatch(/none/);
    expect(checkLine(result)).toMatch(/^v0\.14\.1: ok, the webhook refuses the InferenceService/);
  });

  it('without API-server defaulting the fixed release still overwrites (the user spec differs)', () => {
    const result = findShortestLoss(loadPreset('kserve-4312'), 'v0.15.2', { apiServerDefaulting: false });
    expect(summary(result)).toBe('my-isvc-predictor overwritten after: pod-created');
  });

  it('check lines', () => {
    const scenario = loadPreset('kserve-4312');
    expect(checkLine(findShortestLoss(scenario, 'v0.14.1'))).toBe('v0.14.1: LOSS my-isvc-predictor deleted after: pod-created');
    expect(checkLine(findShortestLoss(loadPreset('serverless'), 'v0.14.1'))).toMatch(/^v0\.14\.1: ok, no loss within depth 6 \(\d+ states?\)$/);
  });
});

describe('smallest safe change', () => {
  const scenario = loadPreset('kserve-4312');

  for (const tag of ['v0.14.1', 'v0.15.2'] as const) {
    it(`kserve-4312 @ ${tag}: rename the HPA, or run Serverless`, () => {
      const safe = findSafeChanges(scenario, tag, { depth: 6, maxChanges: 2 });
      expect(safe.map((s) => s.changes.map((c) => (c.kind === 'edit' ? c.id : `release:${c.to}`)))).toEqual([
        ['rename:my-isvc-predictor'],
        ['mode:Serverless'],
      ]);
      const [rename, mode] = safe.map((s) => s.changes[0]!);
      expect(rename).toMatchObject({ kind: 'edit', edit: 'rename-hpa', object: 'HorizontalPodAutoscaler/my-isvc-predictor', field: 'metadata.name', from: 'my-isvc-predictor', to: 'my-isvc-predictor-hpa' });
      expect(rename!.kind === 'edit' && rename!.diff).toContain('-  name: my-isvc-predictor\n+  name: my-isvc-predictor-hpa');
      expect(mode).toMatchObject({ kind: 'edit', edit: 'deployment-mode', object: 'InferenceService/my-isvc', field: 'metadata.annotations["serving.kserve.io/deploymentMode"]', from: 'RawDeployment', to: 'Serverless' });
      expect(safe.every((s) => s.tag === tag && s.description.length > 0)).toBe(true);
    });
  }

  it('kserve-4312: no release alone is safe (a class switch to hpa adopts the same-named HPA everywhere)', () => {
    const safe = findSafeChanges(scenario, 'v0.14.1', { maxChanges: 1 });
    expect(safe.some((s) => s.changes.some((c) => c.kind === 'release'))).toBe(false);
  });

  it('v0.16 spells the mode the way it records it, so the webhook keeps accepting edits', () => {
    const safe = findSafeChanges(scenario, 'v0.16.0');
    expect(safe.map((s) => s.changes[0]).find((c) => c?.kind === 'edit' && c.edit === 'deployment-mode')).toMatchObject({ to: 'Knative' });
  });

  it('several-components needs both HPAs renamed (a pair), or Serverless (one edit), fewest first', () => {
    const safe = findSafeChanges(loadPreset('several-components'), 'v0.14.1');
    expect(safe.map((s) => s.changes.length)).toEqual([1, 2]);
    expect(safe[1]!.changes.map((c) => c.kind === 'edit' && c.id)).toEqual(['rename:income-model-predictor', 'rename:income-model-transformer']);
  });

  it('an already safe scenario needs no change', () => {
    expect(findSafeChanges(loadPreset('different-name-hpa'), 'v0.14.1')).toEqual([]);
  });

  it('never suggests a change the webhook refuses, nor a superset of a safe change', () => {
    for (const id of ['kserve-4312', 'finalizer-workaround', 'isvc-deletion', 'several-components']) {
      const base = loadPreset(id);
      for (const tag of ['v0.12.0', 'v0.14.1', 'v0.15.2']) {
        const safe = findSafeChanges(base, tag);
        const singles = new Set(safe.filter((s) => s.changes.length === 1).map((s) => JSON.stringify(s.changes[0])));
        for (const s of safe) {
          const applied = applySafeChange(base, tag, s);
          const result = findShortestLoss(applied.scenario, applied.tag);
          expect(result.found || result.refused !== undefined, `${id} @ ${tag}: ${s.description}`).toBe(false);
          if (s.changes.length === 2) expect(s.changes.some((c) => singles.has(JSON.stringify(c)))).toBe(false);
        }
      }
    }
  });
});
