/**
 * The in-memory API server (engine/k8s/store.ts), its autoscaling/v2 defaulting
 * (engine/k8s/defaulting.ts) and apimachinery-style semantic equality (engine/k8s/equality.ts):
 * the Kubernetes rules the #4312 story depends on (behaviour.md §4.6, §4.8, §6).
 */
import { describe, expect, it } from 'vitest';
import { defaultHpa } from '../../engine/k8s/defaulting.ts';
import { semanticDeepEqual } from '../../engine/k8s/equality.ts';
import {
  collectGarbage,
  createHpa,
  deleteHpa,
  deleteIsvc,
  EMPTY_CLUSTER,
  findHpa,
  findIsvc,
  findDeployment,
  deleteDeployment,
  putDeployment,
  putIsvcStatus,
  isTerminating,
  putIsvc,
  removeHpaFinalizer,
  removeIsvcFinalizer,
  updateHpa,
  type Cluster,
  type StoreOptions,
  type WriteResult,
} from '../../engine/k8s/store.ts';
import type { Hpa, InferenceService, ObjectRef, OwnerReference } from '../../engine/k8s/types.ts';

const RAW: StoreOptions = { apiServerDefaulting: false };
const DEFAULTING: StoreOptions = { apiServerDefaulting: true };

const ISVC_UID = 'uid-isvc-my-isvc';
const ISVC_REF: ObjectRef = { namespace: 'ns', name: 'my-isvc' };
/** An HPA (or other object) in the test namespace. */
const at = (name: string, namespace = 'ns'): ObjectRef => ({ namespace, name });

function isvc(finalizers?: string[]): InferenceService {
  return {
    apiVersion: 'serving.kserve.io/v1beta1',
    kind: 'InferenceService',
    metadata: { name: 'my-isvc', namespace: 'ns', uid: ISVC_UID, ...(finalizers ? { finalizers } : {}) },
    spec: { predictor: {} },
  };
}

const isvcOwner = (uid = ISVC_UID, name = 'my-isvc'): OwnerReference => ({ apiVersion: 'serving.kserve.io/v1beta1', kind: 'InferenceService', name, uid, controller: true, blockOwnerDeletion: true });

function hpa(name: string, meta: Partial<Hpa['metadata']> = {}, spec: Partial<Hpa['spec']> = {}): Hpa {
  return {
    apiVersion: 'autoscaling/v2',
    kind: 'HorizontalPodAutoscaler',
    metadata: { name, namespace: 'ns', uid: `uid-${name}`, ...meta },
    spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'my-isvc-predictor' }, maxReplicas: 5, minReplicas: 2, ...spec },
  };
}

function written(result: WriteResult): Cluster {
  if (!result.ok) throw new Error(`write failed: ${result.reason} ${result.message}`);
  return result.cluster;
}

function withHpas(...hpas: Hpa[]): Cluster {
  return hpas.reduce((cluster, h) => written(createHpa(cluster, h, RAW)), EMPTY_CLUSTER);
}

