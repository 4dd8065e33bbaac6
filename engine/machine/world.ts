/**
 * What the outside world does to the cluster for each scenario event, and whether the KServe
 * controller is woken by it. KServe watches its InferenceServices and the Deployments it owns
 * (pod churn and HPA scaling change a Deployment); it never watches HPAs, so HPA edits alone
 * wake nothing.
 */
import { findHpa, deleteHpa, deleteIsvc, putIsvc, removeHpaFinalizer, createHpa, updateHpa, isTerminating, type Cluster, type StoreOptions } from '../k8s/store.ts';
import type { Hpa, InferenceService } from '../k8s/types.ts';
import { admitInferenceService, admitInferenceServiceUpdate, mutateInferenceService, type Admission, type AdmissionRules } from '../kserve/admission.ts';
import { componentName } from '../kserve/component-meta.ts';
import type { ControllerEvent } from './events.ts';

export interface WorldOutcome {
  cluster: Cluster;
  admission: Admission | null;
  /** True when the event enqueues the InferenceService for a reconcile. */
  triggered: boolean;
  notes: string[];
}

type Rules = AdmissionRules;

export function applyWorldEvent(cluster: Cluster, event: ControllerEvent, rules: Rules, options: StoreOptions): WorldOutcome {
  const quiet = (notes: string[], next: Cluster = cluster): WorldOutcome => ({ cluster: next, admission: null, triggered: false, notes });
  const isvc = cluster.isvc;
  const predictorDeployment = isvc ? cluster.deployments.find((d) => d.name === componentName(isvc.metadata.name, 'predictor')) : undefined;

  switch (event.type) {
    case 'object.apply':
      return event.object.kind === 'InferenceService'
        ? writeIsvc(cluster, event.object, rules)
        : applyHpa(cluster, event.object, options);
    case 'pod.created':
    case 'pod.deleted':
      if (!predictorDeployment) return quiet(['No KServe-owned predictor Deployment here, so no pod changes and nothing is woken.']);
      return { cluster, admission: null, triggered: true, notes: [`The Deployment ${predictorDeployment.name} status changes; KServe owns it, so the InferenceService is queued.`] };
    case 'hpa.scaled': {
      if (!predictorDeployment) return quiet(['No KServe-owned predictor Deployment here to scale.']);
      const scaler = cluster.hpas.find((h) => h.spec.scaleTargetRef.kind === 'Deployment' && h.spec.scaleTargetRef.name === predictorDeployment.name);
      if (!scaler) return quiet([`No HPA targets Deployment ${predictorDeployment.name} here, so nothing scales it.`]);
      if (predictorDeployment.replicas === event.replicas) return quiet([`${predictorDeployment.name} already has ${event.replicas} replica(s).`]);
      const next: Cluster = {
        ...cluster,
        clock: cluster.clock + 1,
        deployments: cluster.deployments.map((d) => (d === predictorDeployment ? { ...d, replicas: event.replicas } : d)),
      };
      return { cluster: next, admission: null, triggered: true, notes: [`HPA ${scaler.metadata.name} scales ${predictorDeployment.name} to ${event.replicas}; the Deployment change queues the InferenceService.`] };
    }
    case 'resync':
    case 'controller.restarted':
      if (!isvc) return quiet(['No InferenceService to reconcile.']);
      return { cluster, admission: null, triggered: true, notes: [event.type === 'resync' ? 'Periodic resync queues every InferenceService.' : 'On start the controller lists and queues every InferenceService.'] };
    case 'isvc.annotate': {
      if (!isvc) return quiet(['No InferenceService to annotate.']);
      const annotations = { ...isvc.metadata.annotations };
      if (event.value === null) delete annotations[event.key];
      else annotations[event.key] = event.value;
      return writeIsvc(cluster, { ...isvc, metadata: { ...isvc.metadata, annotations } }, rules);
    }
    case 'hpa.delete': {
      const result = deleteHpa(cluster, event.name);
      if (!result.ok) return quiet([`HPA ${event.name} does not exist here.`]);
      return quiet([result.effect === 'terminating'
        ? `HPA ${event.name} has finalizers: it is Terminating, not gone.`
        : `HPA ${event.name} deleted. HPAs are not watched: KServe is not woken.`], result.cluster);
    }
    case 'hpa.removeFinalizer': {
      const result = removeHpaFinalizer(cluster, event.name, event.finalizer);
      if (!result.ok) return quiet([`HPA ${event.name} does not exist here.`]);
      if (result.effect === 'unchanged') return quiet([`HPA ${event.name} has no finalizer ${event.finalizer} here.`]);
      return quiet([result.effect === 'deleted'
        ? `Last finalizer removed from Terminating HPA ${event.name}: it is gone.`
        : `Finalizer ${event.finalizer} removed from HPA ${event.name}.`], result.cluster);
    }
    case 'isvc.delete': {
      const result = deleteIsvc(cluster);
      if (!result.ok) return quiet(['No InferenceService to delete.']);
      return {
        cluster: result.cluster,
        admission: null,
        triggered: result.effect === 'terminating',
        notes: [result.effect === 'terminating'
          ? 'The InferenceService is marked for deletion; its finalizer keeps it until the controller cleans up.'
          : 'The InferenceService had no finalizer and is gone; garbage collection removes what it owned.'],
      };
    }
  }
}

