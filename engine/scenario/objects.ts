/**
 * Turning `kubectl get -o yaml` output into the model's objects: InferenceService and
 * HorizontalPodAutoscaler (autoscaling/v2, v2beta2, or v1 converted), with `kind: List` unwrapped.
 * Server-side noise (status, managedFields, resourceVersion, …) is dropped.
 */
import { msg } from '../i18n/message.ts';
import type { CanarySpec, ComponentSpec, Hpa, InferenceService, Json, ObjectMeta, OwnerReference, ScaledObject } from '../k8s/types.ts';
import { COMPONENTS } from '../k8s/types.ts';
import { isDnsName } from '../machine/events.ts';
import { HPA_API_VERSIONS } from '../schema/hpa.ts';
import { SCENARIO_API_VERSION } from '../schema/scenario.ts';
import { isRecord, readInteger, readStringList, readStringMap, type Checker, type Path } from './validate.ts';


export function readObject(check: Checker, value: unknown, path: Path): Hpa | InferenceService | ScaledObject | null {
  if (!isRecord(value)) {
    check.error(path, msg('input.notObject'));
    return null;
  }
  const { kind, apiVersion } = value;
  if (kind === 'InferenceService') {
    if (typeof apiVersion !== 'string' || !apiVersion.startsWith('serving.kserve.io/')) {
      check.error([...path, 'apiVersion'], msg('input.isvcApiVersion'));
      return null;
    }
    return readInferenceService(check, value, path);
  }
  if (kind === 'HorizontalPodAutoscaler') {
    if (typeof apiVersion !== 'string' || !(HPA_API_VERSIONS as readonly string[]).includes(apiVersion)) {
      check.error([...path, 'apiVersion'], msg('input.hpaApiVersion'));
      return null;
    }
    return readHpa(check, value, path);
  }
  if (kind === 'ScaledObject') {
    if (apiVersion !== 'keda.sh/v1alpha1') {
      check.error([...path, 'apiVersion'], msg('input.scaledObjectApiVersion'));
      return null;
    }
    return readScaledObject(check, value, path);
  }
  if (typeof kind !== 'string') {
    check.error(path, msg('input.noKind'));
    return null;
  }
  check.error([...path, 'kind'], msg('input.unknownKind', { kind, apiVersion: SCENARIO_API_VERSION }));
  return null;
}

function readMeta(check: Checker, value: Record<string, unknown>, path: Path, kind: 'InferenceService' | 'HorizontalPodAutoscaler' | 'ScaledObject'): ObjectMeta | null {
  const meta = value.metadata;
  if (!isRecord(meta)) {
    check.error(path, msg('input.noMetadata', { kind }));
    return null;
  }
  const name = meta.name;
  if (typeof name !== 'string' || name.length === 0) {
    check.error([...path, 'metadata'], msg('input.noName', { kind }));
    return null;
  }
  if (!isDnsName(name)) {
    check.error([...path, 'metadata', 'name'], msg('input.invalidName', { name: truncate(name) }));
    return null;
  }
  const namespace = meta.namespace === undefined ? 'default' : meta.namespace;
  if (typeof namespace !== 'string' || !isDnsName(namespace)) {
    check.error([...path, 'metadata', 'namespace'], msg('input.invalidNamespace'));
    return null;
  }
  const uid = typeof meta.uid === 'string' && meta.uid.length > 0 ? meta.uid : defaultUid(kind, namespace, name);
  const out: ObjectMeta = { name, namespace, uid };
  const labels = readStringMap(check, meta.labels, [...path, 'metadata', 'labels'], 'label');
  const annotations = readStringMap(check, meta.annotations, [...path, 'metadata', 'annotations'], 'annotation');
  const finalizers = readStringList(check, meta.finalizers, [...path, 'metadata', 'finalizers'], 'metadata.finalizers');
  const ownerReferences = readOwnerReferences(check, meta.ownerReferences, [...path, 'metadata', 'ownerReferences'], namespace);
  if (labels) out.labels = labels;
  if (annotations) out.annotations = annotations;
  if (finalizers) out.finalizers = finalizers;
  if (ownerReferences) out.ownerReferences = ownerReferences;
  if (typeof meta.deletionTimestamp === 'string' && finalizers && finalizers.length > 0) out.deletionTimestamp = meta.deletionTimestamp;
  return out;
}

