/**
 * The slice of the Kubernetes object model this bug lives in. Objects are plain JSON so the
 * machine's context stays serialisable; fields we do not interpret are kept as opaque JSON.
 */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export interface OwnerReference {
  apiVersion: string;
  kind: string;
  name: string;
  uid: string;
  controller?: boolean;
  blockOwnerDeletion?: boolean;
}

export interface ObjectMeta {
  name: string;
  namespace: string;
  uid: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  finalizers?: string[];
  ownerReferences?: OwnerReference[];
  /** Logical clock value of the Delete that marked the object; immutable once set. */
  deletionTimestamp?: string;
}

export interface HpaSpec {
  scaleTargetRef: { apiVersion?: string; kind: string; name: string };
  minReplicas?: number;
  maxReplicas: number;
  metrics?: Json[];
  behavior?: { [key: string]: Json };
}

export interface Hpa {
  apiVersion: string;
  kind: 'HorizontalPodAutoscaler';
  metadata: ObjectMeta;
  spec: HpaSpec;
}

/** spec.canary[] (v0.20.0-rc0+): a predictor variant with its own Deployment, fixed replicas and traffic share. */
export interface CanarySpec {
  /** The canary's predictor fields; `name` is required by the webhook. */
  predictor: ComponentSpec;
  trafficPercent: number;
}

/** The fields of a component (predictor, transformer, explainer) that reach the HPA. */
export interface ComponentSpec {
  /** spec.predictor.name: from v0.20 it names the predictor's Deployment and HPA. */
  name?: string;
  /** The model's storage URI (`model.storageUri`, or a framework's): a change is a model change. */
  storageUri?: string;
  minReplicas?: number | null;
  maxReplicas?: number | null;
  scaleTarget?: number | null;
  scaleMetric?: string | null;
  autoScaling?: { metrics?: Json[] } | null;
  annotations?: Record<string, string>;
  labels?: Record<string, string>;
}

export const COMPONENTS = ['predictor', 'transformer', 'explainer'] as const;
export type ComponentName = (typeof COMPONENTS)[number];

export interface InferenceService {
  apiVersion: string;
  kind: 'InferenceService';
  metadata: ObjectMeta;
  /** The components, and (v0.20) canary entries of the predictor. */
  spec: Partial<Record<ComponentName, ComponentSpec>> & { canary?: CanarySpec[] };
  /** Written by the controller only; a pasted status is ignored, as `kubectl apply` ignores it. */
  status?: { deploymentMode?: string };
}

/** A KServe-owned Deployment, reduced to what the bug touches: its replicas and its owner. */
export interface Deployment {
  namespace: string;
  name: string;
  /** The InferenceService (by name, same namespace) and component it serves. */
  isvc: string;
  component: ComponentName;
  replicas: number;
  ownerUid: string;
  /** For a canary's Deployment (v0.20), the canary's predictor name. */
  canary?: string;
  /**
   * A canary's Deployment only: a pod of it came up (`pod-created`), so status.availableReplicas > 0
   * while it has replicas. Only #5984 (master) reads it; no other availability is kept.
   */
  available?: true;
  /** The HPA (by name) whose scaling set the current replicas; absent when KServe or the API server set them. */
  scaledBy?: string;
  /** The pod template's labels and annotations as KServe last wrote them (its component meta). */
  template?: PodTemplateMeta;
}

export interface PodTemplateMeta {
  labels: Record<string, string>;
  annotations: Record<string, string>;
}

/** Where an object lives; a key `namespace/name` identifies it in a cluster. */
export interface ObjectRef {
  namespace: string;
  name: string;
}

export function keyOf(ref: ObjectRef | Pick<ObjectMeta, 'namespace' | 'name'>): string {
  return `${ref.namespace}/${ref.name}`;
}

/**
 * A KEDA ScaledObject (keda.sh/v1alpha1), reduced to what decides the HPA KEDA keeps for it: its
 * target, its replica bounds, the HPA's name and its triggers (kept opaque; only their number matters).
 */
export interface ScaledObjectSpec {
  scaleTargetRef: { apiVersion?: string; kind?: string; name: string };
  minReplicaCount?: number;
  maxReplicaCount?: number;
  advanced?: { horizontalPodAutoscalerConfig?: { name?: string } };
  triggers: Json[];
}

export interface ScaledObject {
  apiVersion: string;
  kind: 'ScaledObject';
  metadata: ObjectMeta;
  spec: ScaledObjectSpec;
  /** Written by KEDA only: its last reconcile found no workload to scale, so it retries (with back-off). */
  status?: { targetMissing?: boolean };
}

export type KubeObject = InferenceService | Hpa | ScaledObject;

