/**
 * An in-memory API server reduced to the rules this bug depends on. Every function is pure: it
 * takes a cluster and returns the next one with what happened. Objects are found by namespace
 * and name, as the real API server finds them.
 *
 * Modelled: Update replaces the whole object (metadata and spec; uid, creationTimestamp and
 * deletionTimestamp kept, status kept); Delete of an object with finalizers only sets
 * deletionTimestamp, and the object disappears when its last finalizer goes; no new finalizers
 * on an object being deleted; background garbage collection of dependents whose owners are all
 * gone; autoscaling/v2 defaulting (switchable).
 * Not modelled: resourceVersion conflicts (KServe's HPA writes carry none, and the HPA strategy
 * allows unconditional updates), watches and caches (reads are always fresh),
 * foreground/orphan propagation.
 */
import { defaultHpa } from './defaulting.ts';
import { appended, lookup, positionOf, replacedAt, without } from './lists.ts';
import type { Deployment, Hpa, InferenceService, ObjectMeta, ObjectRef, ScaledObject } from './types.ts';

export interface Cluster {
  /** Logical time; advanced by every write, the only clock the model has. */
  clock: number;
  /** InferenceServices in the order they were first created (the controller lists them so). */
  isvcs: InferenceService[];
  hpas: Hpa[];
  deployments: Deployment[];
  /** KEDA ScaledObjects (the user's, and KServe's for class keda). */
  scaledObjects: ScaledObject[];
}

export interface StoreOptions {
  apiServerDefaulting: boolean;
}

export type WriteResult =
  | { ok: true; cluster: Cluster; effect: 'created' | 'updated' | 'deleted' | 'terminating' | 'unchanged' }
  | { ok: false; cluster: Cluster; reason: 'NotFound' | 'AlreadyExists' | 'Forbidden'; message: string };

export const EMPTY_CLUSTER: Cluster = { clock: 0, isvcs: [], hpas: [], deployments: [], scaledObjects: [] };

const EPOCH = Date.UTC(2025, 0, 1);

/** A deterministic RFC 3339 time for a logical clock value, for deletionTimestamp. */
export function timestampAt(clock: number): string {
  return new Date(EPOCH + clock * 1000).toISOString().replace('.000Z', 'Z');
}

const at = (ref: ObjectRef) => (object: { metadata: ObjectRef } | ObjectRef): boolean => {
  const meta = 'metadata' in object ? object.metadata : object;
  return meta.name === ref.name && meta.namespace === ref.namespace;
};

// Lookups go through lists.ts: a table per list, so a pass costs what it reads, not the namespace.
export function findHpa(cluster: Pick<Cluster, 'hpas'>, ref: ObjectRef): Hpa | undefined {
  return lookup(cluster.hpas, ref);
}

export function findIsvc(cluster: Pick<Cluster, 'isvcs'>, ref: ObjectRef): InferenceService | undefined {
  return lookup(cluster.isvcs, ref);
}

export function findDeployment(cluster: Pick<Cluster, 'deployments'>, ref: ObjectRef): Deployment | undefined {
  return lookup(cluster.deployments, ref);
}

export function findScaledObject(cluster: Pick<Cluster, 'scaledObjects'>, ref: ObjectRef): ScaledObject | undefined {
  return lookup(cluster.scaledObjects, ref);
}

/** The list with `current` (found at its name) replaced by `value`. */
function replaced<T extends { metadata: ObjectRef } | ObjectRef>(list: readonly T[], current: T, value: T): T[] {
  const meta: ObjectRef = 'metadata' in current ? current.metadata : current;
  const position = positionOf(list, meta);
  // A caller's `current` is what the lookup found; anything else replaces by identity, as a map would.
  if (list[position] === current) return replacedAt(list, position, value);
  return list.map((entry) => (entry === current ? value : entry));
}

export function isTerminating(meta: ObjectMeta): boolean {
  return meta.deletionTimestamp !== undefined;
}

/**
 * What an apply (kubectl apply, server-side apply: what GitOps tools do) leaves of an object's
 * metadata: the manifest's labels and annotations over the live ones, its finalizers added to the
 * live set, its ownerReferences merged by uid. Fields others wrote and the manifest does not
 * mention stay (the controller's finalizer, KServe's ownerReference). Not modelled: removing a key
 * that an earlier manifest had and a later one drops (the last-applied bookkeeping).
 */
