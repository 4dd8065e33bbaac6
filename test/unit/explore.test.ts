/**
 * The explorer against expectations reasoned out from behaviour.md (§0, §4, §6) and
 * the source notes (content/docs/reference/source-notes.md §9), preset by preset and release by release. The search starts after the
 * preset's objects and ignores its events; it looks for every harm (deleted, Terminating,
 * overwritten, conflict, scaling fought). By default the space is what the cluster does by itself;
 * class switches come in with includeEdits, the user's own removals with userRemovals.
 */
import { describe, expect, it } from 'vitest';
import type { Hpa, InferenceService } from '../../engine/k8s/types.ts';
import { applyEdits, applySafeChange, catalogue, findSafeChanges, findShortestLoss, replay, type SafeChange, type ShortestLoss } from '../../engine/explore/index.ts';
import { checkLine, lossMessage, safeChangeMessage } from '../../engine/explore/report.ts';
import { spaceOptions } from '../../engine/explore/search.ts';
import { renderMessage } from '../../engine/i18n/render.ts';
import { KNOWN_TAGS } from '../../engine/kserve/releases.ts';
import { compareTags } from '../../engine/kserve/tags.ts';
import { formatEvent } from '../../engine/machine/events.ts';
import type { Scenario } from '../../engine/scenario/scenario.ts';
import { loadPreset, presetIds } from '../support/presets.ts';

const TAGS = ['v0.12.0', 'v0.14.1', 'v0.15.0', 'v0.15.2', 'v0.16.0', 'v0.20.0'] as const;
type Tag = (typeof TAGS)[number];

/** `<namespace>/<hpa> <harm> after: <events>`, `… after: (objects)` for a harm while applying them, `refused` or `none`. */
function summary(result: ShortestLoss): string {
  if (!result.found) return result.refused !== undefined ? 'refused' : 'none';
  const how = result.events.length === 0 ? `(objects, step ${result.loss.step})` : result.events.map(formatEvent).join(', ');
  return `${result.loss.namespace}/${result.loss.hpa} ${result.loss.kind} after: ${how}`;
}

const every = (outcome: string): Record<Tag, string> => Object.fromEntries(TAGS.map((t) => [t, outcome])) as Record<Tag, string>;
/** The three eras of a same-named user HPA under class external, hit by the first pod event of `isvc`. */
const sameNameExternal = (hpa: string, isvc: string, buggy: 'deleted' | 'terminating' = 'deleted'): Record<Tag, string> => ({
  'v0.12.0': 'none',
  'v0.14.1': `${hpa} ${buggy} after: pod-created@${isvc}`,
  'v0.15.0': `${hpa} ${buggy} after: pod-created@${isvc}`,
  'v0.15.2': `${hpa} overwritten after: pod-created@${isvc}`,
  'v0.16.0': `${hpa} overwritten after: pod-created@${isvc}`,
  'v0.20.0': `${hpa} overwritten after: pod-created@${isvc}`,
});
/** A distinct-named user HPA under a pinning class: only v0.15.0-rc0 … v0.15.0 (external) fight its scaling. */
const pinnedUnderExternal = (hpa: string, isvc: string): Record<Tag, string> => ({ ...every('none'), 'v0.15.0': `${hpa} fought after: hpa-scaled:3@${isvc}` });

