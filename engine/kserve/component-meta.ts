/**
 * The object meta KServe gives every object of a component (components/predictor.go and friends):
 * name `<isvc>-<component>` (from v0.20.0-rc0 `<isvc>-<name>-predictor` when spec.predictor.name
 * is set), the ISVC's labels and annotations overlaid by the component's, minus the disallowed
 * annotations, plus KServe's own two labels.
 * Not modelled: ServingRuntime pod labels/annotations (lowest priority), the legacy
 * `<isvc>-predictor-default` name, and logger/batcher/agent annotations.
 */
import type { CanarySpec, ComponentName, ComponentSpec, InferenceService, PodTemplateMeta } from '../k8s/types.ts';
import { DISALLOWED_ANNOTATIONS, LABEL } from './constants.ts';
import type { Behaviour } from './releases.ts';

export interface ComponentMeta {
  name: string;
  namespace: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
}

type NamingRules = Pick<Behaviour, 'predictorNameFromSpec'>;

/** `<isvc>-<component>`, or `<isvc>-<predictorName>-predictor` (PredictorServiceName in v0.20). */
export function componentName(isvcName: string, component: ComponentName, predictorName: string | null = null): string {
  return component === 'predictor' && predictorName ? `${isvcName}-${predictorName}-predictor` : `${isvcName}-${component}`;
}

/** The name a release gives a component of this InferenceService. */
export function componentNameIn(behaviour: NamingRules, isvc: Pick<InferenceService, 'metadata' | 'spec'>, component: ComponentName): string {
  const predictorName = behaviour.predictorNameFromSpec ? isvc.spec.predictor?.name ?? null : null;
  return componentName(isvc.metadata.name, component, predictorName);
}

export function componentMeta(behaviour: NamingRules, isvc: InferenceService, component: ComponentName): ComponentMeta {
  const spec = isvc.spec[component] ?? {};
  const annotations: Record<string, string> = { ...isvc.metadata.annotations, ...spec.annotations };
  for (const key of DISALLOWED_ANNOTATIONS) delete annotations[key];
  return {
    name: componentNameIn(behaviour, isvc, component),
    namespace: isvc.metadata.namespace,
    labels: {
      ...isvc.metadata.labels,
      ...spec.labels,
      [LABEL.inferenceService]: isvc.metadata.name,
      [LABEL.component]: component,
    },
    annotations,
  };
}

/**
 * A canary's object meta (v0.20.0-rc0+, components/predictor.go buildCanaryPredictor): the stable
 * predictor with the canary's fields merged over it, named `<isvc>-<canary name>-predictor`.
 */
export function canaryMeta(behaviour: NamingRules, isvc: InferenceService, canary: CanarySpec): ComponentMeta {
  const stable = isvc.spec.predictor ?? {};
  const annotations: Record<string, string> = { ...isvc.metadata.annotations, ...stable.annotations, ...canary.predictor.annotations };
  for (const key of DISALLOWED_ANNOTATIONS) delete annotations[key];
  return {
    name: componentName(isvc.metadata.name, 'predictor', canary.predictor.name ?? ''),
    namespace: isvc.metadata.namespace,
    labels: { ...isvc.metadata.labels, ...stable.labels, ...canary.predictor.labels, [LABEL.inferenceService]: isvc.metadata.name, [LABEL.component]: 'predictor' },
    annotations,
  };
}

/** canaryReplicaCount: the canary's minReplicas, else ceil(stable minReplicas (default 1) × traffic / 100). */
export function canaryReplicas(isvc: InferenceService, canary: CanarySpec): number {
  if (typeof canary.predictor.minReplicas === 'number') return canary.predictor.minReplicas;
  const stable = isvc.spec.predictor?.minReplicas;
  return Math.ceil((typeof stable === 'number' ? stable : 1) * canary.trafficPercent / 100);
}

/** The canaries a release reconciles: only with v0.20's predictor names. */
export function canariesOf(behaviour: NamingRules, isvc: InferenceService): CanarySpec[] {
  return behaviour.predictorNameFromSpec ? isvc.spec.canary ?? [] : [];
}

/**
 * The component extension KServe builds from: with canaries, the stable predictor's minReplicas
 * (when set) is lowered by the canaries' replicas, to at least 1 (predictor.go, v0.20.0 :794-803).
 * With #5984 (master) only the canaries `ready` says are Ready count, and with none of them the
 * minReplicas stays as written, even 0 (`adjustStableMinReplicasForCanaries`, master :877-900).
 */
export function componentExtension(
  behaviour: NamingRules & Pick<Behaviour, 'canaryReadinessGated'>,
  isvc: InferenceService,
  component: ComponentName,
  canary: CanarySpec | null,
  ready: (canary: CanarySpec) => boolean = () => true,
): ComponentSpec {
  if (canary) return { minReplicas: canaryReplicas(isvc, canary) };
  const spec = isvc.spec[component] ?? {};
  const canaries = component === 'predictor' ? canariesOf(behaviour, isvc) : [];
  if (canaries.length === 0 || typeof spec.minReplicas !== 'number') return spec;
  const counted = behaviour.canaryReadinessGated ? canaries.filter(ready) : canaries;
  const taken = counted.reduce((sum, c) => sum + canaryReplicas(isvc, c), 0);
  if (behaviour.canaryReadinessGated && taken === 0) return spec;
  return { ...spec, minReplicas: Math.max(spec.minReplicas - taken, 1) };
}

/** The components an InferenceService has, in the order KServe reconciles them. */
export function componentsOf(isvc: InferenceService): ComponentName[] {
  const order: ComponentName[] = ['predictor', 'transformer', 'explainer'];
  return order.filter((component) => component === 'predictor' || isvc.spec[component] !== undefined);
}

/** Every name KServe could give this InferenceService's components in any release (for lints and the explorer). */
export function possibleComponentNames(isvc: Pick<InferenceService, 'metadata' | 'spec'>): string[] {
  const names = (['predictor', 'transformer', 'explainer'] as const).map((c) => componentName(isvc.metadata.name, c));
  const named = [isvc.spec.predictor?.name, ...(isvc.spec.canary ?? []).map((c) => c.predictor.name)].filter((n): n is string => Boolean(n));
  return [...names, ...named.map((n) => componentName(isvc.metadata.name, 'predictor', n))];
}

/** The annotation through which the storage initializer learns the model's URI (constants.StorageInitializerSourceUriInternalAnnotationKey). */
export const SOURCE_URI_ANNOTATION = 'internal.serving.kserve.io/storage-initializer-sourceuri';

/**
 * The pod template's metadata KServe gives a part's Deployment: the component meta, with the
 * model's storage URI as the source-URI annotation when one is set (predictor.go v0.12.0
 * :245-249, v0.20.0 :116-120 and :294-299; transformer.go and explainer.go alike), so a new model
 * version changes the template. A canary merges its predictor over the stable one (v0.20.0
 * buildCanaryPredictor :897-901): its own URI, else the stable's.
 * Not modelled: the same annotation on the HPA's metadata (the HPA is built from the component meta too).
 */
export function podTemplate(isvc: InferenceService, component: ComponentName, canary: CanarySpec | null, meta: Pick<ComponentMeta, 'labels' | 'annotations'>): PodTemplateMeta {
  const uri = canary ? canary.predictor.storageUri ?? isvc.spec.predictor?.storageUri : isvc.spec[component]?.storageUri;
  return { labels: meta.labels, annotations: uri === undefined ? meta.annotations : { ...meta.annotations, [SOURCE_URI_ANNOTATION]: uri } };
}