export function appliedMeta(live: ObjectMeta, manifest: ObjectMeta): ObjectMeta {
  const out: ObjectMeta = { ...live };
  if (manifest.labels || live.labels) out.labels = { ...live.labels, ...manifest.labels };
  if (manifest.annotations || live.annotations) out.annotations = { ...live.annotations, ...manifest.annotations };
  const finalizers = [...new Set([...(live.finalizers ?? []), ...(manifest.finalizers ?? [])])];
  if (finalizers.length > 0) out.finalizers = finalizers;
  const owners = [...(live.ownerReferences ?? [])];
  for (const ref of manifest.ownerReferences ?? []) if (!owners.some((o) => o.uid === ref.uid)) owners.push(ref);
  if (owners.length > 0) out.ownerReferences = owners;
  return out;
}

function tick(cluster: Cluster): Cluster {
  return { ...cluster, clock: cluster.clock + 1 };
}

function prepareHpa(hpa: Hpa, options: StoreOptions): Hpa {
  return options.apiServerDefaulting ? defaultHpa(hpa) : hpa;
}

const notFound = (cluster: Cluster, resource: string, ref: ObjectRef): WriteResult =>
  ({ ok: false, cluster, reason: 'NotFound', message: `${resource} "${ref.name}" not found` });

export function createHpa(cluster: Cluster, hpa: Hpa, options: StoreOptions): WriteResult {
  if (findHpa(cluster, hpa.metadata)) {
    return { ok: false, cluster, reason: 'AlreadyExists', message: `horizontalpodautoscalers "${hpa.metadata.name}" already exists` };
  }
  const { deletionTimestamp: _ignored, ...given } = hpa.metadata;
  // The API server assigns a uid to an object created without one (KServe's own HPAs). Derived from
  // the name, not the clock, so the explorer sees a re-created HPA as the same state (nothing owns HPAs).
  const metadata = given.uid ? given : { ...given, uid: `uid-hpa-${hpa.metadata.namespace}-${hpa.metadata.name}` };
  const stored = prepareHpa({ ...hpa, metadata }, options);
  return { ok: true, cluster: { ...tick(cluster), hpas: appended(cluster.hpas, stored) }, effect: 'created' };
}

/** A PUT: the new object replaces the stored one; only uid and deletionTimestamp survive. */
export function updateHpa(cluster: Cluster, hpa: Hpa, options: StoreOptions): WriteResult {
  const current = findHpa(cluster, hpa.metadata);
  if (!current) return notFound(cluster, 'horizontalpodautoscalers', hpa.metadata);
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
  const next = { ...tick(cluster), hpas: replaced(cluster.hpas, current, stored) };
  if (isTerminating(metadata) && finalizers.length === 0) {
    return { ok: true, cluster: removeHpa(next, stored.metadata), effect: 'deleted' };
  }
  return { ok: true, cluster: next, effect: 'updated' };
}

/** DELETE by namespace and name, no preconditions, background propagation. */
export function deleteHpa(cluster: Cluster, ref: ObjectRef): WriteResult {
  const current = findHpa(cluster, ref);
  if (!current) return notFound(cluster, 'horizontalpodautoscalers', ref);
  if ((current.metadata.finalizers ?? []).length > 0) {
    // A second Delete of a Terminating object changes nothing and succeeds.
    if (isTerminating(current.metadata)) return { ok: true, cluster, effect: 'terminating' };
    const next = tick(cluster);
    const marked: Hpa = { ...current, metadata: { ...current.metadata, deletionTimestamp: timestampAt(next.clock) } };
    return { ok: true, cluster: { ...next, hpas: replaced(cluster.hpas, current, marked) }, effect: 'terminating' };
  }
  return { ok: true, cluster: removeHpa(tick(cluster), ref), effect: 'deleted' };
}