/*
 * Why each row holds. The space is what the cluster does by itself (issue 12): pod churn, HPA
 * scaling, resyncs, restarts, the pending upgrade, GitOps syncs; no class switches, no removals.
 * Candidate order (space.ts): per InferenceService pod-created, pod-deleted, hpa-scaled; then
 * resync, restart, upgrade, gitops-sync; the first harm in breadth-first order is reported.
 * - Same-named user HPA under external (kserve-4312, gitops-loop, rename-migration,
 *   same-name-two-namespaces, several-components, namespace-dump's fraud-detector):
 *   v0.12.0: external is a NoOpAutoscaler (behaviour.md §4.2), nothing touches it.
 *   v0.14.1, v0.15.0: the first reconcile deletes it (§4.3 step 4, no owner check).
 *   v0.15.2+: not owned by an ISVC → Update (§4.4/§4.5; upstream "do not delete … not owned").
 * - finalizer-workaround: as 4312, but the buggy Delete only leaves the HPA Terminating (§6).
 * - isvc-deletion, two-hpas-one-deployment: two HPAs scale one Deployment once the objects are
 *   applied (a user HPA beside another user HPA, or beside KServe's own under class hpa), so since
 *   Kubernetes 1.26 neither scales (issue 12, kubernetes#112011): a conflict in every release.
 * - Pinned replicas (research-10-12.md E1): v0.15.0-rc0 … v0.15.0 hold a class-external
 *   Deployment at minReplicas, so a distinct-named HPA's scale-up is undone (different-name-hpa,
 *   scaling-fought-v0150, legacy-mode-annotation, namespace-dump's churn-model, whose events come
 *   first); from v0.15.1 the pin is class none (scaling-fought-none), which the webhook refuses
 *   before v0.15.1.
 * - serverless, v020-predictor-name before v0.16 (Standard is not a mode there, so the Serverless
 *   default applies): the HPA reconciler never runs (§2).
 * - v020-predictor-name: v0.16.0 ignores spec.predictor.name, so the predictor is summarizer-predictor,
 *   the user HPA's name → overwritten; v0.20.0 names it summarizer-v2-predictor and never looks the
 *   user HPA up (research B1).
 * - unrecognised-mode-v017: ocr's component annotation Knative fails the strict parse from
 *   v0.17.0-rc0 before any Deployment or HPA (research A1), so nothing can reach its HPA in v0.20.0;
 *   before v0.16 "Standard" is unknown and the RawDeployment default applies.
 * - upgrade-from-v0.12: every run starts on v0.12.0 (NoOp); the pending upgrade reconciles with the
 *   target's rules; v0.12.0 itself has no upgrade to make.
 * - canary-v020: KServe's own HPAs only (stable and canary), no user HPA.
 * - upgrade-across-mode-rename: starts on v0.15.2, whose first pod event already overwrites.
 * - stop-annotation, switch-hpa-to-*, keda-switch-refused: no user HPA at all, nothing to harm.
 * - memory-target-overwritten: the user HPA is applied first, so the ISVC's own apply (step 2) finds a
 *   same-named HPA under class hpa and Updates it in every release (hpa_reconciler.go Reconcile's
 *   update branch, source notes §11.1).
 * - KEDA (source notes §KEDA): the user HPA is the one KEDA keeps for the user's ScaledObject.
 *   keda-external-fought: keda-hpa-fraud has a name KServe never looks up, so only the v0.15.0
 *   pin defeats it, at the first scale (as scaling-fought-v0150). keda-same-name: KEDA's HPA is
 *   named fraud-predictor, so it is a same-named HPA under external; KEDA creating it again in
 *   the same step does not undo the harm.
 */
