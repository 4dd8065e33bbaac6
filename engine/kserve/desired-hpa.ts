/**
 * The desired HPA KServe builds for a component (`createHPA` / `getHPAMetrics`), per builder
 * generation. KServe's write replaces the stored HPA with exactly this object.
 */
import type { ComponentSpec, Hpa, InferenceService, Json, OwnerReference } from '../k8s/types.ts';
import type { ComponentMeta } from './component-meta.ts';
import { ANNOTATION, DEFAULT_CPU_UTILIZATION, DEFAULT_MIN_REPLICAS, ISVC_API_VERSION } from './constants.ts';
import type { Behaviour } from './releases.ts';

type BuilderRules = Pick<Behaviour, 'builder' | 'toleratesNilComponentExtension'>;

export class NilComponentExtensionError extends Error {}

export function buildDesiredHpa(rules: BuilderRules, meta: Partial<ComponentMeta>, extension: ComponentSpec | null): Hpa {
  if (extension === null && !rules.toleratesNilComponentExtension) {
    throw new NilComponentExtensionError('componentExt is nil: this release dereferences it');
  }
  const ext = extension ?? {};
  const { minReplicas, maxReplicas } = replicaBounds(ext);
  const metrics = rules.builder === 'A' ? metricsA(meta.annotations ?? {}, ext) : metricsB(ext);
  const spec: Hpa['spec'] = {
    scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: meta.name ?? '' },
    minReplicas,
    maxReplicas,
    behavior: {},
  };
  if (metrics !== null) spec.metrics = metrics;
  const metadata: Hpa['metadata'] = { name: meta.name ?? '', namespace: meta.namespace ?? '', uid: '' };
  if (meta.labels) metadata.labels = { ...meta.labels };
  if (meta.annotations) metadata.annotations = { ...meta.annotations };
  return { apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', metadata, spec };
}

/** minReplicas below 1 becomes 1; maxReplicas below minReplicas (unset is 0) becomes minReplicas. */
export function replicaBounds(ext: ComponentSpec): { minReplicas: number; maxReplicas: number } {
  const min = ext.minReplicas;
  const minReplicas = typeof min === 'number' && min > 0 ? min : DEFAULT_MIN_REPLICAS;
  const max = typeof ext.maxReplicas === 'number' ? ext.maxReplicas : 0;
  return { minReplicas, maxReplicas: Math.max(max, minReplicas) };
}

function resourceMetric(name: string, target: { [key: string]: Json }): Json {
  return { type: 'Resource', resource: { name, target } };
}

/** Generation A (v0.12 … v0.15.0-rc1): one Utilization metric, target from scaleTarget, the annotation, or 80. */
function metricsA(annotations: Record<string, string>, ext: ComponentSpec): Json[] {
  let utilization = DEFAULT_CPU_UTILIZATION;
  const annotated = annotations[ANNOTATION.targetUtilizationPercentage];
  // Go's strconv.Atoi error is ignored upstream, so a non-integer value yields 0.
  if (annotated !== undefined) utilization = /^[+-]?\d+$/.test(annotated) ? Number(annotated) : 0;
  if (typeof ext.scaleTarget === 'number') utilization = ext.scaleTarget;
  const resource = typeof ext.scaleMetric === 'string' ? ext.scaleMetric : 'cpu';
  return [resourceMetric(resource, { type: 'Utilization', averageUtilization: utilization })];
}

/** Generation B (v0.15.0+): autoScaling.metrics when given, else scaleMetric/scaleTarget. null = no metrics. */
function metricsB(ext: ComponentSpec): Json[] | null {
  if (ext.autoScaling) {
    const out: Json[] = [];
    for (const metric of ext.autoScaling.metrics ?? []) {
      const resource = isObject(metric) && isObject(metric.resource) ? metric.resource : null;
      if (!resource || typeof resource.name !== 'string') continue;
      const target = isObject(resource.target) ? resource.target : {};
      if (resource.name === 'cpu') {
        const value = typeof target.averageUtilization === 'number' ? target.averageUtilization : DEFAULT_CPU_UTILIZATION;
        out.push(resourceMetric('cpu', { type: 'Utilization', averageUtilization: value }));
      } else if (resource.name === 'memory') {
        if (target.type === 'AverageValue') {
          out.push(resourceMetric('memory', withDefined({ type: 'AverageValue', averageValue: target.averageValue })));
        } else {
          out.push(resourceMetric('memory', withDefined({ type: 'Utilization', averageUtilization: target.averageUtilization })));
        }
      }
    }
    return out.length > 0 ? out : null;
  }
  const resource = typeof ext.scaleMetric === 'string' ? ext.scaleMetric : 'cpu';
  if (resource === 'memory') {
    if (typeof ext.scaleTarget !== 'number') return null;
    return [resourceMetric('memory', { type: 'Utilization', averageUtilization: ext.scaleTarget })];
  }
  const value = typeof ext.scaleTarget === 'number' ? ext.scaleTarget : DEFAULT_CPU_UTILIZATION;
  return [resourceMetric('cpu', { type: 'Utilization', averageUtilization: value })];
}

function isObject(value: Json | undefined): value is { [key: string]: Json } {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function withDefined(record: { [key: string]: Json | undefined }): { [key: string]: Json } {
  return Object.fromEntries(Object.entries(record).filter(([, v]) => v !== undefined)) as { [key: string]: Json };
}

/** `SetControllerReferences`: one controller ownerRef to the InferenceService. */
export function controllerReference(isvc: Pick<InferenceService, 'metadata'>): OwnerReference {
  return {
    apiVersion: ISVC_API_VERSION,
    kind: 'InferenceService',
    name: isvc.metadata.name,
    uid: isvc.metadata.uid,
    controller: true,
    blockOwnerDeletion: true,
  };
}

export function withControllerReference(hpa: Hpa, isvc: Pick<InferenceService, 'metadata'>): Hpa {
  return { ...hpa, metadata: { ...hpa.metadata, ownerReferences: [controllerReference(isvc)] } };
}
