/**
 * Conformance-style cases for the order of KServe's checks on a found HPA, and for the API server's
 * finalizer rules, per release range (issue 19, item 7). Derived by hand from the source, not from
 * the engine:
 * - checkHPAExist (reconcilers/hpa/hpa_reconciler.go): v0.13.0-rc1 :143-150 and v0.15.1 :193-200 test
 *   semanticHPAEquals first, then shouldDeleteHPA; v0.16.0 :203-210 and v0.20.0 :204-211 test
 *   shouldDeleteHPA first (#4455). shouldDeleteHPA: v0.13.0-rc1 :165-168 desired class external;
 *   v0.15.1 :215-233 an ownerReference to an InferenceService and desired class external or none;
 *   v0.16.0 :225-249 also the stop annotation on the existing HPA. semanticHPAEquals (v0.13.0-rc1
 *   :153-163, unchanged to v0.20.0 :214-224): spec and the class annotation.
 * - Dispatch (createAutoscaler): external → NoOpAutoscaler up to v0.13.0-rc0, the HPA reconciler from
 *   v0.13.0-rc1 (#3650); none is refused before v0.15.1 (behaviour.md §2).
 * - The API server (behaviour.md §6; apimachinery ObjectMeta update validation): a Delete of an object
 *   with finalizers only sets deletionTimestamp and a second Delete changes nothing; no finalizer may
 *   be added to an object being deleted; an update that leaves no finalizers completes the deletion.
 * Releases are chosen by tag.
 */
import { describe, expect, it } from 'vitest';
import { EMPTY_CLUSTER, createHpa, deleteHpa, findHpa, updateHpa, type Cluster } from '../../engine/k8s/store.ts';
import type { Hpa, OwnerReference } from '../../engine/k8s/types.ts';
import { ANNOTATION } from '../../engine/kserve/constants.ts';
import { decide, type Result } from '../../engine/kserve/decision.ts';
import { KNOWN_TAGS, getRelease } from '../../engine/kserve/releases.ts';
import { compareTags } from '../../engine/kserve/tags.ts';
import { runScenario, type RunResult } from '../../engine/run.ts';
import { parseScenario } from '../../engine/scenario/parse.ts';
import { formatInputError } from '../../engine/scenario/source.ts';

const from = (tag: string, first: string) => compareTags(tag, first) >= 0;
const range = (first: string, last: string | null) => KNOWN_TAGS.filter((t) => from(t, first) && (last === null || compareTags(t, last) <= 0));

const OWNER: OwnerReference = { apiVersion: 'serving.kserve.io/v1beta1', kind: 'InferenceService', name: 'm', uid: 'uid-m', controller: true, blockOwnerDeletion: true };
const SPEC: Hpa['spec'] = {
  scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'm-predictor' },
  minReplicas: 1, maxReplicas: 3,
  metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 80 } } }],
};