const EXPECTED: Record<string, Record<Tag, string>> = {
  'kserve-4312': sameNameExternal('ml-serving/my-isvc-predictor', 'ml-serving/my-isvc'),
  'finalizer-workaround': sameNameExternal('ml-serving/my-isvc-predictor', 'ml-serving/my-isvc', 'terminating'),
  'isvc-deletion': every('ml-serving/my-isvc-predictor conflict after: (objects, step 3)'),
  'several-components': sameNameExternal('risk/income-model-predictor', 'risk/income-model'),
  'different-name-hpa': pinnedUnderExternal('kserve-test/sklearn-iris-custom-hpa', 'kserve-test/sklearn-iris'),
  serverless: every('none'),
  'legacy-mode-annotation': pinnedUnderExternal('risk-scoring/fraud-detector-cpu', 'risk-scoring/fraud-detector'),
  'stop-annotation': every('none'),
  'switch-hpa-to-external': every('none'),
  'switch-hpa-to-keda': every('none'),
  'switch-hpa-to-none': every('none'),
  'keda-external-fought': pinnedUnderExternal('risk/keda-hpa-fraud', 'risk/fraud'),
  'keda-same-name': sameNameExternal('risk/fraud-predictor', 'risk/fraud'),
  'keda-switch-refused': every('none'),
  'namespace-dump': { ...sameNameExternal('ml/fraud-detector-predictor', 'ml/fraud-detector'), 'v0.15.0': 'ml/churn-model-cpu fought after: hpa-scaled:3@ml/churn-model' },
  'same-name-two-namespaces': sameNameExternal('team-a/sentiment-predictor', 'team-a/sentiment'),
  'scaling-fought-v0150': pinnedUnderExternal('imaging/vision-autoscaler', 'imaging/vision'),
  'scaling-fought-none': {
    'v0.12.0': 'refused', 'v0.14.1': 'refused', 'v0.15.0': 'refused',
    'v0.15.2': 'genai/llm-gateway-hpa fought after: hpa-scaled:3@genai/llm-gateway',
    'v0.16.0': 'genai/llm-gateway-hpa fought after: hpa-scaled:3@genai/llm-gateway',
    'v0.20.0': 'genai/llm-gateway-hpa fought after: hpa-scaled:3@genai/llm-gateway',
  },
  'two-hpas-one-deployment': every('shop/catalog-search-hpa conflict after: (objects, step 2)'),
  'gitops-loop': sameNameExternal('search/reranker-predictor', 'search/reranker'),
  'rename-migration': sameNameExternal('shop/pricing-predictor', 'shop/pricing'),
  'unrecognised-mode-v017': { ...sameNameExternal('docs-ai/ocr-predictor', 'docs-ai/ocr'), 'v0.20.0': 'none' },
  // Buggy releases delete it at the restart. The fixed releases adopt it in the upgrade's first pass
  // (overwritten) and write status.deploymentMode (v0.12.0 wrote none); that status update queues the
  // InferenceService again at once (For without predicate), and the second pass deletes it.
  'upgrade-from-v0.12': { ...every('payments/risk-scorer-predictor overwritten after: controller-upgraded'), 'v0.14.1': 'payments/risk-scorer-predictor deleted after: controller-upgraded', 'v0.15.0': 'payments/risk-scorer-predictor deleted after: controller-upgraded', 'v0.12.0': 'none' },
  'upgrade-across-mode-rename': every('recsys/embedder-predictor overwritten after: pod-created@recsys/embedder'),
  // No user HPA: KServe's own (stable and canary) are not the user's to lose.
  'canary-v020': every('none'),
  'memory-target-overwritten': every('ml-serving/my-isvc-predictor overwritten after: (objects, step 2)'),
  'v020-predictor-name': { ...every('none'), 'v0.16.0': 'nlp/summarizer-predictor overwritten after: pod-created@nlp/summarizer' },
  // No user HPA: the rollout drops KServe's own HPA's Deployment to 1 (source notes §11.3), a capacity drop, not an HPA's harm.
  'rollout-capacity-drop': every('none'),
  // No user HPA, and class none creates none; the webhook refuses class none before v0.15.1 (source notes §2.1).
  'canary-readiness-master': { ...every('none'), 'v0.12.0': 'refused', 'v0.14.1': 'refused', 'v0.15.0': 'refused' },
};

