/**
 * What the outside world does to the cluster for each scenario event, and which
 * InferenceServices the KServe controller is woken for. KServe watches its InferenceServices and
 * the Deployments it owns (pod churn and HPA scaling change a Deployment); it never watches HPAs,
 * so HPA edits alone wake nothing.
 */
import { appliedMeta, findHpa, findIsvc, findScaledObject, deleteHpa, deleteIsvc, putIsvc, putScaledObject, removeHpaFinalizer, createHpa, updateHpa, isTerminating, putDeployment, type Cluster, type StoreOptions } from '../k8s/store.ts';
import { groupOf } from '../k8s/lists.ts';
import { componentKey, deploymentComponentKey, hpaTargetKey, targetKey } from '../k8s/group-keys.ts';
import { keyOf, type Deployment, type Hpa, type InferenceService, type KubeObject, type ScaledObject } from '../k8s/types.ts';
import { admitScaledObject } from '../keda/webhook.ts';
import type { KedaInstall } from '../kserve/keda-reconciler.ts';
import { msg, type Message } from '../i18n/message.ts';
import { admitInferenceService, admitInferenceServiceUpdate, mutateInferenceService, type Admission, type AdmissionRules } from '../kserve/admission.ts';
import type { DeploymentMode } from '../kserve/constants.ts';
import { formatTarget, type ControllerEvent, type HpaTarget, type IsvcTarget } from './events.ts';

export interface WorldOutcome {
  cluster: Cluster;
  admission: Admission | null;
  /** InferenceServices (namespace/name) the event enqueues, in the order the controller takes them. */
  queue: string[];
  notes: Message[];
}

export interface WorldContext {
  rules: AdmissionRules;
  /** The cluster's default deployment mode, which the mutating webhook writes into new objects. */
  clusterDefault: DeploymentMode;
  options: StoreOptions;
  /** The input's objects as written, for a GitOps tool to re-apply. */
  manifests: readonly KubeObject[];
  /** Whether KEDA's CRDs, operator and webhook are installed. */
  keda: KedaInstall;
}

type Found<T> = { ok: true; value: T } | { ok: false; note: Message };

/** The InferenceService an event means: named, or the cluster's only one. */
export function resolveIsvc(cluster: Pick<Cluster, 'isvcs'>, target: IsvcTarget | null): Found<InferenceService> {
  const names = (list: readonly InferenceService[]) => list.map((i) => keyOf(i.metadata));
  if (target === null) {
    const [only, ...others] = cluster.isvcs;
    if (only && others.length === 0) return { ok: true, value: only };
    return cluster.isvcs.length === 0
      ? { ok: false, note: msg('world.noIsvc') }
      : { ok: false, note: msg('world.isvcAmbiguous', { names: names(cluster.isvcs) }) };
  }
  // Named with its namespace: at most one (the store keeps one per namespace and name), found without a scan.
  const named = target.namespace === null ? null : findIsvc(cluster, { namespace: target.namespace, name: target.name });
  const matches = named !== null ? (named ? [named] : []) : cluster.isvcs.filter((i) => i.metadata.name === target.name);
  const [match, ...more] = matches;
  if (match && more.length === 0) return { ok: true, value: match };
  return matches.length === 0
    ? { ok: false, note: msg('world.isvcNotFound', { isvc: formatTarget(target) }) }
    : { ok: false, note: msg('world.isvcAmbiguous', { names: names(matches) }) };
}

export function resolveHpa(cluster: Pick<Cluster, 'hpas'>, target: HpaTarget): Found<Hpa> {
  const matches = cluster.hpas.filter((h) => h.metadata.name === target.name && (target.namespace === null || h.metadata.namespace === target.namespace));
  const [match, ...more] = matches;
  if (match && more.length === 0) return { ok: true, value: match };
  return matches.length === 0
    ? { ok: false, note: msg('world.hpaNotFound', { hpa: formatTarget(target) }) }
    : { ok: false, note: msg('world.hpaAmbiguous', { names: matches.map((h) => keyOf(h.metadata)) }) };
}

export function predictorDeployment(cluster: Pick<Cluster, 'deployments'>, isvc: InferenceService): Deployment | undefined {
  return groupOf(cluster.deployments, deploymentComponentKey, componentKey(isvc.metadata.namespace, isvc.metadata.name, 'predictor', undefined))[0];
}