export function removeHpaFinalizer(cluster: Cluster, ref: ObjectRef, finalizer: string): WriteResult {
  const current = findHpa(cluster, ref);
  if (!current) return notFound(cluster, 'horizontalpodautoscalers', ref);
  const finalizers = current.metadata.finalizers ?? [];
  if (!finalizers.includes(finalizer)) return { ok: true, cluster, effect: 'unchanged' };
  const rest = finalizers.filter((f) => f !== finalizer);
  const next = tick(cluster);
  if (rest.length === 0 && isTerminating(current.metadata)) {
    return { ok: true, cluster: removeHpa(next, ref), effect: 'deleted' };
  }
  const updated: Hpa = { ...current, metadata: { ...current.metadata, finalizers: rest } };
  return { ok: true, cluster: { ...next, hpas: replaced(cluster.hpas, current, updated) }, effect: 'updated' };
}

function removeHpa(cluster: Cluster, ref: ObjectRef): Cluster {
  return { ...cluster, hpas: without(cluster.hpas, at(ref)) };
}

/**
 * Put an InferenceService (create or replace). A replaced one keeps its uid, deletionTimestamp
 * and status: status is a subresource, so neither a create nor an update from a client writes it.
 */
export function putIsvc(cluster: Cluster, isvc: InferenceService): Cluster {
  const current = findIsvc(cluster, isvc.metadata);
  const { status: _given, ...rest } = isvc;
  if (!current) return { ...tick(cluster), isvcs: appended(cluster.isvcs, rest) };
  const metadata: ObjectMeta = { ...isvc.metadata, uid: current.metadata.uid };
  delete metadata.deletionTimestamp;
  if (current.metadata.deletionTimestamp !== undefined) metadata.deletionTimestamp = current.metadata.deletionTimestamp;
  const stored: InferenceService = { ...rest, metadata, ...(current.status ? { status: current.status } : {}) };
  // An update that removes the last finalizer of a deleting object completes the deletion.
  if (isTerminating(metadata) && (metadata.finalizers ?? []).length === 0) return collectGarbage(removeIsvc(tick(cluster), current), current.metadata.uid);
  return { ...tick(cluster), isvcs: replaced(cluster.isvcs, current, stored) };
}

/** The controller's own write of status (the status subresource): nothing else changes. */
export function putIsvcStatus(cluster: Cluster, ref: ObjectRef, status: NonNullable<InferenceService['status']>): Cluster {
  const current = findIsvc(cluster, ref);
  if (!current) return cluster;
  return { ...tick(cluster), isvcs: replaced(cluster.isvcs, current, { ...current, status }) };
}

/** DELETE an InferenceService: Terminating while finalizers remain, else gone with its dependents. */
export function deleteIsvc(cluster: Cluster, ref: ObjectRef): WriteResult {
  const isvc = findIsvc(cluster, ref);
  if (!isvc) return notFound(cluster, 'inferenceservices', ref);
  if ((isvc.metadata.finalizers ?? []).length > 0) {
    if (isTerminating(isvc.metadata)) return { ok: true, cluster, effect: 'terminating' };
    const next = tick(cluster);
    const marked = { ...isvc, metadata: { ...isvc.metadata, deletionTimestamp: timestampAt(next.clock) } };
    return { ok: true, cluster: { ...next, isvcs: replaced(cluster.isvcs, isvc, marked) }, effect: 'terminating' };
  }
  return { ok: true, cluster: collectGarbage(removeIsvc(tick(cluster), isvc), isvc.metadata.uid), effect: 'deleted' };
}

export function removeIsvcFinalizer(cluster: Cluster, ref: ObjectRef, finalizer: string): Cluster {
  const isvc = findIsvc(cluster, ref);
  if (!isvc) return cluster;
  const rest = (isvc.metadata.finalizers ?? []).filter((f) => f !== finalizer);
  const next = tick(cluster);
  if (rest.length === 0 && isTerminating(isvc.metadata)) return collectGarbage(removeIsvc(next, isvc), isvc.metadata.uid);
  const updated = { ...isvc, metadata: { ...isvc.metadata, finalizers: rest } };
  return { ...next, isvcs: replaced(next.isvcs, isvc, updated) };
}

function removeIsvc(cluster: Cluster, isvc: InferenceService): Cluster {
  return { ...cluster, isvcs: without(cluster.isvcs, (i) => i.metadata.uid === isvc.metadata.uid) };
}

export function putDeployment(cluster: Cluster, deployment: Deployment): Cluster {
  const current = findDeployment(cluster, deployment);
  const deployments = current ? replaced(cluster.deployments, current, deployment) : appended(cluster.deployments, deployment);
  return { ...tick(cluster), deployments };
}