describe('store: Update is a PUT', () => {
  const stored = hpa('user', {
    labels: { team: 'ml' },
    annotations: { note: 'mine' },
    finalizers: ['kserve.io/protect'],
    ownerReferences: [{ apiVersion: 'apps/v1', kind: 'Deployment', name: 'x', uid: 'uid-x' }],
  });

  it('replaces labels, annotations, finalizers and ownerReferences with those of the new object', () => {
    const cluster = withHpas(stored);
    const replacement = hpa('user', { uid: 'uid-from-client', labels: { component: 'predictor' }, ownerReferences: [isvcOwner()] }, { maxReplicas: 1, minReplicas: 1 });
    const result = updateHpa(cluster, replacement, RAW);
    expect(result).toMatchObject({ ok: true, effect: 'updated' });
    const after = findHpa(written(result), at('user'))!;
    expect(after.metadata.labels).toEqual({ component: 'predictor' });
    expect(after.metadata.annotations).toBeUndefined();
    expect(after.metadata.finalizers).toBeUndefined();
    expect(after.metadata.ownerReferences).toEqual([isvcOwner()]);
    expect(after.spec).toEqual(replacement.spec);
  });

  it('keeps the stored uid whatever the client sends', () => {
    const after = findHpa(written(updateHpa(withHpas(stored), hpa('user', { uid: 'uid-from-client' }), RAW)), at('user'))!;
    expect(after.metadata.uid).toBe('uid-user');
  });

  it('keeps deletionTimestamp of a Terminating object and ignores one sent by the client', () => {
    const terminating = written(deleteHpa(withHpas(stored), at('user')));
    const since = findHpa(terminating, at('user'))!.metadata.deletionTimestamp;
    expect(since).toBeDefined();
    const after = findHpa(written(updateHpa(terminating, hpa('user', { finalizers: ['kserve.io/protect'], deletionTimestamp: '1999-01-01T00:00:00Z' }), RAW)), at('user'))!;
    expect(after.metadata.deletionTimestamp).toBe(since);
    // A live object cannot be marked for deletion by an Update.
    const live = findHpa(written(updateHpa(withHpas(stored), hpa('user', { deletionTimestamp: '1999-01-01T00:00:00Z' }), RAW)), at('user'))!;
    expect(isTerminating(live.metadata)).toBe(false);
  });

  it('of a missing object is NotFound and changes nothing', () => {
    const cluster = withHpas(stored);
    const result = updateHpa(cluster, hpa('other'), RAW);
    expect(result).toMatchObject({ ok: false, reason: 'NotFound' });
    expect(result.cluster).toBe(cluster);
  });

  it('Create of an existing name is AlreadyExists', () => {
    const cluster = withHpas(stored);
    expect(createHpa(cluster, hpa('user'), RAW)).toMatchObject({ ok: false, reason: 'AlreadyExists' });
  });

  it('Create never stores a deletionTimestamp', () => {
    const created = findHpa(withHpas(hpa('x', { finalizers: ['f'], deletionTimestamp: '2025-01-01T00:00:00Z' })), at('x'))!;
    expect(isTerminating(created.metadata)).toBe(false);
  });
});

