/**
 * The part of KEDA's operator (kedacore/keda v2.17.0, controllers/keda) this bug touches: for each
 * ScaledObject it keeps one HPA, which it creates, owns and puts back.
 * - The HPA is named `keda-hpa-<ScaledObject>`, or spec.advanced.horizontalPodAutoscalerConfig.name
 *   (hpa.go:339-348), and targets the ScaledObject's scaleTargetRef (a Deployment unless a kind is given).
 * - minReplicas is minReplicaCount when above 0, else 1; maxReplicas is maxReplicaCount, else 100
 *   (apis/keda/v1alpha1/scaledobject_types.go:250-264).
 * - The ScaledObject is the HPA's controller owner (hpa.go:140-143), so the HPA goes with it.
 * - An HPA already at that name is updated whenever its spec or KEDA's labels differ (hpa.go:148-175),
 *   whoever owns it; the update replaces the whole object, owners included. KEDA watches the HPAs it owns (scaledobject_controller.go:141-146), so it puts
 *   back one that someone else deleted or changed while it still owned it.
 * Not modelled: triggers beyond their number, metrics and behaviour of KEDA's HPA, pausing,
 * fallback, scaling to zero, KEDA's own periodic resync, ScaledJobs.
 */
import { createHpa, findDeployment, findHpa, findScaledObject, updateHpa, type Cluster, type StoreOptions } from '../k8s/store.ts';
import { keyOf, type Hpa, type ObjectRef, type ScaledObject } from '../k8s/types.ts';
import { msg, type Message } from '../i18n/message.ts';

export const KEDA_API_VERSION = 'keda.sh/v1alpha1';
const DEFAULT_HPA_MIN = 1;
const DEFAULT_HPA_MAX = 100;

/** The name of the HPA KEDA keeps for a ScaledObject. */
export function kedaHpaName(object: Pick<ScaledObject, 'metadata' | 'spec'>): string {
  const named = object.spec.advanced?.horizontalPodAutoscalerConfig?.name;
  return named ? named : `keda-hpa-${object.metadata.name}`;
}

/** The kind and name a ScaledObject scales; an empty kind means a Deployment (KEDA's default). */
export function scaledTarget(object: Pick<ScaledObject, 'spec'>): { kind: string; name: string } {
  return { kind: object.spec.scaleTargetRef.kind || 'Deployment', name: object.spec.scaleTargetRef.name };
}

/** The HPA KEDA builds for a ScaledObject (newHPAForScaledObject), reduced to the fields the model reads. */
export function desiredKedaHpa(object: ScaledObject): Hpa {
  const target = scaledTarget(object);
  const min = object.spec.minReplicaCount !== undefined && object.spec.minReplicaCount > 0 ? object.spec.minReplicaCount : DEFAULT_HPA_MIN;
  return {
    apiVersion: 'autoscaling/v2',
    kind: 'HorizontalPodAutoscaler',
    metadata: {
      name: kedaHpaName(object),
      namespace: object.metadata.namespace,
      uid: '',
      labels: { 'app.kubernetes.io/managed-by': 'keda-operator', 'app.kubernetes.io/part-of': object.metadata.name },
      ownerReferences: [{ apiVersion: KEDA_API_VERSION, kind: 'ScaledObject', name: object.metadata.name, uid: object.metadata.uid, controller: true, blockOwnerDeletion: true }],
    },
    spec: {
      scaleTargetRef: { apiVersion: 'apps/v1', kind: target.kind, name: target.name },
      minReplicas: min,
      maxReplicas: object.spec.maxReplicaCount ?? DEFAULT_HPA_MAX,
    },
  };
}

/** True when the HPA is controlled by this ScaledObject (by uid, as KEDA's watch maps it). */
export function ownedByScaledObject(hpa: Pick<Hpa, 'metadata'>, object: Pick<ScaledObject, 'metadata'>): boolean {
  return (hpa.metadata.ownerReferences ?? []).some((ref) => ref.kind === 'ScaledObject' && ref.uid === object.metadata.uid && ref.controller === true);
}

/** The HPA's spec as KEDA compares it (target, bounds), and whether KEDA's labels are all there. */
const kedaView = (hpa: Hpa): string => JSON.stringify([hpa.spec.scaleTargetRef.kind, hpa.spec.scaleTargetRef.name, hpa.spec.minReplicas ?? 1, hpa.spec.maxReplicas]);
const hasLabels = (hpa: Hpa, wanted: Readonly<Record<string, string>>): boolean => Object.entries(wanted).every(([key, value]) => hpa.metadata.labels?.[key] === value);

