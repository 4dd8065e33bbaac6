/**
 * An in-memory API server for one namespace, reduced to the rules this bug depends on.
 * Every function is pure: it takes a cluster and returns the next one with what happened.
 *
 * Modelled: Update replaces the whole object (metadata and spec; uid and deletionTimestamp kept);
 * Delete of an object with finalizers only sets deletionTimestamp, and the object disappears when
 * its last finalizer goes; no new finalizers on an object being deleted; background garbage
 * collection of dependents whose owners are all gone; autoscaling/v2 defaulting (switchable).
 * Not modelled: resourceVersion conflicts (KServe's HPA writes carry none), watches and caches
 * (reads are always fresh), foreground/orphan propagation, namespaces other than the ISVC's.
 */
import { defaultHpa } from './defaulting.ts';
import type { Deployment, Hpa, InferenceService, ObjectMeta } from './types.ts';

export interface Cluster {
  /** Logical time; advanced by every write, the only clock the model has. */
  clock: number;
  isvc: InferenceService | null;
  hpas: Hpa[];
  deployments: Deployment[];
}

export interface StoreOptions {
  apiServerDefaulting: boolean;
}

export type WriteResult =
  | { ok: true; cluster: Cluster; effect: 'created' | 'updated' | 'deleted' | 'terminating' | 'unchanged' }
  | { ok: false; cluster: Cluster; reason: 'NotFound' | 'AlreadyExists' | 'Forbidden'; message: string };

export const EMPTY_CLUSTER: Cluster = { clock: 0, isvc: null, hpas: [], deployments: [] };

const EPOCH = Date.UTC(2025, 0, 1);

/** A deterministic RFC 3339 time for a logical clock value, for deletionTimestamp. */
export function timestampAt(clock: number): string {
  return new Date(EPOCH + clock * 1000).toISOString().replace('.000Z', 'Z');
}

export function findHpa(cluster: Cluster, name: string): Hpa | undefined {
  return cluster.hpas.find((hpa) => hpa.metadata.name === name);
}

export function isTerminating(meta: ObjectMeta): boolean {
  return meta.deletionTimestamp !== undefined;
}

function tick(cluster: Cluster): Cluster {
  return { ...cluster, clock: cluster.clock + 1 };
}

function prepareHpa(hpa: Hpa, options: StoreOptions): Hpa {
  return options.apiServerDefaulting ? defaultHpa(hpa) : hpa;
}

export function createHpa(cluster: Cluster, hpa: Hpa, options: StoreOptions): WriteResult {
  if (findHpa(cluster, hpa.metadata.name)) {
    return { ok: false, cluster, reason: 'AlreadyExists', message: `horizontalpodautoscalers "${hpa.metadata.name}" already exists` };
  }
  const { deletionTimestamp: _ignored, ...metadata } = hpa.metadata;
  const stored = prepareHpa({ ...hpa, metadata }, options);
  return { ok: true, cluster: { ...tick(cluster), hpas: [...cluster.hpas, stored] }, effect: 'created' };
}

/** A PUT: the new object replaces the stored one; only uid and deletionTimestamp survive. */
export function updateHpa(cluster: Cluster, hpa: Hpa, options: StoreOptions): WriteResult {
  const current = findHpa(cluster, hpa.metadata.name);
  if (!current) {
    return { ok: false, cluster, reason: 'NotFound', message: `horizontalpodautoscalers "${hpa.metadata.name}" not found` };
  }
  const finalizers = hpa.metadata.finalizers ?? [];
  if (isTerminating(current.metadata)) {
    const before = new Set(current.metadata.finalizers ?? []);
    const added = finalizers.filter((f) => !before.has(f));
    if (added.length > 0) {
      return { ok: false, cluster, reason: 'Forbidden', message: `no new finalizers can be added if the object is being deleted, found new finalizers ${JSON.stringify(added)}` };
    }
  }
  const metadata: ObjectMeta = { ...hpa.metadata, uid: current.metadata.uid };
  delete metadata.deletionTimestamp;
  if (current.metadata.deletionTimestamp !== undefined) metadata.deletionTimestamp = current.metadata.deletionTimestamp;
  const stored = prepareHpa({ ...hpa, metadata }, options);
  const next = { ...tick(cluster), hpas: cluster.hpas.map((h) => (h === current ? stored : h)) };
  if (isTerminating(metadata) && finalizers.length === 0) {
    return { ok: true, cluster: removeHpa(next, stored.metadata.name), effect: 'deleted' };
  }
  return { ok: true, cluster: next, effect: 'updated' };
}