describe('shortest harm per gallery preset', () => {
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
          // The harm comes with the last event (or while the objects are applied), and the verdicts say so too.
          if (result.events.length > 0) expect(result.loss.step).toBe(scenario.objects.length + result.events.length);
          else expect(result.loss.step).toBeLessThanOrEqual(scenario.objects.length);
          const verdict = replay(scenario, tag, result.events).verdicts.find((v) => v.hpa === result.loss.hpa && v.namespace === result.loss.namespace);
          expect(verdict?.firstLossStep).toBe(result.loss.step);
          expect(verdict?.history).toContainEqual({ step: result.loss.step, kind: result.loss.kind });
        } else {
          expect(result.depth).toBe(6);
        }
      });
    }
  }

  it('several-components harms both colliding HPAs at once', () => {
    const result = findShortestLoss(loadPreset('several-components'), 'v0.14.1');
    expect(result.found && result.losses).toEqual([
      { hpa: 'income-model-predictor', namespace: 'risk', kind: 'deleted', step: 4 },
      { hpa: 'income-model-transformer', namespace: 'risk', kind: 'deleted', step: 4 },
    ]);
  });

  it('isvc-deletion: both user HPAs on one Deployment are in conflict', () => {
    const result = findShortestLoss(loadPreset('isvc-deletion'), 'v0.15.2');
    expect(result.found && result.losses).toEqual([
      { hpa: 'my-isvc-predictor', namespace: 'ml-serving', kind: 'conflict', step: 3 },
      { hpa: 'my-isvc-custom-hpa', namespace: 'ml-serving', kind: 'conflict', step: 3 },
    ]);
  });

  // Releases chosen by tag (issue 9), with the eras from behaviour.md §0 and research-10-12.md E1.
  it('kserve-4312 in every modelled release: the era of its tag decides', () => {
    const scenario = loadPreset('kserve-4312');
    const expected = (tag: string): string => {
      if (compareTags(tag, 'v0.13.0-rc1') < 0) return 'none';
      if (compareTags(tag, 'v0.15.1') < 0) return 'ml-serving/my-isvc-predictor deleted after: pod-created@ml-serving/my-isvc';
      return 'ml-serving/my-isvc-predictor overwritten after: pod-created@ml-serving/my-isvc';
    };
    for (const tag of KNOWN_TAGS) expect({ tag, harm: summary(findShortestLoss(scenario, tag)) }).toEqual({ tag, harm: expected(tag) });
  });

  it('different-name-hpa in every modelled release: only v0.15.0-rc0 … v0.15.0 fight its scaling', () => {
    const scenario = loadPreset('different-name-hpa');
    for (const tag of KNOWN_TAGS) {
      const pinned = compareTags(tag, 'v0.15.0-rc0') >= 0 && compareTags(tag, 'v0.15.0') <= 0;
      expect({ tag, harm: summary(findShortestLoss(scenario, tag)) }).toEqual({ tag, harm: pinned ? 'kserve-test/sklearn-iris-custom-hpa fought after: hpa-scaled:3@kserve-test/sklearn-iris' : 'none' });
    }
  });

  it('is deterministic', () => {
    const scenario = loadPreset('isvc-deletion');
    expect(findShortestLoss(scenario, 'v0.15.2')).toEqual(findShortestLoss(scenario, 'v0.15.2'));
    const kserve = loadPreset('kserve-4312');
    expect(findSafeChanges(kserve, 'v0.15.2')).toEqual(findSafeChanges(kserve, 'v0.15.2'));
  });

  it('ignores the scenario events: stop-annotation has none of its own HPAs to lose', () => {
    const result = findShortestLoss(loadPreset('stop-annotation'), 'v0.16.0');
    expect(result).toEqual({ found: false, tag: 'v0.16.0', depth: 6, statesVisited: 1 });
  });
});