function writeIsvc(cluster: Cluster, given: InferenceService, rules: Rules): WorldOutcome {
  const stored = cluster.isvc;
  const isvc = mutateInferenceService(rules, given);
  const admission = stored ? admitInferenceServiceUpdate(rules, stored, isvc) : admitInferenceService(rules, isvc);
  if (!admission.allowed) {
    return { cluster, admission, triggered: false, notes: ['The admission webhook refused the change: nothing stored, nothing reconciled.'] };
  }
  const current = cluster.isvc;
  if (current && isTerminating(current.metadata)) {
    const before = new Set(current.metadata.finalizers ?? []);
    if ((isvc.metadata.finalizers ?? []).some((f) => !before.has(f))) {
      return { cluster, admission: { allowed: false, message: 'no new finalizers can be added if the object is being deleted' }, triggered: false, notes: ['The API server refused the change.'] };
    }
  }
  const next = putIsvc(cluster, isvc);
  const changed = !current || JSON.stringify(current) !== JSON.stringify(next.isvc);
  if (!changed) return { cluster, admission, triggered: false, notes: ['No change: the API server sends no watch event.'] };
  return { cluster: next, admission, triggered: true, notes: [current ? 'InferenceService changed: queued for reconcile.' : 'InferenceService created: queued for reconcile.'] };
}

/** kubectl apply of an HPA: create it, or replace the fields the manifest gives (omitted metadata stays). */
function applyHpa(cluster: Cluster, hpa: Hpa, options: StoreOptions): WorldOutcome {
  const current = findHpa(cluster, hpa.metadata.name);
  const quiet = (notes: string[], next: Cluster = cluster): WorldOutcome => ({ cluster: next, admission: null, triggered: false, notes });
  if (!current) {
    const result = createHpa(cluster, hpa, options);
    return quiet([`HPA ${hpa.metadata.name} created. HPAs are not watched: KServe is not woken.`], result.cluster);
  }
  const metadata = {
    ...current.metadata,
    ...pickDefined({
      labels: hpa.metadata.labels,
      annotations: hpa.metadata.annotations,
      finalizers: hpa.metadata.finalizers,
      ownerReferences: hpa.metadata.ownerReferences,
    }),
  };
  const result = updateHpa(cluster, { ...hpa, metadata }, options);
  if (!result.ok) return quiet([`The API server refused the HPA: ${result.message}.`]);
  return quiet([`HPA ${hpa.metadata.name} updated. HPAs are not watched: KServe is not woken.`], result.cluster);
}

function pickDefined<T extends Record<string, unknown>>(record: T): Partial<T> {
  return Object.fromEntries(Object.entries(record).filter(([, v]) => v !== undefined)) as Partial<T>;
}
