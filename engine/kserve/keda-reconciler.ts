/**
 * KServe's KEDA reconciler (class `keda`, v0.15.0-rc1+; keda_reconciler.go): it keeps one
 * ScaledObject per component, named like the component, and never looks at HPAs.
 * - Desired (createKedaScaledObject, v0.15.0 :160-197): scaleTargetRef.name = the component,
 *   minReplicaCount = minReplicas (1 when unset), maxReplicaCount = max(maxReplicas, min), one
 *   trigger per autoScaling.metrics entry of type Resource, External or PodMetric (getKedaMetrics
 *   :68-158); the InferenceService is its controller owner (SetControllerReferences :242-244).
 * - Reconcile (v0.15.0 :209-240; v0.16.0 :284-340): Get by name; without KEDA's CRD the Get fails
 *   (the scheme lacks the kind: cmd/manager/main.go:205-215) and so does the component. NotFound →
 *   Create, whose error fails the component. Found → a dry-run Update (admission runs, its error
 *   fails the component), then an Update when the specs differ, whose error is only logged. No
 *   owner check: a ScaledObject of the user's at that name is replaced.
 * - v0.16.0-rc0+: with serving.kserve.io/stop the ScaledObject is deleted if present (:299-311).
 */
import { deleteScaledObject, findScaledObject, putScaledObject, type Cluster } from '../k8s/store.ts';
import type { ComponentSpec, InferenceService, Json, ScaledObject } from '../k8s/types.ts';
import { msg, type Message } from '../i18n/message.ts';
import { KEDA_API_VERSION } from '../keda/operator.ts';
import { admitScaledObject } from '../keda/webhook.ts';
import type { KEDA_SETTINGS } from '../schema/scenario.ts';
import type { ComponentMeta } from './component-meta.ts';
import { DEFAULT_MIN_REPLICAS, ISVC_API_VERSION } from './constants.ts';

/** The scenario's `keda` setting (engine/schema/scenario.ts holds its values). */
export type KedaInstall = (typeof KEDA_SETTINGS)[number];

export interface ScaledObjectWrite {
  namespace: string;
  name: string;
  /** The InferenceService (namespace/name) whose component it is. */
  isvc: string;
  verb: 'Create' | 'Update' | 'Delete' | null;
  outcome: 'created' | 'updated' | 'deleted' | 'unchanged' | 'absent' | 'refused' | 'failed';
  /** Why the write failed or was refused, in the API server's or KEDA's words. */
  reason: Message | null;
}

const TRIGGER_SOURCES = new Set(['Resource', 'External', 'PodMetric']);

/** One trigger per metric KServe translates; only their number and kind matter to the model. */
function triggersFrom(extension: ComponentSpec): Json[] {
  const out: Json[] = [];
  for (const metric of extension.autoScaling?.metrics ?? []) {
    if (typeof metric !== 'object' || metric === null || Array.isArray(metric)) continue;
    if (typeof metric.type === 'string' && TRIGGER_SOURCES.has(metric.type)) out.push({ source: metric.type });
  }
  return out;
}

export function desiredScaledObject(meta: Partial<ComponentMeta>, extension: ComponentSpec, isvc: InferenceService): ScaledObject {
  const min = typeof extension.minReplicas === 'number' ? extension.minReplicas : DEFAULT_MIN_REPLICAS;
  const max = Math.max(typeof extension.maxReplicas === 'number' ? extension.maxReplicas : 0, min);
  const name = meta.name ?? '';
  return {
    apiVersion: KEDA_API_VERSION,
    kind: 'ScaledObject',
    metadata: {
      name,
      namespace: meta.namespace ?? isvc.metadata.namespace,
      uid: '',
      ...(meta.labels ? { labels: { ...meta.labels } } : {}),
      ...(meta.annotations ? { annotations: { ...meta.annotations } } : {}),
      ownerReferences: [{ apiVersion: ISVC_API_VERSION, kind: 'InferenceService', name: isvc.metadata.name, uid: isvc.metadata.uid, controller: true, blockOwnerDeletion: true }],
    },
    spec: { scaleTargetRef: { name }, minReplicaCount: min, maxReplicaCount: max, triggers: triggersFrom(extension) },
  };
}

const sameSpec = (a: ScaledObject, b: ScaledObject): boolean => JSON.stringify(a.spec) === JSON.stringify(b.spec);

export interface KedaReconcileOutcome {
  cluster: Cluster;
  write: ScaledObjectWrite;
  /** Set when the reconcile returned an error: the component fails. */
  error: Message | null;
}

export function reconcileScaledObject(
  cluster: Cluster,
  rules: { stopDeletesDeployment: boolean },
  keda: KedaInstall,
  desired: ScaledObject,
  isvc: string,
  stopped: boolean,
): KedaReconcileOutcome {
  const base = { namespace: desired.metadata.namespace, name: desired.metadata.name, isvc };
  const write = (verb: ScaledObjectWrite['verb'], outcome: ScaledObjectWrite['outcome'], reason: Message | null = null): ScaledObjectWrite => ({ ...base, verb, outcome, reason });
  if (keda === 'absent') {
    const reason = msg('keda.notInstalled');
    return { cluster, write: write(null, 'failed', reason), error: reason };
  }
  const existing = findScaledObject(cluster, desired.metadata);
  // The stop annotation (v0.16.0-rc0+, the same change that stops the Deployment).
  if (rules.stopDeletesDeployment && stopped) {
    if (!existing) return { cluster, write: write(null, 'absent'), error: null };
    if (existing.metadata.deletionTimestamp !== undefined) return { cluster, write: write(null, 'unchanged'), error: null };
    return { cluster: deleteScaledObject(cluster, existing.metadata), write: write('Delete', 'deleted'), error: null };
  }
  const refusal = admitScaledObject(cluster, desired);
  if (!existing) {
    if (refusal) return { cluster, write: write('Create', 'refused', refusal), error: refusal };
    return { cluster: putScaledObject(cluster, desired), write: write('Create', 'created'), error: null };
  }
  // The dry-run Update goes through admission too; its refusal is returned.
  if (refusal) return { cluster, write: write('Update', 'refused', refusal), error: refusal };
  if (sameSpec(existing, desired)) return { cluster, write: write(null, 'unchanged'), error: null };
  const replaced: ScaledObject = { ...desired, ...(existing.status ? { status: existing.status } : {}) };
  return { cluster: putScaledObject(cluster, replaced), write: write('Update', 'updated'), error: null };
}
