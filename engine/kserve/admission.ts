/**
 * KServe's validating webhook for InferenceServices, reduced to the HPA-related rules
 * (pkg/apis/serving/v1beta1/inference_service_validation.go). A refused create or update is
 * never stored and so reconciles nothing.
 */
import type { InferenceService } from '../k8s/types.ts';
import { ANNOTATION } from './constants.ts';
import type { Behaviour } from './releases.ts';

export type Admission = { allowed: true } | { allowed: false; message: string };

export type AdmissionRules = Pick<Behaviour, 'webhookClasses' | 'webhookChecksTargetUtilization' | 'webhookMetricValues' | 'statusModeNames'>;

/** Runs on create and update alike; only ISVC-level annotations are validated, in every mode. */
export function admitInferenceService(behaviour: AdmissionRules, isvc: InferenceService): Admission {
  const annotations = isvc.metadata.annotations ?? {};
  const className = annotations[ANNOTATION.autoscalerClass];
  if (className !== undefined && !behaviour.webhookClasses.includes(className)) {
    return { allowed: false, message: `[${className}] is not a supported autoscaler class type (this release accepts ${behaviour.webhookClasses.join(', ')})` };
  }
  const target = annotations[ANNOTATION.targetUtilizationPercentage];
  if (target !== undefined && behaviour.webhookChecksTargetUtilization) {
    const value = /^[+-]?\d+$/.test(target) ? Number(target) : Number.NaN;
    if (!(value >= 1 && value <= 100)) {
      return { allowed: false, message: `the target utilization percentage should be a [1-100] integer, got "${target}"` };
    }
  }
  const metric = annotations[ANNOTATION.metrics];
  const allowedMetrics = behaviour.webhookMetricValues;
  if (metric !== undefined && className === 'hpa' && allowedMetrics && !allowedMetrics.includes(metric)) {
    return { allowed: false, message: `[${metric}] is not a supported metric (${allowedMetrics.join(', ')})` };
  }
  return { allowed: true };
}

/**
 * An UPDATE (by anyone, the controller's own finalizer patches included) also runs
 * validateDeploymentMode from v0.15.1: the annotation may not differ from the mode recorded in
 * the stored object's status. From v0.16 the status says `Standard`, so the long-documented
 * annotation value `RawDeployment` makes every update fail.
 */
export function admitInferenceServiceUpdate(behaviour: AdmissionRules, stored: InferenceService, next: InferenceService): Admission {
  const recorded = stored.status?.deploymentMode;
  const annotated = next.metadata.annotations?.[ANNOTATION.deploymentMode];
  if (behaviour.statusModeNames && recorded && annotated !== undefined && annotated !== recorded) {
    return { allowed: false, message: `update rejected: deploymentMode cannot be changed from '${recorded}' to '${annotated}'` };
  }
  return admitInferenceService(behaviour, next);
}