/** The HPAs that scale a Deployment (same namespace, scaleTargetRef to it). */
export function scalersOf(cluster: Pick<Cluster, 'hpas'>, deployment: Pick<Deployment, 'namespace' | 'name'>): Hpa[] {
  return groupOf(cluster.hpas, hpaTargetKey, targetKey(deployment.namespace, 'Deployment', deployment.name));
}

/** Every live InferenceService, for a resync or a (re)start, in the order they were created. */
const everyIsvc = (cluster: Cluster): string[] => cluster.isvcs.map((i) => keyOf(i.metadata));

export function applyWorldEvent(cluster: Cluster, event: ControllerEvent, world: WorldContext): WorldOutcome {
  const quiet = (notes: Message[], next: Cluster = cluster): WorldOutcome => ({ cluster: next, admission: null, queue: [], notes });
  const woken = (queue: string[], notes: Message[], next: Cluster = cluster): WorldOutcome => ({ cluster: next, admission: null, queue, notes });

  switch (event.type) {
    case 'object.apply':
      return applyObject(cluster, event.object, world);
    case 'pod.created':
    case 'pod.deleted': {
      const isvc = resolveIsvc(cluster, event.isvc);
      if (!isvc.ok) return quiet([isvc.note]);
      const deployment = predictorDeployment(cluster, isvc.value);
      if (!deployment) return quiet([msg('world.noDeployment', { isvc: keyOf(isvc.value.metadata) })]);
      const notes = [msg('world.podChurn', { deployment: deployment.name, isvc: keyOf(isvc.value.metadata) })];
      // A pod that comes up makes a canary's Deployment available; a deleted one is replaced, so it stays.
      let next = cluster;
      if (event.type === 'pod.created') {
        // By index, per canary of this InferenceService: the cost is its canaries, not the namespace's Deployments.
        const { namespace, name } = isvc.value.metadata;
        const canaries = new Set((isvc.value.spec.canary ?? []).flatMap((c) => groupOf(cluster.deployments, deploymentComponentKey, componentKey(namespace, name, 'predictor', c.predictor.name ?? ''))));
        for (const canary of [...canaries].filter((d) => d.replicas > 0 && !d.available)) {
          next = putDeployment(next, { ...canary, available: true });
          notes.push(msg('world.canaryAvailable', { deployment: canary.name }));
        }
      }
      return woken([keyOf(isvc.value.metadata)], notes, next);
    }
    case 'hpa.scaled': {
      const isvc = resolveIsvc(cluster, event.isvc);
      if (!isvc.ok) return quiet([isvc.note]);
      const deployment = predictorDeployment(cluster, isvc.value);
      if (!deployment) return quiet([msg('world.noDeploymentToScale', { isvc: keyOf(isvc.value.metadata) })]);
      const scalers = scalersOf(cluster, deployment);
      const [scaler] = scalers;
      if (!scaler) return quiet([msg('world.noScaler', { deployment: deployment.name })]);
      // Kubernetes ≥ 1.26 (kubernetes#112011): two HPAs selecting the same pods both stop scaling.
      if (scalers.length > 1) return quiet([msg('world.ambiguousSelector', { deployment: deployment.name, hpas: scalers.map((h) => h.metadata.name) })]);
      if (deployment.replicas === event.replicas) return quiet([msg('world.alreadyScaled', { deployment: deployment.name, replicas: event.replicas })]);
      const next = putDeployment(cluster, { ...deployment, replicas: event.replicas, scaledBy: scaler.metadata.name });
      return woken([keyOf(isvc.value.metadata)], [msg('world.scaled', { hpa: scaler.metadata.name, deployment: deployment.name, replicas: event.replicas })], next);
    }
    case 'resync':
    case 'controller.restarted':
    case 'controller.upgraded': {
      const queue = everyIsvc(cluster);
      if (queue.length === 0) return quiet([msg('world.nothingToReconcile')]);
      const note = event.type === 'resync' ? 'world.resync' : event.type === 'controller.restarted' ? 'world.restarted' : 'world.upgradedQueue';
      return woken(queue, [msg(note, { count: queue.length })]);
    }
    case 'gitops.sync':
      return gitopsSync(cluster, world);
    case 'isvc.annotate': {
      const isvc = resolveIsvc(cluster, event.isvc);
      if (!isvc.ok) return quiet([isvc.note]);
      const annotations = { ...isvc.value.metadata.annotations };
      if (event.value === null) delete annotations[event.key];
      else annotations[event.key] = event.value;
      return writeIsvc(cluster, { ...isvc.value, metadata: { ...isvc.value.metadata, annotations } }, world);
    }
    case 'isvc.set': {
      const isvc = resolveIsvc(cluster, event.isvc);
      if (!isvc.ok) return quiet([isvc.note]);
      const spec = { ...isvc.value.spec };
      for (const { component, field, value } of event.settings) {
        const current = spec[component];
        if (!current) return quiet([msg('world.noComponent', { isvc: keyOf(isvc.value.metadata), component })]);
        const next = { ...current };
        if (value === null) delete next[field];
        else Object.assign(next, { [field]: value });
        spec[component] = next;
      }
      return writeIsvc(cluster, { ...isvc.value, spec }, world);
    }
    case 'hpa.delete': {
      const hpa = resolveHpa(cluster, event.hpa);
      if (!hpa.ok) return quiet([hpa.note]);
      const result = deleteHpa(cluster, hpa.value.metadata);
      if (!result.ok) return quiet([msg('world.hpaNotFound', { hpa: formatTarget(event.hpa) })]);
      return quiet([msg(result.effect === 'terminating' ? 'world.hpaDeleteTerminating' : 'world.hpaDeleted', { hpa: hpa.value.metadata.name })], result.cluster);
    }
    case 'hpa.removeFinalizer': {
      const hpa = resolveHpa(cluster, event.hpa);
      if (!hpa.ok) return quiet([hpa.note]);
      const result = removeHpaFinalizer(cluster, hpa.value.metadata, event.finalizer);
      if (!result.ok) return quiet([msg('world.hpaNotFound', { hpa: formatTarget(event.hpa) })]);
      const params = { hpa: hpa.value.metadata.name, finalizer: event.finalizer };
      if (result.effect === 'unchanged') return quiet([msg('world.noSuchFinalizer', params)]);
      return quiet([msg(result.effect === 'deleted' ? 'world.lastFinalizerRemoved' : 'world.finalizerRemoved', params)], result.cluster);
    }
    case 'isvc.delete': {
      const isvc = resolveIsvc(cluster, event.isvc);
      if (!isvc.ok) return quiet([isvc.note]);
      const result = deleteIsvc(cluster, isvc.value.metadata);
      if (!result.ok) return quiet([msg('world.isvcNotFound', { isvc: keyOf(isvc.value.metadata) })]);
      const key = keyOf(isvc.value.metadata);
      return result.effect === 'terminating'
        ? woken([key], [msg('world.isvcTerminating', { isvc: key })], result.cluster)
        : quiet([msg('world.isvcGone', { isvc: key })], result.cluster);
    }
  }
}