/**
 * A stand-in uid for objects pasted without one, the same for an object and for an
 * ownerReference that names it (owners live in their dependents' namespace).
 */
export function defaultUid(kind: string, namespace: string, name: string): string {
  return `uid-${kind.toLowerCase()}-${namespace}-${name}`;
}

function readOwnerReferences(check: Checker, value: unknown, path: Path, namespace: string): OwnerReference[] | undefined {
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value)) {
    check.error(path, msg('input.notList', { field: 'metadata.ownerReferences' }));
    return undefined;
  }
  const refs: OwnerReference[] = [];
  value.forEach((ref, index) => {
    const at = [...path, index];
    if (!isRecord(ref) || typeof ref.apiVersion !== 'string' || typeof ref.kind !== 'string' || typeof ref.name !== 'string') {
      check.error(at, msg('input.ownerReferenceIncomplete'));
      return;
    }
    const out: OwnerReference = { apiVersion: ref.apiVersion, kind: ref.kind, name: ref.name, uid: typeof ref.uid === 'string' ? ref.uid : defaultUid(ref.kind, namespace, ref.name) };
    if (typeof ref.controller === 'boolean') out.controller = ref.controller;
    if (typeof ref.blockOwnerDeletion === 'boolean') out.blockOwnerDeletion = ref.blockOwnerDeletion;
    refs.push(out);
  });
  return refs;
}

function readInferenceService(check: Checker, value: Record<string, unknown>, path: Path): InferenceService | null {
  const metadata = readMeta(check, value, path, 'InferenceService');
  if (!metadata) return null;
  const spec = value.spec;
  if (!isRecord(spec) || !isRecord(spec.predictor)) {
    check.error(isRecord(spec) ? [...path, 'spec'] : path, msg('input.noPredictor'));
    return null;
  }
  const out: InferenceService = { apiVersion: String(value.apiVersion), kind: 'InferenceService', metadata, spec: {} };
  for (const component of COMPONENTS) {
    const given = spec[component];
    if (given === undefined || given === null) continue;
    const at = [...path, 'spec', component];
    if (!isRecord(given)) {
      check.error(at, msg('input.notMap', { field: `spec.${component}` }));
      continue;
    }
    out.spec[component] = readComponent(check, given, at, component === 'predictor');
  }
  if (spec.canary !== undefined && spec.canary !== null) {
    const canaries = readCanaries(check, spec.canary, [...path, 'spec', 'canary']);
    if (canaries.length > 0) out.spec.canary = canaries;
  }
  return out;
}

function readCanaries(check: Checker, value: unknown, path: Path): CanarySpec[] {
  if (!Array.isArray(value)) {
    check.error(path, msg('input.canaryNotList'));
    return [];
  }
  const out: CanarySpec[] = [];
  value.forEach((entry, index) => {
    const at = [...path, index];
    if (!isRecord(entry) || !isRecord(entry.predictor)) {
      check.error(at, msg('input.canaryNoPredictor'));
      return;
    }
    const trafficPercent = readInteger(check, entry.trafficPercent, [...at, 'trafficPercent'], 'trafficPercent') ?? 0;
    out.push({ predictor: readComponent(check, entry.predictor, [...at, 'predictor'], true), trafficPercent });
  });
  return out;
}

/** The predictor implementations that carry a storageUri besides `model` (v0.20.0 `PredictorSpec`). */
const IMPLEMENTATIONS = ['sklearn', 'xgboost', 'tensorflow', 'pytorch', 'triton', 'onnx', 'huggingface', 'pmml', 'lightgbm', 'paddle'] as const;

