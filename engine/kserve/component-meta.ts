/**
 * The object meta KServe gives every object of a component (components/predictor.go and friends):
 * name `<isvc>-<component>`, the ISVC's labels and annotations overlaid by the component's, minus
 * the disallowed annotations, plus KServe's own two labels.
 * Not modelled: ServingRuntime pod labels/annotations (lowest priority), the legacy
 * `<isvc>-predictor-default` name, and logger/batcher/agent annotations.
 */
import type { ComponentName, InferenceService } from '../k8s/types.ts';
import { DISALLOWED_ANNOTATIONS, LABEL } from './constants.ts';

export interface ComponentMeta {
  name: string;
  namespace: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
}

export function componentName(isvcName: string, component: ComponentName): string {
  return `${isvcName}-${component}`;
}

export function componentMeta(isvc: InferenceService, component: ComponentName): ComponentMeta {
  const spec = isvc.spec[component] ?? {};
  const annotations: Record<string, string> = { ...isvc.metadata.annotations, ...spec.annotations };
  for (const key of DISALLOWED_ANNOTATIONS) delete annotations[key];
  return {
    name: componentName(isvc.metadata.name, component),
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