export function deleteDeployment(cluster: Cluster, ref: ObjectRef): Cluster {
  if (!findDeployment(cluster, ref)) return cluster;
  return { ...tick(cluster), deployments: without(cluster.deployments, at(ref)) };
}

/**
 * Create or replace a ScaledObject (KEDA's CRD has no finalizers of its own in this model). A
 * replaced one keeps its uid, as the API server keeps it on an update.
 */
export function putScaledObject(cluster: Cluster, object: ScaledObject): Cluster {
  const current = findScaledObject(cluster, object.metadata);
  if (!current) {
    const uid = object.metadata.uid || `uid-scaledobject-${object.metadata.namespace}-${object.metadata.name}`;
    return { ...tick(cluster), scaledObjects: appended(cluster.scaledObjects, { ...object, metadata: { ...object.metadata, uid } }) };
  }
  const stored: ScaledObject = { ...object, metadata: { ...object.metadata, uid: current.metadata.uid } };
  return { ...tick(cluster), scaledObjects: replaced(cluster.scaledObjects, current, stored) };
}

/** DELETE a ScaledObject; the HPA KEDA made for it goes with it (it is the HPA's controller owner). */
export function deleteScaledObject(cluster: Cluster, ref: ObjectRef): Cluster {
  const current = findScaledObject(cluster, ref);
  if (!current) return cluster;
  return collectGarbage({ ...tick(cluster), scaledObjects: without(cluster.scaledObjects, (o) => o === current) }, current.metadata.uid);
}

/**
 * Background garbage collection after the owner with `goneUid` disappeared: every object that
 * referenced it, and whose other owners are gone too, is deleted (finalizers still hold it
 * Terminating), and so on down the chain (InferenceService → its ScaledObject → KEDA's HPA). An
 * owner is gone when it is an InferenceService the cluster no longer has, or a ScaledObject this
 * collection removed; owners of other kinds (or ScaledObjects the input never gave) count as alive.
 */
export function collectGarbage(cluster: Cluster, goneUid: string): Cluster {
  let next: Cluster = { ...cluster, deployments: without(cluster.deployments, (d) => d.ownerUid === goneUid) };
  // A work list of gone owners and, read once, who depends on whom: no rescan of the cluster per owner.
  const scaledObjectsOf = dependentsByOwner(next.scaledObjects);
  const hpasOf = dependentsByOwner(next.hpas);
  let live: Set<string> | null = null;
  const isvcLive = (uid: string): boolean => (live ??= new Set(next.isvcs.map((i) => i.metadata.uid))).has(uid);
  const removed = new Set([goneUid]);
  const collected = new Set<ScaledObject>();
  const pending = [goneUid];
  while (pending.length > 0) {
    const uid = pending.pop()!;
    const dead = (ref: { kind: string; uid: string }) => (ref.kind === 'InferenceService' && !isvcLive(ref.uid)) || (ref.kind === 'ScaledObject' && removed.has(ref.uid));
    const orphaned = (meta: ObjectMeta): boolean => (meta.ownerReferences ?? []).every(dead);
    const victims = (scaledObjectsOf.get(uid) ?? []).filter((o) => !collected.has(o) && orphaned(o.metadata));
    for (const object of victims) {
      next = { ...next, scaledObjects: without(next.scaledObjects, (o) => o === object) };
      collected.add(object);
      removed.add(object.metadata.uid);
      pending.push(object.metadata.uid);
    }
    // An HPA removed earlier in the chain is not found again, and a Terminating one stays as it is.
    for (const hpa of hpasOf.get(uid) ?? []) {
      if (orphaned(hpa.metadata)) next = deleteHpa(next, hpa.metadata).cluster;
    }
  }
  return next;
}

/** Owner uid → the objects that name it in their ownerReferences, in list order. */
function dependentsByOwner<T extends { metadata: ObjectMeta }>(list: readonly T[]): Map<string, T[]> {
  const byOwner = new Map<string, T[]>();
  for (const object of list) {
    for (const ref of object.metadata.ownerReferences ?? []) {
      const dependents = byOwner.get(ref.uid);
      if (!dependents) byOwner.set(ref.uid, [object]);
      else if (dependents[dependents.length - 1] !== object) dependents.push(object);
    }
  }
  return byOwner;
}