/** getPredictorStorageURI (v0.20.0 inference_service_validation.go:716-726): `model.storageUri` first, else the implementation's. */
function storageUriOf(value: Record<string, unknown>): string | undefined {
  for (const key of ['model', ...IMPLEMENTATIONS]) {
    const block = value[key];
    if (isRecord(block) && typeof block.storageUri === 'string') return block.storageUri;
  }
  return undefined;
}

function readComponent(check: Checker, value: Record<string, unknown>, path: Path, named: boolean): ComponentSpec {
  const out: ComponentSpec = {};
  if (named && value.name !== undefined && value.name !== null && value.name !== '') {
    // The CRD's pattern for spec.predictor.name (v0.20).
    if (typeof value.name !== 'string' || !/^[a-z]([-a-z0-9]*[a-z0-9])?$/.test(value.name)) check.error([...path, 'name'], msg('input.predictorName'));
    else out.name = value.name;
  }
  const storageUri = storageUriOf(value);
  if (storageUri !== undefined) out.storageUri = storageUri;
  const minReplicas = readInteger(check, value.minReplicas, [...path, 'minReplicas'], 'minReplicas');
  const maxReplicas = readInteger(check, value.maxReplicas, [...path, 'maxReplicas'], 'maxReplicas');
  const scaleTarget = readInteger(check, value.scaleTarget, [...path, 'scaleTarget'], 'scaleTarget');
  if (minReplicas !== undefined) out.minReplicas = minReplicas;
  if (maxReplicas !== undefined) out.maxReplicas = maxReplicas;
  if (scaleTarget !== undefined) out.scaleTarget = scaleTarget;
  if (value.scaleMetric !== undefined && value.scaleMetric !== null) {
    if (typeof value.scaleMetric !== 'string') check.error([...path, 'scaleMetric'], msg('input.scaleMetric'));
    else out.scaleMetric = value.scaleMetric;
  }
  if (value.autoScaling !== undefined && value.autoScaling !== null) {
    const auto = value.autoScaling;
    if (!isRecord(auto) || (auto.metrics !== undefined && !Array.isArray(auto.metrics))) {
      check.error([...path, 'autoScaling'], msg('input.autoScaling'));
    } else {
      out.autoScaling = auto.metrics === undefined ? {} : { metrics: auto.metrics as Json[] };
    }
  }
  const annotations = readStringMap(check, value.annotations, [...path, 'annotations'], 'annotation');
  const labels = readStringMap(check, value.labels, [...path, 'labels'], 'label');
  if (annotations) out.annotations = annotations;
  if (labels) out.labels = labels;
  return out;
}

