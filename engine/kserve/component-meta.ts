/**
 * The object meta KServe gives every object of a component (components/predictor.go and friends):
 * name `<isvc>-<component>` (from v0.20.0-rc0 `<isvc>-<name>-predictor` when spec.predictor.name
 * is set), the ISVC's labels and annotations overlaid by the component's, minus the disallowed
 * annotations, plus KServe's own two labels.
 * Not modelled: ServingRuntime pod labels/annotations (lowest priority), the legacy
 * `<isvc>-predictor-default` name, and logger/batcher/agent annotations.
 */
import type { ComponentName, InferenceService } from '../k8s/types.ts';
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

/** The components an InferenceService has, in the order KServe reconciles them. */
export function componentsOf(isvc: InferenceService): ComponentName[] {
  const order: ComponentName[] = ['predictor', 'transformer', 'explainer'];
  return order.filter((component) => component === 'predictor' || isvc.spec[component] !== undefined);
}

/** Every name KServe could give this InferenceService's components in any release (for lints and the explorer). */
export function possibleComponentNames(isvc: Pick<InferenceService, 'metadata' | 'spec'>): string[] {
  const names = (['predictor', 'transformer', 'explainer'] as const).map((c) => componentName(isvc.metadata.name, c));
  const named = isvc.spec.predictor?.name;
  return named ? [...names, componentName(isvc.metadata.name, 'predictor', named)] : names;
}
