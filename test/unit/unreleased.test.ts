/**
 * The unreleased entry of the release table: KServe's master branch pinned at aaac4e294dae
 * (2026-08-21), newer than v0.20.0. Expectations come from the KServe source as cited (source-notes
 * §10): #5934 (`9ad560ec2`) moves SetControllerReferences into RawKubeReconciler.Reconcile
 * (master raw_kube_reconciler.go:241-263), so the canary's autoscaler gets the InferenceService as
 * controller, which v0.20.0's canary path never set (predictor.go:946-951). Everything else on the
 * HPA path is v0.20.0's.
 */
import { describe, expect, it } from 'vitest';
import { renderText } from '../../engine/cli/text-report.ts';
import { DEFAULT_CHECK_TAGS } from '../../engine/explore/check.ts';
import { renderMessage } from '../../engine/i18n/render.ts';
import { findRelease, getRelease, KNOWN_TAGS, RELEASE_TABLE, RELEASES, TABLE_TAGS, UNRELEASED, unreleasedNote } from '../../engine/kserve/releases.ts';
import { compareTags, parseBranchPin } from '../../engine/kserve/tags.ts';
import { releaseJson } from '../../engine/report/json.ts';
import { runScenario, type RunResult, type StepResult, type VersionResult } from '../../engine/run.ts';
import { parseScenario } from '../../engine/scenario/parse.ts';
import { formatInputError } from '../../engine/scenario/source.ts';

const PIN = 'master@aaac4e294dae';

describe('the table has one unreleased entry, after every release and among none of them', () => {
  it('is master at the pinned commit and its commit date', () => {
    expect(UNRELEASED.map((r) => [r.tag, r.commit, r.date, r.unreleased])).toEqual([
      [PIN, 'aaac4e294dae2c7b1aa1886447793f3aa1c30912', '2026-08-21', { branch: 'master' }],
    ]);
    expect(RELEASE_TABLE.at(-1)!.tag).toBe(PIN);
    expect(TABLE_TAGS).toEqual([...KNOWN_TAGS, PIN]);
  });

  it('is not a release: not in RELEASES, KNOWN_TAGS or the check command\'s default set', () => {
    expect(RELEASES.every((r) => r.unreleased === null)).toBe(true);
    expect(KNOWN_TAGS).not.toContain(PIN);
    expect(KNOWN_TAGS.at(-1)).toBe('v0.20.0');
    expect(DEFAULT_CHECK_TAGS).not.toContain(PIN);
  });

  it('is found by its pin or its branch, and nothing else looks like one', () => {
    expect(findRelease(PIN)).toMatchObject({ ok: true, release: { tag: PIN } });
    expect(findRelease('master')).toMatchObject({ ok: true, release: { tag: PIN } });
    expect(findRelease('master@aaac4e294da').ok).toBe(false);
    expect(findRelease('main').ok).toBe(false);
    expect(parseBranchPin(PIN)).toEqual({ branch: 'master', commit: 'aaac4e294dae' });
    expect(parseBranchPin('v0.20.0')).toBeNull();
  });

  it('sorts after every tag', () => {
    expect([PIN, 'v0.20.0', 'v0.12.0'].sort(compareTags)).toEqual(['v0.12.0', 'v0.20.0', PIN]);
    expect(compareTags(PIN, PIN)).toBe(0);
  });

  it('differs from v0.20.0 in the canary autoscaler\'s owner (#5934) and the canaries\' readiness (#5984) only', () => {
    const { canaryAutoscalerOwned: next, canaryReadinessGated: gatedNext, ...rest } = getRelease(PIN).behaviour;
    const { canaryAutoscalerOwned: last, canaryReadinessGated: gatedLast, ...v020 } = getRelease('v0.20.0').behaviour;
    expect([last, next]).toEqual([false, true]);
    expect([gatedLast, gatedNext]).toEqual([false, true]);
    expect(rest).toEqual(v020);
    expect(getRelease(PIN).changes.slice(-2).map((c) => [c.commit, c.pr])).toEqual([
      ['9ad560ec28f2df865c2d67cc8e803959abccebf9', 5934],
      ['22cbd3788ca0e72bdcb896691c10cbcba29a4ea5', 5984],
    ]);
    // No tag has #5984: the newest release reads every canary as Ready.
    expect(RELEASES.some((r) => r.behaviour.canaryReadinessGated)).toBe(false);
  });

  it('says it is not a release, in both languages; a release says nothing', () => {
    const note = unreleasedNote(getRelease(PIN))!;
    expect(renderMessage(note, 'en')).toBe("master@aaac4e294dae is not a release: it is KServe's master branch at commit aaac4e294dae (2026-08-21), a preview of the next release");
    expect(renderMessage(note, 'zh-cn')).toContain('不是正式版本');
    expect(unreleasedNote(getRelease('v0.20.0'))).toBeNull();
  });
});

const ISVC = (annotations: string) => `apiVersion: serving.kserve.io/v1beta1
kind: InferenceService
metadata:
  name: chat
  namespace: llm
  finalizers: [inferenceservice.finalizers]
  annotations:
    serving.kserve.io/deploymentMode: Standard
${annotations}spec:
  predictor:
    name: blue
    model: {modelFormat: {name: huggingface}, storageUri: s3://models/chat/blue}
  canary:
    - predictor: {name: green, model: {storageUri: s3://models/chat/green}}
      trafficPercent: 25
`;