describe('store: Delete and finalizers', () => {
  const protectedHpa = hpa('user', { finalizers: ['kserve.io/protect'] });

  it('Delete without finalizers removes the object', () => {
    const result = deleteHpa(withHpas(hpa('user')), at('user'));
    expect(result).toMatchObject({ ok: true, effect: 'deleted' });
    expect(findHpa(written(result), at('user'))).toBeUndefined();
  });

  it('Delete with finalizers sets deletionTimestamp; the object is still found', () => {
    const result = deleteHpa(withHpas(protectedHpa), at('user'));
    expect(result).toMatchObject({ ok: true, effect: 'terminating' });
    const after = findHpa(written(result), at('user'))!;
    expect(after).toBeDefined();
    expect(isTerminating(after.metadata)).toBe(true);
    expect(after.metadata.deletionTimestamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(after.metadata.finalizers).toEqual(['kserve.io/protect']);
    expect(after.spec).toEqual(protectedHpa.spec);
  });

  it('a second Delete of a Terminating object succeeds and changes nothing', () => {
    const once = written(deleteHpa(withHpas(protectedHpa), at('user')));
    const twice = deleteHpa(once, at('user'));
    expect(twice).toMatchObject({ ok: true, effect: 'terminating' });
    expect(twice.cluster).toEqual(once);
    expect(findHpa(twice.cluster, at('user'))!.metadata.deletionTimestamp).toBe(findHpa(once, at('user'))!.metadata.deletionTimestamp);
  });

  it('Delete of a missing object is NotFound', () => {
    expect(deleteHpa(EMPTY_CLUSTER, at('nope'))).toMatchObject({ ok: false, reason: 'NotFound' });
  });

  it('removing the last finalizer of a Terminating object removes it', () => {
    const terminating = written(deleteHpa(withHpas(protectedHpa), at('user')));
    const result = removeHpaFinalizer(terminating, at('user'), 'kserve.io/protect');
    expect(result).toMatchObject({ ok: true, effect: 'deleted' });
    expect(findHpa(written(result), at('user'))).toBeUndefined();
  });

  it('removing one of two finalizers keeps it Terminating', () => {
    const terminating = written(deleteHpa(withHpas(hpa('user', { finalizers: ['a/one', 'b/two'] })), at('user')));
    const after = findHpa(written(removeHpaFinalizer(terminating, at('user'), 'a/one')), at('user'))!;
    expect(after.metadata.finalizers).toEqual(['b/two']);
    expect(isTerminating(after.metadata)).toBe(true);
  });

  it('removing the last finalizer of a live object keeps it', () => {
    const after = written(removeHpaFinalizer(withHpas(protectedHpa), at('user'), 'kserve.io/protect'));
    expect(findHpa(after, at('user'))!.metadata.finalizers).toEqual([]);
  });

  it('removing a finalizer the object does not have is a no-op', () => {
    const cluster = withHpas(protectedHpa);
    const result = removeHpaFinalizer(cluster, at('user'), 'other/finalizer');
    expect(result).toMatchObject({ ok: true, effect: 'unchanged' });
    expect(result.cluster).toBe(cluster);
  });

  it('an Update that drops all finalizers of a Terminating object removes it (KServe\'s PUT in §6)', () => {
    const terminating = written(deleteHpa(withHpas(protectedHpa), at('user')));
    const result = updateHpa(terminating, hpa('user', { ownerReferences: [isvcOwner()] }), RAW);
    expect(result).toMatchObject({ ok: true, effect: 'deleted' });
    expect(findHpa(written(result), at('user'))).toBeUndefined();
  });

  it('an Update adding a finalizer to a Terminating object is Forbidden and changes nothing', () => {
    const terminating = written(deleteHpa(withHpas(protectedHpa), at('user')));
    const result = updateHpa(terminating, hpa('user', { finalizers: ['kserve.io/protect', 'new/one'] }), RAW);
    expect(result).toMatchObject({ ok: false, reason: 'Forbidden' });
    if (!result.ok) expect(result.message).toContain('new/one');
    expect(result.cluster).toBe(terminating);
  });

  it('an Update adding a finalizer to a live object is fine', () => {
    const after = findHpa(written(updateHpa(withHpas(hpa('user')), hpa('user', { finalizers: ['new/one'] }), RAW)), at('user'))!;
    expect(after.metadata.finalizers).toEqual(['new/one']);
  });

  it('every write advances the logical clock; failed writes do not', () => {
    const cluster = withHpas(protectedHpa);
    expect(written(deleteHpa(cluster, at('user'))).clock).toBe(cluster.clock + 1);
    expect(updateHpa(cluster, hpa('missing'), RAW).cluster.clock).toBe(cluster.clock);
  });
});

describe('store: garbage collection after the InferenceService is deleted', () => {
  function scene(): Cluster {
    let cluster = putIsvc(EMPTY_CLUSTER, isvc());
    cluster = { ...cluster, deployments: [{ namespace: 'ns', name: 'my-isvc-predictor', isvc: 'my-isvc', component: 'predictor', replicas: 1, ownerUid: ISVC_UID }] };
    for (const h of [
      hpa('owned', { ownerReferences: [isvcOwner()] }),
      hpa('owned-protected', { ownerReferences: [isvcOwner()], finalizers: ['kserve.io/protect'] }),
      hpa('no-owner'),
      hpa('owned-by-deployment', { ownerReferences: [{ apiVersion: 'apps/v1', kind: 'Deployment', name: 'x', uid: ISVC_UID }] }),
      hpa('also-owned-by-deployment', { ownerReferences: [isvcOwner(), { apiVersion: 'apps/v1', kind: 'Deployment', name: 'x', uid: 'uid-x' }] }),
      hpa('same-name-other-uid', { ownerReferences: [isvcOwner('uid-an-older-my-isvc')] }),
    ]) cluster = written(createHpa(cluster, h, RAW));
    return cluster;
  }

  it('removes HPAs owned (by uid) by the InferenceService and leaves the rest', () => {
    const result = deleteIsvc(scene(), ISVC_REF);
    expect(result).toMatchObject({ ok: true, effect: 'deleted' });
    const after = written(result);
    expect(after.isvcs).toEqual([]);
    expect(after.deployments).toEqual([]);
    const names = after.hpas.map((h) => h.metadata.name).sort();
    expect(names).toEqual(['also-owned-by-deployment', 'no-owner', 'owned-by-deployment', 'owned-protected', 'same-name-other-uid']);
  });

  it('leaves finalizer-protected dependents Terminating', () => {
    const protectedHpa = findHpa(written(deleteIsvc(scene(), ISVC_REF)), at('owned-protected'))!;
    expect(isTerminating(protectedHpa.metadata)).toBe(true);
    expect(protectedHpa.metadata.finalizers).toEqual(['kserve.io/protect']);
  });

  it('does not touch an unowned HPA at all', () => {
    const before = findHpa(scene(), at('no-owner'));
    expect(findHpa(written(deleteIsvc(scene(), ISVC_REF)), at('no-owner'))).toEqual(before);
  });

  it('an InferenceService with a finalizer only goes Terminating; its dependents stay until the finalizer goes', () => {
    let cluster = putIsvc(EMPTY_CLUSTER, isvc(['inferenceservice.finalizers']));
    cluster = written(createHpa(cluster, hpa('owned', { ownerReferences: [isvcOwner()] }), RAW));
    const terminating = deleteIsvc(cluster, ISVC_REF);
    expect(terminating).toMatchObject({ ok: true, effect: 'terminating' });
    expect(isTerminating(findIsvc(written(terminating), ISVC_REF)!.metadata)).toBe(true);
    expect(findHpa(written(terminating), at('owned'))).toBeDefined();
    // A second delete changes nothing.
    expect(deleteIsvc(written(terminating), ISVC_REF).cluster).toEqual(written(terminating));
    const gone = removeIsvcFinalizer(written(terminating), ISVC_REF, 'inferenceservice.finalizers');
    expect(gone.isvcs).toEqual([]);
    expect(findHpa(gone, at('owned'))).toBeUndefined();
  });

  it('collectGarbage keeps dependents whose owner is still alive', () => {
    const cluster = scene();
    expect(collectGarbage(cluster, ISVC_UID).hpas).toHaveLength(cluster.hpas.length);
  });

  it('putIsvc keeps uid and deletionTimestamp of the stored InferenceService', () => {
    const terminating = written(deleteIsvc(putIsvc(EMPTY_CLUSTER, isvc(['f'])), ISVC_REF));
    const edited = putIsvc(terminating, { ...isvc(['f']), metadata: { ...isvc(['f']).metadata, uid: 'uid-new', annotations: { a: 'b' } } });
    expect(findIsvc(edited, ISVC_REF)!.metadata.uid).toBe(ISVC_UID);
    expect(findIsvc(edited, ISVC_REF)!.metadata.deletionTimestamp).toBe(findIsvc(terminating, ISVC_REF)!.metadata.deletionTimestamp);
    expect(findIsvc(edited, ISVC_REF)!.metadata.annotations).toEqual({ a: 'b' });
  });
});

describe('defaulting (autoscaling/v2, as the API server applies it)', () => {
  const CPU80 = { type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 80 } } };

  it('minReplicas defaults to 1; a given value is kept', () => {
    expect(defaultHpa(hpa('x', {}, { minReplicas: undefined })).spec.minReplicas).toBe(1);
    expect(defaultHpa(hpa('x', {}, { minReplicas: 3 })).spec.minReplicas).toBe(3);
  });

  it('a cpu 80% Utilization metric when metrics are absent or empty; given metrics kept', () => {
    expect(defaultHpa(hpa('x')).spec.metrics).toEqual([CPU80]);
    expect(defaultHpa(hpa('x', {}, { metrics: [] })).spec.metrics).toEqual([CPU80]);
    const memory = { type: 'Resource', resource: { name: 'memory', target: { type: 'AverageValue', averageValue: '1Gi' } } };
    expect(defaultHpa(hpa('x', {}, { metrics: [memory] })).spec.metrics).toEqual([memory]);
  });

  it('behavior is filled only when present', () => {
    expect(defaultHpa(hpa('x')).spec.behavior).toBeUndefined();
    expect(defaultHpa(hpa('x')).spec).not.toHaveProperty('behavior');
    const filled = defaultHpa(hpa('x', {}, { behavior: {} })).spec.behavior!;
    expect(filled.scaleUp).toEqual({
      stabilizationWindowSeconds: 0,
      selectPolicy: 'Max',
      policies: [{ type: 'Pods', value: 4, periodSeconds: 15 }, { type: 'Percent', value: 100, periodSeconds: 15 }],
    });
    expect(filled.scaleDown).toEqual({ stabilizationWindowSeconds: 300, selectPolicy: 'Max', policies: [{ type: 'Percent', value: 100, periodSeconds: 15 }] });
  });

  it('a partly given behavior keeps what the user set and fills only the rest', () => {
    const filled = defaultHpa(hpa('x', {}, { behavior: { scaleDown: { stabilizationWindowSeconds: 60 } } })).spec.behavior!;
    expect(filled.scaleDown).toEqual({ stabilizationWindowSeconds: 60, selectPolicy: 'Max', policies: [{ type: 'Percent', value: 100, periodSeconds: 15 }] });
    expect(filled.scaleUp).toMatchObject({ stabilizationWindowSeconds: 0, selectPolicy: 'Max' });
  });

  it('is idempotent and does not mutate its input', () => {
    const input = hpa('x', {}, { minReplicas: undefined, behavior: {} });
    const snapshot = structuredClone(input);
    const once = defaultHpa(input);
    expect(defaultHpa(once)).toEqual(once);
    expect(input).toEqual(snapshot);
  });

  it('the defaults are fresh copies: mutating one defaulted HPA does not change another', () => {
    const a = defaultHpa(hpa('a', {}, { behavior: {} }));
    ((a.spec.behavior!.scaleUp as { policies: unknown[] }).policies).push('tampered');
    const b = defaultHpa(hpa('b', {}, { behavior: {} }));
    expect((b.spec.behavior!.scaleUp as { policies: unknown[] }).policies).toHaveLength(2);
  });

  it('the store applies it on Create and Update only when switched on', () => {
    const bare = hpa('x', {}, { minReplicas: undefined, behavior: {} });
    const on = findHpa(written(createHpa(EMPTY_CLUSTER, bare, DEFAULTING)), at('x'))!;
    expect(on.spec).toEqual(defaultHpa(bare).spec);
    const off = findHpa(written(createHpa(EMPTY_CLUSTER, bare, RAW)), at('x'))!;
    expect(off.spec).toEqual(bare.spec);
    const updatedOn = findHpa(written(updateHpa(withHpas(hpa('x')), bare, DEFAULTING)), at('x'))!;
    expect(updatedOn.spec.behavior?.scaleUp).toBeDefined();
    const updatedOff = findHpa(written(updateHpa(withHpas(hpa('x')), bare, RAW)), at('x'))!;
    expect(updatedOff.spec.behavior).toEqual({});
  });
});