/** The workload a ScaledObject scales exists (the model holds KServe's Deployments only). */
const targetExists = (cluster: Pick<Cluster, 'deployments'>, object: ScaledObject): boolean => {
  const target = scaledTarget(object);
  return target.kind === 'Deployment' && findDeployment(cluster, { namespace: object.metadata.namespace, name: target.name }) !== undefined;
};

/**
 * The ScaledObjects KEDA's watches wake for a change from `before` to `after`: a ScaledObject
 * created or whose spec changed, the owner of an HPA it controlled that was changed or deleted,
 * and (its back-off retry) one that found no workload before and whose workload now exists.
 */
export function kedaWakes(before: Cluster, after: Cluster): ObjectRef[] {
  if (after.scaledObjects.length === 0) return [];
  const woken = new Map<string, ObjectRef>();
  if (before.deployments !== after.deployments) {
    for (const object of after.scaledObjects) if (object.status?.targetMissing && targetExists(after, object)) woken.set(keyOf(object.metadata), object.metadata);
  }
  if (before.scaledObjects === after.scaledObjects && before.hpas === after.hpas) return [...woken.values()];
  const old = new Map(before.scaledObjects.map((o) => [keyOf(o.metadata), o]));
  for (const object of after.scaledObjects) {
    const was = old.get(keyOf(object.metadata));
    if (!was || JSON.stringify(was.spec) !== JSON.stringify(object.spec)) woken.set(keyOf(object.metadata), object.metadata);
  }
  if (before.hpas !== after.hpas) {
    const now = new Map(after.hpas.map((h) => [keyOf(h.metadata), h]));
    for (const hpa of before.hpas) {
      const current = now.get(keyOf(hpa.metadata));
      if (current === hpa) continue;
      const owner = before.scaledObjects.find((o) => o.metadata.namespace === hpa.metadata.namespace && ownedByScaledObject(hpa, o));
      if (owner && findScaledObject(after, owner.metadata)) woken.set(keyOf(owner.metadata), owner.metadata);
    }
  }
  return [...woken.values()];
}

/** KEDA's reconcile of the ScaledObjects it was woken for: its HPA created, or put back when it differs. */
export function reconcileKeda(cluster: Cluster, woken: readonly ObjectRef[], options: StoreOptions): { cluster: Cluster; notes: Message[] } {
  let next = cluster;
  const notes: Message[] = [];
  for (const ref of woken) {
    const object = findScaledObject(next, ref);
    if (!object || object.metadata.deletionTimestamp !== undefined) continue;
    if (!targetExists(next, object)) {
      // checkTargetResourceIsScalable fails before any HPA is made; the error retries with back-off.
      if (!object.status?.targetMissing) next = withStatus(next, object, { targetMissing: true });
      notes.push(msg('keda.targetMissing', { scaledObject: object.metadata.name, target: scaledTarget(object).name }));
      continue;
    }
    if (object.status?.targetMissing) next = withStatus(next, object, {});
    const desired = desiredKedaHpa(object);
    const found = findHpa(next, desired.metadata);
    const params = { scaledObject: object.metadata.name, hpa: desired.metadata.name };
    if (!found) {
      const write = createHpa(next, desired, options);
      next = write.cluster;
      notes.push(msg(write.ok ? 'keda.hpaCreated' : 'keda.hpaFailed', params));
    } else if (kedaView(found) !== kedaView(desired) || !hasLabels(found, desired.metadata.labels ?? {})) {
      const write = updateHpa(next, { ...desired, metadata: { ...desired.metadata, uid: found.metadata.uid } }, options);
      next = write.cluster;
      notes.push(msg(write.ok ? 'keda.hpaRestored' : 'keda.hpaFailed', params));
    }
  }
  return { cluster: next, notes };
}

/** KEDA's status write: nothing else of the object changes. */
function withStatus(cluster: Cluster, object: ScaledObject, status: NonNullable<ScaledObject['status']>): Cluster {
  const { status: _old, ...rest } = object;
  const updated: ScaledObject = Object.keys(status).length > 0 ? { ...rest, status } : rest;
  return { ...cluster, scaledObjects: cluster.scaledObjects.map((o) => (o === object ? updated : o)) };
}
