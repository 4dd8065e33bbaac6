/**
 * JSON Schema for the parts of an InferenceService (serving.kserve.io/v1beta1) this bug involves:
 * the autoscaling annotations and the components' scaling fields. Everything else is allowed
 * untyped. Release-dependent text is folded from the engine's release table.
 */
import { ANNOTATION, DEFAULT_CPU_UTILIZATION, DEFAULT_MIN_REPLICAS, ISVC_API_VERSION } from '../kserve/constants.ts';
import { COMPONENTS } from '../k8s/types.ts';
import type { Release } from '../kserve/releases.ts';
import { autoscalerClassDocs, deploymentModeDocs, perReleaseLines, spansWhere } from './release-notes.ts';
import { doc, objectMetaSchema, ownerReferencesSchema, stringMap, topLevelNoise, withList, type Schema } from './meta.ts';
import { schemaText, type SchemaText } from './text.ts';

type Where = 'isvc' | 'component';

/** The scaleMetric values KServe names; the field takes any string (engine/scenario/objects.ts). */
export const SCALE_METRIC_EXAMPLES = ['cpu', 'memory', 'concurrency', 'rps'] as const;

function annotationKeys(releases: readonly Release[], where: Where, t: SchemaText): Record<string, Schema> {
  const note = where === 'component' ? `\n\n${t.componentNote}` : '';
  const klass = autoscalerClassDocs(releases, t);
  const mode = deploymentModeDocs(releases, t);
  const stopText = spansWhere(releases, (b) => b.shouldCreate === 'classIsHpaAndNotStopped', t) || t.never;
  const keys: Record<string, Schema> = {
    [ANNOTATION.autoscalerClass]: doc(klass.summary + note, {
      title: ANNOTATION.autoscalerClass,
      enum: klass.values,
      markdownEnumDescriptions: klass.perValue,
    }),
    [ANNOTATION.stop]: doc(
      t.stop(stopText, note),
      { title: ANNOTATION.stop, type: 'string', examples: ['true', 'false'] },
    ),
    [ANNOTATION.targetUtilizationPercentage]: doc(
      `${t.targetUtilization}\n\n` +
        perReleaseLines(releases, (b) => [
          b.builder === 'A' ? t.targetUtilizationA(DEFAULT_CPU_UTILIZATION) : t.targetUtilizationB,
          b.webhookChecksTargetUtilization ? t.webhookChecksInteger : t.webhookIgnores,
        ].join('; '), t) + note,
      { title: ANNOTATION.targetUtilizationPercentage, type: 'string', pattern: '^[+-]?[0-9]+$', patternErrorMessage: t.wholeNumber },
    ),
    [ANNOTATION.metrics]: doc(
      `${t.metrics}\n\n` +
        perReleaseLines(releases, (b) => b.webhookMetricValues ? t.metricsAccepts(b.webhookMetricValues.map((v) => `\`${v}\``).join(', ')) : t.webhookIgnores, t) + note,
      { title: ANNOTATION.metrics, type: 'string' },
    ),
  };
  if (where === 'isvc') {
    keys[ANNOTATION.deploymentMode] = doc(mode.summary, {
      title: ANNOTATION.deploymentMode,
      enum: mode.values,
      markdownEnumDescriptions: mode.perValue,
    });
  }
  return keys;
}

function annotations(releases: readonly Release[], where: Where, t: SchemaText): Schema {
  const intro = where === 'isvc' ? t.isvcAnnotations : t.componentAnnotations;
  return stringMap(intro, annotationKeys(releases, where, t));
}

/** The fields every component shares, stored once under `definitions.component`. */
function componentFields(releases: readonly Release[], t: SchemaText): Schema {
  const builder = (text: Record<'A' | 'B', string>): string => perReleaseLines(releases, (b) => text[b.builder], t);
  const kept = perReleaseLines(releases, (b) => b.keepReplicasClass ? t.replicasHeld(b.keepReplicasClass) : t.noReplicasHeld, t);
  return {
    type: ['object', 'null'],
    properties: {
      minReplicas: doc(t.minReplicas(DEFAULT_MIN_REPLICAS, kept), { type: ['integer', 'null'] }),
      maxReplicas: doc(t.maxReplicas, { type: ['integer', 'null'] }),
      scaleTarget: doc(`${t.scaleTarget}\n\n` + builder({ A: t.scaleTargetA(DEFAULT_CPU_UTILIZATION), B: t.scaleTargetB(DEFAULT_CPU_UTILIZATION) }), { type: ['integer', 'null'] }),
      // Any string, as the parser reads it: the examples are what completion offers.
      scaleMetric: doc(t.scaleMetric, { type: ['string', 'null'], examples: [...SCALE_METRIC_EXAMPLES] }),
      autoScaling: doc(`${t.autoScaling}\n\n` + builder({ A: t.autoScalingA, B: t.autoScalingB }), {
        type: ['object', 'null'],
        properties: {
          metrics: doc(t.autoScalingMetrics, {
            type: ['array', 'null'],
            items: {
              type: 'object',
              properties: {
                type: doc(t.metricType, { type: 'string', examples: ['Resource'] }),
                resource: doc(t.metricResource, {
                  type: 'object',
                  properties: {
                    name: doc(t.resourceName, { type: 'string', examples: ['cpu', 'memory'] }),
                    target: doc(t.resourceTarget, { type: 'object' }),
                  },
                }),
              },
            },
          }),
        },
      }),
      annotations: annotations(releases, 'component', t),
      labels: stringMap(t.componentLabels),
    },
  };
}

function componentSchema(name: string, t: SchemaText): Schema {
  return doc(t.component(name), {
    type: ['object', 'null'],
    allOf: [{ $ref: '#/definitions/component' }],
  });
}

function isvcObject(releases: readonly Release[], t: SchemaText): Schema {
  const components = Object.fromEntries(COMPONENTS.map((name) => [name, componentSchema(name, t)]));
  return doc(t.isvc, {
    type: 'object',
    required: ['apiVersion', 'kind', 'metadata', 'spec'],
    properties: {
      apiVersion: doc(t.isvcApiVersion(ISVC_API_VERSION), { type: 'string', pattern: '^serving\\.kserve\\.io/', patternErrorMessage: t.isvcApiVersionError(ISVC_API_VERSION) }),
      kind: doc(t.isvcKind, { enum: ['InferenceService', 'List'] }),
      metadata: objectMetaSchema('InferenceService', {
        labels: stringMap(t.isvcLabels),
        annotations: annotations(releases, 'isvc', t),
        ownerReferences: ownerReferencesSchema('', t),
      }, t),
      spec: doc(t.isvcSpec, { type: 'object', required: ['predictor'], properties: components }),
      ...topLevelNoise(t),
    },
  });
}

/** The `inferenceservice` editor schema: one InferenceService per document, or a `kind: List` of them. */
export function buildInferenceServiceSchema(releases: readonly Release[], t: SchemaText = schemaText()): Schema {
  return withList(isvcObject(releases, t), 'InferenceService', { component: componentFields(releases, t) }, t);
}
