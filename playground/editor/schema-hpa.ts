/**
 * JSON Schema for a HorizontalPodAutoscaler as the lab reads it (engine/scenario/objects.ts):
 * autoscaling/v2 (v2beta2 and v1 are accepted and converted), or a `kind: List` of them.
 * Server-side fields (status, managedFields, …) are allowed; only what the model reads is typed.
 */
import type { Release } from '../../engine/kserve/releases.ts';
import { doc, objectMetaSchema, ownerReferencesSchema, stringMap, TOP_LEVEL_NOISE, withList, type Schema } from './schema-meta.ts';
import { perReleaseLines } from './release-notes.ts';

/** The apiVersions engine/scenario/objects.ts accepts for an HPA (HPA_VERSIONS there). */
export const HPA_API_VERSIONS = ['autoscaling/v2', 'autoscaling/v2beta2', 'autoscaling/v1'] as const;

const quantity: Schema = { type: ['string', 'number'] };
const integer = (minimum: number): Schema => ({ type: 'integer', minimum });

const target = doc('The value the HPA steers towards.', {
  type: 'object',
  required: ['type'],
  properties: {
    type: doc('How the metric is compared.', {
      enum: ['Utilization', 'AverageValue', 'Value'],
      markdownEnumDescriptions: [
        'Percent of the pods’ resource *request*, averaged over pods (`averageUtilization`).',
        'Raw value averaged over pods (`averageValue`, e.g. `500Mi`).',
        'Raw value of the whole target (`value`); Object and External metrics only.',
      ],
    }),
    averageUtilization: doc('Target percent of the request, e.g. `80`.', integer(1)),
    averageValue: doc('Target average per pod, a quantity such as `500Mi` or `200m`.', quantity),
    value: doc('Target total value, a quantity.', quantity),
  },
});

const resourceMetric = doc('A resource metric of the scaled pods (the only kind KServe builds).', {
  type: 'object',
  required: ['name', 'target'],
  properties: {
    name: doc('The resource: `cpu` or `memory` (the lab models these two).', { type: 'string', examples: ['cpu', 'memory'] }),
    target,
  },
});

const metric = doc('One metric the HPA scales on; the HPA takes the largest replica count any metric proposes.', {
  type: 'object',
  required: ['type'],
  properties: {
    type: doc('The metric source.', {
      enum: ['Resource', 'ContainerResource', 'Pods', 'Object', 'External'],
      markdownEnumDescriptions: [
        'CPU or memory of the pods (`resource`). This is what KServe writes.',
        'CPU or memory of one container (`containerResource`).',
        'A per-pod custom metric (`pods`).',
        'A metric of another object (`object`).',
        'A metric from outside the cluster (`external`).',
      ],
    }),
    resource: resourceMetric,
  },
});

const scalingRules = (direction: string): Schema => doc(`How fast the HPA may scale ${direction}.`, {
  type: 'object',
  properties: {
    stabilizationWindowSeconds: doc('Look-back window of recommendations; the HPA uses the most conservative one in it.', { type: 'integer', minimum: 0, maximum: 3600 }),
    selectPolicy: doc('Which policy wins when several apply.', { enum: ['Max', 'Min', 'Disabled'] }),
    tolerance: doc('Relative difference ignored before scaling (alpha in Kubernetes 1.33).', quantity),
    policies: doc('Allowed changes per period.', {
      type: 'array',
      items: {
        type: 'object',
        required: ['type', 'value', 'periodSeconds'],
        properties: {
          type: doc('`Pods`: absolute count; `Percent`: of current replicas.', { enum: ['Pods', 'Percent'] }),
          value: doc('How many pods or percent per period.', integer(1)),
          periodSeconds: doc('Length of the period.', { type: 'integer', minimum: 1, maximum: 1800 }),
        },
      },
    }),
  },
});

function hpaObject(releases: readonly Release[]): Schema {
  const ownerNote = 'What KServe’s HPA reconciler does with an HPA that has its component’s name depends on these:\n\n' +
    perReleaseLines(releases, (b) => b.shouldDelete === 'never' ? 'KServe never deletes HPAs.'
      : b.shouldDelete === 'desiredClassIsExternal' ? 'ignored: under `external` KServe deletes the HPA whoever owns it.'
        : 'KServe deletes the HPA only when an ownerReference points at an InferenceService (apiVersion `serving.kserve.io/…`).');
  return doc('A HorizontalPodAutoscaler (autoscaling/v2).', {
    type: 'object',
    required: ['apiVersion', 'kind', 'metadata', 'spec'],
    properties: {
      apiVersion: doc('`autoscaling/v2`. The lab also reads `autoscaling/v2beta2`, and converts `autoscaling/v1`.', { enum: [...HPA_API_VERSIONS] }),
      kind: doc('`HorizontalPodAutoscaler`, or `List` for several.', { enum: ['HorizontalPodAutoscaler', 'List'] }),
      metadata: objectMetaSchema('HPA', {
        labels: stringMap('Labels. KServe copies the InferenceService’s and the component’s labels onto the HPAs it builds.'),
        annotations: stringMap('Annotations. KServe’s HPAs carry the InferenceService’s annotations, including `serving.kserve.io/autoscalerClass`.'),
        ownerReferences: ownerReferencesSchema(ownerNote),
      }),
      spec: doc('What to scale and how.', {
        type: 'object',
        required: ['scaleTargetRef', 'maxReplicas'],
        properties: {
          scaleTargetRef: doc('The workload to scale. KServe points it at the component’s Deployment, `<isvc>-predictor` for the predictor.', {
            type: 'object',
            required: ['kind', 'name'],
            properties: {
              apiVersion: doc('`apps/v1` for a Deployment.', { type: 'string' }),
              kind: doc('`Deployment` for KServe components.', { type: 'string' }),
              name: doc('The Deployment’s name.', { type: 'string' }),
            },
          }),
          minReplicas: doc('Lowest replica count; 1 when missing.', integer(1)),
          maxReplicas: doc('Highest replica count. Required.', integer(1)),
          metrics: doc('What to measure. KServe writes one Resource metric (CPU 80% unless the InferenceService says otherwise).', { type: ['array', 'null'], items: metric }),
          behavior: doc('Scaling speed limits (autoscaling/v2). KServe writes an empty one.', {
            type: ['object', 'null'],
            properties: { scaleUp: scalingRules('up'), scaleDown: scalingRules('down') },
          }),
          targetCPUUtilizationPercentage: doc('autoscaling/v1 only: the CPU target; the lab converts it to a Resource metric.', integer(1)),
        },
      }),
      ...TOP_LEVEL_NOISE,
    },
  });
}

/** The `hpa` editor schema: one HPA per document, or a `kind: List` of HPAs. */
export function buildHpaSchema(releases: readonly Release[]): Schema {
  return withList(hpaObject(releases), 'HorizontalPodAutoscaler');
}