describe('search options and edge cases', () => {
  it('class switches are the user\'s own edits: only with includeEdits does pre-bug external lose the same-named HPA', () => {
    const scenario = loadPreset('kserve-4312');
    const quiet = findShortestLoss(scenario, 'v0.12.0');
    expect(quiet.found).toBe(false);
    expect(quiet.statesVisited).toBeGreaterThan(1);
    // Switched to hpa, the HPA reconciler finds the same-named HPA, unequal → Update (§4.2).
    expect(summary(findShortestLoss(scenario, 'v0.12.0', { includeEdits: true })))
      .toBe('ml-serving/my-isvc-predictor overwritten after: isvc-annotate:serving.kserve.io/autoscalerClass=hpa@ml-serving/my-isvc');
    // classes narrows the switches; an empty list is no edits at all.
    expect(findShortestLoss(scenario, 'v0.12.0', { includeEdits: true, classes: [] }).found).toBe(false);
    expect(findShortestLoss(scenario, 'v0.12.0', { includeEdits: true, classes: ['keda'] }).found).toBe(false);
  });

  it('a distinct-named HPA under class none is fought from v0.15.1 once the user switches to none', () => {
    const scenario = loadPreset('different-name-hpa');
    expect(summary(findShortestLoss(scenario, 'v0.15.2', { includeEdits: true, classes: ['none'] })))
      // Two events either way round; breadth-first order takes the scale-up (earlier in the candidate list) first.
      .toBe('kserve-test/sklearn-iris-custom-hpa fought after: hpa-scaled:3@kserve-test/sklearn-iris, isvc-annotate:serving.kserve.io/autoscalerClass=none@kserve-test/sklearn-iris');
  });

  it('GitOps syncs are in the space by default; without them a lost HPA is re-applied by its owner instead', () => {
    const scenario = loadPreset('kserve-4312');
    const withSync = spaceOptions(scenario, {});
    const without = spaceOptions(scenario, { gitops: false });
    expect(withSync.gitops).toBe(true);
    expect(without.gitops).toBe(false);
    // After a deletion in v0.14.1, one candidate brings the HPA back: the sync, or the owner's apply.
    const deleted = replay(scenario, 'v0.14.1', [{ type: 'pod.created', isvc: null }]);
    expect(deleted.steps.at(-1)!.hpas.some((h) => h.name === 'my-isvc-predictor')).toBe(false);
    const syncRun = replay(scenario, 'v0.14.1', [{ type: 'pod.created', isvc: null }, { type: 'gitops.sync' }]);
    expect(syncRun.verdicts[0]!.history.map((h) => h.kind)).toEqual(['deleted', 'restored']);
  });

  it('the user removing their own HPA is not a harm, even when the search may do it', () => {
    const result = findShortestLoss(loadPreset('different-name-hpa'), 'v0.15.2', { userRemovals: true });
    expect(result.found).toBe(false);
    // The space is larger with removals: deleted, re-applied, ISVC deleted …
    expect(result.statesVisited).toBeGreaterThan(findShortestLoss(loadPreset('different-name-hpa'), 'v0.15.2').statesVisited);
  });

  it('depth 0 looks at the objects only', () => {
    const result = findShortestLoss(loadPreset('kserve-4312'), 'v0.14.1', { depth: 0 });
    expect(result).toMatchObject({ found: false, depth: 0, statesVisited: 1 });
  });

  it('startRelease: an upgrade is a candidate until it has happened; null runs the target throughout', () => {
    const scenario = loadPreset('upgrade-from-v0.12');
    expect(summary(findShortestLoss(scenario, 'v0.14.1'))).toBe('payments/risk-scorer-predictor deleted after: controller-upgraded');
    expect(summary(findShortestLoss(scenario, 'v0.14.1', { startRelease: null }))).toBe('payments/risk-scorer-predictor deleted after: pod-created@payments/risk-scorer');
    // Start on a fixed release and go to a buggy one: the first pod event already overwrites (v0.15.2 rules).
    expect(summary(findShortestLoss(scenario, 'v0.14.1', { startRelease: 'v0.15.2' }))).toBe('payments/risk-scorer-predictor overwritten after: pod-created@payments/risk-scorer');
  });

  it('several InferenceServices: events are aimed at each, and a harm names its namespace', () => {
    const result = findShortestLoss(loadPreset('same-name-two-namespaces'), 'v0.14.1');
    expect(result.found && result.losses).toEqual([{ hpa: 'sentiment-predictor', namespace: 'team-a', kind: 'deleted', step: 5 }]);
    expect(result.found && result.events).toEqual([{ type: 'pod.created', isvc: { namespace: 'team-a', name: 'sentiment' } }]);
    expect(lossMessage(result as Extract<ShortestLoss, { found: true }>, true).params).toMatchObject({ hpa: 'team-a/sentiment-predictor' });
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
    // not the user's, so the verdict and the explorer both count it as the first harm.
    const scenario = hpaFirst();
    const run = replay(scenario, 'v0.14.1', []);
    // Every pass of the step Updates it (the first adopts it; KServe's own writes requeue the InferenceService).
    const verbs = run.steps[1]!.decisions.map((d) => d.call?.verb);
    expect(verbs.length).toBeGreaterThan(0);
    expect(verbs.every((v) => v === 'Update')).toBe(true);
    const verdict = run.verdicts.find((v) => v.hpa === 'my-isvc-predictor')!;
    expect(verdict.fate).toBe('overwritten');
    expect(verdict.firstLossStep).toBe(2);
  });

  it('finds a harm while the objects are applied', () => {
    const result = findShortestLoss(hpaFirst(), 'v0.14.1');
    expect(result).toMatchObject({ found: true, events: [], loss: { hpa: 'my-isvc-predictor', namespace: 'ml-serving', kind: 'overwritten', step: 2 } });
    expect(checkLine(result)).toBe('v0.14.1: HARM my-isvc-predictor overwritten at step 2, while the objects are applied');
  });

  it('reports a refused InferenceService instead of a harm (class none before v0.15.1)', () => {
    const base = loadPreset('kserve-4312');
    const none = catalogue(base, 'v0.14.1').find((e) => e.id === 'class:none')!;
    const result = findShortestLoss(applyEdits(base, [none]), 'v0.14.1');
    expect(result.found).toBe(false);
    expect(!result.found && result.refused).toEqual({ id: 'admission.classUnsupported', params: { class: 'none', accepted: ['hpa', 'external'] } });
    expect(checkLine(result)).toBe('v0.14.1: ok, the webhook refuses the InferenceService ([none] is not a supported autoscaler class type (this release accepts hpa and external)), so nothing is stored');
  });

  it('without API-server defaulting the fixed release still overwrites (the user spec differs)', () => {
    const result = findShortestLoss(loadPreset('kserve-4312'), 'v0.15.2', { apiServerDefaulting: false });
    expect(summary(result)).toBe('ml-serving/my-isvc-predictor overwritten after: pod-created@ml-serving/my-isvc');
  });

  it('check lines, in English and from the same messages in Chinese', () => {
    const scenario = loadPreset('kserve-4312');
    const harm = findShortestLoss(scenario, 'v0.14.1');
    expect(checkLine(harm)).toBe('v0.14.1: HARM my-isvc-predictor deleted at step 3, after a pod of ml-serving/my-isvc is created (pod-created@ml-serving/my-isvc)');
    expect(checkLine(findShortestLoss(loadPreset('serverless'), 'v0.14.1'))).toMatch(/^v0\.14\.1: ok, no harm within 6 events \(\d+ states\)$/);
    const zh = checkLine(harm, 'zh-cn');
    expect(zh.startsWith('v0.14.1: ')).toBe(true);
    expect(zh).toContain('pod-created@ml-serving/my-isvc');
  });
});

