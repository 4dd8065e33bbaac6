/**
 * JSON Schema for the parts of an InferenceService (serving.kserve.io/v1beta1) this bug involves:
 * the autoscaling annotations and the components' scaling fields. Everything else is allowed
 * untyped. Release-dependent text is folded from the engine's release table.
 */
import { ANNOTATION, DEFAULT_CPU_UTILIZATION, DEFAULT_MIN_REPLICAS, ISVC_API_VERSION } from '../../engine/kserve/constants.ts';
import { COMPONENTS } from '../../engine/k8s/types.ts';
import type { Release } from '../../engine/kserve/releases.ts';
import { autoscalerClassDocs, deploymentModeDocs, perReleaseLines, spansWhere } from './release-notes.ts';
import { doc, objectMetaSchema, ownerReferencesSchema, stringMap, TOP_LEVEL_NOISE, withList, type Schema } from './schema-meta.ts';

type Where = 'isvc' | 'component';

const COMPONENT_NOTE = 'Here on a component it overrides the InferenceService’s value for that component only; the webhook does not check component annotations.';

function annotationKeys(releases: readonly Release[], where: Where): Record<string, Schema> {
  const note = where === 'component' ? `\n\n${COMPONENT_NOTE}` : '';
  const klass = autoscalerClassDocs(releases);
  const mode = deploymentModeDocs(releases);
  const stopText = spansWhere(releases, (b) => b.shouldCreate === 'classIsHpaAndNotStopped') || 'never';
  const keys: Record<string, Schema> = {
    [ANNOTATION.autoscalerClass]: doc(klass.summary + note, {
      title: ANNOTATION.autoscalerClass,
      enum: klass.values,
      markdownEnumDescriptions: klass.perValue,
    }),
    [ANNOTATION.stop]: doc(
      `\`"true"\` stops the model: KServe creates no HPA and deletes the one an InferenceService owns. Honoured ${stopText}; other releases ignore it. Quote the value: annotations are strings.${note}`,
      { title: ANNOTATION.stop, type: 'string', examples: ['true', 'false'] },
    ),
    [ANNOTATION.targetUtilizationPercentage]: doc(
      'CPU utilization target for the HPA KServe builds, as a quoted integer.\n\n' +
        perReleaseLines(releases, (b) => [
          b.builder === 'A' ? `the HPA uses it unless \`scaleTarget\` is set (default ${DEFAULT_CPU_UTILIZATION})` : 'not read: the HPA takes `scaleTarget` or `autoScaling.metrics`',
          b.webhookChecksTargetUtilization ? 'the webhook requires an integer 1–100' : 'the webhook does not check it',
        ].join('; ')) + note,
      { title: ANNOTATION.targetUtilizationPercentage, type: 'string', pattern: '^[+-]?[0-9]+$', patternErrorMessage: 'A quoted whole number such as "80".' },
    ),
    [ANNOTATION.metrics]: doc(
      'The metric for class `hpa`.\n\n' +
        perReleaseLines(releases, (b) => b.webhookMetricValues ? `with class \`hpa\` the webhook accepts ${b.webhookMetricValues.map((v) => `\`${v}\``).join(', ')}` : 'the webhook does not check it') + note,
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

function annotations(releases: readonly Release[], where: Where): Schema {
  const intro = where === 'isvc'
    ? 'Annotations of the InferenceService. KServe copies them onto every object of every component, HPAs included; the admission webhook checks the autoscaling ones.'
    : 'Annotations of this component; they overlay the InferenceService’s annotations on its objects.';
  return stringMap(intro, annotationKeys(releases, where));
}

/** The fields every component shares, stored once under `definitions.component`. */
function componentFields(releases: readonly Release[]): Schema {
  const builder = (text: Record<'A' | 'B', string>): string => perReleaseLines(releases, (b) => text[b.builder]);
  const kept = perReleaseLines(releases, (b) => b.keepReplicasClass
    ? `with class \`${b.keepReplicasClass}\` the Deployment’s replicas are held at minReplicas`
    : 'no class holds the Deployment’s replicas');
  return {
    type: ['object', 'null'],
    properties: {
      minReplicas: doc(`Lowest replica count; below 1 (or unset) becomes ${DEFAULT_MIN_REPLICAS}.\n\n${kept}`, { type: ['integer', 'null'] }),
      maxReplicas: doc('Highest replica count of the HPA KServe builds; below minReplicas (unset counts as 0) becomes minReplicas.', { type: ['integer', 'null'] }),
      scaleTarget: doc('Target of the scale metric (percent for Utilization).\n\n' + builder({
        A: `overrides \`serving.kserve.io/targetUtilizationPercentage\`; default ${DEFAULT_CPU_UTILIZATION}`,
        B: `used when \`autoScaling\` is absent; default ${DEFAULT_CPU_UTILIZATION} for cpu, and memory without it gives no metric`,
      }), { type: ['integer', 'null'] }),
      scaleMetric: doc('The resource to scale on; `concurrency` and `rps` are Knative (Serverless) metrics.', {
        enum: ['cpu', 'memory', 'concurrency', 'rps', null],
      }),
      autoScaling: doc('Metrics for the HPA (`autoScaling.metrics`).\n\n' + builder({
        A: 'ignored: the HPA is built from scaleMetric/scaleTarget',
        B: 'when present, the HPA gets one metric per Resource cpu/memory entry; others are dropped',
      }), {
        type: ['object', 'null'],
        properties: {
          metrics: doc('Like the HPA’s metrics: `type: Resource` with `resource.name` cpu or memory and a `target`.', {
            type: ['array', 'null'],
            items: {
              type: 'object',
              properties: {
                type: doc('`Resource` is the type the lab models.', { type: 'string', examples: ['Resource'] }),
                resource: doc('cpu (target averageUtilization, default 80) or memory (Utilization or AverageValue).', {
                  type: 'object',
                  properties: {
                    name: doc('`cpu` or `memory`.', { type: 'string', examples: ['cpu', 'memory'] }),
                    target: doc('`type` Utilization with `averageUtilization`, or AverageValue with `averageValue`.', { type: 'object' }),
                  },
                }),
              },
            },
          }),
        },
      }),
      annotations: annotations(releases, 'component'),
      labels: stringMap('Labels of this component; they overlay the InferenceService’s labels on its objects.'),
    },
  };
}