/** A write of an InferenceService: a full update (the user's edit), or an apply of a manifest. */
function writeIsvc(cluster: Cluster, given: InferenceService, world: Pick<WorldContext, 'rules' | 'clusterDefault'>, how: 'update' | 'apply' = 'update'): WorldOutcome {
  const { rules } = world;
  const stored = findIsvc(cluster, given.metadata);
  const applied = how === 'apply' && stored ? { ...given, metadata: appliedMeta(stored.metadata, given.metadata) } : given;
  const isvc = mutateInferenceService(rules, applied, world.clusterDefault);
  const admission = stored ? admitInferenceServiceUpdate(rules, stored, isvc) : admitInferenceService(rules, isvc);
  const key = keyOf(given.metadata);
  if (!admission.allowed) return { cluster, admission: { ...admission, isvc: key }, queue: [], notes: [msg('world.webhookRefused', { isvc: key })] };
  if (stored && isTerminating(stored.metadata)) {
    const before = new Set(stored.metadata.finalizers ?? []);
    if ((isvc.metadata.finalizers ?? []).some((f) => !before.has(f))) {
      return { cluster, admission: { allowed: false, message: msg('admission.finalizerWhileDeleting'), isvc: key }, queue: [], notes: [msg('world.apiServerRefused')] };
    }
  }
  const next = putIsvc(cluster, isvc);
  const after = findIsvc(next, isvc.metadata);
  if (stored && JSON.stringify(stored) === JSON.stringify(after)) return { cluster, admission, queue: [], notes: [msg('world.isvcUnchanged', { isvc: key })] };
  return { cluster: next, admission, queue: [key], notes: [msg(stored ? 'world.isvcChanged' : 'world.isvcCreated', { isvc: key })] };
}