function hpa(annotations: Record<string, string>, extra: Partial<Hpa['metadata']> = {}, spec: Partial<Hpa['spec']> = {}): Hpa {
  return { apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', metadata: { name: 'm-predictor', namespace: 'ml', uid: 'uid-hpa', annotations, ...extra }, spec: { ...SPEC, ...spec } };
}

/** What checkHPAExist returns at a tag for a desired HPA with these annotations and this existing HPA. */
function resultAt(tag: string, annotations: Record<string, string>, existing: Hpa | null): Result {
  const behaviour = getRelease(tag).behaviour;
  return decide({
    behaviour,
    mode: { mode: 'RawDeployment', from: 'annotation', value: behaviour.modeSpelling.RawDeployment },
    deploymentMode: 'RawDeployment',
    deploymentModeFrom: 'annotation',
    annotations,
    desired: hpa(annotations, { ownerReferences: [OWNER] }),
    existing,
  }).result;
}

const klass = (value: string) => ({ [ANNOTATION.autoscalerClass]: value });
const STOPPED = { ...klass('hpa'), [ANNOTATION.stop]: 'true' };

/** One `it` per range, so a change of order shows as one failure per range it breaks. */
function perRange(title: string, rows: readonly [first: string, last: string | null, expected: Result][], run: (tag: string) => Result) {
  describe(title, () => {
    for (const [first, last, expected] of rows) {
      it(`${first} … ${last ?? 'latest'}: ${expected}`, () => {
        for (const tag of range(first, last)) expect({ tag, result: run(tag) }).toEqual({ tag, result: expected });
      });
    }
  });
}

// The existing HPA equals the desired one (same spec, same class annotation) and KServe owns it.
perRange('equal but should be deleted: owned, desired class external', [
  ['v0.12.0', 'v0.13.0-rc0', 'NotCalled'],
  ['v0.13.0-rc1', 'v0.15.2', 'Existed'],
  ['v0.16.0-rc0', null, 'Delete'],
], (tag) => resultAt(tag, klass('external'), hpa(klass('external'), { ownerReferences: [OWNER] })));

perRange('equal but should be deleted: owned, desired class none', [
  ['v0.15.1', 'v0.15.2', 'Existed'],
  ['v0.16.0-rc0', null, 'Delete'],
], (tag) => resultAt(tag, klass('none'), hpa(klass('none'), { ownerReferences: [OWNER] })));

perRange('equal but should be deleted: owned, stop annotation (class hpa)', [
  ['v0.12.0', 'v0.15.2', 'Existed'],
  ['v0.16.0-rc0', null, 'Delete'],
], (tag) => resultAt(tag, STOPPED, hpa(STOPPED, { ownerReferences: [OWNER] })));

// Not equal (the existing HPA scales differently), so the equality check cannot decide it first.
perRange('owned but desired class external, not equal', [
  ['v0.12.0', 'v0.13.0-rc0', 'NotCalled'],
  ['v0.13.0-rc1', null, 'Delete'],
], (tag) => resultAt(tag, klass('external'), hpa(klass('external'), { ownerReferences: [OWNER] }, { maxReplicas: 8 })));

// The same HPA without KServe's ownerReference: the user's own, same name.
perRange('not owned, desired class external, not equal', [
  ['v0.12.0', 'v0.13.0-rc0', 'NotCalled'],
  ['v0.13.0-rc1', 'v0.15.0', 'Delete'],
  ['v0.15.1', null, 'Update'],
], (tag) => resultAt(tag, klass('external'), hpa({}, {}, { maxReplicas: 8 })));

perRange('not owned, desired class external, equal', [
  ['v0.12.0', 'v0.13.0-rc0', 'NotCalled'],
  ['v0.13.0-rc1', null, 'Existed'],
], (tag) => resultAt(tag, klass('external'), hpa(klass('external'))));

// A same-name user HPA left Terminating by its finalizer: still found by Get, so the checks run on it.
const TERMINATING = hpa({}, { finalizers: ['kserve.io/protect'], deletionTimestamp: '2025-01-01T00:00:05Z' }, { maxReplicas: 8 });
perRange('terminating with finalizers: the checks still see it', [
  ['v0.12.0', 'v0.13.0-rc0', 'NotCalled'],
  ['v0.13.0-rc1', 'v0.15.0', 'Delete'],
  ['v0.15.1', null, 'Update'],
], (tag) => resultAt(tag, klass('external'), TERMINATING));

describe('terminating with finalizers: what KServe\'s write does to it', () => {
  const options = { apiServerDefaulting: false };
  const stored = (cluster: Cluster) => findHpa(cluster, { namespace: 'ml', name: 'm-predictor' });
  const terminating = () => {
    const created = createHpa(EMPTY_CLUSTER, hpa({}, { finalizers: ['kserve.io/protect'] }), options).cluster;
    return deleteHpa(created, { namespace: 'ml', name: 'm-predictor' }).cluster;
  };

  it('v0.13.0-rc1 … v0.15.0 (Delete): a second Delete changes nothing; the HPA stays Terminating with its finalizer', () => {
    const before = terminating();
    const after = deleteHpa(before, { namespace: 'ml', name: 'm-predictor' });
    expect(after).toMatchObject({ ok: true, effect: 'terminating' });
    expect(stored(after.cluster)).toEqual(stored(before));
  });

  it('v0.15.1 … latest (Update with KServe\'s desired HPA, no finalizers): the last finalizer goes, so the HPA is deleted', () => {
    const after = updateHpa(terminating(), hpa(klass('external'), { ownerReferences: [OWNER] }), options);
    expect(after).toMatchObject({ ok: true, effect: 'deleted' });
    expect(stored(after.cluster)).toBeUndefined();
  });

  it('an Update that adds a finalizer to it is Forbidden and changes nothing', () => {
    const before = terminating();
    const after = updateHpa(before, hpa({}, { finalizers: ['kserve.io/protect', 'example.com/audit'] }), options);
    expect(after).toMatchObject({ ok: false, reason: 'Forbidden' });
    expect(after.cluster).toBe(before);
  });

  it('an Update that keeps its finalizers is allowed and keeps it Terminating', () => {
    const after = updateHpa(terminating(), hpa({}, { finalizers: ['kserve.io/protect'] }, { maxReplicas: 5 }), options);
    expect(after).toMatchObject({ ok: true, effect: 'updated' });
    expect(stored(after.cluster)?.metadata.deletionTimestamp).toBeDefined();
    expect(stored(after.cluster)?.spec.maxReplicas).toBe(5);
  });
});

// A whole run per range: the user deletes their own protected HPA (Terminating), drops one of its two
// finalizers, and a GitOps sync re-applies the manifest, which would add it back: refused in every
// release (the API server's rule). Then a pod event has KServe look at the Terminating HPA. No mode
// annotation: the cluster default is RawDeployment and each release's webhook spells it (so the sync's
// re-apply of the InferenceService passes validateDeploymentMode and changes nothing).
describe('terminating with finalizers, per range, through a GitOps re-apply', () => {
  const isvc = `apiVersion: serving.kserve.io/v1beta1
kind: InferenceService
metadata:
  name: m
  namespace: ml
  annotations: {serving.kserve.io/autoscalerClass: external}
  finalizers: [inferenceservice.finalizers]
spec:
  predictor: {minReplicas: 1, maxReplicas: 3}
`;
  const userHpa = `apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata: {name: m-predictor, namespace: ml, finalizers: [kserve.io/protect, example.com/audit]}
spec:
  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: m-predictor}
  minReplicas: 2
  maxReplicas: 8
`;
  const tags = ['v0.12.0', 'v0.14.1', 'v0.15.2', 'v0.16.0', 'v0.20.0'];
  const scenario = `apiVersion: hpa-lab/v1
kind: Scenario
versions: [${tags.join(', ')}]
defaultDeploymentMode: RawDeployment
events: [hpa-delete:m-predictor, "hpa-remove-finalizer:m-predictor/example.com/audit", gitops-sync, pod-created]
`;
  const run = (): RunResult => {
    const parsed = parseScenario([{ name: 'order.yaml', text: [isvc, userHpa, scenario].join('---\n') }]);
    if (!parsed.ok) throw new Error(parsed.errors.map((e) => formatInputError(e)).join('\n'));
    return runScenario(parsed.scenario);
  };
  const result = run();
  // Steps: 1 ISVC, 2 HPA, 3 hpa-delete, 4 remove audit, 5 gitops-sync, 6 pod-created.
  const hpaAt = (tag: string, step: number) => result.versions.find((v) => v.tag === tag)!.steps[step - 1]!.hpas.find((h) => h.name === 'm-predictor') ?? null;

  it('the sync cannot add the finalizer back while the HPA is Terminating, in every release', () => {
    for (const tag of tags) {
      expect({ tag, hpa: hpaAt(tag, 5) }).toMatchObject({ tag, hpa: { terminating: true, finalizers: ['kserve.io/protect'] } });
    }
  });

  it('v0.12.0 and v0.14.1 (NotCalled; Delete of a Terminating HPA is a no-op): still Terminating with only kserve.io/protect after the pod event', () => {
    for (const tag of ['v0.12.0', 'v0.14.1']) {
      expect({ tag, hpa: hpaAt(tag, 6) }).toMatchObject({ tag, hpa: { terminating: true, finalizers: ['kserve.io/protect'] } });
    }
  });

  it('v0.15.2 … v0.20.0 (Update without finalizers): the pod event removes the last finalizer and the HPA is gone', () => {
    for (const tag of ['v0.15.2', 'v0.16.0', 'v0.20.0']) {
      expect({ tag, before: hpaAt(tag, 5)?.finalizers, after: hpaAt(tag, 6) }).toEqual({ tag, before: ['kserve.io/protect'], after: null });
    }
  });
});