const USER_CANARY_HPA = `apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata: {name: chat-green-predictor, namespace: llm}
spec:
  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: chat-green-predictor}
  minReplicas: 2
  maxReplicas: 6
`;

function run(events: string[], ...docs: string[]): RunResult {
  const scenario = `apiVersion: hpa-lab/v1
kind: Scenario
versions: [v0.20.0, ${PIN}]
events: [${events.join(', ')}]
`;
  const parsed = parseScenario([{ name: 'canary.yaml', text: [...docs, scenario].join('---\n') }]);
  if (!parsed.ok) throw new Error(parsed.errors.map((e) => formatInputError(e)).join('\n'));
  return runScenario(parsed.scenario);
}

const version = (result: RunResult, tag: string): VersionResult => result.versions.find((v) => v.tag === tag)!;
const canaryHpa = (step: StepResult) => step.hpas.find((h) => h.name === 'chat-green-predictor');
const canaryCalls = (step: StepResult) => step.decisions.filter((d) => d.canary === 'green').map((d) => d.result);

describe('a v0.20 canary under class hpa: KServe\'s own canary HPA', () => {
  // Step 1 applies the objects (KServe creates both HPAs), step 2 stops the model, step 3 deletes it.
  const result = run(['"isvc-annotate:serving.kserve.io/stop=true"', 'isvc-delete'], ISVC(''));

  it('is created in both; v0.20.0 gives it no owner, master makes the InferenceService its owner', () => {
    expect(canaryCalls(version(result, 'v0.20.0').steps[0]!)[0]).toBe('Create');
    expect(canaryCalls(version(result, PIN).steps[0]!)[0]).toBe('Create');
    expect(canaryHpa(version(result, 'v0.20.0').steps[0]!)?.ownedByInferenceService).toBe(false);
    expect(canaryHpa(version(result, PIN).steps[0]!)?.ownedByInferenceService).toBe(true);
  });

  it('on stop, v0.20.0 only updates it (shouldDeleteHPA wants an owner); master deletes it', () => {
    expect(canaryCalls(version(result, 'v0.20.0').steps[1]!)).not.toContain('Delete');
    expect(canaryHpa(version(result, 'v0.20.0').steps[1]!)).toBeDefined();
    expect(canaryCalls(version(result, PIN).steps[1]!)).toContain('Delete');
    expect(canaryHpa(version(result, PIN).steps[1]!)).toBeUndefined();
  });

  it('v0.20.0 leaves it behind when the InferenceService is deleted', () => {
    expect(canaryHpa(version(result, 'v0.20.0').steps[2]!)).toBeDefined();
  });
});

describe('a canary-named HPA garbage-collected with its InferenceService on master only', () => {
  // No stop: the canary HPA stays until the InferenceService goes; only its owner reference decides.
  const result = run(['pod-created', 'isvc-delete'], ISVC(''));

  it('outlives the InferenceService in v0.20.0 and goes with it on master', () => {
    expect(version(result, 'v0.20.0').steps[2]!.isvcPresent).toBe(false);
    expect(canaryHpa(version(result, 'v0.20.0').steps[2]!)).toBeDefined();
    expect(version(result, PIN).steps[2]!.isvcPresent).toBe(false);
    expect(canaryHpa(version(result, PIN).steps[2]!)).toBeUndefined();
  });
});

describe('a user\'s HPA named like the canary, under class external', () => {
  // Step 1 applies the InferenceService (class external: nothing to create), step 2 the user's HPA.
  // Step 3 (a pod event): not owned, so shouldDeleteHPA is false; the specs differ, so KServe
  // Updates it with the desired HPA, which on master carries the owner reference. Step 4: master
  // finds it owned with desired class external and deletes it; v0.20.0 only updates it again.
  const result = run(['pod-created', 'pod-created'], ISVC('    serving.kserve.io/autoscalerClass: external\n'), USER_CANARY_HPA);

  it('is overwritten in both at the first reconcile that finds it, and owned afterwards on master only', () => {
    for (const tag of ['v0.20.0', PIN]) expect(canaryCalls(version(result, tag).steps[2]!)).toEqual(['Update']);
    expect(canaryHpa(version(result, 'v0.20.0').steps[2]!)?.ownedByInferenceService).toBe(false);
    expect(canaryHpa(version(result, PIN).steps[2]!)?.ownedByInferenceService).toBe(true);
  });

  it('v0.20.0 never deletes it; master deletes it at the next reconcile', () => {
    expect(canaryCalls(version(result, 'v0.20.0').steps[3]!)).not.toContain('Delete');
    expect(canaryHpa(version(result, 'v0.20.0').steps[3]!)).toBeDefined();
    expect(canaryCalls(version(result, PIN).steps[3]!)).toEqual(['Delete']);
    expect(canaryHpa(version(result, PIN).steps[3]!)).toBeUndefined();
  });

  it('is a user HPA deleted on master and overwritten, not deleted, in v0.20.0', () => {
    const fate = (tag: string) => version(result, tag).verdicts.find((v) => v.hpa === 'chat-green-predictor')?.fate;
    expect(fate('v0.20.0')).toBe('overwritten');
    expect(fate(PIN)).toBe('deleted');
  });
});