function readHpa(check: Checker, value: Record<string, unknown>, path: Path): Hpa | null {
  const metadata = readMeta(check, value, path, 'HorizontalPodAutoscaler');
  if (!metadata) return null;
  const spec = value.spec;
  if (!isRecord(spec)) {
    check.error(path, msg('input.hpaNoSpec'));
    return null;
  }
  const ref = spec.scaleTargetRef;
  if (!isRecord(ref) || typeof ref.kind !== 'string' || typeof ref.name !== 'string') {
    check.error([...path, 'spec'], msg('input.hpaNoScaleTarget'));
    return null;
  }
  const maxReplicas = readInteger(check, spec.maxReplicas, [...path, 'spec', 'maxReplicas'], 'maxReplicas', 1);
  if (maxReplicas === undefined) {
    if (spec.maxReplicas === undefined) check.error([...path, 'spec'], msg('input.hpaNoMaxReplicas'));
    return null;
  }
  const out: Hpa = {
    apiVersion: 'autoscaling/v2',
    kind: 'HorizontalPodAutoscaler',
    metadata,
    spec: { scaleTargetRef: { ...(typeof ref.apiVersion === 'string' ? { apiVersion: ref.apiVersion } : {}), kind: ref.kind, name: ref.name }, maxReplicas },
  };
  const minReplicas = readInteger(check, spec.minReplicas, [...path, 'spec', 'minReplicas'], 'minReplicas', 1);
  if (minReplicas !== undefined) out.spec.minReplicas = minReplicas;
  if (value.apiVersion === 'autoscaling/v1') {
    const target = readInteger(check, spec.targetCPUUtilizationPercentage, [...path, 'spec', 'targetCPUUtilizationPercentage'], 'targetCPUUtilizationPercentage', 1);
    if (target !== undefined) out.spec.metrics = [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: target } } }];
    return out;
  }
  if (spec.metrics !== undefined && spec.metrics !== null) {
    if (!Array.isArray(spec.metrics)) check.error([...path, 'spec', 'metrics'], msg('input.notList', { field: 'spec.metrics' }));
    else out.spec.metrics = spec.metrics as Json[];
  }
  if (spec.behavior !== undefined && spec.behavior !== null) {
    if (!isRecord(spec.behavior)) check.error([...path, 'spec', 'behavior'], msg('input.notMap', { field: 'spec.behavior' }));
    else out.spec.behavior = spec.behavior as { [key: string]: Json };
  }
  return out;
}

/** A KEDA ScaledObject: its target, replica bounds, HPA name and triggers (kept opaque). */
function readScaledObject(check: Checker, value: Record<string, unknown>, path: Path): ScaledObject | null {
  const metadata = readMeta(check, value, path, 'ScaledObject');
  if (!metadata) return null;
  const spec = value.spec;
  const ref = isRecord(spec) ? spec.scaleTargetRef : undefined;
  if (!isRecord(spec) || !isRecord(ref) || typeof ref.name !== 'string' || ref.name.length === 0) {
    check.error(isRecord(spec) ? [...path, 'spec'] : path, msg('input.scaledObjectNoTarget'));
    return null;
  }
  const scaleTargetRef: ScaledObject['spec']['scaleTargetRef'] = { name: ref.name };
  if (typeof ref.apiVersion === 'string' && ref.apiVersion.length > 0) scaleTargetRef.apiVersion = ref.apiVersion;
  if (typeof ref.kind === 'string' && ref.kind.length > 0) scaleTargetRef.kind = ref.kind;
  const out: ScaledObject = { apiVersion: 'keda.sh/v1alpha1', kind: 'ScaledObject', metadata, spec: { scaleTargetRef, triggers: [] } };
  const min = readInteger(check, spec.minReplicaCount, [...path, 'spec', 'minReplicaCount'], 'minReplicaCount', 0);
  const max = readInteger(check, spec.maxReplicaCount, [...path, 'spec', 'maxReplicaCount'], 'maxReplicaCount', 0);
  if (min !== undefined) out.spec.minReplicaCount = min;
  if (max !== undefined) out.spec.maxReplicaCount = max;
  const advanced = spec.advanced;
  if (isRecord(advanced) && isRecord(advanced.horizontalPodAutoscalerConfig)) {
    const name = advanced.horizontalPodAutoscalerConfig.name;
    if (name !== undefined && name !== null && name !== '') {
      if (typeof name !== 'string' || !isDnsName(name)) check.error([...path, 'spec', 'advanced', 'horizontalPodAutoscalerConfig', 'name'], msg('input.invalidName', { name: truncate(String(name)) }));
      else out.spec.advanced = { horizontalPodAutoscalerConfig: { name } };
    }
  }
  if (spec.triggers !== undefined && spec.triggers !== null) {
    if (!Array.isArray(spec.triggers)) check.error([...path, 'spec', 'triggers'], msg('input.notList', { field: 'spec.triggers' }));
    else out.spec.triggers = spec.triggers as Json[];
  }
  return out;
}

function truncate(text: string): string {
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}
