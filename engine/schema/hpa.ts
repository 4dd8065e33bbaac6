/**
 * JSON Schema for a HorizontalPodAutoscaler as the lab reads it (engine/scenario/objects.ts):
 * autoscaling/v2 (v2beta2 and v1 are accepted and converted), or a `kind: List` of them.
 * Server-side fields (status, managedFields, …) are allowed; only what the model reads is typed.
 */
import type { Release } from '../kserve/releases.ts';
import { doc, objectMetaSchema, ownerReferencesSchema, stringMap, topLevelNoise, withList, type Schema } from './meta.ts';
import { perReleaseLines } from './release-notes.ts';
import { schemaText, type SchemaText } from './text.ts';

/**
 * The apiVersions an HPA may have: the editor offers them and the parser accepts exactly these.
 * The message input.hpaApiVersion names them in words in both catalogs: change them together.
 */
export const HPA_API_VERSIONS = ['autoscaling/v2', 'autoscaling/v2beta2', 'autoscaling/v1'] as const;

const quantity: Schema = { type: ['string', 'number'] };
const integer = (minimum: number): Schema => ({ type: 'integer', minimum });

function target(t: SchemaText): Schema {
  return doc(t.target, {
    type: 'object',
    required: ['type'],
    properties: {
      type: doc(t.targetType, {
        enum: ['Utilization', 'AverageValue', 'Value'],
        markdownEnumDescriptions: [...t.targetTypes],
      }),
      averageUtilization: doc(t.averageUtilization, integer(1)),
      averageValue: doc(t.averageValue, quantity),
      value: doc(t.value, quantity),
    },
  });
}

function resourceMetric(t: SchemaText): Schema {
  return doc(t.resourceMetric, {
    type: 'object',
    required: ['name', 'target'],
    properties: {
      name: doc(t.resourceMetricName, { type: 'string', examples: ['cpu', 'memory'] }),
      target: target(t),
    },
  });
}

function metric(t: SchemaText): Schema {
  return doc(t.metric, {
    type: 'object',
    required: ['type'],
    properties: {
      type: doc(t.metricSource, {
        enum: ['Resource', 'ContainerResource', 'Pods', 'Object', 'External'],
        markdownEnumDescriptions: [...t.metricSources],
      }),
      resource: resourceMetric(t),
    },
  });
}

const scalingRules = (direction: 'up' | 'down', t: SchemaText): Schema => doc(t.scaling(direction), {
  type: 'object',
  properties: {
    stabilizationWindowSeconds: doc(t.stabilization, { type: 'integer', minimum: 0, maximum: 3600 }),
    selectPolicy: doc(t.selectPolicy, { enum: ['Max', 'Min', 'Disabled'] }),
    tolerance: doc(t.tolerance, quantity),
    policies: doc(t.policies, {
      type: 'array',
      items: {
        type: 'object',
        required: ['type', 'value', 'periodSeconds'],
        properties: {
          type: doc(t.policyType, { enum: ['Pods', 'Percent'] }),
          value: doc(t.policyValue, integer(1)),
          periodSeconds: doc(t.periodSeconds, { type: 'integer', minimum: 1, maximum: 1800 }),
        },
      },
    }),
  },
});

function hpaObject(releases: readonly Release[], t: SchemaText): Schema {
  const ownerNote = `${t.ownerNote}\n\n` +
    perReleaseLines(releases, (b) => b.shouldDelete === 'never' ? t.ownerNever
      : b.shouldDelete === 'desiredClassIsExternal' ? t.ownerIgnoredExternal : t.ownerDeletesOwned, t);
  return doc(t.hpa, {
    type: 'object',
    required: ['apiVersion', 'kind', 'metadata', 'spec'],
    properties: {
      apiVersion: doc(t.hpaApiVersion, { enum: [...HPA_API_VERSIONS] }),
      kind: doc(t.hpaKind, { enum: ['HorizontalPodAutoscaler', 'List'] }),
      metadata: objectMetaSchema('HPA', {
        labels: stringMap(t.hpaLabels),
        annotations: stringMap(t.hpaAnnotations),
        ownerReferences: ownerReferencesSchema(ownerNote, t),
      }, t),
      spec: doc(t.hpaSpec, {
        type: 'object',
        required: ['scaleTargetRef', 'maxReplicas'],
        properties: {
          scaleTargetRef: doc(t.scaleTargetRef, {
            type: 'object',
            required: ['kind', 'name'],
            properties: {
              apiVersion: doc(t.scaleTargetRefApiVersion, { type: 'string' }),
              kind: doc(t.scaleTargetRefKind, { type: 'string' }),
              name: doc(t.scaleTargetRefName, { type: 'string' }),
            },
          }),
          minReplicas: doc(t.hpaMinReplicas, integer(1)),
          maxReplicas: doc(t.hpaMaxReplicas, integer(1)),
          metrics: doc(t.hpaMetrics, { type: ['array', 'null'], items: metric(t) }),
          behavior: doc(t.behavior, {
            type: ['object', 'null'],
            properties: { scaleUp: scalingRules('up', t), scaleDown: scalingRules('down', t) },
          }),
          targetCPUUtilizationPercentage: doc(t.targetCPU, integer(1)),
        },
      }),
      ...topLevelNoise(t),
    },
  });
}

/** A KEDA ScaledObject, as the lab reads it (engine/scenario/objects.ts). */
function scaledObject(t: SchemaText): Schema {
  return doc(t.scaledObject, {
    type: 'object',
    required: ['apiVersion', 'kind', 'metadata', 'spec'],
    properties: {
      apiVersion: { const: 'keda.sh/v1alpha1' },
      kind: { const: 'ScaledObject' },
      metadata: objectMetaSchema('ScaledObject', { labels: stringMap(t.hpaLabels), annotations: stringMap(t.hpaAnnotations), ownerReferences: ownerReferencesSchema(t.ownerNote, t) }, t),
      spec: {
        type: 'object',
        required: ['scaleTargetRef', 'triggers'],
        properties: {
          scaleTargetRef: doc(t.scaledObjectTarget, { type: 'object', required: ['name'], properties: { apiVersion: { type: 'string' }, kind: { type: 'string' }, name: { type: 'string' } } }),
          minReplicaCount: doc(t.scaledObjectMin, integer(0)),
          maxReplicaCount: doc(t.scaledObjectMax, integer(0)),
          advanced: { type: 'object', properties: { horizontalPodAutoscalerConfig: { type: 'object', properties: { name: doc(t.scaledObjectHpaName, { type: 'string' }) } } } },
          triggers: doc(t.scaledObjectTriggers, { type: 'array', minItems: 1, items: { type: 'object' } }),
        },
      },
      ...topLevelNoise(t),
    },
  });
}

/** The `hpa` editor schema: one HPA or KEDA ScaledObject per document, or a `kind: List` of them. */
export function buildHpaSchema(releases: readonly Release[], t: SchemaText = schemaText()): Schema {
  const either: Schema = { type: 'object', if: { type: 'object', properties: { kind: { const: 'ScaledObject' } }, required: ['kind'] }, then: scaledObject(t), else: hpaObject(releases, t) };
  return withList(either, 'HorizontalPodAutoscaler', {}, t);
}