describe('a run that compares it says so', () => {
  const result = run(['pod-created'], ISVC(''));
  const NOTE = "master@aaac4e294dae is not a release: it is KServe's master branch at commit aaac4e294dae (2026-08-21), a preview of the next release";

  it('under the summary line of the terminal table, once', () => {
    const lines = renderText(result, { trace: false }).split('\n');
    expect(lines[1]).toBe(NOTE);
    expect(lines.filter((l) => l.includes('is not a release'))).toHaveLength(1);
  });

  it('in the JSON of that release only', () => {
    expect(releaseJson(version(result, PIN), 'en')).toMatchObject({ tag: PIN, unreleased: NOTE, unreleasedMessage: { id: 'release.unreleased' } });
    expect(releaseJson(version(result, 'v0.20.0'), 'en')).not.toHaveProperty('unreleased');
  });
});

/**
 * #5984 (`22cbd3788`, master only). v0.20.0 reconciles the stable predictor first and lowers its
 * minReplicas by every canary's replicas, to at least 1 (v0.20.0 predictor.go:228-234, :794-803).
 * master reconciles the canaries first (master predictor.go:227-237), reads each canary's Deployment
 * right after (`AvailableReplicas > 0`, :957-979) and lowers the stable minReplicas only by the
 * Ready canaries' replicas, leaving it as written when none is Ready (:877-900). Canary green at 25 %
 * of minReplicas 4 has ceil(4 × 25 / 100) = 1 replica (canaryReplicaCount, v0.20.0 :886-895).
 */
const SIZED = (min: number, annotations = '') => ISVC(annotations).replace('    name: blue\n', `    name: blue\n    minReplicas: ${min}\n    maxReplicas: 8\n`);
const stableHpa = (step: StepResult) => step.hpas.find((h) => h.name === 'chat-blue-predictor');
const stableReplicas = (step: StepResult) => step.deployments.find((d) => d.name === 'chat-blue-predictor')?.replicas;

describe('#5984: only a Ready canary lowers the stable predictor\'s minReplicas (master)', () => {
  describe('class hpa: KServe\'s stable HPA', () => {
    // Step 1 applies the InferenceService, step 2 brings the canary's pod up.
    const result = run(['pod-created'], SIZED(4));

    it('v0.20.0 creates it with minReplicas 3 at once; master with 4, while the canary has no available replica', () => {
      expect(stableHpa(version(result, 'v0.20.0').steps[0]!)).toMatchObject({ minReplicas: 3, maxReplicas: 8 });
      expect(stableHpa(version(result, PIN).steps[0]!)).toMatchObject({ minReplicas: 4, maxReplicas: 8 });
    });

    it('master lowers it to 3 once the canary\'s pod is up; v0.20.0 stays at 3', () => {
      expect(stableHpa(version(result, 'v0.20.0').steps[1]!)?.minReplicas).toBe(3);
      expect(stableHpa(version(result, PIN).steps[1]!)?.minReplicas).toBe(3);
      expect(version(result, PIN).steps[1]!.decisions.find((d) => d.canary === undefined)?.result).toBe('Update');
    });

    it('the canary\'s own HPA is min = max = 1 in both', () => {
      for (const tag of ['v0.20.0', PIN]) expect(canaryHpa(version(result, tag).steps[0]!)).toMatchObject({ minReplicas: 1, maxReplicas: 1 });
    });

    it('master decides the canary before the stable predictor; v0.20.0 after it', () => {
      const first = (tag: string) => version(result, tag).steps[0]!.decisions.map((d) => d.canary ?? 'stable').slice(0, 2);
      expect(first('v0.20.0')).toEqual(['stable', 'green']);
      expect(first(PIN)).toEqual(['green', 'stable']);
    });
  });

  describe('class none: the stable Deployment held at minReplicas', () => {
    const none = '    serving.kserve.io/autoscalerClass: none\n';

    it('a deleted pod brings no canary up: master keeps 4 until a pod is created', () => {
      const result = run(['pod-deleted', 'pod-created'], SIZED(4, none));
      expect(version(result, 'v0.20.0').steps.map(stableReplicas)).toEqual([3, 3, 3]);
      expect(version(result, PIN).steps.map(stableReplicas)).toEqual([4, 4, 3]);
    });

    it('with minReplicas 0 and no Ready canary master keeps 0, where v0.20.0 raises it to 1', () => {
      // ceil(0 × 25 / 100) = 0 canary replicas: v0.20.0 max(0 − 0, 1) = 1; master adjusts only for Ready replicas > 0.
      const result = run(['pod-created'], SIZED(0, none));
      expect(version(result, 'v0.20.0').steps.map(stableReplicas)).toEqual([1, 1]);
      expect(version(result, PIN).steps.map(stableReplicas)).toEqual([0, 0]);
    });
  });
});