function applyObject(cluster: Cluster, object: KubeObject, world: WorldContext): WorldOutcome {
  switch (object.kind) {
    case 'InferenceService': return writeIsvc(cluster, object, world, 'apply');
    case 'HorizontalPodAutoscaler': return applyHpa(cluster, object, world.options);
    case 'ScaledObject': return applyScaledObject(cluster, object, world.keda);
  }
}

/**
 * kubectl apply of a ScaledObject: refused without KEDA's CRD, or by KEDA's webhook; else stored.
 * KServe is woken when it controls the object and the spec changed (its Owns predicate).
 */
function applyScaledObject(cluster: Cluster, object: ScaledObject, keda: KedaInstall): WorldOutcome {
  const quiet = (notes: Message[], next: Cluster = cluster, queue: string[] = []): WorldOutcome => ({ cluster: next, admission: null, queue, notes });
  const name = object.metadata.name;
  if (keda === 'absent') return { cluster, admission: { allowed: false, message: msg('keda.noCrd') }, queue: [], notes: [msg('world.scaledObjectNoCrd', { scaledObject: name })] };
  const current = findScaledObject(cluster, object.metadata);
  const merged: ScaledObject = current ? { ...object, metadata: appliedMeta(current.metadata, object.metadata), ...(current.status ? { status: current.status } : {}) } : object;
  const refusal = admitScaledObject(cluster, merged);
  if (refusal) return { cluster, admission: { allowed: false, message: refusal }, queue: [], notes: [msg('world.scaledObjectRefused', { scaledObject: name, reason: refusal })] };
  if (current && JSON.stringify(current.spec) === JSON.stringify(merged.spec) && JSON.stringify(current.metadata) === JSON.stringify(merged.metadata)) {
    return quiet([msg('world.scaledObjectUnchanged', { scaledObject: name })]);
  }
  const next = putScaledObject(cluster, merged);
  const owner = (merged.metadata.ownerReferences ?? []).find((ref) => ref.controller === true && ref.kind === 'InferenceService');
  const specChanged = !current || JSON.stringify(current.spec) !== JSON.stringify(merged.spec);
  const queue = owner && specChanged && findIsvc(next, { namespace: merged.metadata.namespace, name: owner.name }) ? [`${merged.metadata.namespace}/${owner.name}`] : [];
  return quiet([msg(current ? 'world.scaledObjectUpdated' : 'world.scaledObjectCreated', { scaledObject: name })], next, queue);
}

/** kubectl apply of an HPA: create it, or replace the fields the manifest gives (omitted metadata stays). */
function applyHpa(cluster: Cluster, hpa: Hpa, options: StoreOptions): WorldOutcome {
  const current = findHpa(cluster, hpa.metadata);
  const quiet = (notes: Message[], next: Cluster = cluster): WorldOutcome => ({ cluster: next, admission: null, queue: [], notes });
  const name = hpa.metadata.name;
  if (!current) return quiet([msg('world.hpaCreated', { hpa: name })], createHpa(cluster, hpa, options).cluster);
  const result = updateHpa(cluster, { ...hpa, metadata: appliedMeta(current.metadata, hpa.metadata) }, options);
  if (!result.ok) return quiet([msg('world.hpaRefused', { hpa: name, reason: result.message })]);
  return quiet([msg('world.hpaUpdated', { hpa: name })], result.cluster);
}

/**
 * A GitOps tool (Flux, Argo CD, Helm) re-applies every object as written: a deleted object is
 * created again, a changed one gets the manifest's fields back. Fields the manifest leaves out —
 * the ownerReference KServe added by its Update — stay, as with kubectl or server-side apply.
 */
function gitopsSync(cluster: Cluster, world: WorldContext): WorldOutcome {
  let next = cluster;
  let admission: Admission | null = null;
  const queue: string[] = [];
  const changed: string[] = [];
  for (const object of world.manifests) {
    const before = next;
    const outcome = applyObject(next, object, world);
    if (outcome.admission && !outcome.admission.allowed && admission === null) admission = outcome.admission;
    next = outcome.cluster;
    queue.push(...outcome.queue.filter((key) => !queue.includes(key)));
    if (JSON.stringify(before.isvcs) !== JSON.stringify(next.isvcs) || JSON.stringify(before.hpas) !== JSON.stringify(next.hpas) || before.scaledObjects !== next.scaledObjects) {
      changed.push(`${object.kind}/${object.metadata.name}`);
    }
  }
  const notes = [changed.length > 0 ? msg('world.gitopsChanged', { objects: changed }) : msg('world.gitopsNoChange')];
  return { cluster: next, admission, queue, notes };
}
