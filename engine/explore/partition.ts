/**
 * A whole namespace or repository checked one InferenceService at a time. KServe reconciles each
 * InferenceService on its own and looks up HPAs by exact name in its namespace, so what can happen
 * to one InferenceService's HPAs depends only on it and on the HPAs of its namespace that bear one
 * of its component names or scale one of its Deployments. Splitting keeps each search small
 * (a 200-model namespace is 200 small searches, not one impossible one).
 */
import { keyOf, type InferenceService, type KubeObject } from '../k8s/types.ts';
import { possibleComponentNames } from '../kserve/component-meta.ts';
import { kedaHpaName } from '../keda/operator.ts';
import type { Scenario, ScenarioObject } from '../scenario/scenario.ts';

export interface Part {
  /** namespace/name of the InferenceService. */
  isvc: string;
  scenario: Scenario;
}

/**
 * HPAs and ScaledObjects that belong with an InferenceService: same namespace, and a component's
 * name (the object's, or the HPA KEDA makes for it) or a Deployment's as the target.
 */
export function relatedTo(isvc: InferenceService, object: KubeObject): boolean {
  if (object.kind === 'InferenceService' || object.metadata.namespace !== isvc.metadata.namespace) return false;
  const names = possibleComponentNames(isvc);
  if (object.kind === 'ScaledObject') {
    const target = object.spec.scaleTargetRef;
    return names.includes(object.metadata.name) || names.includes(kedaHpaName(object)) || ((target.kind ?? 'Deployment') === 'Deployment' && names.includes(target.name));
  }
  return names.includes(object.metadata.name) || (object.spec.scaleTargetRef.kind === 'Deployment' && names.includes(object.spec.scaleTargetRef.name));
}

export function partitionScenario(scenario: Scenario): Part[] {
  const isvcs = scenario.objects.filter((o): o is ScenarioObject & { object: InferenceService } => o.object.kind === 'InferenceService');
  return isvcs.map((entry) => ({
    isvc: keyOf(entry.object.metadata),
    scenario: {
      ...scenario,
      objects: scenario.objects.filter((o) => o === entry || relatedTo(entry.object, o.object)),
      events: [],
    },
  }));
}

/** HPAs no InferenceService of the input looks up or scales: `check` says it left them out. */
export function unrelatedHpas(scenario: Scenario): ScenarioObject[] {
  const isvcs = scenario.objects.flatMap((o) => (o.object.kind === 'InferenceService' ? [o.object] : []));
  return scenario.objects.filter((o) => o.object.kind === 'HorizontalPodAutoscaler' && !isvcs.some((isvc) => relatedTo(isvc, o.object)));
}