describe('smallest safe change', () => {
  const scenario = loadPreset('kserve-4312');
  const ids = (safe: SafeChange[]) => safe.map((s) => s.changes.map((c) => (c.kind === 'edit' ? c.id : `release:${c.to}`)));

  for (const tag of ['v0.14.1', 'v0.15.2'] as const) {
    // Pre-bug releases never touch an external HPA unless the user switches the class, which
    // the default space leaves out (issue 12), so they count as safe moves.
    it(`kserve-4312 @ ${tag}: rename the HPA, run Serverless, or a pre-bug release`, () => {
      const safe = findSafeChanges(scenario, tag, { depth: 6, maxChanges: 2 });
      expect(ids(safe)).toEqual([
        ['rename:my-isvc-predictor'],
        ['mode:Serverless'],
        ['release:v0.13.0-rc0'],
        ['release:v0.12.1'],
        ['release:v0.12.0'],
      ]);
      const [rename, mode] = safe.map((s) => s.changes[0]!);
      expect(rename).toMatchObject({ kind: 'edit', edit: 'rename-hpa', object: 'HorizontalPodAutoscaler/my-isvc-predictor', field: 'metadata.name', from: 'my-isvc-predictor', to: 'my-isvc-predictor-hpa' });
      expect(rename!.kind === 'edit' && rename!.diff).toContain('-  name: my-isvc-predictor\n+  name: my-isvc-predictor-hpa');
      expect(mode).toMatchObject({ kind: 'edit', edit: 'deployment-mode', object: 'InferenceService/my-isvc', field: 'metadata.annotations["serving.kserve.io/deploymentMode"]', from: 'RawDeployment', to: 'Serverless' });
      expect(safe.slice(0, 2).every((s) => s.tag === tag)).toBe(true);
      expect(safe.slice(2).map((s) => s.tag)).toEqual(['v0.13.0-rc0', 'v0.12.1', 'v0.12.0']);
      // The words are messages, rendered per language.
      expect(safeChangeMessage(safe[0]!)).toEqual({ id: 'change.rename', params: { hpa: 'my-isvc-predictor', to: 'my-isvc-predictor-hpa' } });
      expect(renderMessage(safeChangeMessage(safe[0]!), 'en')).toBe('Rename HPA my-isvc-predictor to my-isvc-predictor-hpa (scaleTargetRef unchanged)');
      expect(renderMessage(safeChangeMessage(safe[2]!), 'en')).toBe('Downgrade KServe to v0.13.0-rc0');
    });
  }

  it('kserve-4312 with the user\'s edits in the space: no release alone is safe (a switch to hpa adopts the same-named HPA everywhere)', () => {
    const safe = findSafeChanges(scenario, 'v0.14.1', { maxChanges: 1, includeEdits: true });
    expect(safe.some((s) => s.changes.some((c) => c.kind === 'release'))).toBe(false);
  });

  // keda-same-name: the user's ScaledObject names KEDA's HPA fraud-predictor, the name KServe looks up for
  // InferenceService fraud. Without horizontalPodAutoscalerConfig.name KEDA calls it keda-hpa-fraud
  // (KEDA v2.17.0 controllers/keda/hpa.go:339-347), which KServe never reads, so under class external
  // v0.14.1 deletes nothing. In v0.15.0 KServe still pins the Deployment's replicas whatever the HPA's
  // name (behaviour.md, keda-external-fought), so there the edit is safe only with an upgrade.
  it('keda-same-name: dropping the ScaledObject\'s HPA name is the first safe change; v0.15.0 needs an upgrade beside it', () => {
    const keda = loadPreset('keda-same-name');
    const early = findSafeChanges(keda, 'v0.14.1', { maxChanges: 2 });
    expect(ids(early)[0]).toEqual(['keda-hpa-name:fraud']);
    const edit = early[0]!.changes[0]!;
    expect(edit).toMatchObject({ kind: 'edit', edit: 'keda-hpa-name', object: 'ScaledObject/fraud', field: 'spec.advanced.horizontalPodAutoscalerConfig.name', from: 'fraud-predictor', to: null });
    expect(edit.kind === 'edit' && edit.diff).toContain('-  advanced:\n-    horizontalPodAutoscalerConfig:\n-      name: fraud-predictor');
    expect(renderMessage(safeChangeMessage(early[0]!), 'en')).toBe('Remove horizontalPodAutoscalerConfig.name (fraud-predictor) from ScaledObject fraud, so KEDA names its HPA keda-hpa-fraud');
    const pinned = findSafeChanges(keda, 'v0.15.0', { maxChanges: 2 });
    expect(pinned.some((s) => s.changes.length === 1 && s.changes[0]!.kind === 'edit' && s.changes[0]!.edit === 'keda-hpa-name')).toBe(false);
    expect(pinned.some((s) => s.changes.some((c) => c.kind === 'edit' && c.edit === 'keda-hpa-name') && s.changes.some((c) => c.kind === 'release'))).toBe(true);
  });

  it('v0.16 spells the mode the way it records it, so the webhook keeps accepting edits', () => {
    const safe = findSafeChanges(scenario, 'v0.16.0');
    expect(safe.map((s) => s.changes[0]).find((c) => c?.kind === 'edit' && c.edit === 'deployment-mode')).toMatchObject({ to: 'Knative' });
  });

  it('several-components needs both HPAs renamed (a pair), or one change that spares both, cheapest first', () => {
    const safe = findSafeChanges(loadPreset('several-components'), 'v0.14.1');
    // Two renames are less work than a switch to Serverless (Knative) or a downgrade.
    expect(ids(safe)).toEqual([
      ['rename:income-model-predictor', 'rename:income-model-transformer'],
      ['mode:Serverless'],
      ['release:v0.13.0-rc0'],
      ['release:v0.12.1'],
      ['release:v0.12.0'],
    ]);
    const pair = renderMessage(safeChangeMessage(safe[0]!), 'en');
    expect(pair).toContain('Rename HPA income-model-predictor to income-model-predictor-hpa');
    expect(pair).toContain('Rename HPA income-model-transformer to income-model-transformer-hpa');
  });

  it('scaling fought in v0.15.0: renaming does not help, leaving the pinning release does', () => {
    const safe = findSafeChanges(loadPreset('scaling-fought-v0150'), 'v0.15.0', { maxChanges: 1 });
    const found = ids(safe).flat();
    expect(found).toContain('release:v0.15.1');
    expect(found).toContain('release:v0.14.1');
    expect(found).not.toContain('release:v0.15.0-rc1');
    expect(found.some((id) => id.startsWith('rename:'))).toBe(false);
  });

  it('an already safe scenario needs no change', () => {
    expect(findSafeChanges(loadPreset('different-name-hpa'), 'v0.14.1')).toEqual([]);
  });

  it('finalizer edits carry the list before and after, not a string', () => {
    const edit = catalogue(loadPreset('finalizer-workaround'), 'v0.14.1').find((e) => e.change.edit === 'finalizer')!;
    expect(edit.change).toMatchObject({ from: ['kserve.io/protect'], to: [] });
    const add = catalogue(scenario, 'v0.14.1').find((e) => e.change.edit === 'finalizer')!;
    expect(add.change).toMatchObject({ from: [], to: ['kserve.io/protect'] });
    expect(renderMessage(add.change.description)).toBe('Add the finalizer kserve.io/protect to HPA my-isvc-predictor');
  });

  it('never suggests a change the webhook refuses, nor a superset of a safe change', () => {
    for (const id of ['kserve-4312', 'finalizer-workaround', 'several-components']) {
      const base = loadPreset(id);
      for (const tag of ['v0.12.0', 'v0.14.1', 'v0.15.2']) {
        const safe = findSafeChanges(base, tag);
        const singles = new Set(safe.filter((s) => s.changes.length === 1).map((s) => JSON.stringify(s.changes[0])));
        for (const s of safe) {
          const applied = applySafeChange(base, tag, s);
          const result = findShortestLoss(applied.scenario, applied.tag);
          expect(result.found || result.refused !== undefined, `${id} @ ${tag}: ${renderMessage(safeChangeMessage(s))}`).toBe(false);
          if (s.changes.length === 2) expect(s.changes.some((c) => singles.has(JSON.stringify(c)))).toBe(false);
        }
      }
    }
  });
});