describe('semanticDeepEqual (apimachinery equality.Semantic.DeepEqual)', () => {
  it('compares quantities by value', () => {
    expect(semanticDeepEqual({ averageValue: '1Gi' }, { averageValue: '1024Mi' })).toBe(true);
    expect(semanticDeepEqual({ value: '500m' }, { value: '0.5' })).toBe(true);
    expect(semanticDeepEqual({ averageValue: '1k' }, { averageValue: '1000' })).toBe(true);
    expect(semanticDeepEqual({ averageValue: '1Gi' }, { averageValue: '1G' })).toBe(false);
    expect(semanticDeepEqual({ averageValue: '1Gi' }, { averageValue: '1025Mi' })).toBe(false);
  });

  it('nil and empty slices are equal', () => {
    expect(semanticDeepEqual({ metrics: [] }, {})).toBe(true);
    expect(semanticDeepEqual({ metrics: null }, { metrics: [] })).toBe(true);
    expect(semanticDeepEqual(undefined, [])).toBe(true);
  });

  it('absent behavior and {} behavior are NOT equal (a nil pointer vs an empty struct)', () => {
    expect(semanticDeepEqual({ maxReplicas: 1 }, { maxReplicas: 1, behavior: {} })).toBe(false);
    expect(semanticDeepEqual({ maxReplicas: 1, behavior: {} }, { maxReplicas: 1 })).toBe(false);
  });

  it('0 and absent are NOT equal (a pointer to 0 is not nil)', () => {
    expect(semanticDeepEqual({ minReplicas: 0 }, {})).toBe(false);
    expect(semanticDeepEqual({}, { minReplicas: 0 })).toBe(false);
    expect(semanticDeepEqual({ a: false }, {})).toBe(false);
    expect(semanticDeepEqual({ a: '' }, {})).toBe(false);
  });

  it('order of list items matters, order of keys does not', () => {
    expect(semanticDeepEqual([1, 2], [2, 1])).toBe(false);
    expect(semanticDeepEqual({ a: 1, b: [{ c: 2 }] }, { b: [{ c: 2 }], a: 1 })).toBe(true);
  });

  it('an HPA KServe wrote is no longer equal to its desired form once defaulted (behaviour.md §4.8)', () => {
    const desired = hpa('x', {}, { minReplicas: 1, behavior: {} });
    expect(semanticDeepEqual(desired.spec, desired.spec)).toBe(true);
    expect(semanticDeepEqual(desired.spec, defaultHpa(desired).spec)).toBe(false);
  });

  // apimachinery compares by value only the fields typed resource.Quantity; "1000" and "1k" as
  // scaleTargetRef names are different Deployments.
  it('plain strings that happen to look like quantities are compared as strings', () => {
    const a = hpa('x', {}, { scaleTargetRef: { kind: 'Deployment', name: '1000' } });
    const b = hpa('x', {}, { scaleTargetRef: { kind: 'Deployment', name: '1k' } });
    expect(semanticDeepEqual(a.spec, b.spec)).toBe(false);
  });
});