function componentSchema(name: string): Schema {
  return doc(`The ${name}. KServe names its Deployment and HPA \`<isvc>-${name}\`.`, {
    type: ['object', 'null'],
    allOf: [{ $ref: '#/definitions/component' }],
  });
}

function isvcObject(releases: readonly Release[]): Schema {
  const components = Object.fromEntries(COMPONENTS.map((name) => [name, componentSchema(name)]));
  return doc('A KServe InferenceService.', {
    type: 'object',
    required: ['apiVersion', 'kind', 'metadata', 'spec'],
    properties: {
      apiVersion: doc(`\`${ISVC_API_VERSION}\`.`, { type: 'string', pattern: '^serving\\.kserve\\.io/', patternErrorMessage: `An InferenceService has apiVersion ${ISVC_API_VERSION}.` }),
      kind: doc('`InferenceService`, or `List` for several.', { enum: ['InferenceService', 'List'] }),
      metadata: objectMetaSchema('InferenceService', {
        labels: stringMap('Labels. KServe copies them onto every object of every component.'),
        annotations: annotations(releases, 'isvc'),
        ownerReferences: ownerReferencesSchema(''),
      }),
      spec: doc('The components. Only the predictor is required.', { type: 'object', required: ['predictor'], properties: components }),
      ...TOP_LEVEL_NOISE,
    },
  });
}

/** The `inferenceservice` editor schema: one InferenceService per document, or a `kind: List` of them. */
export function buildInferenceServiceSchema(releases: readonly Release[]): Schema {
  return withList(isvcObject(releases), 'InferenceService', { component: componentFields(releases) });
}