/** DELETE by name, no preconditions, background propagation. */
export function deleteHpa(cluster: Cluster, name: string): WriteResult {
  const current = findHpa(cluster, name);
  if (!current) return { ok: false, cluster, reason: 'NotFound', message: `horizontalpodautoscalers "${name}" not found` };
  if ((current.metadata.finalizers ?? []).length > 0) {
    // A second Delete of a Terminating object changes nothing and succeeds.
    if (isTerminating(current.metadata)) return { ok: true, cluster, effect: 'terminating' };
    const next = tick(cluster);
    const marked: Hpa = { ...current, metadata: { ...current.metadata, deletionTimestamp: timestampAt(next.clock) } };
    return { ok: true, cluster: { ...next, hpas: cluster.hpas.map((h) => (h === current ? marked : h)) }, effect: 'terminating' };
  }
  return { ok: true, cluster: removeHpa(tick(cluster), name), effect: 'deleted' };
}

export function removeHpaFinalizer(cluster: Cluster, name: string, finalizer: string): WriteResult {
  const current = findHpa(cluster, name);
  if (!current) return { ok: false, cluster, reason: 'NotFound', message: `horizontalpodautoscalers "${name}" not found` };
  const finalizers = current.metadata.finalizers ?? [];
  if (!finalizers.includes(finalizer)) return { ok: true, cluster, effect: 'unchanged' };
  const rest = finalizers.filter((f) => f !== finalizer);
  const next = tick(cluster);
  if (rest.length === 0 && isTerminating(current.metadata)) {
    return { ok: true, cluster: removeHpa(next, name), effect: 'deleted' };
  }
  const updated: Hpa = { ...current, metadata: { ...current.metadata, finalizers: rest } };
  return { ok: true, cluster: { ...next, hpas: cluster.hpas.map((h) => (h === current ? updated : h)) }, effect: 'updated' };
}

function removeHpa(cluster: Cluster, name: string): Cluster {
  return { ...cluster, hpas: cluster.hpas.filter((h) => h.metadata.name !== name) };
}

/** Put the InferenceService (create or replace), keeping uid, deletionTimestamp and status of a stored one. */
export function putIsvc(cluster: Cluster, isvc: InferenceService): Cluster {
  const current = cluster.isvc;
  if (!current) {
    const { status: _ignored, ...created } = isvc;
    return { ...tick(cluster), isvc: created };
  }
  const metadata: ObjectMeta = { ...isvc.metadata, uid: current.metadata.uid };
  delete metadata.deletionTimestamp;
  if (current.metadata.deletionTimestamp !== undefined) metadata.deletionTimestamp = current.metadata.deletionTimestamp;
  const { status: _given, ...rest } = isvc;
  return { ...tick(cluster), isvc: { ...rest, metadata, ...(current.status ? { status: current.status } : {}) } };
}

/** DELETE the InferenceService: Terminating while finalizers remain, else gone with its dependents. */
export function deleteIsvc(cluster: Cluster): WriteResult {
  const isvc = cluster.isvc;
  if (!isvc) return { ok: false, cluster, reason: 'NotFound', message: 'the InferenceService does not exist' };
  if ((isvc.metadata.finalizers ?? []).length > 0) {
    if (isTerminating(isvc.metadata)) return { ok: true, cluster, effect: 'terminating' };
    const next = tick(cluster);
    return { ok: true, cluster: { ...next, isvc: { ...isvc, metadata: { ...isvc.metadata, deletionTimestamp: timestampAt(next.clock) } } }, effect: 'terminating' };
  }
  return { ok: true, cluster: collectGarbage({ ...tick(cluster), isvc: null }, isvc.metadata.uid), effect: 'deleted' };
}

export function removeIsvcFinalizer(cluster: Cluster, finalizer: string): Cluster {
  const isvc = cluster.isvc;
  if (!isvc) return cluster;
  const rest = (isvc.metadata.finalizers ?? []).filter((f) => f !== finalizer);
  const next = tick(cluster);
  if (rest.length === 0 && isTerminating(isvc.metadata)) return collectGarbage({ ...next, isvc: null }, isvc.metadata.uid);
  return { ...next, isvc: { ...isvc, metadata: { ...isvc.metadata, finalizers: rest } } };
}

/**
 * Background garbage collection after the owner with `goneUid` disappeared: every object that
 * referenced it, and whose other InferenceService owners are gone too, is deleted (finalizers
 * still hold it Terminating). Owner references to kinds we do not model are assumed alive.
 */
export function collectGarbage(cluster: Cluster, goneUid: string): Cluster {
  const liveIsvcUid = cluster.isvc?.metadata.uid;
  const orphaned = (meta: ObjectMeta): boolean => {
    const refs = meta.ownerReferences ?? [];
    if (!refs.some((ref) => ref.uid === goneUid)) return false;
    return refs.every((ref) => ref.kind === 'InferenceService' && ref.uid !== liveIsvcUid);
  };
  let next: Cluster = { ...cluster, deployments: cluster.deployments.filter((d) => d.ownerUid !== goneUid) };
  for (const hpa of cluster.hpas) {
    if (!orphaned(hpa.metadata)) continue;
    const result = deleteHpa(next, hpa.metadata.name);
    next = result.cluster;
  }
  return next;
}