// Issue 10: a cluster holds many InferenceServices and HPAs across namespaces, and the API server
// finds an object by namespace and name, never by name alone.
describe('store: objects are found by namespace and name', () => {
  const inNs = (namespace: string, name: string, uid: string): InferenceService => ({
    apiVersion: 'serving.kserve.io/v1beta1',
    kind: 'InferenceService',
    metadata: { name, namespace, uid },
    spec: { predictor: {} },
  });
  const hpaIn = (namespace: string, name: string, meta: Partial<Hpa['metadata']> = {}): Hpa => {
    const base = hpa(name, meta);
    return { ...base, metadata: { ...base.metadata, namespace, uid: `uid-${namespace}-${name}` } };
  };

  it('the same HPA name in two namespaces is two objects', () => {
    const cluster = withHpas(hpaIn('a', 'same'), hpaIn('b', 'same'));
    expect(cluster.hpas).toHaveLength(2);
    expect(findHpa(cluster, at('same', 'a'))!.metadata.uid).toBe('uid-a-same');
    expect(findHpa(cluster, at('same', 'b'))!.metadata.uid).toBe('uid-b-same');
    expect(findHpa(cluster, at('same', 'c'))).toBeUndefined();
    // AlreadyExists only within one namespace.
    expect(createHpa(cluster, hpaIn('a', 'same'), RAW)).toMatchObject({ ok: false, reason: 'AlreadyExists' });
  });

  it('Delete, Update and finalizer removal touch only the named namespace', () => {
    const cluster = withHpas(hpaIn('a', 'same', { finalizers: ['f/x'] }), hpaIn('b', 'same', { finalizers: ['f/x'] }));
    const deleted = written(deleteHpa(cluster, at('same', 'a')));
    expect(isTerminating(findHpa(deleted, at('same', 'a'))!.metadata)).toBe(true);
    expect(findHpa(deleted, at('same', 'b'))).toEqual(findHpa(cluster, at('same', 'b')));

    const updated = written(updateHpa(cluster, { ...hpaIn('b', 'same'), spec: { ...hpaIn('b', 'same').spec, maxReplicas: 9 } }, RAW));
    expect(findHpa(updated, at('same', 'b'))!.spec.maxReplicas).toBe(9);
    expect(findHpa(updated, at('same', 'a'))!.spec.maxReplicas).toBe(5);

    const unfinalized = written(removeHpaFinalizer(deleted, at('same', 'a'), 'f/x'));
    expect(findHpa(unfinalized, at('same', 'a'))).toBeUndefined();
    expect(findHpa(unfinalized, at('same', 'b'))!.metadata.finalizers).toEqual(['f/x']);
    expect(deleteHpa(cluster, at('same', 'c'))).toMatchObject({ ok: false, reason: 'NotFound' });
  });

  it('InferenceServices keep their creation order; a replacement keeps its place, uid and status, and never takes a given status', () => {
    let cluster = putIsvc(EMPTY_CLUSTER, inNs('ml', 'b', 'uid-b'));
    cluster = putIsvc(cluster, inNs('ml', 'a', 'uid-a'));
    cluster = putIsvc(cluster, inNs('dev', 'b', 'uid-dev-b'));
    expect(cluster.isvcs.map((i) => `${i.metadata.namespace}/${i.metadata.name}`)).toEqual(['ml/b', 'ml/a', 'dev/b']);
    cluster = putIsvcStatus(cluster, { namespace: 'ml', name: 'b' }, { deploymentMode: 'RawDeployment' });
    // A client's status is ignored, on create and on update (status is a subresource).
    cluster = putIsvc(cluster, { ...inNs('ml', 'b', 'uid-other'), status: { deploymentMode: 'Serverless' } });
    cluster = putIsvc(cluster, { ...inNs('ml', 'c', 'uid-c'), status: { deploymentMode: 'Serverless' } });
    expect(cluster.isvcs.map((i) => `${i.metadata.namespace}/${i.metadata.name}`)).toEqual(['ml/b', 'ml/a', 'dev/b', 'ml/c']);
    const b = findIsvc(cluster, { namespace: 'ml', name: 'b' })!;
    expect(b.metadata.uid).toBe('uid-b');
    expect(b.status).toEqual({ deploymentMode: 'RawDeployment' });
    expect(findIsvc(cluster, { namespace: 'dev', name: 'b' })!.status).toBeUndefined();
    expect(findIsvc(cluster, { namespace: 'ml', name: 'c' })!.status).toBeUndefined();
  });

  it('putIsvcStatus writes only the status of the named InferenceService, and only if it exists', () => {
    const cluster = putIsvc(putIsvc(EMPTY_CLUSTER, inNs('a', 'x', 'uid-ax')), inNs('b', 'x', 'uid-bx'));
    const after = putIsvcStatus(cluster, { namespace: 'b', name: 'x' }, { deploymentMode: 'Standard' });
    expect(findIsvc(after, { namespace: 'b', name: 'x' })).toEqual({ ...findIsvc(cluster, { namespace: 'b', name: 'x' }), status: { deploymentMode: 'Standard' } });
    expect(findIsvc(after, { namespace: 'a', name: 'x' })).toEqual(findIsvc(cluster, { namespace: 'a', name: 'x' }));
    expect(putIsvcStatus(cluster, { namespace: 'c', name: 'x' }, { deploymentMode: 'Standard' })).toBe(cluster);
  });

  it('deleting one InferenceService collects only what its uid owns, in any namespace, and leaves a same-named one elsewhere', () => {
    let cluster = putIsvc(putIsvc(EMPTY_CLUSTER, inNs('a', 'x', 'uid-ax')), inNs('b', 'x', 'uid-bx'));
    cluster = {
      ...cluster,
      deployments: [
        { namespace: 'a', name: 'x-predictor', isvc: 'x', component: 'predictor', replicas: 1, ownerUid: 'uid-ax' },
        { namespace: 'b', name: 'x-predictor', isvc: 'x', component: 'predictor', replicas: 2, ownerUid: 'uid-bx' },
      ],
    };
    const owner = (uid: string, name = 'x') => ({ ownerReferences: [isvcOwner(uid, name)] });
    for (const h of [hpaIn('a', 'x-predictor', owner('uid-ax')), hpaIn('b', 'x-predictor', owner('uid-bx')), hpaIn('a', 'mine')]) {
      cluster = written(createHpa(cluster, h, RAW));
    }
    const after = written(deleteIsvc(cluster, { namespace: 'a', name: 'x' }));
    expect(after.isvcs.map((i) => i.metadata.uid)).toEqual(['uid-bx']);
    expect(after.deployments.map((d) => `${d.namespace}/${d.name}`)).toEqual(['b/x-predictor']);
    expect(after.hpas.map((h) => `${h.metadata.namespace}/${h.metadata.name}`)).toEqual(['b/x-predictor', 'a/mine']);
    expect(deleteIsvc(cluster, { namespace: 'c', name: 'x' })).toMatchObject({ ok: false, reason: 'NotFound' });
  });

  it('Deployments are put and deleted by namespace and name', () => {
    const d = (namespace: string, replicas: number) => ({ namespace, name: 'm-predictor', isvc: 'm', component: 'predictor' as const, replicas, ownerUid: `uid-${namespace}` });
    let cluster = putDeployment(putDeployment(EMPTY_CLUSTER, d('a', 1)), d('b', 1));
    cluster = putDeployment(cluster, d('b', 4));
    expect(findDeployment(cluster, { namespace: 'a', name: 'm-predictor' })!.replicas).toBe(1);
    expect(findDeployment(cluster, { namespace: 'b', name: 'm-predictor' })!.replicas).toBe(4);
    cluster = deleteDeployment(cluster, { namespace: 'a', name: 'm-predictor' });
    expect(cluster.deployments.map((x) => x.namespace)).toEqual(['b']);
    // Deleting a missing Deployment changes nothing, not even the clock.
    expect(deleteDeployment(cluster, { namespace: 'a', name: 'm-predictor' })).toBe(cluster);
  });
});
